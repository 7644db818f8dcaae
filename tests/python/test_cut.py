"""cpd.cut and cpd.qcut against pandas 3.1: the bins computed in the engine, the categories
pandas' own (intervals or labels), missing values and values outside the bins missing, both
ordering modes, re-execution; then value_counts, groupby and sort_values of the result. Also
the categories' dtypes pandas keeps (Int64, Float64, string, intervals) through cormorant."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

FLOATS = pd.array([0.5, None, 3.25, 10.0, -2.0, 7.5, 2.5, 0.0, 12.0, 5.0, 2.5], dtype="Float64")
INTS = pd.array([1, 4, None, 9, 0, 4, 6, 2, 8, 4, 11], dtype="Int64")


@pytest.fixture(name="pdf")
def frame() -> pd.DataFrame:
    return pd.DataFrame({"id": range(len(FLOATS)), "f": FLOATS, "n": INTS})


def in_order(cdf, column, result, mode):
    """The result beside the frame's id, as pandas, rows sorted by id in partial mode."""
    out = cdf[["id"]].assign(r=result).to_pandas()
    if mode == "partial":
        out = out.sort_values("id", ignore_index=True)
    return out["r"].rename(column)


def same(got: pd.Series, expected: pd.Series, labels):
    if labels is False:  # pandas' int64 (float64 with NaN) bin numbers are Int64 (README)
        expected = expected.astype("Int64")
    pd.testing.assert_series_equal(got.reset_index(drop=True), expected.reset_index(drop=True), check_names=False)


CUTS = [
    dict(bins=3),
    dict(bins=4, right=False),
    dict(bins=1),
    dict(bins=[0, 2.5, 5, 10]),
    dict(bins=[0, 2.5, 5, 10], include_lowest=True),
    dict(bins=[0, 2.5, 5, 10], right=False, include_lowest=True),
    dict(bins=[-5, 0, 5, 15], labels=["low", "mid", "high"]),
    dict(bins=[-5, 0, 5, 15], labels=[3, 1, 2], ordered=False),
    dict(bins=[0, 2.5, 5, 10], labels=False),
    dict(bins=5, labels=False, right=False),
    dict(bins=3, precision=1),
    dict(bins=[0, 5, 5, 10], duplicates="drop"),
    dict(bins=[0, 1, 4, 6, 100]),
    dict(bins=np.array([-np.inf, 0, 5, np.inf])),
]


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("column", ["f", "n"])
@pytest.mark.parametrize("kwargs", CUTS, ids=[str(i) for i in range(len(CUTS))])
def test_cut_as_pandas(pdf, mode, column, kwargs):
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        expected = pd.cut(pdf[column], **kwargs)
        result = cpd.cut(cdf[column], **kwargs)
        for _ in range(2):  # re-execution
            same(in_order(cdf, column, result, mode), expected, kwargs.get("labels"))
        if kwargs.get("labels") is not False:
            assert result.dtype == expected.dtype
        got, edges = cpd.cut(cdf[column], retbins=True, **kwargs)
        np.testing.assert_array_equal(edges, pd.cut(pdf[column], retbins=True, **kwargs)[1])


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("column", ["f", "n"])
@pytest.mark.parametrize("kwargs", [dict(q=4), dict(q=[0, 0.1, 0.5, 1]), dict(q=3, labels=["a", "b", "c"]),
                                    dict(q=4, labels=False), dict(q=10, duplicates="drop"), dict(q=2, precision=1)],
                         ids=["4", "list", "labels", "numbers", "drop", "precision"])
def test_qcut_as_pandas(pdf, mode, column, kwargs):
    """qcut's quantiles come from the engine: the edges equal pandas' exactly."""
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        expected, want_edges = pd.qcut(pdf[column], retbins=True, **kwargs)
        result, edges = cpd.qcut(cdf[column], retbins=True, **kwargs)
        np.testing.assert_array_equal(edges, want_edges)
        for _ in range(2):
            same(in_order(cdf, column, result, mode), expected, kwargs.get("labels"))


@pytest.mark.parametrize("rows", ["all", "none", "missing"])
def test_rows_without_values(pdf, rows):
    """No rows, or only missing values: the bins by edges are all missing; bins by number
    raise as pandas does."""
    pdf = pdf.head(0) if rows == "none" else pdf.assign(f=pd.array([None] * len(pdf), dtype="Float64"))
    if rows == "all":
        pdf = pdf.iloc[1:2]  # one missing value
    cdf = cpd.read_pandas(pdf)
    same(cpd.cut(cdf["f"], [0, 1, 2]).to_pandas(), pd.cut(pdf["f"], [0, 1, 2]), None)
    with pytest.raises(ValueError):
        pd.cut(pdf["f"], 3)
    with pytest.raises(exceptions.InvalidArgumentError):
        cpd.cut(cdf["f"], 3)


