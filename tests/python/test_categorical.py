"""The categorical dtype against pandas 3.1: read_pandas / to_pandas (categories, their order,
ordered, codes, missing values), astype to and from categories, the .cat accessor,
comparisons, sort_values, groupby, isin and fillna, with missing values, empty frames,
unused categories, repeated values and re-execution; bad input raises typed errors."""

from __future__ import annotations

import operator

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same, engine_prelude

LETTERS = ["c", "a", "b", None, "a", "c", "a"]


def make(values, categories=None, ordered=False):
    return pd.Series(pd.Categorical(values, categories=categories, ordered=ordered), name="k")


@pytest.fixture(params=[False, True], ids=["unordered", "ordered"], name="ordered")
def ordered_mode(request):
    return request.param


@pytest.fixture(name="pdf")
def frame(ordered) -> pd.DataFrame:
    """A categorical column whose categories are not in lexical order, with an unused one."""
    return pd.DataFrame({
        "k": pd.Categorical(LETTERS, categories=["c", "b", "a", "z"], ordered=ordered),
        "n": pd.array([1, 2, 3, 4, None, 6, 7], dtype="Int64"),
        "i": pd.Categorical([10, 20, None, 10, 30, 20, 10], categories=[30, 20, 10]),
    })


def same_series(got: pd.Series, expected: pd.Series, check_dtype=True):
    pd.testing.assert_series_equal(got.reset_index(drop=True), expected.reset_index(drop=True),
                                   check_dtype=check_dtype, check_names=False)


def as_boolean(s: pd.Series) -> pd.Series:
    return s.astype("boolean")


@pytest.mark.parametrize("values,categories", [
    (LETTERS, None),
    (LETTERS, ["c", "b", "a", "z"]),
    ([3, 1, None, 2, 3], [3, 2, 1, 0]),
    ([1.5, None, -2.0], None),
    ([], ["x", "y"]),
    ([None, None], ["x"]),
])
def test_round_trip_keeps_categories_order_and_codes(values, categories, ordered):
    s = make(values, categories, ordered)
    pdf = pd.DataFrame({"k": s, "other": range(len(s))})
    cdf = cpd.read_pandas(pdf)
    for _ in range(2):  # re-execution
        got = cdf.to_pandas()
        pd.testing.assert_frame_equal(got, pdf.astype({"other": "Int64"}))
        assert got["k"].dtype == s.dtype
        assert list(got["k"].cat.codes) == list(s.cat.codes)
    assert cdf["k"].dtype == s.dtype
    assert cdf.dtypes["k"] == s.dtype


def test_categorical_index_and_filter(pdf):
    cdf = cpd.read_pandas(pdf.set_index("k"))
    pd.testing.assert_frame_equal(cdf.to_pandas(), pdf.set_index("k").astype({"n": "Int64"}))
    got = cdf[cdf["n"] > 2].to_pandas()
    expected = pdf.set_index("k")[pdf.set_index("k")["n"] > 2]
    pd.testing.assert_index_equal(got.index, expected.index)


def test_unsupported_categories_name_the_column():
    pdf = pd.DataFrame({"when": pd.Categorical(pd.to_datetime(["2024-01-01", "2024-01-02"]))})
    with pytest.raises(exceptions.DTypeError, match="'when'"):
        cpd.read_pandas(pdf)


@pytest.mark.parametrize("column", ["s", "n", "f"])
def test_astype_category_infers_sorted_categories(column):
    pdf = pd.DataFrame({
        "s": pd.array(["b", None, "a", "c", "a"], dtype="string"),
        "n": pd.array([3, 1, None, 3, 2], dtype="Int64"),
        "f": pd.array([0.5, None, -1.0, 0.5, 2.0], dtype="Float64"),
    })
    got = cpd.read_pandas(pdf)[column].astype("category").to_pandas()
    expected = pdf[column].astype("category")
    assert list(got.cat.categories) == list(expected.cat.categories)
    assert list(got.cat.codes) == list(expected.cat.codes)
    assert got.cat.ordered == expected.cat.ordered


def test_many_categories():
    """100,000 distinct values as categories (astype and read_pandas), their codes as pandas'
    (the categories' lookup took quadratic time: 40,000 took two minutes)."""
    values = pd.Series([f"v{i:06d}" for i in range(100_000)][::-1] + [None, "v000007"], dtype="string")
    got = cpd.read_pandas(values).astype("category").to_pandas()
    expected = values.astype("category")
    assert list(got.cat.categories) == list(expected.cat.categories)
    assert list(got.cat.codes) == list(expected.cat.codes)
    read = cpd.read_pandas(expected)
    assert list(read.to_pandas().cat.codes) == list(expected.cat.codes)
    assert list(read.isin(["v000007", "v099999"]).to_pandas()) == list(expected.isin(["v000007", "v099999"]))


