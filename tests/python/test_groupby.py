"""groupby: keys, as_index, dropna, sort, every aggregation, agg forms and size, compared
with pandas 3.1.1 on the same data.

Every expectation comes from running the same operation in pandas on the same data (the
penguins CSV, or generated frames brought in with read_pandas / read_sql); nothing is
written out by hand except the error messages' phrases.
"""

from __future__ import annotations

import builtins

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from cormorant.counted import _Counted
from conftest import RTOL, assert_same, check_raises, nullable, nullable_index


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


FUNCS = ["sum", "mean", "min", "max", "count", "std", "var", "median", "nunique", "first", "last"]
# What pandas computes on string columns (sum concatenates; see STRING_SUM_BUG).
STRING_FUNCS = ["min", "max", "count", "nunique", "first", "last"]
# What pandas refuses on string columns with a TypeError.
NUMERIC_ONLY_FUNCS = ["mean", "std", "var", "median"]

PENGUIN_NUMBERS = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]


# ---------------------------------------------------------------------------------------
# Comparison
# ---------------------------------------------------------------------------------------


def assert_gb(got, want, exact_int64: bool = True) -> None:
    """A groupby result equals pandas' result: values, index (levels, names, order), column
    order, and dtypes as assert_same compares them.

    cormorant returns results whose columns pandas types as numpy int64 (count of a string
    column, size, nunique) wrapped in groupby._Counted, which converts them to int64 in
    to_pandas(); assert_same compares the wrapped DataFrame/Series (the wrapper's type is
    checked on its own in test_result_types). With `exact_int64` (for pandas inputs of
    nullable dtypes, where pandas' results are nullable except for counts), int64 must be
    exactly where pandas has it: a count given as Int64 fails, as does an Int64 sum given as
    int64.
    """
    # labels (MultiIndex columns of lists of functions too) come from the core
    assert_same(got._obj if isinstance(got, _Counted) else got, want)
    if not exact_int64:
        return
    out = got.to_pandas()
    if isinstance(want, pd.DataFrame):
        got_int64 = [c for c in out.columns if out[c].dtype == "int64"]
        want_int64 = [c for c in want.columns if want[c].dtype == "int64"]
        assert got_int64 == want_int64, f"int64 columns: got {got_int64}, pandas {want_int64}"
    else:
        assert (out.dtype == "int64") == (want.dtype == "int64"), f"dtype: got {out.dtype}, pandas {want.dtype}"


def both(fn, cdf, pdf, exact_int64: bool = True) -> None:
    """Applies `fn` to the cormorant and the pandas frame and compares the results."""
    assert_gb(fn(cdf), fn(pdf), exact_int64)


def stable(df, **kwargs):
    """sort_values as a stable sort: pandas needs kind='stable'; cormorant's sorts are stable."""
    return {"kind": "stable", **kwargs} if isinstance(df, pd.DataFrame) else kwargs


# ---------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------


def values_frame() -> pd.DataFrame:
    """Ten rows, nullable dtypes. Keys: `k` (string, one <NA>, first seen in the order a, b,
    c, <NA>, d), `g` (Int64 with <NA>s), `b` (boolean with <NA>s). Group k == 'd' has only
    <NA> values (its sum is 0 in pandas); groups of one non-missing value have no std/var."""
    return pd.DataFrame(
        {
            "k": pd.array(["a", "b", "a", "c", "b", "c", None, "a", "d", "d"], dtype="string"),
            "g": pd.array([1, 1, 2, 2, None, 1, 1, 2, None, None], dtype="Int64"),
            "i": pd.array([1, None, 3, 4, 5, None, 7, 8, None, None], dtype="Int64"),
            "f": pd.array([0.5, None, 2.5, None, -1.0, None, 3.0, 0.25, None, None], dtype="Float64"),
            "s": pd.array(["x", None, "y", "z", "y", None, "w", "x", None, None], dtype="string"),
            "b": pd.array([True, None, False, True, None, None, True, True, None, None], dtype="boolean"),
        }
    )


@pytest.fixture(scope="module")
def gen():
    """(cormorant, pandas) values_frame()."""
    pdf = values_frame()
    return cpd.read_pandas(pdf), pdf



# ---------------------------------------------------------------------------------------
# Known differences from pandas (strict xfails; the report lists a reproduction for each)
# ---------------------------------------------------------------------------------------

STRING_SUM_BUG = (
    "sum of a string column raises DTypeError \"cannot compute sum of dtype 'string'\"; pandas concatenates "
    "the group's strings (skipping <NA>)"
)


# ---------------------------------------------------------------------------------------
# Penguins: every aggregation on each shape of groupby
# ---------------------------------------------------------------------------------------

