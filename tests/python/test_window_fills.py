"""ffill/bfill with limit and limit_area, shift(fill_value=), groupby transform by every name
pandas takes that cormorant computes, and diff of booleans (issue 13), against pandas 3.1: with
missing values in runs, missing group keys, repeated index labels, empty frames, zoned
datetimes, after sorts and filters, and re-executed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.exceptions as cex
import cormorant.pandas as cpd
from conftest import assert_same, check_raises


def _data(n=80, seed=11):
    rng = np.random.default_rng(seed)
    # runs of missing values of every length up to 5, at the ends too
    present = np.ones(n, dtype=bool)
    i = 0
    while i < n:
        run = int(rng.integers(0, 6))
        present[i:i + run] = False
        i += run + int(rng.integers(1, 4))
    present[-3:] = False
    ints = rng.integers(-4, 5, n).astype(object)
    ints[~present] = None
    floats = (np.round(rng.normal(0, 2, n), 1) + 0.0).astype(object)
    floats[~present & (rng.random(n) < 0.8)] = None
    keys = rng.choice(["a", "b", "c"], n).astype(object)
    keys[rng.random(n) < 0.1] = None
    bools = (rng.random(n) < 0.5).astype(object)
    bools[rng.random(n) < 0.2] = None
    text = rng.choice(["x", "y", "z"], n).astype(object)
    text[~present] = None
    times = pd.to_datetime("2024-03-30") + pd.to_timedelta(rng.integers(0, 72, n), unit="h")
    times = times.tz_localize("Europe/Paris").where(present)
    return pd.DataFrame({
        "k": pd.array(keys, dtype="string"),
        "i": pd.array(ints, dtype="Int64"),
        "f": pd.array(floats, dtype="Float64"),
        "b": pd.array(bools, dtype="boolean"),
        "s": pd.array(text, dtype="string"),
        "t": times,
        "u": pd.array(range(n), dtype="Int64"),
    })


@pytest.fixture(scope="module")
def gen():
    p = _data()
    return cpd.read_pandas(p), p


VIEWS = {
    "plain": lambda d: d,
    "sorted": lambda d: d.sort_values("u", ascending=False, kind="stable"),
    "filtered": lambda d: d[d["u"] % 3 != 1],
    "repeated_labels": lambda d: pd.concat([d, d]) if isinstance(d, pd.DataFrame) else cpd.concat([d, d]),
}

FILLS = [dict(), dict(limit=1), dict(limit=2), dict(limit=10), dict(limit_area="inside"), dict(limit_area="outside"),
         dict(limit=1, limit_area="inside"), dict(limit=2, limit_area="outside")]


def _same_twice(got, expected):
    assert_same(got, expected)
    assert_same(got, expected)  # re-execution


@pytest.mark.parametrize("kw", FILLS, ids=str)
@pytest.mark.parametrize("op", ["ffill", "bfill"])
@pytest.mark.parametrize("view", list(VIEWS))
def test_series_and_frame_fills(gen, view, op, kw):
    c, p = gen
    cv, pv = VIEWS[view](c), VIEWS[view](p)
    for column in ("i", "f", "s", "t"):
        _same_twice(getattr(cv[column], op)(**kw), getattr(pv[column], op)(**kw))
    assert_same(getattr(cv[["i", "f", "b", "s", "t"]], op)(**kw), getattr(pv[["i", "f", "b", "s", "t"]], op)(**kw))


@pytest.mark.parametrize("limit", [None, 1, 3])
@pytest.mark.parametrize("op", ["ffill", "bfill"])
@pytest.mark.parametrize("view", ["plain", "sorted", "filtered"])
def test_groupby_fills(gen, view, op, limit):
    c, p = gen
    cv, pv = VIEWS[view](c), VIEWS[view](p)
    _same_twice(getattr(cv.groupby("k")["f"], op)(limit=limit), getattr(pv.groupby("k")["f"], op)(limit=limit))
    assert_same(getattr(cv.groupby("k")[["i", "s", "t"]], op)(limit=limit),
                getattr(pv.groupby("k")[["i", "s", "t"]], op)(limit=limit))
    assert_same(getattr(cv.groupby("k", dropna=False)["i"], op)(limit=limit),
                getattr(pv.groupby("k", dropna=False)["i"], op)(limit=limit))


def test_fills_of_no_rows(gen):
    c, p = gen
    ce, pe = c[c["u"] < 0], p[p["u"] < 0]
    assert_same(ce["i"].ffill(limit=1), pe["i"].ffill(limit=1))
    assert_same(ce[["f", "s"]].bfill(limit_area="inside"), pe[["f", "s"]].bfill(limit_area="inside"))
    assert_same(ce.groupby("k")["f"].ffill(limit=2), pe.groupby("k")["f"].ffill(limit=2))


@pytest.mark.parametrize("kw", [dict(limit=0), dict(limit=-1), dict(limit=1.5)], ids=str)
def test_fill_arguments_checked_as_pandas(gen, kw):
    c, p = gen
    check_raises(ValueError, ValueError, "Limit must be", lambda: c["i"].ffill(**kw), lambda: p["i"].ffill(**kw))


def test_unknown_limit_area_raises(gen):
    """pandas does not check limit_area (an Int64 Series fills as with None, a float64 one as
    with "inside"); cormorant raises ValueError naming the two values."""
    c, _ = gen
    with pytest.raises(ValueError, match="inside"):
        c["i"].ffill(limit_area="middle")


# -- shift(fill_value=) ----------------------------------------------------------------------

SHIFTS = [(1, "i", 0), (2, "i", -7), (-3, "i", 5), (1, "f", 1.5), (-1, "f", 0), (2, "s", "none"), (1, "b", True),
          (-2, "b", False), (1, "t", pd.Timestamp("2020-01-01", tz="Europe/Paris")),
          (3, "t", pd.Timestamp("2020-01-01 12:00", tz="UTC")), (1, "i", None), (1, "s", pd.NA), (0, "i", 9)]


@pytest.mark.parametrize("periods,column,value", SHIFTS, ids=str)
@pytest.mark.parametrize("view", list(VIEWS))
def test_shift_fill_value(gen, view, periods, column, value):
    c, p = gen
    cv, pv = VIEWS[view](c), VIEWS[view](p)
    _same_twice(cv[column].shift(periods, fill_value=value), pv[column].shift(periods, fill_value=value))
    assert_same(cv.groupby("k")[column].shift(periods, fill_value=value),
                pv.groupby("k")[column].shift(periods, fill_value=value))


def test_frame_shift_fill_value(gen):
    c, p = gen
    assert_same(c[["i", "f", "u"]].shift(2, fill_value=0), p[["i", "f", "u"]].shift(2, fill_value=0))
    assert_same(c[["i", "f"]].shift(-1, fill_value=3), p[["i", "f"]].shift(-1, fill_value=3))
    assert_same(c.groupby("k")[["i", "f"]].shift(1, fill_value=-1), p.groupby("k")[["i", "f"]].shift(1, fill_value=-1))
    ce, pe = c[c["u"] < 0], p[p["u"] < 0]
    assert_same(ce["i"].shift(1, fill_value=4), pe["i"].shift(1, fill_value=4))


@pytest.mark.parametrize("column,value", [("i", 1.5), ("i", "x"), ("b", 0), ("s", 1), ("t", 3)], ids=str)
def test_shift_fill_value_of_another_dtype_names_the_column(gen, column, value):
    """A value that does not fit the column: DTypeError naming it (pandas casts, or makes an
    object column; README, differences)."""
    c, _ = gen
    with pytest.raises(cex.DTypeError, match=f"'{column}'"):
        c[column].shift(1, fill_value=value)
    with pytest.raises(cex.DTypeError, match=f"'{column}'"):
        c[[column]].shift(1, fill_value=value)


# -- groupby transform by name ------------------------------------------------------------------

REDUCTIONS = ["prod", "first", "last", "nunique", "any", "all", "sum", "mean", "count", "size"]
KERNELS = ["cumsum", "cumprod", "cummin", "cummax", "shift", "diff", "pct_change", "rank", "ffill", "bfill"]


@pytest.mark.parametrize("name", REDUCTIONS + KERNELS)
@pytest.mark.parametrize("column", ["i", "f", "b"])
@pytest.mark.parametrize("view", ["plain", "sorted", "filtered"])
def test_groupby_transform_names(gen, view, column, name):
    c, p = gen
    if column == "b" and name in ("cumprod", "diff", "pct_change", "mean", "prod"):
        pytest.skip("pandas' own groupby refuses these of booleans")
    cv, pv = VIEWS[view](c), VIEWS[view](p)
    _same_twice(cv.groupby("k")[column].transform(name), pv.groupby("k")[column].transform(name))
    assert_same(cv.groupby("k", dropna=False)[column].transform(name), pv.groupby("k", dropna=False)[column].transform(name))


@pytest.mark.parametrize("name", ["prod", "first", "last", "nunique", "any", "all", "cumsum", "shift"])
def test_frame_groupby_transform_names(gen, name):
    c, p = gen
    assert_same(c.groupby("k")[["i", "f"]].transform(name), p.groupby("k")[["i", "f"]].transform(name))
    assert_same(c.groupby("k")[["s", "t"]].transform("first"), p.groupby("k")[["s", "t"]].transform("first"))
    assert_same(c.groupby("k")[["s", "t"]].transform("last"), p.groupby("k")[["s", "t"]].transform("last"))
    assert_same(c.groupby("k")[["s"]].transform("nunique"), p.groupby("k")[["s"]].transform("nunique"))


def test_groupby_transform_prod_of_floats_and_no_rows(gen):
    c, p = gen
    ce, pe = c[c["u"] < 0], p[p["u"] < 0]
    assert_same(ce.groupby("k")["i"].transform("prod"), pe.groupby("k")["i"].transform("prod"))
    p2 = pd.DataFrame({"k": [1, 1, 2, 2, 2], "v": pd.array([1.5, None, np.inf, 0.0, 2.0], dtype="Float64")})
    assert_same(cpd.read_pandas(p2).groupby("k")["v"].transform("prod"), p2.groupby("k")["v"].transform("prod"))


def test_groupby_transform_int_prod_past_2_53_raises():
    p = pd.DataFrame({"k": [1, 1, 1, 2], "v": pd.array([2**30, 2**30, 3, 5], dtype="Int64")})
    with pytest.raises(cex.ArithmeticOverflowError, match="2\\*\\*53"):
        cpd.read_pandas(p).groupby("k")["v"].transform("prod").to_pandas()


@pytest.mark.parametrize("name", ["sem", "skew", "quantile", "idxmax", "ohlc"])
def test_groupby_transform_other_names_refused(gen, name):
    c, _ = gen
    with pytest.raises(cex.UnsupportedError, match="transform"):
        c.groupby("k")["f"].transform(name)


# -- diff of booleans ---------------------------------------------------------------------------


@pytest.mark.parametrize("periods", [1, 2, -1, 0])
@pytest.mark.parametrize("view", list(VIEWS))
def test_boolean_diff_is_xor(gen, view, periods):
    """pandas' diff of booleans: x xor the value `periods` rows before, boolean."""
    c, p = gen
    cv, pv = VIEWS[view](c), VIEWS[view](p)
    _same_twice(cv["b"].diff(periods), pv["b"].diff(periods))
    assert_same(cv[["b", "i"]].diff(periods), pv[["b", "i"]].diff(periods))


def test_groupby_boolean_diff_refused_as_pandas(gen):
    c, p = gen
    check_raises(cex.DTypeError, TypeError, "diff", lambda: c.groupby("k")["b"].diff(),
                 lambda: p.groupby("k")["b"].diff())
