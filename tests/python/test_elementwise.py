"""Elementwise and missing-data Series methods (round, clip, between, isin, where, mask,
fillna, replace, map) and numpy ufuncs, compared with pandas; and their errors."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import elementwise
from cormorant import exceptions as ex
from cormorant.series import Series
from conftest import assert_same

def _generated() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "f": pd.array([0.5, 1.5, 2.5, -0.5, -2.5, None, 0.0, -1.0, 2.675, 0.125, 1e-12, 4.0, np.inf, -np.inf, 15.0,
                           -0.25], dtype="Float64"),
            "i": pd.array([1, 2, -3, None, 25, 15, 0, -25, 35, -1, 4, 100, 5, -15, None, 7], dtype="Int64"),
            "b": pd.array([True, False, None, True] * 4, dtype="boolean"),
            "s": pd.array(["a", "b", None, "zz", "Adelie", "", "a", None, "c", "b", "x", "y", "a", "q", "r", "s"],
                          dtype="string"),
            "c": pd.array([True, False, None, True, False, True, None, False] * 2, dtype="boolean"),
        }
    )


@pytest.fixture(scope="module")
def gen():
    pdf = _generated()
    return cpd.read_pandas(pdf), pdf


def pandas_quiet(fn, *args):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return fn(*args)


def check(gen, fn, pandas_fn=None):
    cdf, pdf = gen
    assert_same(fn(cdf), pandas_quiet(pandas_fn or fn, pdf))


# ---------------------------------------------------------------------------------------
# round
# ---------------------------------------------------------------------------------------

ROUND = [
    ("f", 0), ("f", 1), ("f", 2), ("f", 3), ("f", -1), ("f", -2),
    ("i", 0), ("i", 2), ("i", -1), ("i", -2), ("b", 0),
]


@pytest.mark.parametrize("col,decimals", ROUND, ids=[f"{c}-{d}" for c, d in ROUND])
def test_round(gen, col, decimals):
    check(gen, lambda df: df[col].round(decimals))


def test_round_default_and_numpy(gen):
    check(gen, lambda df: df["f"].round())
    check(gen, lambda df: np.round(df["f"], 2))


@pytest.mark.parametrize("col,decimals", [("bill_length_mm", 0), ("bill_depth_mm", 1), ("body_mass_g", -2)])
def test_round_penguins(cpd_penguins, pd_penguins, col, decimals):
    assert_same(cpd_penguins[col].round(decimals), pd_penguins[col].round(decimals))


# ---------------------------------------------------------------------------------------
# clip, between
# ---------------------------------------------------------------------------------------

CLIP = [
    ("f", 0, 1), ("f", -1.5, None), ("f", None, 2), ("f", 2, -1), ("f", np.nan, 1.0), ("f", None, None),
    ("i", 0, 10), ("i", -5, None), ("i", None, 0), ("i", 10, 0), ("i", 0.0, 10.0), ("i", pd.NA, 3),
    ("s", "a", "x"), ("b", False, True),
]


@pytest.mark.parametrize("col,lower,upper", CLIP, ids=[f"{c}-{lo}-{hi}" for c, lo, hi in CLIP])
def test_clip(gen, col, lower, upper):
    check(gen, lambda df: df[col].clip(lower, upper))


def test_clip_keywords_and_numpy(gen):
    check(gen, lambda df: df["f"].clip(upper=1.25))
    check(gen, lambda df: np.clip(df["f"], 0, 1))


def test_clip_penguins(cpd_penguins, pd_penguins):
    assert_same(cpd_penguins["body_mass_g"].clip(3500, 5000), pd_penguins["body_mass_g"].clip(3500, 5000))


BETWEEN = [
    ("f", 0, 2.5, "both"), ("f", 0, 2.5, "neither"), ("f", -1, 1.5, "left"), ("f", -1, 1.5, "right"),
    ("i", 1, 25, "both"), ("i", 1, 25, "neither"), ("i", 0.5, 4.5, "left"), ("i", -3, 15, "right"),
    ("s", "a", "c", "both"), ("s", "a", "c", "neither"), ("i", 10, 0, "both"),
]


@pytest.mark.parametrize("col,left,right,inclusive", BETWEEN, ids=[f"{c}-{l}-{r}-{i}" for c, l, r, i in BETWEEN])
def test_between(gen, col, left, right, inclusive):
    check(gen, lambda df: df[col].between(left, right, inclusive=inclusive))


def test_between_penguins(cpd_penguins, pd_penguins):
    assert_same(cpd_penguins["flipper_length_mm"].between(190, 210),
                pd_penguins["flipper_length_mm"].between(190, 210))


# ---------------------------------------------------------------------------------------
# isin
# ---------------------------------------------------------------------------------------

ISIN = [
    ("i", [1, 25]), ("i", [1, None]), ("i", [1, pd.NA]), ("i", [1, np.nan]), ("i", [1.0, 2.5]), ("i", ["1"]),
    ("i", [True]), ("i", []), ("i", (2, -3)), ("i", np.array([1, 4])), ("i", {5, 7}),
    ("f", [0.5, -2.5, np.inf]), ("f", [0, 4]), ("f", [pd.NA]), ("f", [-0.0]),
    ("s", ["a", "zz"]), ("s", ["a", None]), ("s", [pd.NA]), ("s", [np.nan]), ("s", [1, "b"]),
    ("b", [True]), ("b", [1]), ("b", [pd.NA]), ("b", [None]), ("b", [0.0]),
]


@pytest.mark.parametrize("col,values", ISIN, ids=[f"{c}-{v!r}" for c, v in ISIN])
def test_isin(gen, col, values):
    check(gen, lambda df: df[col].isin(values))


@pytest.mark.parametrize("col,values", ISIN, ids=[f"{c}-{v!r}" for c, v in ISIN])
def test_isin_as_filter(gen, col, values):
    # a filter's isin is x IN (...) in SQL, NULL where x is missing: the rows kept are pandas',
    # alone, under & and |, and under ~ (missing x kept there unless a missing value is listed)
    check(gen, lambda df: df[df[col].isin(values)])
    check(gen, lambda df: df[df[col].isin(values) & (df["i"] != 2)])
    check(gen, lambda df: df[df[col].isin(values) | df["c"]])
    check(gen, lambda df: df[~df[col].isin(values) | (df["i"] > 20)])


def test_isin_as_filter_of_parquet(tmp_path):
    # pushed into the Parquet scan: the same rows twice, both ordering modes
    pdf = _generated()
    path = str(tmp_path / "g.parquet")
    pdf.to_parquet(path)
    for mode in ("strict", "partial"):
        session = cpd.Session(warehouse=":memory:", ordering_mode=mode)
        try:
            df = session.read_parquet(path)
            for _ in range(2):
                got = df[df["s"].isin(["a", "zz", None]) & df["i"].isin([1, -3, 25, 7])]
                want = pdf[pdf["s"].isin(["a", "zz", None]) & pdf["i"].isin([1, -3, 25, 7])]
                if mode == "strict":
                    assert_same(got, want)
                else:  # no order, a NULL index: the rows, sorted
                    pd.testing.assert_frame_equal(got.to_pandas().sort_values("f", ignore_index=True),
                                                  want.sort_values("f", ignore_index=True))
        finally:
            session.close()


def test_isin_penguins(cpd_penguins, pd_penguins):
    assert_same(cpd_penguins["species"].isin(["Adelie", "Gentoo"]), pd_penguins["species"].isin(["Adelie", "Gentoo"]))
    assert_same(cpd_penguins["sex"].isin(["male", None]), pd_penguins["sex"].isin(["male", None]))


# ---------------------------------------------------------------------------------------
# where, mask
# ---------------------------------------------------------------------------------------

WHERE = [
    ("i", None), ("i", 0), ("i", 2.0), ("f", 1), ("f", -9.5), ("s", "z"), ("b", False), ("f", None),
]


@pytest.mark.parametrize("method", ["where", "mask"])
@pytest.mark.parametrize("col,other", WHERE, ids=[f"{c}-{o}" for c, o in WHERE])
def test_where_mask(gen, method, col, other):
    if other is None:
        check(gen, lambda df: getattr(df[col], method)(df["c"]))
    else:
        check(gen, lambda df: getattr(df[col], method)(df["c"], other))


def test_where_computed_condition(gen):
    check(gen, lambda df: df["f"].where(df["f"] > 0, 0))
    check(gen, lambda df: df["i"].mask(df["i"] % 2 == 0, -1))
    check(gen, lambda df: df["i"].where(lambda s: s > 0, 0))


SERIES_OTHERS = [
    ("i", "i", lambda s: s * 10), ("f", "i", lambda s: s), ("i", "i", lambda s: s.astype("Float64") - 1), ("s", "s", lambda s: s),
    ("b", "c", lambda s: s), ("f", "f", lambda s: s.shift(3)), ("i", "i", lambda s: s[s > 0]),
]


@pytest.mark.parametrize("method", ["where", "mask"])
@pytest.mark.parametrize("col,src,make", SERIES_OTHERS, ids=[f"{c}-{o}-{i}" for i, (c, o, _) in enumerate(SERIES_OTHERS)])
def test_where_mask_series_other(gen, method, col, src, make):
    """other as a Series, aligned on the index (labels it lacks give <NA>), set as pandas sets
    cells: Int64 keeps its dtype when the values fit, Int64 into Float64 gives Float64."""
    check(gen, lambda df: getattr(df[col], method)(df["c"], make(df[src])))
    check(gen, lambda df: getattr(df[col], method)(df["c"], lambda s: make(df[src])))


def test_where_series_other_misaligned_and_errors(gen):
    cdf, pdf = gen
    for df in (cdf, pdf):
        other = df["i"].sort_values(ascending=False).head(9) * 2  # another order, some labels only
        result = df["i"].where(df["i"] > 3, other)
        if df is cdf:
            got = result
        else:
            expected = result
    assert_same(got, expected)
    with pytest.raises(TypeError):
        pdf["i"].mask(pdf["c"], pdf["f"])  # 2.675 does not fit Int64
    with pytest.raises(ex.DTypeError, match="Int64"):
        cdf["i"].mask(cdf["c"], cdf["f"]).to_pandas()
    with pytest.raises(ex.DTypeError):
        cdf["i"].where(cdf["c"], cdf["s"]).to_pandas()


def test_where_penguins(cpd_penguins, pd_penguins):
    for df in (cpd_penguins, pd_penguins):
        df_result = df["body_mass_g"].where(df["sex"] == "male", 0)
        if df is cpd_penguins:
            got = df_result
        else:
            expected = df_result
    assert_same(got, expected)


# ---------------------------------------------------------------------------------------
# fillna, replace
# ---------------------------------------------------------------------------------------

FILLNA = [("i", 0), ("i", 2.0), ("i", -7), ("f", 1), ("f", 0.5), ("s", "z"), ("b", True), ("b", False), ("i", pd.NA)]


@pytest.mark.parametrize("col,value", FILLNA, ids=[f"{c}-{v}" for c, v in FILLNA])
def test_fillna(gen, col, value):
    check(gen, lambda df: df[col].fillna(value))


def test_fillna_penguins(cpd_penguins, pd_penguins):
    assert_same(cpd_penguins["sex"].fillna("unknown"), pd_penguins["sex"].fillna("unknown"))
    assert_same(cpd_penguins["bill_length_mm"].fillna(0), pd_penguins["bill_length_mm"].fillna(0))


REPLACE = [
    ("i", (1, 10)), ("i", (1.0, 10)), ("i", ("a", 10)), ("i", ([1, 2], 0)), ("i", ([1, 2], [5, 6])),
    ("i", ({1: 5, 2: 6},)), ("i", ({1: 2, 2: 3},)), ("i", (pd.NA, 0)), ("i", (np.nan, 0)), ("i", (1, None)),
    ("i", (True, 5)), ("f", (0.5, 1)), ("f", (True, 5.0)), ("f", ([0.5, np.nan], 9)), ("f", (np.inf, 0)),
    ("s", ("a", "z")), ("s", (1, "z")), ("s", ({"a": "A", "b": None},)), ("b", (True, False)), ("b", (1, False)),
]


@pytest.mark.parametrize("col,args", REPLACE, ids=[f"{c}-{a!r}" for c, a in REPLACE])
def test_replace(gen, col, args):
    cdf, pdf = gen
    expected = pdf[col].replace(*args)
    if expected.dtype == object:  # pandas leaves object after replacing text by None
        expected = expected.astype("string")
    assert_same(cdf[col].replace(*args), expected)


def test_replace_penguins(cpd_penguins, pd_penguins):
    mapping = {"Adelie": "A", "Gentoo": "G"}
    assert_same(cpd_penguins["species"].replace(mapping), pd_penguins["species"].replace(mapping))


# ---------------------------------------------------------------------------------------
# map with a dict
# ---------------------------------------------------------------------------------------

MAP = [
    ("i", {1: "one", 2: "two"}, None),
    ("i", {1: 1.5, 2: 2}, None),
    ("i", {1: True, 2: False}, None),
    ("i", {1: 10.0, pd.NA: 0.0}, "ignore"),
    ("i", {1.0: 10.5}, None),
    ("f", {0.5: 1.0, 1.5: 2.0}, None),
    ("s", {"a": "x", "b": "y"}, None),
    ("s", {"a": "x", None: "missing"}, None),
    ("b", {True: "yes", False: "no"}, None),
]


@pytest.mark.parametrize("col,mapping,na_action", MAP, ids=[f"{c}-{m!r}-{n}" for c, m, n in MAP])
def test_map(gen, col, mapping, na_action):
    check(gen, lambda df: df[col].map(mapping, na_action=na_action))


@pytest.mark.parametrize("mapping", [{1: 10, 2: 20}, {1: 10, pd.NA: 0}, {-3: -30}])
def test_map_integers_is_Int64(gen, mapping):
    # pandas' dtype depends on the data (Int64 when nothing is missing, else Float64);
    # cormorant's cannot: integers give Int64.
    cdf, pdf = gen
    got = cdf["i"].map(mapping)
    assert str(got.dtype) == "Int64"
    assert_same(got, pdf["i"].map(mapping).astype("Int64"))


NEW_YORK = pd.date_range("2024-03-09 12:00", periods=3, freq="13h", tz="America/New_York")
TIME_MAPS = {
    "aware": dict(enumerate(NEW_YORK)),
    "aware_pandas_series": pd.Series(NEW_YORK),
    "naive_with_missing": {0: pd.Timestamp("2024-01-01 10:30"), 1: None, 2: pd.Timestamp("2024-12-31")},
    "timedelta": {0: pd.Timedelta("1h"), 2: pd.Timedelta("-2D 3s")},
}


@pytest.mark.parametrize("na_action", [None, "ignore"])
@pytest.mark.parametrize("mapping", list(TIME_MAPS))
def test_map_to_times(mapping, na_action):
    """Mapped values that are timestamps (in their zone) or timedeltas give a column of that dtype
    (the engine refused them, typed as text)."""
    pdf = pd.DataFrame({"i": pd.array([0, 1, None, 2, 1, 5], dtype="Int64")})
    assert_same(cpd.read_pandas(pdf)["i"].map(TIME_MAPS[mapping], na_action=na_action),
                pdf["i"].map(TIME_MAPS[mapping], na_action=na_action))


def test_map_to_mixed_kinds_of_times_is_a_typed_error():
    s = cpd.read_pandas(pd.DataFrame({"i": pd.array([0, 1], dtype="Int64")}))["i"]
    with pytest.raises(ex.DTypeError, match="mix"):  # pandas: an object Series
        s.map({0: pd.Timestamp("2024-01-01"), 1: pd.Timestamp("2024-01-01", tz="UTC")})
    with pytest.raises(ex.DTypeError, match="mix"):
        s.map({0: pd.Timestamp("2024-01-01"), 1: pd.Timedelta("1h")})


def test_map_penguins(cpd_penguins, pd_penguins):
    mapping = {"Adelie": "small", "Chinstrap": "medium", "Gentoo": "large"}
    assert_same(cpd_penguins["species"].map(mapping), pd_penguins["species"].map(mapping))
    assert_same(cpd_penguins["sex"].map({"male": True, "female": False}),
                pd_penguins["sex"].map({"male": True, "female": False}))


@pytest.mark.parametrize("na_action", [None, "ignore"])
def test_map_with_a_series(cpd_penguins, pd_penguins, na_action):
    # A cormorant Series as the lookup table: a left join in the engine, keeping the rows,
    # their order and their index; a pandas Series is taken as a dict.
    sizes = pd.Series(pd.array([3.7, 3.7, 5.1], dtype="Float64"), index=pd.Index(pd.array(["Adelie", "Chinstrap", "Gentoo"], dtype="string")), name="kg")
    filtered = cpd_penguins[cpd_penguins["bill_length_mm"] > 45]["species"]
    expected = pd_penguins[(pd_penguins["bill_length_mm"] > 45).fillna(False)]["species"].map(sizes, na_action=na_action)
    assert_same(filtered.map(cpd.read_pandas(sizes), na_action=na_action), expected)
    assert_same(filtered.map(sizes, na_action=na_action), expected)
    partial = cpd.read_pandas(sizes.iloc[:2])
    assert_same(cpd_penguins["species"].map(partial), pd_penguins["species"].map(sizes.iloc[:2]))


def test_map_with_a_series_errors(cpd_penguins):
    dup = cpd.read_pandas(pd.Series([1, 2], index=pd.Index(["Adelie", "Adelie"], dtype="string")))
    with pytest.raises(ex.InvalidArgumentError, match="uniquely valued"):
        cpd_penguins["species"].map(dup)
    by_int = cpd.read_pandas(pd.Series([1, 2], index=pd.Index([1, 2], dtype="Int64")))
    with pytest.raises(ex.DTypeError, match="astype"):
        cpd_penguins["species"].map(by_int)


# ---------------------------------------------------------------------------------------
# numpy ufuncs
# ---------------------------------------------------------------------------------------

UFUNCS = [
    "sqrt", "log", "log2", "log10", "log1p", "exp", "exp2", "expm1", "rint", "fabs", "sin", "cos", "tan",
    "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "arcsinh", "arccosh", "arctanh", "cbrt",
    "deg2rad", "rad2deg", "floor", "ceil", "trunc", "sign", "square", "isnan", "isinf", "isfinite",
    "negative", "positive", "absolute",
]


@pytest.mark.parametrize("col", ["f", "i"])
@pytest.mark.parametrize("ufunc", UFUNCS)
def test_ufunc(gen, ufunc, col):
    fn = getattr(np, ufunc)
    check(gen, lambda df: fn(df[col]))


@pytest.mark.parametrize("ufunc", ["sign", "floor", "ceil", "trunc", "rint", "absolute", "negative", "isnan", "isinf",
                                   "isfinite"])
def test_ufunc_of_zeros_infinities_and_missing(ufunc):
    """Each value as NumPy gives it, the sign of a zero too (-0.0's sign is 0.0, its ceil -0.0),
    and missing values stay missing (on Spark, isnan of NULL is false, ceil a BIGINT, sign(-0.0)
    -0.0: the dialect writes DuckDB's)."""
    s = pd.Series(pd.array([-0.0, 0.0, None, np.inf, -np.inf, -2.5, 2.5, -0.5, 0.5, 1e300, -1e-300, 7.0],
                           dtype="Float64"), name="f")
    fn = getattr(np, ufunc)
    got, expected = fn(cpd.read_pandas(s)).to_pandas(), fn(s)
    assert [repr(v) for v in got.tolist()] == [repr(v) for v in expected.tolist()]
    assert got.dtype == expected.dtype


@pytest.mark.parametrize("ufunc", ["floor", "ceil", "trunc", "isnan", "isfinite", "isinf"])
def test_ufunc_boolean(gen, ufunc):
    fn = getattr(np, ufunc)
    check(gen, lambda df: fn(df["b"]))


@pytest.mark.parametrize(
    "fn",
    [
        lambda s: np.add(s, 1),
        lambda s: np.subtract(10, s),
        lambda s: np.multiply(s, s),
        lambda s: np.true_divide(s, 4),
        lambda s: np.power(s, 2),
        lambda s: np.greater(s, 1),
        lambda s: np.less_equal(2, s),
    ],
    ids=["add", "rsubtract", "multiply", "true_divide", "power", "greater", "rless_equal"],
)
def test_binary_ufunc(gen, fn):
    check(gen, lambda df: fn(df["i"]))


@pytest.mark.parametrize("ufunc", ["add", "maximum", "minimum"])
@pytest.mark.parametrize("col", ["i", "f"])
def test_ufunc_reduce(gen, ufunc, col):
    cdf, pdf = gen
    got = getattr(np, ufunc).reduce(cdf[col])
    expected = getattr(np, ufunc).reduce(pdf[col])
    assert got is pd.NA and expected is pd.NA
    if col == "f":
        return  # inf + -inf: both NaN/<NA>, nothing more to compare
    dropped = pdf[col].dropna()
    assert getattr(np, ufunc).reduce(cdf[col][cdf[col].notna()]) == getattr(np, ufunc).reduce(dropped)


def test_ufunc_penguins(cpd_penguins, pd_penguins):
    for name in ("log", "sqrt", "exp"):
        fn = getattr(np, name)
        scaled = lambda df: df["bill_depth_mm"] / 10  # noqa: E731
        assert_same(fn(scaled(cpd_penguins)), pandas_quiet(fn, scaled(pd_penguins)))


def test_ufunc_stays_in_sql(gen):
    cdf, _ = gen
    s = np.log(cdf["f"])
    assert isinstance(s, Series)
    assert "ln(" in s.sql


# ---------------------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------------------

ERRORS = [
    ("round-string", ex.DTypeError, lambda df: df["s"].round()),
    ("round-float-decimals", ex.InvalidArgumentError, lambda df: df["f"].round(1.5)),
    ("round-bool-decimals", ex.InvalidArgumentError, lambda df: df["f"].round(True)),
    ("clip-int-by-float", ex.DTypeError, lambda df: df["i"].clip(0.5, 10)),
    ("clip-string-by-int", ex.DTypeError, lambda df: df["s"].clip(0, 1)),
    ("clip-series-bound", ex.UnsupportedError, lambda df: df["i"].clip(df["i"], 1)),
    ("between-bad-inclusive", ex.InvalidArgumentError, lambda df: df["i"].between(1, 2, inclusive="foo")),
    ("between-string-int", ex.DTypeError, lambda df: df["s"].between(1, 2)),
    ("between-int-string", ex.DTypeError, lambda df: df["i"].between("a", "b")),
    ("between-na-bound", ex.DTypeError, lambda df: df["i"].between(None, 5)),
    ("isin-scalar", ex.DTypeError, lambda df: df["i"].isin(1)),
    ("isin-string", ex.DTypeError, lambda df: df["s"].isin("a")),
    ("where-int-condition", ex.DTypeError, lambda df: df["i"].where(df["i"], 0)),
    ("where-float-into-int", ex.DTypeError, lambda df: df["i"].where(df["c"], 1.5)),
    ("where-text-into-int", ex.DTypeError, lambda df: df["i"].where(df["c"], "x")),
    ("where-bool-into-int", ex.DTypeError, lambda df: df["i"].where(df["c"], True)),
    ("mask-list-condition", ex.UnsupportedError, lambda df: df["i"].mask([True] * 16, 0)),
    ("fillna-float-into-int", ex.DTypeError, lambda df: df["i"].fillna(1.5)),
    ("fillna-text-into-int", ex.DTypeError, lambda df: df["i"].fillna("x")),
    ("fillna-bool-into-float", ex.DTypeError, lambda df: df["f"].fillna(True)),
    ("fillna-int-into-bool", ex.DTypeError, lambda df: df["b"].fillna(1)),
    ("fillna-int-into-string", ex.DTypeError, lambda df: df["s"].fillna(1)),
    ("fillna-list", ex.DTypeError, lambda df: df["i"].fillna([1])),
    ("fillna-nothing", ex.InvalidArgumentError, lambda df: df["i"].fillna()),
    ("fillna-method", ex.UnsupportedError, lambda df: df["i"].fillna(method="ffill")),
    ("replace-float-into-int", ex.DTypeError, lambda df: df["i"].replace(1, 1.5)),
    ("replace-int-into-bool", ex.DTypeError, lambda df: df["b"].replace(True, 5)),
    ("replace-length", ex.InvalidArgumentError, lambda df: df["i"].replace([1, 2], [5])),
    ("replace-regex-empty-or-text", ex.UnsupportedError, lambda df: df["s"].replace("a*", "x", regex=True)),
    ("map-not-a-function", ex.InvalidArgumentError, lambda df: df["i"].map(5)),
    ("map-function-of-lists", ex.UnsupportedError, lambda df: df["i"].map(lambda x: [x])),
    ("map-mixed-values", ex.DTypeError, lambda df: df["i"].map({1: 10, 2: "x"})),
    ("map-bad-na-action", ex.InvalidArgumentError, lambda df: df["i"].map({1: 2}, na_action="drop")),
    ("ufunc-string", ex.DTypeError, lambda df: np.sqrt(df["s"])),
    ("ufunc-boolean-float", ex.DTypeError, lambda df: np.sqrt(df["b"])),
    ("ufunc-with-numpy-array", ex.UnsupportedError, lambda df: np.add(df["i"], np.arange(16))),
    ("ufunc-unknown", ex.UnsupportedError, lambda df: np.gcd(df["i"], 2)),
]


@pytest.mark.parametrize("cls,fn", [pytest.param(c, f, id=i) for i, c, f in ERRORS])
def test_errors(gen, cls, fn):
    cdf, _ = gen
    with pytest.raises(cls):
        fn(cdf)


@pytest.mark.parametrize(
    "fn",
    [
        lambda df: df["i"].clip(0.5, 10),
        lambda df: df["i"].where(df["c"], 1.5),
        lambda df: df["i"].fillna("x"),
        lambda df: df["b"].replace(True, 5),
        lambda df: df["f"].round(1.5),
        lambda df: df["i"].isin(1),
    ],
)
def test_pandas_raises_too(gen, fn):
    _, pdf = gen
    with pytest.raises((TypeError, ValueError)):
        fn(pdf)


_FLOATS = [1e300, -1e300, 1e20, -1e20, 123456789.123, 0.1, -0.1, 0.3, 3.0, -7.0, 5.5, -2.0, 0.0, -0.0,
           np.inf, -np.inf, 1e-300, 1.0, None]


@pytest.mark.parametrize("op", ["mod", "floordiv"])
def test_float_mod_and_floordiv_of_large_and_infinite_values(op):
    """Python's float % and // (NumPy's, so pandas'): cormorant took the engine's fmod(), which is
    x - trunc(x / y) * y, so 1e300 % -7.0 gave 0.0 (pandas -6.0) and 1e20 % 3.0 gave 0.0 (1.0); and
    1e-300 // -inf gave <NA> (pandas -1.0). Found by tests/fuzz (arith). Every pair of the values."""
    pairs = [(x, y) for x in _FLOATS for y in _FLOATS]
    p = pd.DataFrame({"a": pd.array([x for x, _ in pairs], dtype="Float64"),
                      "b": pd.array([y for _, y in pairs], dtype="Float64")})
    c = cpd.read_pandas(p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = getattr(p.a, op)(p.b)
        assert_same(getattr(c.a, op)(c.b), expected)
        assert_same(getattr(c.a, op)(7.5), getattr(p.a, op)(7.5))
        # A zero result has NumPy's sign: a remainder the divisor's, a quotient the signs' of both
        # (-2.0 % 2.0 is 0.0, 2.0 % -2.0 is -0.0, -0.0 // 3.0 is -0.0); cormorant had fmod's sign.
        for got, want in [(getattr(c.a, op)(c.b), expected), (getattr(c.a, op)(-2.0), getattr(p.a, op)(-2.0)),
                          (getattr(c.b, op)(3.0), getattr(p.b, op)(3.0))]:
            g = got.to_pandas().to_numpy(float, na_value=np.nan)
            w = want.to_numpy(float, na_value=np.nan)
            zeros = w == 0
            assert np.signbit(g[zeros]).tolist() == np.signbit(w[zeros]).tolist()


_FLEX = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "radd", "rsub", "rtruediv", "lt", "le", "gt", "ge",
         "eq", "ne"]


@pytest.mark.parametrize("fill", [None, 0, -2])
@pytest.mark.parametrize("method", _FLEX)
def test_series_flex_methods_align_and_fill_as_pandas(method, fill):
    """pandas' Series flex methods align misaligned Series (comparisons included, where the
    operators refuse) and take fill_value for a value one side lacks; cormorant's were the
    operators: lt/gt/... refused and fill_value was missing."""
    x = pd.Series(pd.array([1, None, 3, 4, 0], dtype="Int64"), index=[0, 1, 2, 3, 4], name="a")
    y = pd.Series(pd.array([2, 2, None, 5], dtype="Int64"), index=[1, 5, 3, 4], name="b")
    cx, cy = cpd.read_pandas(x.to_frame())["a"], cpd.read_pandas(y.to_frame())["b"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        others = [(y, cy), (y.iloc[::-1], cy.iloc[::-1]), (x, cx), (3, 3)]
        if method not in ("eq", "ne"):  # (s == None: pandas' masked arrays compare None as a value)
            others.append((None, None))
        for other, cother in others:
            try:
                want = getattr(x, method)(other, fill_value=fill)
            except (TypeError, ValueError):  # pandas: an integer with None, to a negative power
                continue
            assert_same(getattr(cx, method)(cother, fill_value=fill), want)
    with pytest.raises(ex.InvalidArgumentError, match="identically-labeled"):
        (cx < cy).to_pandas()  # the operator, as pandas' does


# ---------------------------------------------------------------------------------------
# NaN from Float64 arithmetic is missing, as in pandas (inf - inf, inf * 0, inf / inf, ...)

NAN_ARITHMETIC = {
    "sub": lambda df: df["f"] - df["f"], "mul_zero": lambda df: df["f"] * 0, "div": lambda df: df["f"] / df["f"],
    "mod": lambda df: df["f"] % df["f"], "floordiv": lambda df: df["f"] // df["f"], "mod_scalar": lambda df: df["f"] % -2,
    "floordiv_scalar": lambda df: df["f"] // -2, "add_reversed": lambda df: df["f"] + df["f"].iloc[::-1].reset_index(drop=True),
    "int_times": lambda df: df["i"] * df["f"], "frame": lambda df: df[["f"]] - df[["f"]],
}
SEEN_AS = {
    "isna": lambda r: r.isna(), "notna_filter": lambda r: r[r.notna()] if r.ndim == 1 else r.notna(),
    "count": lambda r: r.count(),
    "sum": lambda r: r.sum(), "fillna": lambda r: r.fillna(-1.0), "dropna": lambda r: r.dropna(), "itself": lambda r: r,
}


@pytest.mark.parametrize("op", list(NAN_ARITHMETIC))
@pytest.mark.parametrize("seen", list(SEEN_AS))
def test_nan_from_float_arithmetic_is_missing(gen, op, seen):
    """pandas' Float64 masks a NaN result: isna, count, sum, fillna and filters see <NA>; the
    engine's NaN was a value to them (while to_pandas showed <NA>)."""
    cdf, pdf = gen
    got, expected = SEEN_AS[seen](NAN_ARITHMETIC[op](cdf)), SEEN_AS[seen](NAN_ARITHMETIC[op](pdf))
    if np.ndim(expected) == 0:  # count, sum
        assert (got is pd.NA and expected is pd.NA) or got == expected, (got, expected)
    elif isinstance(got, pd.Series):  # a frame's count and sum are pandas Series already
        pd.testing.assert_series_equal(got, expected, check_dtype=False)
    else:
        assert_same(got, expected)


REDUCTIONS = ("sum", "mean", "std", "var", "prod", "median")


@pytest.mark.parametrize("how", REDUCTIONS)
@pytest.mark.parametrize("where", ["whole", "groups", "groups_isna", "frame"])
def test_nan_from_float_reductions_is_missing(how, where):
    """A Float64 reduction that comes to NaN (inf and -inf summed, inf * 0 in a product) is <NA>,
    as pandas gives it, per group too (a later isna or filter sees it missing)."""
    pdf = pd.DataFrame({"g": [1, 1, 2, 2, 3], "f": pd.array([np.inf, -np.inf, np.inf, 0.0, None], dtype="Float64")})
    cdf = cpd.read_pandas(pdf)
    if where == "whole":
        got, expected = getattr(cdf["f"], how)(), getattr(pdf["f"], how)()
        assert (got is pd.NA and expected is pd.NA) or got == expected, (got, expected)
    elif where == "frame":
        pd.testing.assert_series_equal(getattr(cdf[["f"]], how)(), getattr(pdf[["f"]], how)(), check_dtype=False)
    else:
        run = lambda df: getattr(df.groupby("g")["f"], how)()  # noqa: E731
        if where == "groups_isna":
            run = lambda df, inner=run: inner(df).isna()  # noqa: E731
        assert_same(run(cdf), run(pdf))