@pytest.mark.filterwarnings("ignore:Constructing a Categorical with a dtype and values")  # pandas' own, for 'q'
def test_astype_categorical_dtype_and_back(ordered):
    pdf = pd.DataFrame({"s": pd.array(["b", None, "a", "q", "a"], dtype="string"),
                        "n": pd.array([3, 1, None, 7, 2], dtype="Int64")})
    cdf = cpd.read_pandas(pdf)
    dtype = pd.CategoricalDtype(["b", "a"], ordered=ordered)
    got = cdf["s"].astype(dtype).to_pandas()
    expected = pdf["s"].astype(dtype)
    same_series(got, expected)
    ints = pd.CategoricalDtype([3, 2, 1], ordered=ordered)
    same_series(cdf["n"].astype(ints).to_pandas(), pdf["n"].astype(ints))
    # back to the categories' dtype
    same_series(cdf["s"].astype(dtype).astype("string").to_pandas(), pdf["s"].astype(dtype).astype("string"))
    same_series(cdf["n"].astype(ints).astype("Int64").to_pandas(), pdf["n"].astype(ints).astype("Int64"))
    # frame astype with a dict
    got = cdf.astype({"s": dtype}).to_pandas()
    pd.testing.assert_series_equal(got["s"], pdf.astype({"s": dtype})["s"])


def test_cat_accessor(pdf):
    cdf = cpd.read_pandas(pdf)
    s, cs = pdf["k"], cdf["k"]
    pd.testing.assert_series_equal(cs.cat.codes.to_pandas(), s.cat.codes)
    pd.testing.assert_index_equal(cs.cat.categories, s.cat.categories)
    assert cs.cat.ordered == s.cat.ordered
    cases = [
        lambda c: c.rename_categories(["C", "B", "A", "Z"]),
        lambda c: c.rename_categories({"a": "alpha"}),
        lambda c: c.add_categories(["y", "x"]),
        lambda c: c.remove_categories(["a"]),
        lambda c: c.set_categories(["a", "b", "q"]),
        lambda c: c.set_categories(["a", "c"], ordered=True),
        lambda c: c.reorder_categories(["a", "b", "c", "z"]),
        lambda c: c.as_ordered(),
        lambda c: c.as_unordered(),
        lambda c: c.remove_unused_categories(),
    ]
    for case in cases:
        got, expected = case(cs.cat).to_pandas(), case(s.cat)
        same_series(got, expected)
        assert list(got.cat.codes) == list(expected.cat.codes)
    with pytest.raises(exceptions.InvalidArgumentError):
        cs.cat.remove_categories(["nope"])
    with pytest.raises(exceptions.DTypeError):
        cdf["n"].cat


@pytest.mark.parametrize("column,removals", [("k", []), ("k", ["a"]), ("k", ["z", "c"]), ("i", []), ("i", [20]),
                                             ("i", [30, 10])])
def test_codes_and_removals_as_pandas(pdf, column, removals):
    """Found by the fuzzer: codes are unnamed, as pandas'; removing nothing keeps the
    categories' order (pandas' Index.difference sorts only when it removes something)."""
    cdf = cpd.read_pandas(pdf)
    pd.testing.assert_series_equal(cdf[column].cat.codes.to_pandas(), pdf[column].cat.codes)
    for rows in (slice(None), slice(0, 0)):
        got = cdf[column].iloc[rows].cat.remove_categories(removals).to_pandas()
        pd.testing.assert_series_equal(got, pdf[column].iloc[rows].cat.remove_categories(removals))
        got = cdf[column].iloc[rows].cat.remove_unused_categories().to_pandas()
        expected = pdf[column].iloc[rows].cat.remove_unused_categories()
        if not len(expected.cat.categories):  # (no categories: their dtype differs, README)
            assert not len(got.cat.categories) and got.cat.ordered == expected.cat.ordered
            assert got.isna().tolist() == expected.isna().tolist()
        else:
            pd.testing.assert_series_equal(got, expected)