def test_binned_values_count_group_and_sort(pdf):
    """The result is a categorical of pandas' intervals: value_counts (every bin), groupby (also
    observed=False), sort_values and comparisons follow the bins' order."""
    cdf = cpd.read_pandas(pdf)
    bins = [-5, 0, 2.5, 5, 7.5, 15]
    pdf = pdf.assign(b=pd.cut(pdf["f"], bins), q=pd.qcut(pdf["n"], 3, labels=["lo", "mid", "hi"]))
    cdf = cdf.assign(b=cpd.cut(cdf["f"], bins), q=cpd.qcut(cdf["n"], 3, labels=["lo", "mid", "hi"]))
    pd.testing.assert_frame_equal(cdf.to_pandas(), pdf.astype({"id": "Int64"}))
    checks = [
        lambda d: d["b"].value_counts(),
        lambda d: d["b"].value_counts(sort=False, dropna=False),
        lambda d: d.groupby("b")["n"].sum(),
        lambda d: d.groupby("b", observed=False)["n"].sum(),
        lambda d: d.groupby(["q", "b"], observed=False).size(),
        lambda d: d.sort_values(["b", "id"])["id"],
        lambda d: d["b"].cat.codes,
        lambda d: d["b"].cat.remove_unused_categories(),
        lambda d: d["q"] >= "mid",
    ]
    for check in checks:
        got, expected = check(cdf).to_pandas(), check(pdf)
        pd.testing.assert_series_equal(got.astype(expected.dtype), expected, check_index_type=False)
    assert cdf["b"].dtype == pdf["b"].dtype
    pd.testing.assert_index_equal(cdf["b"].cat.categories, pdf["b"].cat.categories)


def test_refusals_are_typed(pdf):
    cdf = cpd.read_pandas(pdf.assign(s=pdf["id"].astype(str)))
    with pytest.raises(exceptions.DTypeError, match="'s'"):
        cpd.cut(cdf["s"], 3)
    with pytest.raises(exceptions.DTypeError, match="cormorant Series"):
        cpd.cut(pdf["f"], 3)
    with pytest.raises(exceptions.InvalidArgumentError, match="monotonically"):
        cpd.cut(cdf["f"], [3, 1, 2])
    with pytest.raises(exceptions.InvalidArgumentError, match="unique"):
        cpd.cut(cdf["f"], [0, 1, 1, 2])
    with pytest.raises(exceptions.UnsupportedError):
        cpd.cut(cdf["f"], pd.IntervalIndex.from_breaks([0, 1, 2]))
    with pytest.raises(exceptions.UnsupportedError, match="repeated labels"):
        cpd.cut(cdf["f"], [0, 1, 2, 3], labels=["a", "b", "a"], ordered=False)
    with pytest.raises(exceptions.UnsupportedError, match="intervals"):
        cpd.cut(cdf["f"], [0, 1, 2]).cat.add_categories([pd.Interval(5, 6)])


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_categories_keep_pandas_dtype(mode):
    """astype("category") of Int64, Float64 and string columns keeps them as the categories'
    dtype, as pandas; categoricals of such categories and of intervals come and go through
    read_pandas, and the .cat methods keep or drop the dtype as pandas' do."""
    pdf = pd.DataFrame({
        "s": pd.array(["b", None, "a", "c", "a"], dtype="string"),
        "n": pd.array([3, 1, None, 3, 2], dtype="Int64"),
        "f": pd.array([0.5, None, -1.0, 0.5, 2.0], dtype="Float64"),
    })
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        for column in pdf.columns:
            expected = pdf[column].astype("category")
            got = cdf[column].astype("category")
            assert got.dtype == expected.dtype
            pd.testing.assert_series_equal(got.to_pandas().sort_values(), expected.sort_values(), check_index=False)
            for method in (lambda c: c.remove_unused_categories(), lambda c: c.as_ordered(),
                           lambda c: c.remove_categories([expected.cat.categories[0]]),
                           lambda c: c.reorder_categories(list(expected.cat.categories)[::-1]),
                           lambda c: c.add_categories([{"s": "zz", "n": 100, "f": 100.5}[column]])):
                assert method(got.cat).dtype == method(expected.cat).dtype
        held = pd.DataFrame({"k": pdf["n"].astype("category"), "i": pd.cut(pdf["f"], [-2, 0, 1, 2]),
                             "t": pdf["s"].astype("category")})
        back = cpd.read_pandas(held)
        for _ in range(2):
            got = back.to_pandas()
            if mode == "partial":
                got = got.sort_values(["k", "t"], ignore_index=True)
                held = held.sort_values(["k", "t"], ignore_index=True)
            pd.testing.assert_frame_equal(got, held)
        assert back.dtypes.equals(held.dtypes)
