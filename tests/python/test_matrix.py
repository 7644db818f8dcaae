"""DataFrame.dot / Series.dot / @, DataFrame.T / transpose and DataFrame.map against pandas 3.1,
with missing values, empty frames, duplicate and int labels; errors are typed."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same

FRAME = pd.DataFrame({"x": [1.5, -2.0, 3.25, 0.0], "y": [3.0, None, 1.0, 2.5], "z": [1, 2, None, 4]},
                     index=[5, 6, 7, 5]).astype({"x": "Float64", "y": "Float64", "z": "Int64"})


def _as_float(p):
    """pandas computes products of nullable frames through object arrays (object results):
    compare with the same values as Float64."""
    return p.astype("Float64")


@pytest.mark.parametrize("other", [
    pd.Series({"z": 2, "y": -1.5, "x": 0.5}),
    pd.Series([1.0, 2.0, 3.0], index=["x", "y", "z"], name="w"),
    [1, 2, 3],
    np.array([0.5, 0.25, -1.0]),
])
def test_frame_dot_vector(other):
    d = cpd.read_pandas(FRAME)
    expected = _as_float(FRAME.dot(other))
    assert_same(d.dot(other), expected)
    assert_same(d @ other, expected)


def test_frame_dot_frame_and_cormorant_operands():
    w = pd.DataFrame({"a": [1.0, 2.0, 0.5], "b": [0.5, None, 1.0], 3: [1.0, 1.0, 1.0]}, index=["y", "z", "x"])
    d = cpd.read_pandas(FRAME)
    assert_same(d.dot(w), _as_float(FRAME.dot(w)))
    assert_same(d @ cpd.read_pandas(w), _as_float(FRAME @ w))
    assert_same(d.dot(cpd.read_pandas(pd.Series({"z": 2.0, "y": -1.5, "x": 0.5}))),
                _as_float(FRAME.dot(pd.Series({"z": 2.0, "y": -1.5, "x": 0.5}))))
    assert_same(d.dot(np.ones((3, 2))), _as_float(FRAME.dot(np.ones((3, 2)))))


@pytest.mark.parametrize("rows", [0, 2])
@pytest.mark.parametrize("weights", [pd.array([None, 4], dtype="Int64"), pd.array([None, None], dtype="Int64"),
                                     pd.array([None, 4.5], dtype="Float64")],
                         ids=["int", "int_missing", "float"])
def test_frame_dot_missing_weight_keeps_pandas_dtype(rows, weights):
    """An integer frame times nullable integer weights with <NA> is Int64 in pandas (fuzzer seed
    matrix:23528: cormorant gave Float64 through a NaN weight), a Float64 weight's Float64."""
    a = pd.DataFrame({"b": pd.array([1, None][:rows], dtype="Int64"), "c": pd.array([2, 3][:rows], dtype="Int64")},
                     index=pd.Index(["x", "y"][:rows], dtype="str"))
    w = pd.Series(weights, index=pd.Index(["b", "c"], dtype="str"), name="w0")
    want = a.dot(w)
    assert_same(cpd.read_pandas(a).dot(cpd.read_pandas(w.to_frame())["w0"]), want)
    assert_same(cpd.read_pandas(a).dot(w), want)


def test_frame_dot_errors():
    d = cpd.read_pandas(FRAME)
    with pytest.raises(ex.InvalidArgumentError, match="not aligned"):
        d.dot(pd.Series({"x": 1, "y": 2, "q": 3}))
    with pytest.raises(ex.InvalidArgumentError, match="shape mismatch"):
        d.dot([1, 2])
    with pytest.raises(ex.DTypeError, match="'s'"):
        cpd.read_pandas(pd.DataFrame({"s": ["a"]})).dot([1])
    with pytest.raises(ValueError, match="not aligned"):
        FRAME.dot(pd.Series({"x": 1, "y": 2, "q": 3}))


def test_series_dot():
    a = pd.Series([1, 2, 3], dtype="Int64", index=list("abc"))
    b = pd.Series([1.5, 2.0, -3.0], dtype="Float64", index=list("cba"))
    with_na = pd.Series([1, None, 3], dtype="Int64", index=list("abc"))
    ca, cb, cn = (cpd.read_pandas(s) for s in (a, b, with_na))
    assert ca.dot(cb) == a.dot(b)
    assert ca @ ca == a @ a
    assert np.isnan(cn.dot(cb)) and np.isnan(with_na.dot(b))
    assert ca.dot([1, 0, 2]) == a.dot([1, 0, 2])
    empty = pd.Series([], dtype="Int64")
    assert cpd.read_pandas(empty).dot(cpd.read_pandas(empty)) == empty.dot(empty)
    with pytest.raises(ex.InvalidArgumentError, match="not aligned"):
        ca.dot(cpd.read_pandas(pd.Series([1, 2], index=list("ab"))))
    frame = pd.DataFrame({"p": [1.0, 2.0, 3.0], "q": [0.0, 1.0, None]}, index=list("cab"))
    pd.testing.assert_series_equal(ca.dot(cpd.read_pandas(frame)), a.dot(frame))