# (id, groupby arguments, selection or None for all non-key columns, kind of the selection)
PENGUIN_SHAPES = [
    ("one_key", ("species",), {}, PENGUIN_NUMBERS, "numeric"),
    ("two_keys", (["species", "island"],), {}, PENGUIN_NUMBERS, "numeric"),
    ("as_index_false", (["species", "island"],), {"as_index": False}, PENGUIN_NUMBERS, "numeric"),
    ("dropna_true", ("sex",), {}, PENGUIN_NUMBERS, "numeric"),
    ("dropna_false", ("sex",), {"dropna": False}, PENGUIN_NUMBERS, "numeric"),
    ("dropna_false_two_keys", (["species", "sex"],), {"dropna": False}, PENGUIN_NUMBERS, "numeric"),
    ("sort_false", ("island",), {"sort": False}, PENGUIN_NUMBERS, "numeric"),
    ("sort_false_dropna_false", (["sex", "island"],), {"sort": False, "dropna": False}, PENGUIN_NUMBERS, "numeric"),
    ("as_index_false_sort_false_dropna_false", ("sex",), {"as_index": False, "sort": False, "dropna": False},
     PENGUIN_NUMBERS, "numeric"),
    ("strings", ("species",), {}, ["island", "sex"], "string"),
    ("strings_dropna_false", ("island",), {"dropna": False, "sort": False}, ["sex", "species"], "string"),
    ("series", ("species",), {}, "body_mass_g", "numeric"),
    ("series_float", (["island", "sex"],), {"dropna": False}, "bill_depth_mm", "numeric"),
    ("series_as_index_false", ("species",), {"as_index": False}, "body_mass_g", "numeric"),
    ("series_string", ("island",), {}, "sex", "string"),
    ("series_string_as_index_false", ("species",), {"as_index": False, "sort": False}, "sex", "string"),
    ("whole_frame", ("species",), {}, None, "string"),
    ("whole_frame_as_index_false", (["species", "sex"],), {"as_index": False, "dropna": False}, None, "string"),
]


def _penguin_cases():
    for shape_id, args, kwargs, selection, kind in PENGUIN_SHAPES:
        for func in FUNCS:
            if kind == "string" and func in NUMERIC_ONLY_FUNCS:
                continue  # pandas raises: test_numeric_only_functions_on_strings
            marks = [xfail(STRING_SUM_BUG)] if kind == "string" and func == "sum" else []
            for how in ("method", "agg"):
                yield pytest.param(args, kwargs, selection, func, how, id=f"{shape_id}-{func}-{how}", marks=marks)


def _grouped(df, args, kwargs, selection):
    gb = df.groupby(*args, **kwargs)
    return gb if selection is None else gb[selection]


def _apply(gb, func, how):
    return getattr(gb, func)() if how == "method" else gb.agg(func)


@pytest.mark.parametrize("args, kwargs, selection, func, how", list(_penguin_cases()))
def test_penguins(penguins, args, kwargs, selection, func, how):
    both(lambda d: _apply(_grouped(d, args, kwargs, selection), func, how), *penguins)


@pytest.mark.parametrize("func", NUMERIC_ONLY_FUNCS)
@pytest.mark.parametrize("selection", [["island", "sex"], "sex", None], ids=["list", "series", "whole_frame"])
def test_numeric_only_functions_on_strings(penguins, func, selection):
    c, p = penguins
    check_raises(
        ex.DTypeError,
        TypeError,
        f"cannot compute {func} of dtype 'string'",
        lambda: _apply(_grouped(c, ("species",), {}, selection), func, "method").to_pandas(),
        lambda: _apply(_grouped(p, ("species",), {}, selection), func, "method"),
    )


# ---------------------------------------------------------------------------------------
# Generated data: <NA> in keys and values, all-<NA> groups, every option
# ---------------------------------------------------------------------------------------

GEN_KEYS = {"string": ["k"], "int": ["g"], "two": ["k", "g"], "bool": ["b"]}
GEN_OPTIONS = {
    "default": {},
    "dropna_false": {"dropna": False},
    "sort_false": {"sort": False},
    "sort_false_dropna_false": {"sort": False, "dropna": False},
    "as_index_false_dropna_false": {"as_index": False, "dropna": False},
    "as_index_false_sort_false": {"as_index": False, "sort": False},
}


def _value_columns(keys, func):
    return [c for c in ("i", "f", "s", "b") if c not in keys and (c != "s" or func in STRING_FUNCS)]


@pytest.mark.parametrize("options", list(GEN_OPTIONS.values()), ids=list(GEN_OPTIONS))
@pytest.mark.parametrize("keys", list(GEN_KEYS.values()), ids=list(GEN_KEYS))
@pytest.mark.parametrize("func", FUNCS)
def test_generated(gen, func, keys, options):
    cols = _value_columns(keys, func)
    both(lambda d: getattr(d.groupby(keys, **options)[cols], func)(), *gen)


@pytest.mark.parametrize("func", FUNCS)
def test_generated_series(gen, func):
    both(lambda d: getattr(d.groupby("k", dropna=False)["f"], func)(), *gen)
    both(lambda d: getattr(d.groupby(["g", "k"], sort=False)["i"], func)(), *gen)


@pytest.mark.parametrize("options", list(GEN_OPTIONS.values()), ids=list(GEN_OPTIONS))
@pytest.mark.parametrize("keys", list(GEN_KEYS.values()), ids=list(GEN_KEYS))
@pytest.mark.parametrize("func", ["any", "all"])
def test_any_all(gen, func, keys, options):
    # Missing values are skipped: any of nothing is False, all of nothing is True (the
    # all-<NA> group k == 'd').
    cols = [c for c in ("i", "f", "b") if c not in keys]
    both(lambda d: getattr(d.groupby(keys, **options)[cols], func)(), *gen)
    both(lambda d: d.groupby(keys, **options)[cols].agg(func), *gen)
    both(lambda d: d.groupby(keys, **options)[cols[0]].agg(func), *gen)