@pytest.mark.parametrize("n", [0, 1, 126, 127, 128, 32766, 32767])
def test_codes_have_pandas_dtype(n):
    """cat.codes in pandas' dtype: int8 while fewer than 127 categories, int16 from 127, int32
    from 32767; missing values -1; a filter of no rows and re-execution too."""
    s = pd.Series(pd.Categorical([x % (n or 1) if n else None for x in range(300)], categories=range(n)), name="k")
    s = s.where(s.index % 7 != 3)  # some missing values
    c = cpd.read_pandas(s.to_frame())["k"]
    for rows in (slice(None), slice(0, 0)):
        for _ in range(2):  # re-execution
            pd.testing.assert_series_equal(c.iloc[rows].cat.codes.to_pandas(), s.iloc[rows].cat.codes)


@pytest.mark.parametrize("func", ["min", "max"])
def test_missing_min_max_is_nan(func):
    """An ordered categorical's min/max of no values is NaN, pandas' missing category (was <NA>)."""
    s = make(["a", None, "b"], ["b", "a", "z"], ordered=True)
    c = cpd.read_pandas(s.to_frame())["k"]
    for rows in (slice(None), slice(0, 0), slice(1, 2)):
        for skipna in (True, False):
            got, expected = getattr(c.iloc[rows], func)(skipna=skipna), getattr(s.iloc[rows], func)(skipna=skipna)
            assert repr(got) == repr(expected) or (got == expected and isinstance(got, str))


@pytest.mark.parametrize("op", [operator.eq, operator.ne])
@pytest.mark.parametrize("value", ["a", "z", "nope"])
def test_equality_with_a_value(pdf, op, value):
    cdf = cpd.read_pandas(pdf)
    same_series(op(cdf["k"], value).to_pandas(), as_boolean(op(pdf["k"], value)))


@pytest.mark.parametrize("op", [operator.lt, operator.le, operator.gt, operator.ge])
def test_ordering_comparisons_follow_the_categories(pdf, ordered, op):
    cdf = cpd.read_pandas(pdf)
    if not ordered:
        with pytest.raises(TypeError):
            op(pdf["k"], "b")
        with pytest.raises(exceptions.DTypeError, match="Unordered"):
            op(cdf["k"], "b")
        return
    same_series(op(cdf["k"], "b").to_pandas(), as_boolean(op(pdf["k"], "b")))
    same_series(op("b", cdf["k"]).to_pandas(), as_boolean(op("b", pdf["k"])))
    other = pdf["k"].iloc[::-1].reset_index(drop=True)
    got = op(cdf["k"], cpd.read_pandas(other.to_frame())["k"]).to_pandas()
    same_series(got, as_boolean(op(pdf["k"], other)))
    with pytest.raises(exceptions.DTypeError):
        op(cdf["k"], "nope")


@pytest.mark.parametrize("inclusive", ["both", "left", "right", "neither"])
def test_between_follows_the_categories(pdf, ordered, inclusive):
    """between of an ordered categorical compares by the categories' order (it was refused as a
    comparison with text; found by the fuzzer); of an unordered one it is refused as pandas'."""
    cdf = cpd.read_pandas(pdf)
    if not ordered:
        with pytest.raises(TypeError):
            pdf["k"].between("c", "a", inclusive=inclusive)
        with pytest.raises(exceptions.DTypeError):
            cdf["k"].between("c", "a", inclusive=inclusive)
        return
    for low, high in (("c", "a"), ("b", "b"), ("a", "c")):
        got = cdf["k"].between(low, high, inclusive=inclusive).to_pandas()
        pd.testing.assert_series_equal(got, as_boolean(pdf["k"].between(low, high, inclusive=inclusive)))


def test_comparisons_of_other_categories_and_arithmetic_refused(pdf):
    cdf = cpd.read_pandas(pdf)
    other = cpd.read_pandas(pd.DataFrame({"k": pdf["k"].cat.add_categories(["w"])}))
    with pytest.raises(exceptions.DTypeError):
        cdf["k"] == other["k"]
    with pytest.raises(exceptions.DTypeError):
        cdf["i"] + 1


@pytest.mark.parametrize("ascending", [True, False])
@pytest.mark.parametrize("na_position", ["last", "first"])
def test_sort_values_by_category_order(pdf, ascending, na_position):
    cdf = cpd.read_pandas(pdf)
    got = cdf.sort_values("k", ascending=ascending, na_position=na_position).to_pandas()
    expected = pdf.sort_values("k", ascending=ascending, na_position=na_position, kind="stable")
    pd.testing.assert_frame_equal(got, expected.astype({"n": "Int64"}), check_index_type=False)


