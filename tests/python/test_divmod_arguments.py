"""Series.divmod / rdivmod with pandas 3.1's level=, fill_value= and axis (issue 13): aligned
Series with labels only one side has, missing values, a 0 divisor (pandas' <NA> and Float64),
scalars, and a MultiIndex level broadcast."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _ours(ps):
    return cpd.read_pandas(ps.to_frame("v"))["v"].rename(ps.name)


def _same(got, want):
    assert isinstance(got, tuple) and len(got) == 2
    assert_same(got[0], want[0])
    assert_same(got[1], want[1])


@pytest.mark.parametrize("fill_value", [None, 1, 0])
@pytest.mark.parametrize("name", ["divmod", "rdivmod"])
def test_fill_value(name, fill_value):
    a = pd.Series(pd.array([7, None, 9, -4], dtype="Int64"), index=[0, 1, 2, 3])
    b = pd.Series(pd.array([2, 3, None, 0], dtype="Int64"), index=[1, 2, 3, 4])
    ca, cb = _ours(a), _ours(b)
    _same(getattr(ca, name)(cb, fill_value=fill_value), getattr(a, name)(b, fill_value=fill_value))
    _same(getattr(ca, name)(3, fill_value=fill_value), getattr(a, name)(3, fill_value=fill_value))
    _same(getattr(ca, name)(cb, fill_value=fill_value, axis=0), getattr(a, name)(b, fill_value=fill_value, axis=0))


@pytest.mark.parametrize("fill_value", [None, 1])
def test_level(fill_value):
    index = pd.MultiIndex.from_arrays([pd.array(["a", "b", "a", "d"], dtype="string"),
                                       pd.array([1, 2, 3, 4], dtype="Int64")], names=["k", "n"])
    m = pd.Series(pd.array([7, None, 9, -4], dtype="Int64"), index=index)
    s = pd.Series(pd.array([2, 0, 5], dtype="Int64"), index=pd.Index(["a", "b", "z"], dtype="string", name="k"))
    cm, cs = _ours(m), _ours(s)
    _same(cm.divmod(cs, level="k", fill_value=fill_value), m.divmod(s, level="k", fill_value=fill_value))
    _same(cs.rdivmod(cm, level=0, fill_value=fill_value), s.rdivmod(m, level=0, fill_value=fill_value))


def test_axis():
    with pytest.raises(exceptions.InvalidArgumentError, match="No axis named 1"):
        _ours(pd.Series([1, 2])).divmod(2, axis=1)