def test_any_all_penguins_and_strings(penguins):
    both(lambda d: d.groupby("species")[["body_mass_g", "bill_depth_mm"]].agg(["any", "all", "sum"]), *penguins)
    c, _ = penguins
    with pytest.raises(ex.UnsupportedError, match="string column"):
        c.groupby("species")["sex"].any()


@pytest.mark.parametrize("func", ["sum", "count", "nunique", "mean", "min", "first"])
def test_all_na_group(gen, func):
    """Group k == 'd' has only <NA> values: pandas' sum is 0, count and nunique 0, the
    others <NA>."""
    c, p = gen
    want = getattr(p.groupby("k")[["i", "f", "b"]], func)()
    if func in ("sum", "count", "nunique"):
        assert (want.loc["d"] == 0).all()  # the pandas rule this test is about
    else:
        assert want.loc["d"].isna().all()
    assert_gb(getattr(c.groupby("k")[["i", "f", "b"]], func)(), want)


def test_numpy_dtypes_input():
    """pandas frames of numpy dtypes (int64, float64 with NaN, object strings)."""
    pdf = pd.DataFrame(
        {"k": ["x", "y", "x", "y", "z", "x"], "i": [1, 2, 3, 4, 5, 6], "f": [1.0, np.nan, 2.0, 3.0, np.nan, -0.5]}
    )
    c = cpd.read_pandas(pdf)
    for func in FUNCS:
        both(lambda d: getattr(d.groupby("k"), func)(), c, pdf, exact_int64=False)
    both(lambda d: d.groupby("k").size(), c, pdf)


def test_key_order_of_strings():
    """sort=True orders string keys as Python does (by code point): case, accents, digits,
    the empty string."""
    pdf = pd.DataFrame(
        {
            "k": pd.array(["b", "B", "a", "Á", "_", "é", "10", "9", "a", "B", "", " "], dtype="string"),
            "v": pd.array(range(12), dtype="Int64"),
        }
    )
    c = cpd.read_pandas(pdf)
    both(lambda d: d.groupby("k")["v"].sum(), c, pdf)
    both(lambda d: d.groupby("k", sort=False)["v"].sum(), c, pdf)


def test_float_and_int_keys_with_na():
    pdf = pd.DataFrame(
        {
            "x": pd.array([2.5, None, -1.0, 2.5, 0.0, None, -1.0], dtype="Float64"),
            "n": pd.array([3, -1, 2, -1, 3, 10, None], dtype="Int64"),
            "v": pd.array([1, 2, 3, 4, 5, 6, 7], dtype="Int64"),
        }
    )
    c = cpd.read_pandas(pdf)
    for kwargs in ({}, {"dropna": False}, {"sort": False, "dropna": False}):
        both(lambda d: d.groupby("x", **kwargs)["v"].sum(), c, pdf)
        both(lambda d: d.groupby(["n", "x"], **kwargs).agg(t=("v", "sum"), m=("v", "mean")), c, pdf)


# ---------------------------------------------------------------------------------------
# Empty frames and duplicate rows
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("func", FUNCS)
def test_empty_frame(penguins, gen, func):
    both(lambda d: getattr(d.head(0).groupby("species")[PENGUIN_NUMBERS], func)(), *penguins)
    both(lambda d: getattr(d.head(0).groupby(["k", "g"], as_index=False)[["i", "f"]], func)(), *gen)
    both(lambda d: getattr(d.head(0).groupby("k", dropna=False)["i"], func)(), *gen)
    cols = _value_columns(["k"], func)
    both(lambda d: getattr(d[d["i"] > 100].groupby("k")[cols], func)(), *gen)  # filtered to nothing


def test_empty_frame_size_and_agg(gen):
    both(lambda d: d.head(0).groupby("k").size(), *gen)
    both(lambda d: d.head(0).groupby(["k", "g"], as_index=False).size(), *gen)
    both(lambda d: d.head(0).groupby("k").agg(t=("i", "sum"), n=("s", "count")), *gen)
    both(lambda d: d.head(0).groupby("k").agg({"i": "sum", "s": "max"}), *gen)


@pytest.mark.parametrize("func", FUNCS)
def test_duplicate_rows(func):
    pdf = pd.concat([values_frame(), values_frame(), values_frame().head(3)], ignore_index=True)
    c = cpd.read_pandas(pdf)
    both(lambda d: getattr(d.groupby(["k", "g"], dropna=False, sort=False)[["i", "f"]], func)(), c, pdf)
    both(lambda d: getattr(d.groupby("s")[["i", "b"]], func)(), c, pdf)