def test_groupby_category_key(pdf):
    cdf = cpd.read_pandas(pdf)
    got = cdf.groupby("k")["n"].sum().to_pandas()
    expected = pdf.groupby("k")["n"].sum()  # pandas 3.1: observed=True by default
    pd.testing.assert_series_equal(got, expected, check_index_type=True)
    got = cdf.groupby("k").size().to_pandas()
    pd.testing.assert_series_equal(got, pdf.groupby("k").size())


def same_groups(got, expected, mode: str):
    """got (a cormorant result) equals pandas' `expected`; in partial mode in any row order."""
    got = got.to_pandas()
    if mode == "partial":  # no order: the rows, keys as columns, sorted
        def rows(x):
            x = x.to_frame() if isinstance(x, pd.Series) else x
            x = x.reset_index(drop=x.index.name is None and x.index.nlevels == 1)
            return x.sort_values(list(x.columns), ignore_index=True)

        got, expected = rows(got), rows(expected)
    if isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(got, expected)
    else:
        pd.testing.assert_frame_equal(got, expected)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("keys", ["k", ["k", "i"], ["o", "k"]], ids=["one", "two", "mixed"])
@pytest.mark.parametrize("rows", ["all", "none"])
def test_groupby_observed_false_has_every_category(pdf, mode, keys, rows):
    """groupby(observed=False): every category is a group (the product of the categories of
    several keys, with the values of a plain key), unused ones with pandas' values of an empty
    group (count, size, nunique, sum 0, prod 1, any False, all True, the others missing);
    dropna both ways, sorted or in order of first appearance, keys as index or columns; each
    result computed twice."""
    pdf = pdf.assign(o=pd.array(["y", "x", "x", None, "y", "x", None], dtype="string"),
                     b=pd.array([True, False, None, True, False, None, True], dtype="boolean"),
                     f=pd.array([1.5, None, 2.0, 0.5, 4.0, 1.0, 2.0], dtype="Float64"))
    pdf = pdf if rows == "all" else pdf.head(0)
    aggregations = [
        lambda g: g.agg(s=("n", "sum"), m=("n", "mean"), c=("n", "count"), u=("n", "nunique"), p=("n", "prod"),
                        a=("b", "any"), al=("b", "all"), fs=("f", "sum"), lo=("f", "min"), sd=("f", "std")),
        lambda g: g.size(),
        lambda g: g["n"].sum(),
        lambda g: g[["n", "f"]].agg(["sum", "count", "first"]),
    ]
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        for dropna in (True, False):
            for sort in (True, False):
                for as_index in (True, False):
                    for aggregate in aggregations:
                        if aggregate is aggregations[3] and mode == "partial":
                            continue  # first needs an order
                        expected = aggregate(pdf.groupby(keys, observed=False, dropna=dropna, sort=sort,
                                                         as_index=as_index))
                        got = aggregate(cdf.groupby(keys, observed=False, dropna=dropna, sort=sort, as_index=as_index))
                        for _ in range(2):  # re-execution
                            same_groups(got, expected, mode)


def test_groupby_observed_false_other_methods(pdf):
    """observed=False in a Series' groupby, describe and quantile (empty groups: count 0, the
    rest missing); idxmax of an empty group raises as pandas does; methods that do not give
    the unused categories yet are refused."""
    cdf = cpd.read_pandas(pdf)
    pd.testing.assert_series_equal(cdf["n"].groupby(cdf["k"], observed=False).sum().to_pandas(),
                                   pdf["n"].groupby(pdf["k"], observed=False).sum())
    pd.testing.assert_frame_equal(cdf.groupby("k", observed=False)["n"].describe().to_pandas(),
                                  pdf.groupby("k", observed=False)["n"].describe())
    pd.testing.assert_series_equal(cdf.groupby("i", observed=False)["n"].quantile(0.5).to_pandas(),
                                   pdf.groupby("i", observed=False)["n"].quantile(0.5))
    # a key that is not categorical: observed changes nothing (pandas ignores it)
    pd.testing.assert_series_equal(cdf.groupby("n", observed=False).size().to_pandas(),
                                   pdf.groupby("n", observed=False).size())
    with pytest.raises(ValueError, match="empty group"):
        pdf.groupby("k", observed=False)["n"].idxmax()
    with pytest.raises(exceptions.InvalidArgumentError, match="empty group"):
        cdf.groupby("k", observed=False)["n"].idxmax()
    grouped = cdf.groupby("k", observed=False)
    for refused in (lambda g: g.apply(len), lambda g: g.filter(lambda x: True), lambda g: g.groups,
                    lambda g: g.corr(), lambda g: g["n"].rolling(2)):
        with pytest.raises(exceptions.UnsupportedError, match="observed=False"):
            refused(grouped)


