"""pivot_table, crosstab and DataFrame.value_counts by categorical keys against pandas 3.1:
observed=False (every category, unused ones with pandas' values of an empty group) and
observed=True, categorical `index` and `columns`, ordered or not, missing values, an empty
frame, both ordering modes and re-execution."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same


@pytest.fixture(params=[False, True], ids=["unordered", "ordered"])
def pdf(request) -> pd.DataFrame:
    """Two categorical keys whose categories are not in lexical order, with unused ones and
    missing values, a text key, and numbers with missing values."""
    ordered = request.param
    return pd.DataFrame({
        "a": pd.Categorical(["x", "y", "x", None, "w", "x", "y"], categories=["y", "x", "z", "w"], ordered=ordered),
        "b": pd.Categorical(["p", "p", "q", "q", None, "p", "q"], categories=["r", "q", "p"], ordered=ordered),
        "s": pd.array(["u", "v", "u", "v", "u", None, "u"], dtype="string"),
        "v": pd.array([1, 2, 3, 4, None, 6, None], dtype="Int64"),
        "f": pd.array([0.5, None, 1.5, 2.5, 3.5, None, 4.0], dtype="Float64"),
    })


def _plain_columns(expected):
    """README, differences: the columns pivoted from a categorical are a plain Index of the
    categories' values (pandas: a CategoricalIndex of them)."""
    def plain(level):
        return level.astype(level.categories.dtype) if isinstance(level, pd.CategoricalIndex) else level

    columns = expected.columns
    if len(columns) == 0 and columns.nlevels == 1:  # no labels to infer an Index from: object
        expected.columns = pd.Index([], dtype=object, name=columns.name)
    elif isinstance(columns, pd.MultiIndex):
        expected.columns = pd.MultiIndex.from_arrays(
            [plain(columns.get_level_values(i)) for i in range(columns.nlevels)], names=columns.names)
    else:
        expected.columns = plain(columns)
    return expected


def _same(got, expected, mode):
    expected = _plain_columns(expected)
    for _ in range(2):  # re-execution
        if mode == "partial":  # no implied order: the same rows
            assert_same(got.sort_index(), expected.sort_index())
        else:
            assert_same(got, expected)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("observed", [False, True])
@pytest.mark.parametrize("index,columns", [("a", "b"), ("a", "s"), ("s", "b"), (["a", "s"], "b"), (["s", "a"], "b")])
@pytest.mark.parametrize("aggfunc", ["sum", "mean", "min", "max", "count"])
def test_pivot_table_of_categorical_keys(pdf, mode, observed, index, columns, aggfunc):
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        for values in ("v", ["v", "f"], None):
            for fill_value in (None, 0):
                kwargs = dict(values=values, index=index, columns=columns, aggfunc=aggfunc, observed=observed,
                              fill_value=fill_value)
                used = ([index] if isinstance(index, str) else index) + [columns, "f"]
                frame, pframe = (cdf, pdf) if values is not None else (cdf[used], pdf[used])
                _same(cpd.pivot_table(frame, **kwargs), pd.pivot_table(pframe, **kwargs), mode)


@pytest.mark.parametrize("observed", [False, True])
@pytest.mark.parametrize("aggfunc", ["sum", "mean", "count"])
def test_pivot_table_of_categorical_keys_without_rows(pdf, observed, aggfunc):
    empty = pdf.head(0)
    kwargs = dict(values="v", index="a", columns="b", aggfunc=aggfunc, observed=observed)
    _same(cpd.read_pandas(empty).pivot_table(**kwargs), empty.pivot_table(**kwargs), "strict")


def test_crosstab_of_categoricals(pdf):
    cdf = cpd.read_pandas(pdf)
    for rows, cols in (("a", "b"), ("a", "s"), ("s", "b")):
        _same(cpd.crosstab(cdf[rows], cdf[cols]), pd.crosstab(pdf[rows], pdf[cols]), "strict")
        _same(cpd.crosstab(cdf[rows], cdf[cols], values=cdf["v"], aggfunc="sum"),
              pd.crosstab(pdf[rows], pdf[cols], values=pdf["v"], aggfunc="sum"), "strict")


@pytest.mark.parametrize("subset", [["a", "b"], ["a"], ["a", "s"], None])
def test_frame_value_counts_counts_every_category(pdf, subset):
    """pandas' DataFrame.value_counts counts every combination of categories (its groupby's
    observed=False), unused ones 0, most frequent first (a stable sort)."""
    cdf = cpd.read_pandas(pdf[["a", "b", "s"]])
    pframe = pdf[["a", "b", "s"]]
    for kwargs in (dict(), dict(dropna=False), dict(normalize=True), dict(ascending=True), dict(sort=False)):
        expected = pframe.value_counts(subset=subset, **kwargs)
        got = cdf.value_counts(subset=subset, **kwargs)
        if subset is not None and len(subset) == 1:
            expected.index = expected.index.get_level_values(0)  # README: a plain index for one column
        for _ in range(2):
            assert_same(got, expected)


@pytest.mark.parametrize("sort", [True, False])
@pytest.mark.parametrize("dropna", [True, False])
def test_groupby_observed_false_lays_out_rows_missing_another_key(sort, dropna):
    """pandas lays out each key's values over every row: a value whose rows all miss another
    key is a key of (empty) groups, and with sort=False it takes its place by its first row
    (cormorant left those groups out, or put them after the unused categories)."""
    pdf = pd.DataFrame({
        "o": pd.array(["m", "n", "m", "q", "n", "r"], dtype="string"),
        "k": pd.Categorical(["x", "y", "x", None, None, "y"], categories=["y", "x", "z", "w"]),
        "c": pd.Categorical(["p", None, "p", "p", "s", "s"], categories=["s", "p", "t"]),
        "v": pd.array([1, 2, 3, 4, 5, None], dtype="Int64"),
    })
    cdf = cpd.read_pandas(pdf)
    for keys in (["o", "k"], ["k", "o"], ["c", "k"], ["k", "c", "o"]):
        for aggregate in (lambda g: g.size(), lambda g: g["v"].sum(), lambda g: g.agg(n=("v", "count"), m=("v", "max"))):
            expected = aggregate(pdf.groupby(keys, observed=False, sort=sort, dropna=dropna))
            got = aggregate(cdf.groupby(keys, observed=False, sort=sort, dropna=dropna))
            for _ in range(2):  # pandas' dtypes exactly (size: int64)
                if isinstance(expected, pd.Series):
                    pd.testing.assert_series_equal(got.to_pandas(), expected)
                else:
                    pd.testing.assert_frame_equal(got.to_pandas(), expected)