def test_duplicate_rows_from_read_sql():
    """read_sql rows have no order of their own, so only order-independent aggregations of
    sorted groups are compared."""
    rows = [("a", 1), ("a", 1), ("b", 2), ("b", 2), ("a", 3), ("c", None), ("c", None)]
    values = ", ".join(f"('{k}', {'NULL' if v is None else v})" for k, v in rows)
    c = cpd.read_sql(f"SELECT k, CAST(v AS BIGINT) AS v FROM (VALUES {values}) t(k, v)")
    pdf = pd.DataFrame({"k": pd.array([k for k, _ in rows], dtype="string"), "v": pd.array([v for _, v in rows], dtype="Int64")})
    for func in ("sum", "mean", "min", "max", "count", "std", "var", "median", "nunique"):
        both(lambda d: getattr(d.groupby("k")["v"], func)(), c, pdf)
    both(lambda d: d.groupby("k").size(), c, pdf)
    both(lambda d: d.groupby(["k", "v"], dropna=False, as_index=False).size(), c, pdf)


# ---------------------------------------------------------------------------------------
# size()
# ---------------------------------------------------------------------------------------

SIZE_CASES = {
    "one_key": (("species",), {}),
    "two_keys": ((["species", "island"],), {}),
    "dropna_true": (("sex",), {}),
    "dropna_false": ((["species", "sex"],), {"dropna": False}),
    "sort_false": ((["island", "sex"],), {"sort": False}),
    "sort_false_dropna_false": ((["sex", "island"],), {"sort": False, "dropna": False}),
    "as_index_false": ((["species", "island"],), {"as_index": False}),
    "as_index_false_dropna_false": (("sex",), {"as_index": False, "dropna": False, "sort": False}),
}


@pytest.mark.parametrize("args, kwargs", list(SIZE_CASES.values()), ids=list(SIZE_CASES))
def test_size(cpd_penguins, pd_penguins, args, kwargs):
    both(lambda d: d.groupby(*args, **kwargs).size(), cpd_penguins, pd_penguins)


def test_size_generated(gen):
    for keys in GEN_KEYS.values():
        for options in GEN_OPTIONS.values():
            both(lambda d: d.groupby(keys, **options).size(), *gen)


def test_size_of_a_column_list(cpd_penguins, pd_penguins):
    both(lambda d: d.groupby("species")[["sex", "year"]].size(), cpd_penguins, pd_penguins)


def test_size_of_a_column(cpd_penguins, pd_penguins):
    both(lambda d: d.groupby("species")["sex"].size(), cpd_penguins, pd_penguins)


@pytest.mark.parametrize(
    "fn, cls",
    [
        (lambda d: d.groupby("species").size(), "Series"),
        (lambda d: d.groupby("species", as_index=False).size(), "DataFrame"),
        (lambda d: d.groupby("species").count(), "DataFrame"),
        (lambda d: d.groupby("species")["sex"].nunique(), "Series"),
        (lambda d: d.groupby("species").agg(n=("sex", "count")), "DataFrame"),
    ],
    ids=["size", "size_as_index_false", "count", "series_nunique", "named_count"],
)
def test_result_types(cpd_penguins, pd_penguins, fn, cls):
    assert isinstance(fn(pd_penguins), getattr(pd, cls))
    assert isinstance(fn(cpd_penguins), getattr(cpd, cls))


def test_size_result_arithmetic(cpd_penguins, pd_penguins):
    both(lambda d: d.groupby("species").size() + 1, cpd_penguins, pd_penguins, exact_int64=False)


def test_size_result_comparison(cpd_penguins, pd_penguins):
    both(lambda d: d.groupby("species").size() > 100, cpd_penguins, pd_penguins)


def test_counted_results_filter_and_select(cpd_penguins, pd_penguins):
    """A result with counts is a DataFrame/Series: masks over it and its columns work, and
    keep pandas' int64 (they raised TypeError before)."""
    def named(d):
        g = d.groupby("species", as_index=False).agg(n=("sex", "count"), m=("bill_length_mm", "mean"))
        return g[g["n"] > 70]

    def sizes(d):
        s = d.groupby("island").size()
        return s[s > 100]

    both(named, cpd_penguins, pd_penguins)
    both(lambda d: named(d)["n"], cpd_penguins, pd_penguins)
    both(lambda d: named(d)[["species", "n"]], cpd_penguins, pd_penguins)
    both(sizes, cpd_penguins, pd_penguins)
    both(lambda d: d.groupby("island").size() == 52, cpd_penguins, pd_penguins)


def test_size_result_methods(cpd_penguins, pd_penguins):
    """Methods reach the wrapped Series (pandas' int64 becomes cormorant's Int64 afterwards)."""
    both(lambda d: d.groupby("species").size().sort_values(**stable(d)), cpd_penguins, pd_penguins, exact_int64=False)
    both(lambda d: d.groupby("species").count()["sex"], cpd_penguins, pd_penguins, exact_int64=False)
    c, p = cpd_penguins.groupby("island").size(), pd_penguins.groupby("island").size()
    assert len(c) == len(p)
    assert repr(c) == repr(p)