def test_isin_and_fillna(pdf):
    cdf = cpd.read_pandas(pdf)
    for values in (["a", "z"], ["a", None], ["nope"], []):
        same_series(cdf["k"].isin(values).to_pandas(), as_boolean(pdf["k"].isin(values)))
    same_series(cdf["k"].fillna("b").to_pandas(), pdf["k"].fillna("b"))
    same_series(cdf["i"].fillna(30).to_pandas(), pdf["i"].fillna(30))
    with pytest.raises(TypeError):
        pdf["k"].fillna("nope")
    with pytest.raises(exceptions.DTypeError, match="new category"):
        cdf["k"].fillna("nope")


def test_empty_frame(ordered):
    pdf = pd.DataFrame({"k": pd.Categorical([], categories=["b", "a"], ordered=ordered)})
    cdf = cpd.read_pandas(pdf)
    pd.testing.assert_frame_equal(cdf[cdf["k"] == "a"].to_pandas(), pdf[pdf["k"] == "a"], check_index_type=False)
    same_series(cdf["k"].astype(str).to_pandas(), pdf["k"].astype("string"))


@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize("normalize", [False, True])
@pytest.mark.parametrize("rows", ["all", "none", "missing"])
def test_value_counts_has_every_category(pdf, dropna, normalize, rows):
    """Every category, unused ones too; with no rows (or only missing ones, dropped) pandas'
    shares are 0 / 0, missing (they were 0.0: found by the fuzzer)."""
    pdf = {"all": pdf, "none": pdf.head(0), "missing": pdf[pdf["k"].isna()]}[rows]
    cdf = cpd.read_pandas(pdf)
    got = cdf["k"].value_counts(dropna=dropna, normalize=normalize).to_pandas()
    expected = pdf["k"].value_counts(dropna=dropna, normalize=normalize)
    pd.testing.assert_series_equal(got, expected, check_index_type=True)  # pandas' int64 / float64 (NaN) too
    assert got.index.dtype == expected.index.dtype


def test_merge_on_categories(pdf):
    left = pdf[["k", "n"]]
    right = pd.DataFrame({"k": pd.Categorical(["a", "z", "c", None], dtype=pdf["k"].dtype), "m": [1, 2, 3, 4]})
    got = cpd.read_pandas(left).merge(cpd.read_pandas(right), on="k").to_pandas()
    expected = left.merge(right, on="k")
    pd.testing.assert_frame_equal(got, expected.astype({"n": "Int64", "m": "Int64"}), check_index_type=False)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
