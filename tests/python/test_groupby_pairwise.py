"""GroupBy.corr and GroupBy.cov (each pair of columns one aggregate in the core) against
pandas: frame groupbys give each group's matrix labelled (keys..., column); Series groupbys
correlate with another Series aligned on the index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same


def _data():
    rng = np.random.default_rng(11)
    n = 60
    x = rng.integers(-20, 20, n).astype(float)
    x[rng.random(n) < 0.1] = np.nan
    y = x * 0.5 + rng.normal(0, 3, n)
    y[rng.random(n) < 0.15] = np.nan
    return pd.DataFrame({
        "g": pd.array(rng.choice(["b", "a", "c", None], n, p=[0.4, 0.3, 0.25, 0.05]), dtype="string"),
        "h": pd.array(rng.integers(0, 2, n), dtype="Int64"),
        "x": pd.array(x, dtype="Float64").astype("Int64"),
        "y": pd.array(y, dtype="Float64"),
        "z": pd.array(rng.random(n) < 0.4, dtype="boolean"),
        "s": pd.array(rng.choice(["p", "q"], n), dtype="string"),
    })


@pytest.fixture(scope="module")
def data():
    p = _data()
    return cpd.read_pandas(p), p


CASES = {
    "corr": lambda d: d.groupby("g").corr(numeric_only=True),
    "cov": lambda d: d.groupby("g").cov(numeric_only=True),
    "two-keys": lambda d: d[["g", "h", "x", "y"]].groupby(["g", "h"]).corr(),
    "unsorted": lambda d: d[["g", "x", "y", "z"]].groupby("g", sort=False).cov(),
    "with-missing-key": lambda d: d[["g", "x", "y"]].groupby("g", dropna=False).corr(),
    "by-int": lambda d: d[["h", "y", "x"]].groupby("h").corr(),
    "filtered": lambda d: d[d.x > 0][["g", "x", "y"]].groupby("g").cov(),
    "series-corr": lambda d: d.groupby("g")["x"].corr(d["y"]),
    "series-cov": lambda d: d.groupby(["g", "h"])["y"].cov(d["x"]),
    "series-misaligned": lambda d: d.groupby("g")["y"].corr(d["x"][d["x"] > -5] * 2),
}


@pytest.mark.parametrize("name", list(CASES))
def test_against_pandas(data, name):
    c, p = data
    got = CASES[name](c)
    want = CASES[name](p)
    assert_same(got, want)
    assert_same(got, want)  # re-execution


def test_small_groups_and_constants():
    p = pd.DataFrame({"k": pd.array(["a", "b", "b", "c", "c", "c"], dtype="string"),
                      "u": pd.array([1, 2, 3, 5, 5, 5], dtype="Int64"),
                      "v": pd.array([1.0, None, 2.0, 1.0, 2.0, 3.0], dtype="Float64")})
    c = cpd.read_pandas(p)
    assert_same(c.groupby("k").corr(), p.groupby("k").corr())
    assert_same(c.groupby("k").cov(), p.groupby("k").cov())


def test_errors(data):
    c, p = data
    with pytest.raises(ValueError):
        p.groupby("g").corr()
    with pytest.raises(exceptions.DTypeError, match="column 's'"):
        c.groupby("g").corr()
    with pytest.raises(exceptions.UnsupportedError, match="spearman"):
        c.groupby("g").corr(method="spearman", numeric_only=True)
    with pytest.raises(exceptions.UnsupportedError, match="ddof"):
        c.groupby("g").cov(ddof=0, numeric_only=True)
    with pytest.raises(exceptions.UnsupportedError, match="another cormorant Series"):
        c.groupby("g")["x"].corr(p["y"])


def test_partial_mode():
    p = _data()[["g", "x", "y"]]
    session = cpd.Session(ordering_mode="partial")
    try:
        got = session.read_pandas(p).groupby("g").corr().to_pandas().sort_index()
        want = p.groupby("g").corr().sort_index()
        pd.testing.assert_frame_equal(got, want, check_dtype=False, check_index_type=False, rtol=1e-9)
    finally:
        session.close()
