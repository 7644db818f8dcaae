"""GroupBy.quantile, idxmax/idxmin, describe, get_group and groups (frame and Series
groupbys, keys that are columns or a Series), compared with pandas 3.1: missing values in keys
and values, dropna, sort=False, duplicate labels, zoned timestamps as labels, re-execution."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same


def _frame(index=None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "k": pd.array(["x", "y", "x", "z", None, "x"], dtype="string"),
            "v": pd.array([1, None, 3, 2, 5, 3], dtype="Int64"),
            "w": pd.array([1.5, 2.0, None, 4.0, 3.0, -1.0], dtype="Float64"),
        },
        index=list("abcdef") if index is None else index,
    )


def pair(index=None):
    p = _frame(index)
    return cpd.read_pandas(p), p


@pytest.mark.parametrize("q", [0.0, 0.25, 0.5, 0.9, 1])
@pytest.mark.parametrize("sort", [True, False])
def test_quantile(q, sort):
    c, p = pair()
    assert_same(c.groupby("k", sort=sort).quantile(q), p.groupby("k", sort=sort).quantile(q))
    assert_same(c.groupby("k", sort=sort)["w"].quantile(q), p.groupby("k", sort=sort)["w"].quantile(q))


def test_quantile_errors():
    c, p = pair()
    assert_same(c.groupby("k").quantile([0.1, 0.2]), p.groupby("k").quantile([0.1, 0.2]))  # (since session 20)
    with pytest.raises(ex.InvalidArgumentError, match="interval"):
        c.groupby("k").quantile(1.5)


INDEXES = {
    "letters": None,
    "duplicates": ["p", "q", "p", "q", "r", "p"],
    "zoned": pd.date_range("2024-11-03 00:30", periods=6, freq="30min", tz="America/Chicago"),
}


@pytest.mark.parametrize("index", list(INDEXES))
@pytest.mark.parametrize("func", ["idxmax", "idxmin"])
def test_idxmax(index, func):
    c, p = pair(INDEXES[index])
    for column in ("v", "w"):
        selected = c[c[column].notna()]  # pandas raises on a group of missing values only
        expected = getattr(p[p[column].notna()].groupby("k")[column], func)()
        for _ in range(2):
            assert_same(getattr(selected.groupby("k")[column], func)(), expected)
    expected = getattr(p[p.v.notna() & p.w.notna()].groupby("k", dropna=False), func)()
    assert_same(getattr(c[c.v.notna() & c.w.notna()].groupby("k", dropna=False), func)(), expected)


def test_idxmax_of_a_group_of_missing_values_raises():
    c, p = pair()
    with pytest.raises(ValueError):
        p.groupby("k").idxmax()
    with pytest.raises(ex.InvalidArgumentError, match="column 'v': every value is missing"):
        c.groupby("k").idxmax().to_pandas()
    with pytest.raises(ex.UnsupportedError, match="skipna=False"):
        c.groupby("k").idxmin(skipna=False)


@pytest.mark.parametrize("dropna", [True, False])
def test_describe(dropna):
    c, p = pair()
    assert_same(c.groupby("k", dropna=dropna).describe(), p.groupby("k", dropna=dropna).describe())
    assert_same(c.groupby("k")["v"].describe(), p.groupby("k")["v"].describe())


@pytest.mark.parametrize("percentiles", [[0.1, 0.9], [0.5], [0.05, 0.333, 0.5, 0.95], [], [0.0, 1.0]])
def test_describe_percentiles(percentiles):
    c, p = pair(INDEXES["duplicates"])
    for dropna in (True, False):
        assert_same(c.groupby("k", dropna=dropna).describe(percentiles=percentiles),
                    p.groupby("k", dropna=dropna).describe(percentiles=percentiles))
    assert_same(c.groupby("k")["v"].describe(percentiles=percentiles), p.groupby("k")["v"].describe(percentiles=percentiles))


def test_get_group_and_groups():
    c, p = pair(INDEXES["duplicates"])
    g, pg = c.groupby("k"), p.groupby("k")
    assert_same(g.get_group("x"), pg.get_group("x"))
    assert_same(g["w"].get_group("z"), pg["w"].get_group("z"))
    assert g.groups.keys() == pg.groups.keys()
    assert all(list(g.groups[k]) == list(pg.groups[k]) for k in pg.groups)
    with pytest.raises(KeyError):
        pg.get_group("nope")
    with pytest.raises(ex.LabelNotFoundError, match="nope"):
        g.get_group("nope")
    both, pboth = c.groupby(["k", "v"]), p.groupby(["k", "v"])
    assert_same(both.get_group(("x", 3)), pboth.get_group(("x", 3)))
    with pytest.raises(ex.InvalidArgumentError, match="tuple"):
        both.get_group("x")
    by_series, pby_series = c.groupby(c.v % 2), p.groupby(p.v % 2)
    assert_same(by_series.get_group(1), pby_series.get_group(1))
    assert_same(c.groupby("k", dropna=False).get_group(pd.NA), p.groupby("k", dropna=False).get_group(pd.NA))
