"""sample (the same rows as pandas for a given random_state: positions drawn by NumPy as pandas
draws them), interpolate (linear, bit for bit as pandas' NumPy interp) and fillna with a
cormorant Series (aligned on the index), compared with pandas 3.1."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"a": pd.array(range(12), dtype="Int64"), "s": pd.array(list("abcdefghijkl"), dtype="string")},
        index=[30, 10, 50, 20, 40, 60, 90, 80, 70, 11, 12, 13],
    )


@pytest.mark.parametrize("kwargs", [{"n": 3, "random_state": 1}, {"frac": 0.5, "random_state": 2},
                                    {"n": 20, "replace": True, "random_state": 3}, {"random_state": 4},
                                    {"frac": 1.5, "replace": True, "random_state": 5},
                                    {"n": 4, "random_state": 6, "ignore_index": True}, {"n": 0, "random_state": 7}])
def test_sample_picks_pandas_rows(kwargs):
    p = _frame()
    c = cpd.read_pandas(p)
    assert_same(c.sample(**kwargs), p.sample(**kwargs))
    assert_same(c["s"].sample(**kwargs), p["s"].sample(**kwargs))
    seeded = {**kwargs, "random_state": np.random.RandomState(kwargs["random_state"])}
    expected = p.sample(**{**kwargs, "random_state": np.random.RandomState(kwargs["random_state"])})
    assert_same(c.sample(**seeded), expected)  # a RandomState object draws the same


def test_sample_errors():
    c = cpd.read_pandas(_frame())
    with pytest.raises(ex.InvalidArgumentError, match="larger sample"):
        c.sample(13, random_state=0)
    with pytest.raises(ex.InvalidArgumentError, match="OR"):
        c.sample(n=1, frac=0.1)
    with pytest.raises(ex.UnsupportedError, match="weights"):
        c.sample(2, weights=[1] * 12)


SERIES = {
    "floats": pd.Series([None, 1.0, None, None, 4.0, None, 0.1, None, 1e300, None, -1e300, None], dtype="Float64"),
    "ints": pd.Series([1, None, 4, None, None, -7], dtype="Int64", index=[5, 4, 3, 2, 1, 0]),
    "none missing": pd.Series([1.5, 2.5], dtype="Float64"),
    "all missing": pd.Series([None, None], dtype="Float64"),
    "empty": pd.Series([], dtype="Float64"),
}


@pytest.mark.parametrize("name", list(SERIES))
def test_interpolate_like_pandas(name):
    p = SERIES[name]
    c = cpd.read_pandas(p)
    for _ in range(2):
        assert_same(c.interpolate(), p.interpolate())
    frame = pd.DataFrame({"x": p, "y": p * 2})
    assert_same(cpd.read_pandas(frame).interpolate(), frame.interpolate())


def test_interpolate_refuses():
    c = cpd.read_pandas(pd.DataFrame({"s": pd.array(["a", None], dtype="string"), "x": [1.0, None]}))
    with pytest.raises(ex.DTypeError, match="'s'"):
        c.interpolate()
    # SciPy's methods are pandas' own (test_interpolate.py)
    p = pd.Series([1.0, None, 3.0, None, 4.0], dtype="Float64", name="x")
    assert_same(cpd.read_pandas(p).interpolate(method="nearest"), p.interpolate(method="nearest"))


def test_fillna_with_a_series_aligns():
    a = pd.Series([1.0, None, None, None], dtype="Float64", index=[1, 2, 3, 4])
    b = pd.Series([7.0, 8.0, 9.0], dtype="Float64", index=[3, 2, 99])
    assert_same(cpd.read_pandas(a).fillna(cpd.read_pandas(b)), a.fillna(b))
    c = cpd.read_pandas(a)
    assert_same(c.fillna(c.bfill().fillna(0.5)), a.fillna(a.bfill().fillna(0.5)))