# ---------------------------------------------------------------------------------------
# agg forms
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs", [{}, {"as_index": False}, {"dropna": False}, {"sort": False, "dropna": False}],
    ids=["default", "as_index_false", "dropna_false", "sort_false_dropna_false"],
)
def test_agg_forms(cpd_penguins, pd_penguins, kwargs):
    def run(fn):
        both(lambda d: fn(d.groupby(["species", "sex"], **kwargs)), cpd_penguins, pd_penguins)

    run(lambda gb: gb[["body_mass_g", "bill_length_mm"]].agg("sum"))
    run(lambda gb: gb[["body_mass_g", "bill_length_mm"]].aggregate("mean"))
    run(lambda gb: gb.agg({"body_mass_g": "sum", "bill_length_mm": "max"}))
    run(lambda gb: gb.agg({"island": "first", "year": "nunique", "flipper_length_mm": "count", "bill_depth_mm": "std"}))
    run(lambda gb: gb.agg(total=("body_mass_g", "sum"), n=("bill_depth_mm", "count")))
    run(lambda gb: gb.agg(n=("island", "count"), u=("island", "nunique"), lo=("island", "min"), last=("island", "last")))
    # one column under several labels, labels that shadow other columns
    run(lambda gb: gb.agg(year=("body_mass_g", "median"), a=("body_mass_g", "var"), b=("body_mass_g", "max")))
    run(lambda gb: gb["body_mass_g"].agg("sum"))
    run(lambda gb: gb["island"].agg("max"))


def test_agg_dict_order(gen):
    """The result columns follow the dict's order, not the frame's."""
    both(lambda d: d.groupby("k").agg({"s": "max", "f": "mean", "i": "sum", "b": "count"}), *gen)
    both(lambda d: d.groupby("k", as_index=False).agg(z=("b", "mean"), a=("i", "first")), *gen)


def test_attribute_access(gen):
    both(lambda d: d.groupby("k").i.sum(), *gen)
    both(lambda d: d.groupby(["k", "g"], dropna=False).f.mean(), *gen)


# Callables: pandas 3 calls them on each group (np.sum(Series) is Series.sum(), skipping <NA>),
# cormorant maps them to the function of the same name.
CALLABLE_BUG = {
    "np.std": "agg(np.std) computes the sample std (ddof=1) like agg('std'); pandas 3 calls np.std on each "
    "group, which gives the population std (ddof=0): single-value groups are 0.0 in pandas, <NA> in cormorant",
    "np.var": "agg(np.var) computes the sample variance (ddof=1); pandas 3 calls np.var (ddof=0)",
    "np.median": "agg(np.median) skips <NA> like agg('median'); pandas 3 calls np.median on each group, "
    "which is <NA> for a group holding <NA>",
    "sum": "agg(sum) (Python's builtin) skips <NA> like agg('sum'); pandas 3 calls builtins.sum on each "
    "group, which is <NA> for a group holding <NA>",
}


@pytest.mark.parametrize(
    "func",
    [
        pytest.param(np.sum, id="np.sum"),
        pytest.param(np.mean, id="np.mean"),
        pytest.param(np.min, id="np.min"),
        pytest.param(np.max, id="np.max"),
        pytest.param(np.std, id="np.std", marks=xfail(CALLABLE_BUG["np.std"])),
        pytest.param(np.var, id="np.var", marks=xfail(CALLABLE_BUG["np.var"])),
        pytest.param(np.median, id="np.median", marks=xfail(CALLABLE_BUG["np.median"])),
        pytest.param(builtins.sum, id="sum", marks=xfail(CALLABLE_BUG["sum"])),
    ],
)
def test_agg_callables(gen, func):
    both(lambda d: d.groupby("k")[["i", "f"]].agg(func), *gen)


def test_agg_callables_without_na(gen):
    """Without <NA> in the values, the builtins and np.median agree with pandas."""
    c, p = gen
    for func in (builtins.sum, builtins.min, builtins.max, np.median):
        both(lambda d: d[d["i"].notna() & d["f"].notna()].groupby("k")[["i", "f"]].agg(func), c, p)


@pytest.mark.xfail(
    strict=True,
    reason="named aggregation on a SeriesGroupBy, gb['col'].agg(total='sum', n='count'), raises ValueError "
    "'too many values to unpack (expected 2)'; pandas returns a DataFrame with columns total, n",
)
def test_series_named_aggregation(gen):
    both(lambda d: d.groupby("k")["i"].agg(total="sum", n="count"), *gen)


def test_numeric_only_argument(cpd_penguins, pd_penguins):
    both(lambda d: d.groupby("species").mean(numeric_only=True), cpd_penguins, pd_penguins)


@pytest.mark.xfail(strict=True, reason=STRING_SUM_BUG)
def test_whole_frame_sum_with_strings(cpd_penguins, pd_penguins):
    both(lambda d: d.groupby("species").sum(), cpd_penguins, pd_penguins)


def test_std_overflow():
    # (DuckDB's own stddev_samp raised 'Out of Range Error' here; the exact variance gives inf, as pandas)
    pdf = pd.DataFrame({"k": pd.array([1, 1, 2, 2], dtype="Int64"), "x": pd.array([1.5, 1e300, 1.0, 2.0], dtype="Float64")})
    c = cpd.read_pandas(pdf)
    both(lambda d: d.groupby("k")["x"].std(), c, pdf)
    both(lambda d: d.groupby("k")["x"].var(), c, pdf)


