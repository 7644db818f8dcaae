"""Callables and pandas 3 column expressions (pd.col / cpd.col) where pandas takes them: assign,
[], loc, iloc (get and set, also inside a (rows, columns) tuple), where and mask. pandas 3.1 is
the oracle, on data with missing values, and the same expression objects are given to both."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same

FRAME = pd.DataFrame({"a": pd.array([1, 2, None, 4], dtype="Int64"),
                      "b": pd.array([4.0, None, 6.0, -1.5], dtype="Float64"),
                      "s": pd.array(["x", "yy", None, "zzz"], dtype="string")}, index=[10, 11, 12, 13])


def _pair():
    return cpd.read_pandas(FRAME), FRAME.copy()


@pytest.mark.parametrize("col", [cpd.col, pd.col])
def test_assign_with_expressions_and_callables(col):
    d, p = _pair()
    kwargs = dict(c=col("a") + col("b") * 2, n=col("s").str.len(), e=lambda f: f["c"].abs() - 1,
                  big=(col("b") > 0) & col("a").notna(), k=5)
    assert_same(d.assign(**kwargs), p.assign(**kwargs))


@pytest.mark.parametrize("key", [
    lambda f: f["a"] > 1,
    pd.col("b") < 5,
    (pd.col("a") > 1, "b"),
    (lambda f: f["s"].notna(), ["a", "s"]),
    (slice(None), lambda f: ["s", "a"]),
])
def test_loc_get(key):
    d, p = _pair()
    assert_same(d.loc[key], p.loc[key])


def test_getitem_iloc_and_series():
    d, p = _pair()
    assert_same(d[lambda f: f["a"] >= 2], p[lambda f: f["a"] >= 2])
    assert_same(d[lambda f: ["b", "a"]], p[lambda f: ["b", "a"]])
    assert_same(d[pd.col("b").isna()], p[pd.col("b").isna()])
    assert_same(d.iloc[lambda f: [0, 2]], p.iloc[lambda f: [0, 2]])
    assert_same(d.iloc[lambda f: slice(1, 3), lambda f: [0]], p.iloc[lambda f: slice(1, 3), lambda f: [0]])
    s, ps = d["a"], p["a"]
    assert_same(s[lambda x: x > 1], ps[lambda x: x > 1])
    assert_same(s.loc[lambda x: x < 4], ps.loc[lambda x: x < 4])
    assert_same(s.where(lambda x: x > 1, lambda x: 0), ps.where(lambda x: x > 1, lambda x: 0))


def test_set_with_callables():
    d, p = _pair()
    d.loc[lambda f: f["a"] > 1, "b"] = 0.5
    p.loc[lambda f: f["a"] > 1, "b"] = 0.5
    assert_same(d, p)
    d.loc[pd.col("s").isna(), lambda f: ["s"]] = "none"
    p.loc[pd.col("s").isna(), lambda f: ["s"]] = "none"
    assert_same(d, p)
    d.iloc[lambda f: [0], 0] = 7
    p.iloc[lambda f: [0], 0] = 7
    assert_same(d, p)
    d[lambda f: "new"] = 1
    p[lambda f: "new"] = 1
    assert_same(d, p)


def test_where_and_mask():
    d, p = _pair()
    num, pnum = d[["a", "b"]], p[["a", "b"]]
    assert_same(num.where(lambda f: f > 1, -1), pnum.where(lambda f: f > 1, -1))
    assert_same(num.mask(lambda f: f > 1), pnum.mask(lambda f: f > 1))