def test_merge_on_other_categories_by_values(pdf, mode, how):
    """A categorical key merged with one of other categories, or with a column of its values,
    joins by the values (missing meets missing) and the key becomes a column of the values,
    as pandas' (its str is cormorant's string); twice. Keys of other names or whose values
    differ in dtype stay refused."""
    left = pdf[["k", "n"]]
    others = [pd.Categorical(["a", "z", "c", None], categories=["a", "z", "c"]),
              pd.array(["a", "z", "c", None], dtype="string")]
    with cpd.option_context("session.ordering_mode", mode):
        for key in others:
            right = pd.DataFrame({"k": key, "m": [1, 2, 3, 4]})
            for a, b in ((left, right), (right, left)):
                expected = a.merge(b, on="k", how=how)
                expected = expected.astype({c: "Int64" for c in ("n", "m")}).astype({"k": "string"})
                got_frame = cpd.read_pandas(a).merge(cpd.read_pandas(b), on="k", how=how)
                for _ in range(2):  # re-execution
                    got = got_frame.to_pandas()
                    if mode == "partial":
                        got, expected = (x.sort_values(["k", "n", "m"], ignore_index=True) for x in (got, expected))
                    pd.testing.assert_frame_equal(got, expected, check_index_type=False)
        right = pd.DataFrame({"j": others[0], "m": [1, 2, 3, 4]})
        with pytest.raises(exceptions.DTypeError):
            cpd.read_pandas(left).merge(cpd.read_pandas(right), left_on="k", right_on="j")
        with pytest.raises(exceptions.DTypeError):
            cpd.read_pandas(pdf[["i", "n"]]).merge(cpd.read_pandas(pd.DataFrame({"i": [10.5, 20.0]})), on="i")


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("rows", ["all", "none", "missing"])
def test_to_csv_writes_the_values(pdf, tmp_path, mode, rows):
    """to_csv writes a categorical's values (text, integer and float categories, missing as an
    empty cell), columns and index alike, as pandas' to_csv; the same frame written twice."""
    pdf = pdf.assign(f=pd.Categorical([1.5, None, 2.0, 1.5, 2.0, None, 0.25], categories=[2.0, 1.5, 0.25]))
    pdf = {"all": pdf, "none": pdf.head(0), "missing": pdf[pdf["k"].isna()]}[rows]
    indexed = pdf.set_index("i")
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        for got_frame, want_frame in [(cdf, pdf), (cdf.set_index("i"), indexed), (cdf[cdf["k"] != "a"], pdf[pdf["k"] != "a"])]:
            for kwargs in [{"index": False, "sep": ";"}, {}]:
                if mode == "partial" and want_frame.index.name is None and kwargs.get("index", True):
                    continue  # partial mode has no default index to write
                want = want_frame.to_csv(**kwargs)
                for _ in range(2):  # re-execution
                    got = got_frame.to_csv(**kwargs)
                    if mode == "partial":  # rows in any order
                        assert sorted(got.splitlines()) == sorted(want.splitlines())
                    else:
                        assert got == want
        cdf.to_csv(tmp_path / "x.csv", index=False)
        written = (tmp_path / "x.csv").read_text().splitlines()
        assert sorted(written) == sorted(pdf.to_csv(index=False).splitlines())


