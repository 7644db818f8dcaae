"""Series.mode, agg, is_monotonic_*, corr/cov/autocorr, case_when, divmod, drop, take, filter,
T; DataFrame.drop (rows), take, filter, corrwith. pandas 3.1 is the oracle, with missing values,
empty inputs, zoned timestamps, duplicate labels and re-execution; errors are typed."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same

SERIES = {
    "ints": pd.Series([3, 1, None, 3, 1, 2], dtype="Int64", name="v", index=list("abcdef")),
    "floats": pd.Series([0.5, -1.0, 0.5, None, 2.0, -1.0], dtype="Float64", index=[5, 3, 1, 0, 2, 4]),
    "strings": pd.Series(["b", None, "é", "b", "a", "é"], dtype="string", name="s"),
    "booleans": pd.Series([True, None, False, True, False, False], dtype="boolean"),
    "zoned": pd.Series(pd.to_datetime(["2024-11-03 01:30", None, "2024-11-03 01:30", "2024-03-10 03:00", None,
                                       "2024-01-01 00:00"]).tz_localize("America/New_York", ambiguous=True)),
    "sorted": pd.Series([1, 2, 2, 5, 9, 9], dtype="Int64", index=[1, 1, 2, 3, 5, 8]),
    "empty": pd.Series([], dtype="Int64", name="e"),
    "all missing": pd.Series([None, None], dtype="Float64"),
}


def pair(name):
    p = SERIES[name]
    return cpd.read_pandas(p), p


@pytest.mark.parametrize("name", list(SERIES))
def test_mode(name):
    s, p = pair(name)
    for dropna in (True, False):
        if name == "booleans":  # pandas' own boolean mode fails (a pandas bug): through Int8
            expected = p.astype("Int8").mode(dropna=dropna).astype("boolean")
        else:
            expected = p.mode(dropna=dropna)
        for _ in range(2):  # runs again
            assert_same(s.mode(dropna=dropna), expected)


@pytest.mark.parametrize("name", list(SERIES))
def test_is_monotonic(name):
    s, p = pair(name)
    assert s.is_monotonic_increasing == p.is_monotonic_increasing
    assert s.is_monotonic_decreasing == p.is_monotonic_decreasing
    r, q = s.sort_values(), p.sort_values()
    assert r.is_monotonic_increasing == q.is_monotonic_increasing


@pytest.mark.parametrize("values", [
    pd.Series(pd.date_range("2024-03-09", periods=4, freq="11h", tz="America/New_York").as_unit("us")),
    pd.Series(pd.to_datetime(["2024-01-02", "2024-01-02", "2024-01-01"]).as_unit("us")),
    pd.Series(pd.to_datetime(["2024-01-02"]).as_unit("us")),
    pd.Series(pd.to_timedelta([1, 2, 2, 3], unit="s").as_unit("us")),
    pd.Series(pd.to_timedelta([3, 1], unit="s").as_unit("us")),
])
def test_is_monotonic_times(values):
    """Times and timedeltas (the first row's NaT before it compares False, not <NA>: every
    sorted time Series was found not monotonic)."""
    s = cpd.read_pandas(values)
    assert s.is_monotonic_increasing == values.is_monotonic_increasing
    assert s.is_monotonic_decreasing == values.is_monotonic_decreasing


@pytest.mark.parametrize("name", ["ints", "floats", "booleans", "sorted"])
def test_agg(name):
    s, p = pair(name)
    assert s.agg("max") == p.agg("max")
    got, expected = s.agg(["min", "max", "count"]), p.agg(["min", "max", "count"])
    assert list(got.index) == list(expected.index) and list(got) == list(expected)
    with pytest.raises(ex.UnsupportedError, match="reduction names"):
        s.agg("no_such_reduction")
    assert s.agg(lambda x: x.max()) == p.agg(lambda x: x.max())  # a function gets the Series (since session 20)


def _close(a, b):
    a, b = (float("nan") if x is pd.NA else x for x in (a, b))
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)


def test_corr_cov_autocorr_align_like_pandas():
    left = pd.Series([1.0, 4.0, None, 2.0, 8.0, 3.0], dtype="Float64", index=[1, 2, 3, 4, 5, 6])
    right = pd.Series([2, 7, 1, None, 9, 5, 4], dtype="Int64", index=[6, 5, 4, 3, 2, 1, 0])
    cl, cr = cpd.read_pandas(left), cpd.read_pandas(right)
    assert _close(cl.corr(cr), left.corr(right))
    assert _close(cl.cov(cr), left.cov(right))
    assert _close(cr.cov(cl), right.cov(left))
    for lag in (1, 2, -1):
        assert _close(cl.autocorr(lag), left.autocorr(lag))
    few = cl.head(1)
    assert _close(few.corr(cr), left.head(1).corr(right))


def test_corrwith():
    a = pd.DataFrame({"x": [1.0, 2.0, 4.0, 3.0], "y": [3, 1, None, 2], "s": list("abcd")}, index=[4, 3, 2, 1])
    b = pd.DataFrame({"y": [1.0, 5.0, 2.0, 2.5], "z": [1, 2, 3, 4]}, index=[1, 2, 3, 4])
    ca, cb = cpd.read_pandas(a), cpd.read_pandas(b)
    expected = a.corrwith(b, numeric_only=True)
    got = ca.corrwith(cb)
    assert list(got.index) == list(expected.index)
    assert all(_close(g, e) for g, e in zip(got, expected))
    expected = a.corrwith(b["y"], numeric_only=True)
    got = ca.corrwith(cb["y"])
    assert list(got.index) == list(expected.index) and all(_close(g, e) for g, e in zip(got, expected))


def test_case_when():
    s, p = pair("ints")
    assert_same(s.case_when([(s > 2, 100), (s.isna(), -1)]), p.case_when([(p > 2, 100), (p.isna(), -1)]))
    other_p = pd.Series([10, 20, 30, 40, 50, 60], dtype="Int64", index=list("fedcba"))
    other = cpd.read_pandas(other_p)
    assert_same(s.case_when([(lambda x: x == 1, other), (s > 2, 0)]),
                p.case_when([(lambda x: x == 1, other_p), (p > 2, 0)]))
    assert_same(s, p)  # unchanged
    with pytest.raises(ex.InvalidArgumentError, match="tuples"):
        s.case_when([s > 1])


@pytest.mark.parametrize("other", [3, -2])
def test_divmod(other):
    s, p = pair("ints")
    for got, expected in zip(s.divmod(other), p.divmod(other)):
        assert_same(got, expected)
    for got, expected in zip(s.rdivmod(7), p.rdivmod(7)):
        assert_same(got, expected)


@pytest.mark.parametrize("expr", ["divmod(d['a'], d['b'])", "divmod(d['a'], d['z'])", "divmod(d['a'], d['y'])",
                                  "divmod(d['a'], 0.0)", "divmod(d['a'], 0)", "divmod(d['b'], 0.0)",
                                  "divmod(7, d['b'])", "divmod(7.5, d['z'])", "divmod(7, d['z'])",
                                  "d['a'].rdivmod(d['z'])", "d['z'].rdivmod(0)", "divmod(d['b'], d['b'])"])
def test_divmod_by_zero(expr):
    """pandas' divmod of nullable values: both parts <NA> where the divisor is 0, and integers
    divided by a 0 are Float64 (// alone gives inf or 0 there). The builtin divmod works too."""
    p = pd.DataFrame({"a": pd.array([4, -3, 0, None, 5], dtype="Int64"),
                      "b": pd.array([0.0, -0.0, 0.0, 1.0, 2.0], dtype="Float64"),
                      "z": pd.array([0, 0, None, 0, 2], dtype="Int64"), "y": pd.array([1, 2, 3, 4, -2], dtype="Int64")})
    c = cpd.read_pandas(p)
    with np.errstate(all="ignore"):
        expected = eval(expr, {"d": p})  # noqa: S307 — our own expressions
    for got, want in zip(eval(expr, {"d": c}), expected):  # noqa: S307
        assert_same(got, want)


def test_drop_rows():
    s, p = pair("ints")
    assert_same(s.drop(["a", "c"]), p.drop(["a", "c"]))
    assert_same(s.drop(index="f"), p.drop(index="f"))
    dup = pd.DataFrame({"a": [1, 2, 3], "b": ["x", None, "z"]}, index=["p", "q", "p"])
    cdup = cpd.read_pandas(dup)
    assert_same(cdup.drop("p"), dup.drop("p"))
    assert_same(cdup.drop(index=["q"], columns="b"), dup.drop(index=["q"], columns="b"))
    assert_same(cdup.drop(columns=["a"]), dup.drop(columns=["a"]))
    with pytest.raises(KeyError):
        dup.drop("nope")
    with pytest.raises(ex.LabelNotFoundError, match="nope"):
        cdup.drop("nope")


def test_take():
    s, p = pair("floats")
    assert_same(s.take([2, 0, -1]), p.take([2, 0, -1]))
    frame = pd.DataFrame({"a": [1, 2, 3], "b": [4.5, None, 6.0], "c": list("xyz")}, index=[9, 8, 7])
    cf = cpd.read_pandas(frame)
    assert_same(cf.take([1, 1, 0]), frame.take([1, 1, 0]))
    assert_same(cf.take([2, 0], axis=1), frame.take([2, 0], axis=1))
    with pytest.raises(ex.IndexOutOfBoundsError):
        cf.take([5]).to_pandas()
    with pytest.raises(ex.IndexOutOfBoundsError):
        cf.take([5], axis=1)


def test_filter_columns():
    frame = pd.DataFrame({"apple": [1], "banana": [2.0], "cherry": ["c"], "x7": [True]})
    cf = cpd.read_pandas(frame)
    for kwargs in ({"items": ["cherry", "nope", "apple"]}, {"like": "an"}, {"regex": "^[ab]"}, {"regex": "7$"},
                   {"items": ["apple"], "axis": 1}):
        assert_same(cf.filter(**kwargs), frame.filter(**kwargs))
    with pytest.raises(ex.DTypeError, match="exactly one"):
        cf.filter(items=["a"], like="a")
    with pytest.raises(ex.UnsupportedError, match="index"):
        cf.filter(items=[0], axis=0)


def test_transpose_of_series():
    s, p = pair("strings")
    assert_same(s.T, p.T)
    assert_same(s.transpose(), p.transpose())


PREFIXED = {
    "named int index": pd.Series([1, 2, None], index=pd.Index([3, 4, 5], name="k"), name="v", dtype="Int64"),
    "default index": pd.Series(["a", None], dtype="string"),
    "string index": pd.Series([1.5, -2.0], index=["x", "é"], dtype="Float64"),
    "zoned index": pd.Series([1, 2], index=pd.date_range("2024-03-10", periods=2, freq="h", tz="Asia/Tokyo"),
                             dtype="Int64"),
}


@pytest.mark.parametrize("name", list(PREFIXED))
def test_series_add_prefix_suffix_and_to_csv(name, tmp_path):
    p = PREFIXED[name]
    c = cpd.read_pandas(p)
    expected = p.add_prefix("p_")
    got = c.add_prefix("p_")
    assert list(got.to_pandas().index) == [str(x) for x in expected.index] and got.index.name == expected.index.name
    assert_same(got.reset_index(drop=True), expected.reset_index(drop=True))
    assert list(c.add_suffix("_s").to_pandas().index) == list(p.add_suffix("_s").index.astype(str))
    assert c.to_csv() == p.to_csv()
    c.to_csv(tmp_path / "s.csv", header=False)
    assert (tmp_path / "s.csv").read_text() == p.to_csv(header=False)


FLEX = ["add", "sub", "subtract", "mul", "multiply", "truediv", "div", "divide", "floordiv", "mod", "pow", "radd",
        "rsub", "rmul", "rtruediv", "rdiv", "rfloordiv", "rmod", "rpow"]


@pytest.mark.parametrize("method", FLEX)
@pytest.mark.parametrize("fill_value", [None, 2])
def test_series_flex_methods_like_pandas(method, fill_value):
    a = pd.Series([1, None, 3, None, 5], dtype="Int64", index=[1, 2, 3, 4, 5], name="v")
    b = pd.Series([10, 20, None, 3], dtype="Int64", index=[4, 2, 9, 5], name="v")
    f = pd.Series([0.5, None, -2.0], dtype="Float64", index=[5, 1, 2], name="w")
    ca, cb, cf = cpd.read_pandas(a), cpd.read_pandas(b), cpd.read_pandas(f)
    assert_same(getattr(ca, method)(cb, fill_value=fill_value), getattr(a, method)(b, fill_value=fill_value))
    assert_same(getattr(ca, method)(cf, fill_value=fill_value), getattr(a, method)(f, fill_value=fill_value))
    assert_same(getattr(ca, method)(3, fill_value=fill_value), getattr(a, method)(3, fill_value=fill_value))
    assert_same(getattr(ca, method)(ca, fill_value=fill_value), getattr(a, method)(a, fill_value=fill_value))
