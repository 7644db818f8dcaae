"""Plain Python functions (lambdas, closures, builtins, methods: not UDFs) in Series.map,
Series.apply, Series.combine and DataFrame.apply(axis=1) against pandas 3.1 (issue 13): they run
in the engine as unnamed session functions; missing values reach them as pandas passes them
(pd.NA, pd.NaT), na_action="ignore" skips them, the result's dtype is pandas' inference from the
values, zoned datetimes arrive in their zone; no rows, repeated labels, re-execution, partial
mode; a function that raises or changes its result type fails with a typed error."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same


def _frame(index=None):
    return pd.DataFrame({
        "a": pd.array([1, 2, None, -4, 5], dtype="Int64"),
        "f": pd.array([1.5, None, 4.0, -0.25, 9.0], dtype="Float64"),
        "s": pd.array(["x", "yy", None, "zzz", ""], dtype="string"),
        "b": pd.array([True, None, False, True, False], dtype="boolean"),
        "t": pd.to_datetime(["2024-03-10 01:30", "2024-11-03 00:30", None, "2024-06-01 12:00", "2024-01-01 00:00"])
               .tz_localize("America/New_York").as_unit("us"),
        "n": pd.array([1, 2, 3, 4, 5], dtype="Int8"),
    }, index=index)


OFFSET = 10


def _shift(x, by=0):
    return x + OFFSET + by if x is not pd.NA else None


CASES = [
    pytest.param(lambda d: d.a.map(lambda x: x * 3), id="map_lambda_na_passed"),
    pytest.param(lambda d: d.a.map(lambda x: x * 3, na_action="ignore"), id="map_na_ignore"),
    pytest.param(lambda d: d.a.map(_shift), id="map_closure_over_a_global"),
    pytest.param(lambda d: d.a.map(lambda x: x is pd.NA), id="map_sees_pd_na"),
    pytest.param(lambda d: d.a.map(lambda x: x / 2 if x is not pd.NA else None), id="map_float_result"),
    pytest.param(lambda d: d.a.map(lambda x: 1 if x is pd.NA else 0.5), id="map_int_and_float_results"),
    pytest.param(lambda d: d.s.map(str.upper, na_action="ignore"), id="map_builtin_method"),
    pytest.param(lambda d: d.s.map(lambda s: len(s) if isinstance(s, str) else -1), id="map_string_to_int"),
    pytest.param(lambda d: d.f.apply(lambda x: math.sqrt(abs(x)) if x is not pd.NA else None), id="apply_math"),
    pytest.param(lambda d: d.a.apply(_shift, args=(100,)), id="apply_args"),
    pytest.param(lambda d: d.a.apply(_shift, by=7), id="apply_kwargs"),
    pytest.param(lambda d: d.b.map(lambda v: "yes" if v is True else "no"), id="map_boolean_to_string"),
    pytest.param(lambda d: d.t.map(lambda v: v.hour if v is not pd.NaT else -1), id="map_zoned_datetime_local_hour"),
    pytest.param(lambda d: d.t.map(lambda v: v.day_name() if v is not pd.NaT else None), id="map_timestamp_method"),
    pytest.param(lambda d: d.n.map(lambda v: v * 100), id="map_narrow_int"),
    pytest.param(lambda d: d.a.apply(lambda s: s * 2, by_row=False), id="apply_by_row_false"),
    pytest.param(lambda d: d.a.combine(d.f, lambda x, y: x if x is not pd.NA else y), id="combine"),
    pytest.param(lambda d: d.apply(lambda r: (r["a"] if r["a"] is not pd.NA else 0) + OFFSET, axis=1), id="frame_apply_row"),
    pytest.param(lambda d: d[["a", "s"]].apply(lambda r: f"{r['a']}-{r['s']}", axis=1), id="frame_apply_row_to_string"),
    pytest.param(lambda d: d[["f", "t"]].apply(lambda r, m: r["t"].hour * m if r["t"] is not pd.NaT else None,
                                                axis=1, m=2), id="frame_apply_zoned_row_kwargs"),
    pytest.param(lambda d: d[d.a > 1].a.map(lambda x: -x), id="after_a_filter"),
]


def _compare(got, expected):
    """Values and dtype kind as pandas; pandas' NumPy results (int64 from a row apply, str, NaN for
    None) compare as cormorant's nullable dtypes."""
    if expected.dtype == object:
        expected = expected.astype("string" if expected.map(lambda v: isinstance(v, str)).any() else "Float64")
    assert_same(got, expected)