def test_sum_overflow_to_inf():
    pdf = pd.DataFrame({"k": pd.array([1, 1, 2, 2], dtype="Int64"), "x": pd.array([1e308, 1e308, 1.0, 2.0], dtype="Float64")})
    c = cpd.read_pandas(pdf)
    both(lambda d: d.groupby("k")["x"].sum(), c, pdf)
    both(lambda d: d.groupby("k")["x"].mean(), c, pdf)


# ---------------------------------------------------------------------------------------
# groupby after other operations
# ---------------------------------------------------------------------------------------


def _after_filter(d):
    return d[d["body_mass_g"] > 4000].groupby("island")[PENGUIN_NUMBERS].mean()


def _after_filter_and_assign(d):
    f = d[d["year"] >= 2008]
    f = f.assign(ratio=f["body_mass_g"] / f["flipper_length_mm"])
    return f.groupby(["species", "sex"], dropna=False).agg(r=("ratio", "mean"), n=("ratio", "count"), hi=("ratio", "max"))


def _after_setitem(d):
    d = d[["species", "body_mass_g"]]
    d["kg"] = d["body_mass_g"] / 1000
    return d.groupby("species", sort=False)["kg"].median()


def _grouping_by_assigned_column(d):
    d = d.assign(heavy=d["body_mass_g"] > 4500)
    return d.groupby(["heavy", "species"], dropna=False)[["bill_length_mm"]].max()


AFTER = {
    "filter": _after_filter,
    "filter_and_assign": _after_filter_and_assign,
    "setitem": _after_setitem,
    "group_by_assigned_column": _grouping_by_assigned_column,
    "assign_sort_false": lambda d: d.assign(r=d["body_mass_g"] / d["flipper_length_mm"]).groupby("species", sort=False)["r"].mean(),
    "loc_filter": lambda d: d.loc[d["island"] != "Dream"].groupby("island")["body_mass_g"].mean(),
    "sort_values_sort_false_first": lambda d: d.sort_values("body_mass_g", **stable(d))
    .groupby("species", sort=False)[["bill_length_mm", "sex"]]
    .first(),
    "sort_values_desc_last": lambda d: d.sort_values("bill_length_mm", ascending=False, **stable(d))
    .groupby(["island", "sex"], sort=False, dropna=False)[["body_mass_g"]]
    .last(),
    "tail": lambda d: d.tail(100).groupby("species", as_index=False)[PENGUIN_NUMBERS].sum(),
    "head_first_last": lambda d: d.head(200).groupby("island").agg(a=("sex", "first"), z=("sex", "last")),
    "iloc_step": lambda d: d.iloc[::3].groupby("island", sort=False).agg(n=("sex", "count"), m=("body_mass_g", "median")),
    "set_index_as_index_false": lambda d: d.set_index("island").groupby("species", as_index=False)[["body_mass_g"]].max(),
    "set_index": lambda d: d.set_index("island").groupby("species")[["body_mass_g", "sex"]].first(),
}


@pytest.mark.parametrize("fn", list(AFTER.values()), ids=list(AFTER))
def test_after_operations(cpd_penguins, pd_penguins, fn):
    both(fn, cpd_penguins, pd_penguins)


def test_after_reset_index(cpd_penguins, pd_penguins):
    # pandas' 'index' column is int64 where cormorant's is Int64
    both(lambda d: d[d["sex"] == "male"].reset_index().groupby("species")[["index"]].max(), cpd_penguins, pd_penguins,
         exact_int64=False)


def test_operations_on_the_result(cpd_penguins, pd_penguins):
    """A groupby result is a frame like any other: filter it, sort it, group it again."""
    def fn(d):
        r = d.groupby(["species", "island"], as_index=False).agg(m=("body_mass_g", "mean"), t=("bill_length_mm", "sum"))
        r = r[r["m"] > 3700]
        return r.sort_values("t", **stable(r)).groupby("species").agg(t=("t", "max"))

    both(fn, cpd_penguins, pd_penguins)


def test_evaluating_twice_gives_the_same_result(cpd_penguins):
    r = cpd_penguins.groupby(["island", "sex"], sort=False, dropna=False).agg(
        a=("species", "first"), z=("species", "last"), m=("body_mass_g", "median")
    )
    pd.testing.assert_frame_equal(r.to_pandas(), r.to_pandas())


# ---------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fn",
    [
        lambda d: d.groupby("nope").sum(),
        lambda d: d.groupby(["species", "nope"]).size(),
        lambda d: d.groupby("species")["nope"].sum(),
        lambda d: d.groupby("species")[["body_mass_g", "nope"]].max(),
        lambda d: d.groupby("species").agg({"nope": "sum"}),
        lambda d: d.groupby("species").agg(t=("nope", "sum")),
    ],
    ids=["key", "key_in_list", "selection", "selection_list", "agg_dict", "named_agg"],
)
def test_unknown_column(cpd_penguins, pd_penguins, fn):
    check_raises(ex.ColumnNotFoundError, KeyError, "nope", lambda: fn(cpd_penguins).to_pandas(), lambda: fn(pd_penguins))