UNIQUE = FRAME.set_axis([5, 6, 7, 8])


@pytest.mark.parametrize("frame", [
    UNIQUE[["x", "y"]],
    UNIQUE[["z"]],
    pd.DataFrame({"a": ["u", None], "b": ["w", "v"]}, index=["r1", "r2"]),
    pd.DataFrame({"a": [True, None]}, dtype="boolean"),
])
def test_transpose(frame):
    d = cpd.read_pandas(frame)
    assert_same(d.T, frame.T)
    assert_same(d.transpose(), frame.transpose())


def test_transpose_stays_in_the_frames_session():
    """T of a frame of another session than the global one combines with that session's frames
    (it was read into the global session before Session.of)."""
    p = pd.DataFrame({"a": pd.array([1, 2], dtype="Int64"), "b": pd.array([3, 4], dtype="Int64")})
    session = cpd.Session()
    try:
        c = session.read_pandas(p)
        t = c.T
        assert_same(t + t, p.T + p.T)
        assert_same(t.T + c, p.T.T + p)
    finally:
        session.close()


def test_transpose_empty():
    # (a frame without columns has an object column index in cormorant)
    frame = UNIQUE.iloc[:0][["x", "y"]]
    got = cpd.read_pandas(frame).T.to_pandas()
    assert got.shape == frame.T.shape == (2, 0)
    assert list(got.index) == list(frame.T.index)
    # and back: the frame without columns has no labels to become the rows (it raised, naming
    # an internal column)
    back = cpd.read_pandas(frame).T.T.to_pandas()
    expected = frame.T.T
    assert back.shape == expected.shape == (0, 2) and list(back.columns) == list(expected.columns)
    assert_same(cpd.read_pandas(frame).T.T * 2, expected.astype(frame.dtypes) * 2)


def test_an_index_without_a_dtype_is_named_in_errors():
    """An index with no values to infer a dtype from: the error speaks of the index (it named an
    internal column, __index_level_0__)."""
    for index, name in ((pd.Index([], dtype=object), "the index"), (pd.Index([None, None], dtype=object), "the index"),
                        (pd.MultiIndex.from_arrays([[], []], names=["p", None]), "index level 0 ('p')")):
        with pytest.raises(ex.DTypeError, match=re.escape(name)) as e:
            cpd.read_pandas(pd.DataFrame({"x": [1.5] * len(index)}, index=index))
        assert "__" not in str(e.value)


def test_transpose_mixed_numbers_and_errors():
    assert_same(cpd.read_pandas(UNIQUE).T, UNIQUE.T.astype("Float64"))
    with pytest.raises(ex.InvalidArgumentError, match="repeats labels"):
        cpd.read_pandas(FRAME).T
    mixed = cpd.read_pandas(pd.DataFrame({"a": [1], "b": ["x"]}))
    with pytest.raises(ex.DTypeError, match="'b': string"):
        mixed.T


@cpd.udf(input_types=[float], output_type=float, transpile=False)
def _halve(x):
    return x / 2


@cpd.udf(input_types=[float], output_type=float)
def _plus_one(x):
    return x + 1.0


@pytest.mark.parametrize("udf, func", [(_halve, lambda x: x / 2), (_plus_one, lambda x: x + 1.0)])
@pytest.mark.parametrize("na_action", [None, "ignore"])
def test_frame_map(udf, func, na_action):
    frame = FRAME[["x", "y"]] if na_action else FRAME[["x"]]  # (the UDFs take no None)
    d = cpd.read_pandas(frame)
    expected = frame.astype("float64").map(func, na_action=na_action)
    assert_same(d.map(udf, na_action=na_action), expected)
    with pytest.raises(ex.DTypeError, match="callable"):
        d.map({1.5: 2.0})


@pytest.mark.parametrize("values", [[1.5, None, -2.0, None], [None, None], [3.0]])
def test_series_map_ignores_missing_values(values):
    """na_action='ignore': the function never sees a missing value (Spark calls a Python UDF on
    every row, even under the CASE that masks the missing ones: the UDF raised on None)."""
    p = pd.Series(pd.array(values, dtype="Float64"), name="v")
    s = cpd.read_pandas(p.to_frame())["v"]
    for udf, func in ((_halve, lambda x: x / 2), (_plus_one, lambda x: x + 1.0)):
        for _ in range(2):
            assert_same(s.map(udf, na_action="ignore"), p.astype("float64").map(func, na_action="ignore"))