@pytest.mark.parametrize("pick", CASES)
def test_plain_functions_as_pandas(pick):
    p = _frame()
    d = cpd.read_pandas(p)
    got = pick(d)
    _compare(got, pick(p))
    _compare(got, pick(p))  # re-executed


@pytest.mark.parametrize("pick", CASES[:6] + CASES[16:19])
def test_repeated_and_string_labels(pick):
    p = _frame(index=pd.Index(["r", "q", "r", "p", "q"], dtype="string"))
    _compare(pick(cpd.read_pandas(p)), pick(p))


def test_two_lambdas_are_two_functions():
    # (each is its own engine function: a second one must not reuse the first's results)
    d = cpd.read_pandas(_frame())
    first, second = d.a.map(lambda x: x), d.a.map(lambda x: x is pd.NA)
    assert str(second.dtype) == "boolean"
    assert first.to_pandas().tolist()[:2] == [1, 2]
    assert second.to_pandas().tolist() == [False, False, True, False, False]


def test_no_rows():
    p = _frame().iloc[:0]
    d = cpd.read_pandas(p)
    got = d.a.map(lambda x: x * 2).to_pandas()
    assert len(got) == 0 and str(got.dtype) == "Int64"
    assert len(d.apply(lambda r: 1, axis=1).to_pandas()) == 0


def test_partial_mode():
    p = _frame()
    d = cpd.read_pandas(p)
    with cpd.option_context("session.ordering_mode", "partial"):
        d = cpd.read_pandas(p)
        got = d.a.map(lambda x: x * 3 if x is not pd.NA else None).to_pandas()
    assert sorted(got.dropna().tolist()) == sorted(p.a.map(lambda x: x * 3).dropna().tolist())


def test_errors():
    d = cpd.read_pandas(_frame())
    with pytest.raises(ex.UdfExecutionError, match="ZeroDivisionError"):
        d.a.map(lambda x: 1 // 0)  # raises on the first values: at once
    # a result type that changes: found on the values it is first called with, or when the query runs
    with pytest.raises((ex.UnsupportedError, ex.UdfExecutionError), match="str"):
        d.a.map(lambda x: 1 if x is pd.NA or x < 3 else "big").to_pandas()
    with pytest.raises(ex.UnsupportedError, match="cpd.udf"):
        d.a.map(lambda x: [x])
    with pytest.raises(ex.InvalidArgumentError, match="function"):
        d.a.map(5)
    with pytest.raises(ex.UnsupportedError, match="scalar"):
        d.apply(lambda c: [c])
    with pytest.raises(ex.UnsupportedError, match="category"):
        d.s.astype("category").map(lambda v: v)


COLUMN_CASES = [
    pytest.param(lambda d: d[["a", "f"]].apply(lambda c: c.max()), id="scalars"),
    pytest.param(lambda d: d[["a", "f"]].apply(lambda c: c * 2), id="series"),
    pytest.param(lambda d: d[["a", "f"]].apply(lambda c, k: c.fillna(k), args=(0,)), id="series_args"),
    pytest.param(lambda d: d[["a", "f"]].apply(lambda c: c.count()), id="counts"),
    pytest.param(lambda d: d[["s"]].apply(lambda c: c.str.len()), id="string_column"),
]


@pytest.mark.parametrize("pick", COLUMN_CASES)
def test_apply_to_each_column(pick):
    p = _frame()
    _compare_any(pick(cpd.read_pandas(p)), pick(p))


def _compare_any(got, expected):
    if isinstance(expected, pd.DataFrame):
        assert_same(got, expected)
    else:
        _compare(got, expected)


def test_numpy_results_become_python_values():
    p = _frame()
    d = cpd.read_pandas(p)
    _compare(d.f.map(lambda x: np.float64(x) * 2 if x is not pd.NA else np.nan), p.f.map(lambda x: np.float64(x) * 2 if x is not pd.NA else np.nan))