# -- lists of functions: MultiIndex columns (column, function), one query ------------------


@pytest.mark.parametrize(
    "kwargs", [{}, {"as_index": False}, {"dropna": False}, {"sort": False, "dropna": False}],
    ids=["default", "as_index_false", "dropna_false", "sort_false_dropna_false"],
)
def test_agg_lists(cpd_penguins, pd_penguins, kwargs):
    def run(fn):
        both(lambda d: fn(d.groupby(["species", "sex"], **kwargs)), cpd_penguins, pd_penguins)

    run(lambda gb: gb[["body_mass_g", "bill_length_mm"]].agg(["sum", "mean"]))
    run(lambda gb: gb[["body_mass_g"]].agg(["min", "max", "count", "nunique", "size"]))
    run(lambda gb: gb[["island", "year"]].agg(["first", "last", "count", "nunique"]))
    run(lambda gb: gb.agg({"body_mass_g": ["min", "max"], "bill_depth_mm": "sum"}))
    run(lambda gb: gb.agg({"island": ("count", "max"), "flipper_length_mm": ["std", "var", "median"]}))
    run(lambda gb: gb["body_mass_g"].agg(["sum", "mean", "count"]))
    run(lambda gb: gb["island"].agg(["min", "nunique", "size"]))
    run(lambda gb: gb[["bill_length_mm", "year"]].agg([np.sum, np.max, "mean"]))


@pytest.mark.parametrize("func", [["sum", "mean", "count"], ["min", "max", "first", "last"], ["std", "var", "median", "nunique"]])
@pytest.mark.parametrize("keys", ["k", ["k", "g"]])
@pytest.mark.parametrize("options", [{}, {"dropna": False}, {"sort": False, "dropna": False}, {"as_index": False}])
def test_agg_lists_generated(gen, func, keys, options):
    """NAs in keys and values, a group of only <NA> values, groups of one value."""
    both(lambda d: d.groupby(keys, **options)[["i", "f", "b"]].agg(func), *gen)
    both(lambda d: d.groupby(keys, **options)["i"].agg(func), *gen)


def test_agg_lists_mixed_dtypes(gen):
    both(lambda d: d.groupby("k").agg({"s": ["min", "count"], "f": "mean", "i": ["sum", "nunique"], "b": ["max"]}), *gen)
    both(lambda d: d.groupby("g", dropna=False, as_index=False).agg({"s": ["max"], "k": ["count", "first"]}), *gen)


def test_agg_lists_of_an_empty_frame(gen):
    both(lambda d: d[d["i"] > 100].groupby("k")[["i", "f"]].agg(["sum", "mean"]), *gen)


def test_agg_lists_one_query(cpd_penguins):
    out = cpd_penguins.groupby("species")[["body_mass_g", "bill_length_mm"]].agg(["sum", "mean"])
    assert out.sql.count("GROUP BY") == 1


def test_agg_lists_result_selection(gen):
    """The result's columns are selected by pandas' labels: a (column, function) tuple, or a
    first-level label for the functions of one column."""
    c, p = gen
    got = c.groupby("k").agg({"i": ["min", "max"], "s": ["count"]})
    want = p.groupby("k").agg({"i": ["min", "max"], "s": ["count"]})
    pd.testing.assert_index_equal(got.columns, want.columns)
    assert_gb(got["i"], want["i"])
    assert_same(got[("i", "max")], want[("i", "max")])  # named by the tuple, as in pandas
    assert_gb(got[("s", "count")], want[("s", "count")])
    assert repr(got) == repr(want)


def test_agg_lists_labels_like_a_key(gen):
    """Internal labels never clash with the keys kept as columns."""
    c, p = gen
    c2 = c.rename(columns={"k": "i_sum"})
    p2 = p.rename(columns={"k": "i_sum"})
    both(lambda d: d.groupby("i_sum", as_index=False)[["i"]].agg(["sum", "mean"]), c2, p2)


def test_agg_lists_errors(cpd_penguins, pd_penguins):
    check_raises(
        ex.ColumnNotFoundError, KeyError, "nope",
        lambda: cpd_penguins.groupby("species").agg({"nope": ["sum"]}),
        lambda: pd_penguins.groupby("species").agg({"nope": ["sum"]}),
    )
    check_raises(
        ex.DTypeError, TypeError, "mean",
        lambda: cpd_penguins.groupby("species")[["island"]].agg(["mean"]).to_pandas(),
        lambda: pd_penguins.groupby("species")[["island"]].agg(["mean"]),
    )
    # pandas raises SpecificationError (an Exception only) for these two
    with pytest.raises(ex.InvalidArgumentError, match="unique"):
        cpd_penguins.groupby("species")[["year"]].agg(["sum", "sum"])
    with pytest.raises(pd.errors.SpecificationError):
        pd_penguins.groupby("species")[["year"]].agg(["sum", "sum"])
    with pytest.raises(ex.UnsupportedError, match="list"):
        cpd_penguins.groupby("species")["year"].agg({"a": "sum"})
    with pytest.raises(pd.errors.SpecificationError):
        pd_penguins.groupby("species")["year"].agg({"a": "sum"})
    with pytest.raises(ex.UnsupportedError, match="nope"):
        cpd_penguins.groupby("species")[["year"]].agg(["sum", "nope"])
    with pytest.raises(ex.UnsupportedError, match="at least one"):
        cpd_penguins.groupby("species")[["year"]].agg([])