def rows_in_order(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reset_index(drop=frame.index.name is None)
    return frame.sort_values(list(frame.columns), ignore_index=True)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("rows", ["all", "none", "missing"])
def test_to_parquet_writes_dictionary_columns(pdf, tmp_path, mode, rows):
    """to_parquet writes categoricals as pandas does (Arrow dictionary columns with every
    category and ordered): pandas' read_parquet of cormorant's file equals its read_parquet of
    pandas' file, and cormorant reads it back; written twice, with and without an index."""
    pdf = pdf.assign(f=pd.Categorical([1.5, None, 2.0, 1.5, 2.0, None, 0.25], categories=[2.0, 1.5, 0.25]))
    pdf = {"all": pdf, "none": pdf.head(0), "missing": pdf[pdf["k"].isna()]}[rows]
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        for got_frame, want_frame in [(cdf, pdf), (cdf.set_index("n"), pdf.set_index("n")),
                                      (cdf[cdf["k"] != "a"], pdf[pdf["k"] != "a"]),
                                      (cdf[["k", "n"]].set_index("k"), pdf[["k", "n"]].set_index("k"))]:
            for index in [None, False]:
                if index is None and want_frame.index.name is None and \
                        (mode == "partial" or not isinstance(want_frame.index, pd.RangeIndex)):
                    continue  # no default index in partial mode; a filtered one is not written (pandas writes it)
                if index is False and "k" not in want_frame.columns:
                    continue  # no categorical written (the engine's writer: not this test's subject)
                want_frame.to_parquet(tmp_path / "p.parquet", index=index)
                want = pd.read_parquet(tmp_path / "p.parquet")
                if mode == "partial":  # rows in any order
                    want = rows_in_order(want)
                for _ in range(2):  # re-execution
                    got_frame.to_parquet(tmp_path / "c.parquet", index=index)
                    got = pd.read_parquet(tmp_path / "c.parquet")
                    pd.testing.assert_frame_equal(rows_in_order(got) if mode == "partial" else got, want)
                # cormorant reads the file back: the same categoricals (pandas gives numeric ones as float64)
                back = cpd.read_parquet(tmp_path / "c.parquet").to_pandas()
                again = pd.read_parquet(tmp_path / "c.parquet")
                again = again.reset_index(drop=again.index.name is None)  # (cormorant reads an index as a column)
                assert back["k"].dtype == again["k"].dtype
                pd.testing.assert_frame_equal(back[again.columns].astype(again.dtypes), again, check_index_type=False)


@pytest.mark.parametrize("normalize", [False, True])
@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize("sort", [True, False])
def test_groupby_value_counts_every_category(pdf, normalize, dropna, sort):
    """pandas counts every category of a categorical column in each group (0 where a group lacks
    it; cormorant gave the observed counts alone, silently), and by categorical keys with
    observed=False every group; in pandas' order, missing values and no rows included."""
    assert (pdf.groupby("n")["k"].value_counts() == 0).any()
    cdf = cpd.read_pandas(pdf)
    counts = [lambda d: d.groupby("n", sort=sort)["k"].value_counts(normalize=normalize, dropna=dropna),
              lambda d: d.groupby("k", observed=False, sort=sort)["n"].value_counts(normalize=normalize, dropna=dropna),
              lambda d: d.groupby("k", observed=False, sort=sort)["i"].value_counts(normalize=normalize, dropna=dropna),
              lambda d: d.groupby(["k", "i"], observed=False, sort=sort)["n"].value_counts(normalize=normalize),
              lambda d: d.groupby("n", sort=sort)[["k"]].value_counts(normalize=normalize, dropna=dropna),
              lambda d: d.groupby("n")[["k", "i"]].value_counts(normalize=normalize, sort=sort),
              lambda d: d.groupby("k", observed=True, sort=sort)["i"].value_counts(normalize=normalize, dropna=dropna),
              lambda d: d["k"].groupby(d["n"]).value_counts(normalize=normalize, ascending=True),
              lambda d: d[d["n"] > 100].groupby("n")["k"].value_counts(normalize=normalize)]
    for count in counts:
        got = count(cdf)
        for _ in range(2):
            assert_same(got, count(pdf))


def test_refusals_are_typed(pdf, tmp_path):
    cdf = cpd.read_pandas(pdf)
    with pytest.raises(exceptions.FileWriteError, match="x.parquet"):
        cdf.to_parquet(tmp_path / "no folder" / "x.parquet")
    with pytest.raises(exceptions.UnsupportedError, match="as_index"):
        cdf.groupby("k", observed=False, as_index=False)["n"].value_counts()
    # pandas 3.1 counts the missing values of a categorical column as its last category there
    assert pdf.groupby("n", dropna=False)["k"].value_counts().sum() > pdf["k"].notna().sum()
    with pytest.raises(exceptions.UnsupportedError, match="dropna=False"):
        cdf.groupby("n", dropna=False)["k"].value_counts()
    with pytest.raises(exceptions.DTypeError):
        cdf["k"].sum()


@pytest.mark.parametrize("row_group_size", [None, 2])
def test_read_parquet_of_pandas_categoricals(pdf, tmp_path, row_group_size):
    """pandas writes a categorical as a Parquet dictionary column (categories, unused ones too,
    and ordered) and reads it back as the categorical; cormorant read its values as strings, so
    sorts and < > followed the text instead of the categories' order. Found while fuzzing."""
    path = tmp_path / "c.parquet"
    pdf.to_parquet(path, index=False, row_group_size=row_group_size)
    expected = pd.read_parquet(path)
    cdf = cpd.read_parquet(path)
    assert cdf["k"].dtype == expected["k"].dtype
    pd.testing.assert_frame_equal(cdf.to_pandas(), expected.astype({"n": "Int64"}), check_index_type=False,
                                  check_dtype=False)
    checks = [
        lambda d: d.sort_values("k", kind="stable")["n"],
        lambda d: d["k"].value_counts(),
        lambda d: d.groupby("k")["n"].sum(),
        lambda d: d["k"] == "a",
    ]
    if pdf["k"].cat.ordered:
        checks += [lambda d: d["k"] < "a", lambda d: d[d["k"] >= "b"]["n"]]
    for check in checks:
        got, want = check(cdf).to_pandas(), check(expected)
        pd.testing.assert_series_equal(got.astype(want.dtype), want, check_index_type=False)
    with cpd.option_context("session.ordering_mode", "partial"):
        assert sorted(cpd.read_parquet(path)["k"].value_counts().to_pandas().items()) == \
            sorted(expected["k"].value_counts().items())


def test_read_parquet_of_arrow_dictionaries_without_pandas_metadata(tmp_path):
    """A dictionary column written by pyarrow without pandas' metadata, in a glob beside a file
    whose Arrow schema has no dictionary: pandas' read_parquet of each file is the oracle (the
    engine's reading of the Arrow schemas decides whether pyarrow opens the files)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    values = pa.array(["b", None, "a", "b"]).dictionary_encode()
    pq.write_table(pa.table({"k": values, "n": [1, 2, 3, 4]}), tmp_path / "a.parquet")
    pq.write_table(pa.table({"k": values.cast(pa.string()), "n": [5, 6, 7, 8]}), tmp_path / "b.parquet")
    pq.write_table(pa.table({"k": values, "n": [1, 2, 3, 4]}), tmp_path / "raw.parquet", store_schema=False)
    got = cpd.read_parquet(tmp_path / "a.parquet").to_pandas()
    want = pd.read_parquet(tmp_path / "a.parquet")
    assert isinstance(want["k"].dtype, pd.CategoricalDtype)
    assert got["k"].dtype == want["k"].dtype
    pd.testing.assert_series_equal(got["k"], want["k"], check_index_type=False)
    for name in ["b.parquet", "raw.parquet"]:  # no dictionary for pandas either
        got = cpd.read_parquet(tmp_path / name).to_pandas()
        want = pd.read_parquet(tmp_path / name)
        assert not isinstance(want["k"].dtype, pd.CategoricalDtype)
        assert not isinstance(got["k"].dtype, pd.CategoricalDtype)
        assert got["k"].fillna("-").tolist() == want["k"].fillna("-").tolist()
    # Globs: the first file's dictionary makes the column categorical (the old reading, kept).
    glob_got = cpd.read_parquet(str(tmp_path / "[ab].parquet")).to_pandas()
    assert isinstance(glob_got["k"].dtype, pd.CategoricalDtype)
    assert list(glob_got["k"].cat.categories) == ["b", "a"]
    assert glob_got["k"].astype(object).fillna("-").tolist() == ["b", "-", "a", "b"] * 2


def test_read_parquet_without_dictionaries_leaves_pyarrow_parquet_unloaded(tmp_path):
    """A file whose Arrow schema has no dictionary column is not opened again with pyarrow:
    pyarrow.parquet stays unimported (its import and footer read cost 10-15 MB a process)."""
    import subprocess
    import sys

    pd.DataFrame({"k": ["a", None], "n": [1, 2]}).to_parquet(tmp_path / "p.parquet")
    code = ("import sys, cormorant.pandas as cpd\n"
            f"df = cpd.read_parquet({str(tmp_path / 'p.parquet')!r})\n"
            "print(df.to_pandas()['k'].tolist(), 'pyarrow.parquet' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", engine_prelude() + code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "['a', nan] False" or out.strip() == "['a', <NA>] False", out


@pytest.mark.parametrize("values", [[None, "a", "a"], [None, "b", "a"], ["b", None, "a"], [None, None, "b"], ["a", "b", None]])
@pytest.mark.parametrize("kw", [{}, {"ascending": False}, {"na_position": "first"}, {"ascending": False, "na_position": "first"}])
def test_sort_index_of_categories_puts_missing_values_where_asked(values, kw):
    """sort_index by a CategoricalIndex sorts by the categories' order with missing values at
    na_position. pandas skips the sort when the index's codes never decrease, counting a missing
    value's code (-1) as the smallest, so [NaN, 'a', 'a'] stays with NaN first under
    na_position='last' (README, differences): pandas' sort_values of the same column is the oracle."""
    p = pd.DataFrame({"c": pd.Categorical(values, categories=["a", "b"]), "v": range(len(values))})
    got = cpd.read_pandas(p).set_index("c").sort_index(**kw).to_pandas()
    want = p.sort_values("c", kind="stable", **kw).set_index("c")
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    codes = pd.Categorical(values, categories=["a", "b"]).codes
    if not (kw.get("ascending", True) and all(codes[:-1] <= codes[1:])):
        pd.testing.assert_frame_equal(got, p.set_index("c").sort_index(**kw), check_dtype=False)


def test_str_accessor_of_text_categories():
    """A categorical of text takes .str on its values, as pandas (whose results are object
    columns; cormorant's are string, its text dtype)."""
    local = pd.Series(pd.Categorical(["b", None, "a", "b"], categories=["b", "a", "z"]), name="k")
    got = cpd.read_pandas(local.to_frame())["k"]
    text = local.astype("string")
    assert_same(got.str.upper(), text.str.upper())
    assert_same(got.str.len(), text.str.len())
    assert_same(got.str.contains("a"), text.str.contains("a"))
    numbers = cpd.read_pandas(pd.DataFrame({"n": pd.Categorical([1, 2])}))["n"]
    with pytest.raises(exceptions.AccessorError):
        numbers.str.upper()
