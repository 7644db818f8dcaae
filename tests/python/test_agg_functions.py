"""Plain Python functions inside GroupBy.agg's lists, dicts and named aggregations, and pandas 3.1's
NamedAgg(column, aggfunc, *args, **kwargs) (cormorant.groupby_apply.aggregate_items), against
pandas: labels ("<lambda>", "<lambda_0>"...), column order, dtypes, missing keys and values,
as_index=False, sort=False, no rows."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"k": pd.array([1, 1, 2, None, 2], dtype="Int64"),
                         "a": pd.array([1, 2, None, 4, 5], dtype="Int64"),
                         "b": pd.array([1.5, None, 3, 4, None], dtype="Float64")})


def _quantile(values, q, interpolation="linear"):
    return values.quantile(q, interpolation=interpolation)


CASES = {
    "named_agg_args": lambda g: g.agg(x=pd.NamedAgg("a", "sum"), y=pd.NamedAgg("b", _quantile, 0.5),
                                      z=pd.NamedAgg("a", np.nanmax), w=pd.NamedAgg("b", "count")),
    "named_agg_kwargs": lambda g: g.agg(y=pd.NamedAgg("b", _quantile, 0.25, interpolation="lower"),
                                        n=pd.NamedAgg(column="a", aggfunc="nunique")),
    "tuple_lambda": lambda g: g.agg(x=("a", lambda s: s.max() - s.min()), n=("b", "nunique")),
    "list_lambdas": lambda g: g.agg(["sum", lambda s: s.max(), lambda s: s.min()]),
    "list_one_lambda": lambda g: g.agg([lambda s: s.sum()]),
    "list_numpy": lambda g: g.agg([np.nanmax, "mean"]),
    "list_count_size": lambda g: g.agg(["count", lambda s: s.size]),
    "dict_lists": lambda g: g.agg({"a": ["sum", lambda s: s.max()], "b": lambda s: s.sum()}),
    "dict": lambda g: g.agg({"b": lambda s: s.sum(), "a": "sum"}),
    "series_list": lambda g: g["a"].agg(["sum", lambda s: s.max()]),
    "series_named": lambda g: g["a"].agg(x="sum", y=lambda s: s.max()),
}


@pytest.mark.parametrize("options", [{}, {"as_index": False}, {"dropna": False}, {"sort": False}])
@pytest.mark.parametrize("case", list(CASES))
def test_functions_in_agg_like_pandas(case, options):
    p = _frame()
    c = cpd.read_pandas(p)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # NumPy's nanmax of an all-missing group
        expected = CASES[case](p.groupby("k", **options))
    assert_same(CASES[case](c.groupby("k", **options)), expected)


@pytest.mark.parametrize("case", ["named_agg_args", "list_lambdas", "dict_lists"])
def test_no_rows(case):
    p = _frame().head(0)
    assert_same(CASES[case](cpd.read_pandas(p).groupby("k")), CASES[case](p.groupby("k")))


def test_errors():
    p = _frame()
    c = cpd.read_pandas(p)
    with pytest.raises(ex.InvalidArgumentError, match="unique"):
        c.groupby("k").agg(["sum", "sum"])
    with pytest.raises(ex.InvalidArgumentError, match="'bad'"):
        c.groupby("k").agg(bad=("a", 3))


# -- GroupBy.quantile: a list of q and every interpolation (cormorant.groupby_quantile) --------

QUANTILE_FRAME = pd.DataFrame({
    "k": pd.array([1, 1, 2, None, 2, 1, 3, 1, 1], dtype="Int64"),
    "a": pd.array([1, 2, None, 4, 5, 7, None, 2, 9], dtype="Int64"),
    "b": pd.array([1.5, None, 3, 4, None, 2.5, None, 0.5, -1], dtype="Float64"),
    "n": pd.array([3, 1, 2, 2, None, 1, None, 3, 0], dtype="Int8"),
})


@pytest.mark.parametrize("interpolation", ["linear", "lower", "higher", "nearest", "midpoint"])
@pytest.mark.parametrize("q", [0.4, 0.5, [0.25, 0.5], [0.75, 0.1, 1.0, 0.0]])
def test_group_quantile_like_pandas(q, interpolation):
    p = QUANTILE_FRAME
    c = cpd.read_pandas(p)
    for options in ({}, {"dropna": False}, {"sort": False}, {"as_index": False}):
        for select in (lambda g: g[["a", "b"]], lambda g: g["a"]):
            assert_same(select(c.groupby("k", **options)).quantile(q, interpolation=interpolation),
                        select(p.groupby("k", **options)).quantile(q, interpolation=interpolation))


def test_group_quantile_narrow_ints_no_rows_and_errors():
    p = QUANTILE_FRAME
    c = cpd.read_pandas(p)
    assert_same(c.groupby("k")["n"].quantile([0.5, 0.2], interpolation="higher"),
                p.groupby("k")["n"].quantile([0.5, 0.2], interpolation="higher"))
    empty = p.head(0)
    assert_same(cpd.read_pandas(empty).groupby("k")[["a", "b"]].quantile([0.5, 0.1], interpolation="lower"),
                empty.groupby("k")[["a", "b"]].quantile([0.5, 0.1], interpolation="lower"))
    with pytest.raises(ex.InvalidArgumentError, match="interpolation"):
        c.groupby("k").quantile(0.5, interpolation="cubic")
    with pytest.raises(ex.InvalidArgumentError, match="interval"):
        c.groupby("k").quantile([0.5, 1.5])


# -- DataFrame.agg / Series.agg with plain functions and dicts (cormorant.summaries) -----------


def _same_result(got, want):
    if isinstance(want, pd.DataFrame):
        pd.testing.assert_frame_equal(got, want)
    elif isinstance(want, pd.Series):
        pd.testing.assert_series_equal(got if isinstance(got, pd.Series) else got.to_pandas(), want)
    else:
        assert got == want, (got, want)


FRAME_CASES = {
    "list_lambda": lambda m: m.agg(["sum", lambda s: s.max()]),
    "dict_lists": lambda m: m.agg({"a": ["sum", lambda s: s.max()], "b": "min"}),
    "dict_functions": lambda m: m.agg({"a": lambda s: s.max(), "b": "min"}),
    "dict_names": lambda m: m.agg({"b": "sum", "a": "min"}),
    "dict_name_lists": lambda m: m.agg({"a": ["sum", "mean"], "b": ["min"]}),
    "series_list": lambda m: m["a"].agg(["sum", lambda s: s.max(), lambda s: s.min()]),
    "series_function": lambda m: m["a"].agg(lambda s: s.max()),
    "series_named": lambda m: m["a"].agg(x="sum", y=lambda s: s.max()),
    "series_numpy": lambda m: m["b"].agg(np.nanmax),
    "series_keywords": lambda m: m["a"].agg(lambda s, k: s.max() + k, k=2),
    "series_elementwise": lambda m: m["a"].agg(lambda s: s * 2),
}


@pytest.mark.parametrize("case", list(FRAME_CASES))
def test_frame_and_series_agg_with_functions(case):
    p = _frame()[["a", "b"]]
    for rows in (p, p.head(0)):
        if rows is not p and case in ("series_numpy", "series_function", "series_keywords"):
            continue  # (pandas' max of no values is NaN, cormorant's <NA>: compared elsewhere)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            want = FRAME_CASES[case](rows)
        _same_result(FRAME_CASES[case](cpd.read_pandas(rows)), want)


def test_frame_agg_errors():
    c = cpd.read_pandas(_frame())
    with pytest.raises(ex.ColumnNotFoundError, match="zz"):
        c.agg({"zz": "sum"})
    with pytest.raises(ex.UnsupportedError, match="one value"):
        c["a"].agg(["sum", lambda s: s * 2])