# -- DataFrame.agg ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "func",
    [["sum"], ["count"], ["min", "max"], ["count", "nunique"], ["mean", "median", "std", "var"], ["sum", "min"],
     ["sum", "mean", "count"], ["max", "median"]],
)
@pytest.mark.parametrize("columns", [["i", "f", "b"], ["g", "f"]])
def test_frame_agg_list(gen, func, columns):
    c, p = gen
    pd.testing.assert_frame_equal(c[columns].agg(func), p[columns].agg(func), rtol=RTOL)
    empty = lambda d: d[d["i"] > 100][columns]  # noqa: E731
    pd.testing.assert_frame_equal(empty(c).agg(func), empty(p).agg(func), rtol=RTOL)


def test_frame_agg(cpd_penguins, pd_penguins):
    numbers = PENGUIN_NUMBERS
    got, want = cpd_penguins[numbers].agg(["sum", "mean", "std"]), pd_penguins[numbers].agg(["sum", "mean", "std"])
    pd.testing.assert_frame_equal(got, want, rtol=RTOL)
    pd.testing.assert_frame_equal(cpd_penguins.agg(["min", "max", "count"]), pd_penguins.agg(["min", "max", "count"]))
    pd.testing.assert_series_equal(cpd_penguins[numbers].agg("mean"), pd_penguins[numbers].agg("mean"))
    pd.testing.assert_series_equal(cpd_penguins.aggregate("count"), pd_penguins.aggregate("count"))


def test_frame_agg_errors(cpd_penguins, pd_penguins):
    check_raises(
        ex.DTypeError, TypeError, "mean",
        lambda: cpd_penguins.agg(["count", "mean"]), lambda: pd_penguins.agg(["count", "mean"]),
    )
    with pytest.raises(ex.UnsupportedError, match="first"):
        cpd_penguins.agg(["first"])
    # a dict: each column's Series.agg, as pandas (since session 20)
    pd.testing.assert_series_equal(cpd_penguins.agg({"year": "sum", "body_mass_g": "max"}),
                                   pd_penguins.agg({"year": "sum", "body_mass_g": "max"}))
    with pytest.raises(ex.InvalidArgumentError, match="unique"):
        cpd_penguins.agg(["max", "max"])


def test_aggregating_a_key_is_unsupported(cpd_penguins, pd_penguins):
    fn = lambda d: d.groupby("species")[["species", "body_mass_g"]].max()  # noqa: E731
    fn(pd_penguins)  # pandas aggregates the key column too
    with pytest.raises(ex.UnsupportedError, match="group key"):
        fn(cpd_penguins).to_pandas()


@pytest.mark.xfail(
    strict=True,
    reason="agg('nope') raises UnsupportedError (a NotImplementedError); pandas raises AttributeError "
    "\"'DataFrameGroupBy' object has no attribute 'nope'\"",
)
def test_unknown_function_name(cpd_penguins, pd_penguins):
    check_raises(
        ex.CormorantError,
        AttributeError,
        "nope",
        lambda: cpd_penguins.groupby("species")[["body_mass_g"]].agg("nope").to_pandas(),
        lambda: pd_penguins.groupby("species")[["body_mass_g"]].agg("nope"),
    )


def test_unknown_function_name_is_refused(cpd_penguins):
    with pytest.raises(ex.UnsupportedError, match="nope"):
        cpd_penguins.groupby("species")[["body_mass_g"]].agg("nope").to_pandas()


@pytest.mark.parametrize("counts", ["size", "nunique", "count"])
@pytest.mark.parametrize("func", ["max", "min", "mean", "std", "var", "median", "sum", "count"])
def test_reductions_of_counts_are_pandas_int64_ones(gen, counts, func):
    """pandas' counts are int64, whose reductions give NaN where they have no value (no groups,
    the std of one group); cormorant's gave <NA> (found by the fuzzer's reuse family). Then the
    scalar is used in a filter of the same counts."""
    c, pdf = gen
    for rows in (slice(0, 0), slice(0, 1), slice(None)):
        def run(d):
            g = getattr(d.iloc[rows].groupby("k"), counts)() if counts == "size" else \
                getattr(d.iloc[rows].groupby("k")["i"], counts)()
            return g, getattr(g, func)()
        (cg, got), (pg, expected) = run(c), run(pdf)
        if expected is pd.NA:  # (a count of Int64 values is Int64 in pandas too)
            assert got is pd.NA, f"{got!r}, pandas <NA>"
        elif pd.isna(expected):
            assert isinstance(got, float) and np.isnan(got), f"{got!r}, pandas {expected!r}"
        else:
            assert got == pytest.approx(expected, rel=RTOL), f"{got!r}, pandas {expected!r}"
        filtered = cg[cg >= got].to_pandas()
        pd.testing.assert_series_equal(filtered, pg[pg >= expected], check_index_type=False)
