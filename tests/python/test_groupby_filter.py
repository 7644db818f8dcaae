"""GroupBy.filter with plain Python functions, against pandas' filter of the same data: the
function sees each group as pandas does (a DataFrame, or a Series for a selected column), and
the kept rows come back in the frame's order with their labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from cormorant import groupby as cgroupby

from conftest import assert_same


def _data():
    rng = np.random.default_rng(5)
    n = 40
    return pd.DataFrame({
        "k": pd.array(rng.choice(["a", "b", "c", "d", None], n), dtype="string"),
        "j": pd.array(rng.integers(0, 3, n), dtype="Int64"),
        "x": pd.array(np.where(rng.random(n) < 0.2, None, rng.integers(-5, 10, n)), dtype="Int64"),
        "y": pd.array(rng.normal(size=n), dtype="Float64"),
    }, index=pd.Index(rng.permutation(n) * 3))


CASES = {
    "size": lambda d: d.groupby("k").filter(lambda g: len(g) > 8),
    "aggregate": lambda d: d.groupby("k").filter(lambda g: g["x"].sum() > 10),
    "dropna-false": lambda d: d.groupby("k").filter(lambda g: g["y"].mean() > 0, dropna=False),
    "two-keys": lambda d: d.groupby(["k", "j"]).filter(lambda g: g["y"].max() > 0.5),
    "missing-key-group": lambda d: d.groupby("k", dropna=False).filter(lambda g: len(g) < 9),
    "series": lambda d: d.groupby("k")["x"].filter(lambda s: s.count() > 6),
    "series-dropna-false": lambda d: d.groupby("j")["y"].filter(lambda s: s.sum() > 0, dropna=False),
    "none-kept": lambda d: d.groupby("k").filter(lambda g: False),
    "args": lambda d: d.groupby("j").filter(lambda g, m: len(g) > m, True, 12),
}


@pytest.mark.parametrize("name", list(CASES))
def test_filter_like_pandas(name):
    p = _data()
    c = cpd.read_pandas(p)
    assert_same(CASES[name](c), CASES[name](p))
    assert_same(c, p)  # the frame itself is unchanged


def test_groups_stream_in_batches(monkeypatch):
    """Groups cut across batches are put back together before the function sees them."""
    p = _data()
    c = cpd.read_pandas(p)
    real = cgroupby.DataFrameGroupBy._whole_groups
    monkeypatch.setattr(cgroupby.DataFrameGroupBy, "_whole_groups", lambda self: real(self, batch_rows=3))
    sizes = []
    got = c.groupby("k").filter(lambda g: sizes.append(len(g)) or len(g) > 8)
    assert sorted(sizes) == sorted(p.groupby("k").size().tolist())
    assert_same(got, p.groupby("k").filter(lambda g: len(g) > 8))


def test_filter_errors():
    p = _data()
    c = cpd.read_pandas(p)
    with pytest.raises(TypeError, match="scalar bool"):
        p.groupby("k").filter(lambda g: 3)
    with pytest.raises(exceptions.DTypeError, match="scalar bool"):
        c.groupby("k").filter(lambda g: 3)
    with pytest.raises(exceptions.UnsupportedError, match="columns"):
        c.groupby(c["k"].str.upper()).filter(lambda g: True)
