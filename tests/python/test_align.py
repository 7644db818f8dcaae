"""DataFrame.align / Series.align (cpp: DataFrame::align) against pandas' align of the same data:
every join, axis and fill_value, missing values, repeated labels, Series with frames; and
DataFrame.combine, which aligns and then calls a function on each pair of columns."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same


def _frames():
    left = pd.DataFrame({
        "b": pd.array([1, None, 3, 4], dtype="Int64"),
        "a": pd.array([0.5, 1.5, None, -2.0], dtype="Float64"),
        "s": pd.array(["x", None, "zé", "w"], dtype="string"),
    }, index=pd.Index(["k3", "k1", "k0", "k9"], name="key"))
    right = pd.DataFrame({
        "a": pd.array([10.0, None, 30.0], dtype="Float64"),
        "c": pd.array([True, None, False], dtype="boolean"),
        "b": pd.array([7, 8, None], dtype="Int64"),
    }, index=pd.Index(["k1", "k5", "k3"], name="key"))
    return left, right


def _check(pair_c, pair_p):
    assert len(pair_c) == 2
    for c, p in zip(pair_c, pair_p):
        assert_same(c, p)


@pytest.mark.parametrize("join", ["outer", "inner", "left", "right"])
@pytest.mark.parametrize("axis", [None, 0, 1])
@pytest.mark.parametrize("fill_value", [None, 0, -1.5])
def test_frames(join, axis, fill_value):
    left, right = _frames()
    if fill_value is not None:  # a number fills numbers only (test_fill_must_fit)
        left, right = left.drop(columns="s"), right.drop(columns="c")
    if fill_value == -1.5:  # (pandas 3.1 fails with a KeyError putting -1.5 into Int64)
        left, right = left.drop(columns="b"), right.drop(columns="b")
    cl, cr = cpd.read_pandas(left), cpd.read_pandas(right)
    want = left.align(right, join=join, axis=axis, fill_value=fill_value)
    got = cl.align(cr, join=join, axis=axis, fill_value=fill_value)
    _check(got, want)
    _check(got, want)  # re-execution


def test_fill_must_fit():
    left, right = _frames()
    with pytest.raises(TypeError, match="Invalid value"):
        left.align(right, join="outer", fill_value=0)
    with pytest.raises(exceptions.DTypeError, match="column '[sc]'"):
        a, b = cpd.read_pandas(left).align(cpd.read_pandas(right), join="outer", fill_value=0)
        a.to_pandas()


def test_equal_labels_keep_order_and_default_index():
    p1 = pd.DataFrame({"x": pd.array([3, 1, 2], dtype="Int64")})
    p2 = pd.DataFrame({"x": pd.array([9.5, 8.5], dtype="Float64"), "y": pd.array([1, 2], dtype="Int64")})
    c1, c2 = cpd.read_pandas(p1), cpd.read_pandas(p2)
    for join in ("outer", "inner", "left", "right"):
        _check(c1.align(c2, join=join), p1.align(p2, join=join))
    # the same frame: nothing moves
    _check(c1.align(c1 * 2), p1.align(p1 * 2))


def test_from_one_source():
    left, _ = _frames()
    c = cpd.read_pandas(left)
    cf, pf = c[c.a > 0], left[left.a > 0]
    _check(c.align(cf, join="outer"), left.align(pf, join="outer"))
    _check(cf.align(c[["s"]], join="right"), pf.align(left[["s"]], join="right"))


def test_series():
    left, right = _frames()
    cl, cr = cpd.read_pandas(left), cpd.read_pandas(right)
    for join in ("outer", "inner", "left", "right"):
        _check(cl["b"].align(cr["a"], join=join), left["b"].align(right["a"], join=join))
        _check(cl.align(cr["c"], join=join, axis=0), left.align(right["c"], join=join, axis=0))
        _check(cl["s"].align(cr, join=join), left["s"].align(right, join=join))
    _check(cl["b"].align(cr["b"], fill_value=0), left["b"].align(right["b"], fill_value=0))


def test_empty_and_all_missing():
    left, right = _frames()
    cl, cr = cpd.read_pandas(left), cpd.read_pandas(right)
    for join in ("outer", "inner", "left", "right"):
        _check(cl[cl.b > 100].align(cr, join=join), left[left.b > 100].align(right, join=join))


def test_repeated_labels():
    p1 = pd.DataFrame({"v": pd.array([1, 2, 3], dtype="Int64")}, index=pd.Index(["a", "a", "b"]))
    p2 = pd.DataFrame({"w": pd.array([5, 6], dtype="Int64")}, index=pd.Index(["a", "b"]))
    c1, c2 = cpd.read_pandas(p1), cpd.read_pandas(p2)
    # the side brought onto the other's rows has unique labels: fine
    _check(c1.align(c2, join="left"), p1.align(p2, join="left"))
    # the side whose labels repeat brought onto the other's rows: pandas joins them (many rows
    # per label), cormorant refuses with a typed error (README: differences)
    assert len(p1.align(p2, join="right")[1]) == 3
    with pytest.raises(exceptions.InvalidArgumentError, match="duplicate|repeat"):
        a, b = c1.align(c2, join="right")
        b.to_pandas(), a.to_pandas()


def test_bad_arguments():
    left, right = _frames()
    cl, cr = cpd.read_pandas(left), cpd.read_pandas(right)
    with pytest.raises(exceptions.InvalidArgumentError, match="join"):
        cl.align(cr, join="cross")
    with pytest.raises(exceptions.UnsupportedError, match="pandas object"):
        cl.align(right)
    with pytest.raises(exceptions.UnsupportedError, match="axis=1"):
        cl.align(cr["a"], axis=1)
    session = cpd.Session(ordering_mode="partial")
    try:
        a = session.read_pandas(pd.DataFrame({"x": [1, 2]}))
        b = session.read_pandas(pd.DataFrame({"x": [1.5]}))
        with pytest.raises(exceptions.NullIndexError, match="set_index"):
            a.align(b)
        _check(a.align(a[a.x > 1]), (pd.DataFrame({"x": [1, 2]}), pd.DataFrame({"x": [None, 2]}, dtype="Int64")))
    finally:
        session.close()


def _combine_frames():
    p1 = pd.DataFrame({"A": pd.array([0, 0, None], dtype="Int64"), "B": pd.array([4, None, 4], dtype="Int64"),
                       "D": pd.array([1.5, 2.5, None], dtype="Float64")}, index=pd.Index([0, 1, 2]))
    p2 = pd.DataFrame({"B": pd.array([3.5, 3], dtype="Float64"), "A": pd.array([1, None], dtype="Int64"),
                       "C": pd.array([7, 8], dtype="Int64")}, index=pd.Index([1, 5]))
    return p1, p2


COMBINERS = {
    "smaller-sum": lambda s1, s2: s1 if s1.sum() < s2.sum() else s2,
    "elementwise": lambda a, b: a * 2 - b,
    "scalar": lambda a, b: 1.5,
}


@pytest.mark.parametrize("name", list(COMBINERS))
@pytest.mark.parametrize("kw", [{}, {"fill_value": -5}, {"overwrite": False}, {"fill_value": 0, "overwrite": False}])
def test_combine(name, kw):
    p1, p2 = _combine_frames()
    c1, c2 = cpd.read_pandas(p1), cpd.read_pandas(p2)
    want = p1.combine(p2, COMBINERS[name], **kw)
    got = c1.combine(c2, COMBINERS[name], **kw)
    assert_same(got, want)
    assert_same(got, want)


def test_combine_empty_sides():
    p1, p2 = _combine_frames()
    c1, c2 = cpd.read_pandas(p1), cpd.read_pandas(p2)
    f = COMBINERS["elementwise"]
    assert_same(c1.combine(c2[c2.C > 100], f), p1.combine(p2[p2.C > 100], f))
    assert_same(c1[c1.D > 100].combine(c2, f), p1[p1.D > 100].combine(p2, f))


def test_combine_errors():
    p1, p2 = _combine_frames()
    c1, c2 = cpd.read_pandas(p1), cpd.read_pandas(p2)
    with pytest.raises(exceptions.UnsupportedError, match="pandas object"):
        c1.combine(p2, COMBINERS["elementwise"])
    with pytest.raises(exceptions.UnsupportedError, match="column 'A'"):
        c1.combine(c2, lambda a, b: a.to_pandas())
    strings = cpd.read_pandas(pd.DataFrame({"A": pd.array(["x"], dtype="string")}))
    with pytest.raises(exceptions.DTypeError, match="column 'A'"):
        c1.combine(strings, COMBINERS["elementwise"])
