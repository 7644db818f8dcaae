"""Window operations (cumulative, shift/diff/pct_change, rank, rolling, expanding, groupby
cumcount/transform/rolling) against pandas, on penguins and on generated data with missing
values, ties and negative numbers, in the frame's own row order (after sorts and filters too).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _data():
    rng = np.random.default_rng(7)
    n = 60
    ints = rng.integers(-5, 6, n).astype(object)
    floats = (np.round(rng.normal(0, 3, n), 1) + 0.0).astype(object)  # no -0.0
    ints[rng.random(n) < 0.2] = None
    floats[rng.random(n) < 0.2] = None
    keys = rng.choice(["a", "b", "c"], n).astype(object)
    keys[rng.random(n) < 0.1] = None
    return pd.DataFrame(
        {
            "k": pd.array(keys, dtype="string"),
            "i": pd.array(ints, dtype="Int64"),
            "f": pd.array(floats, dtype="Float64"),
            "b": pd.array(rng.random(n) < 0.5, dtype="boolean"),
            "s": pd.array(rng.choice(["x", "y", "z", "w"], n), dtype="string"),
        }
    )


@pytest.fixture
def gen():
    p = _data()
    return cpd.read_pandas(p), p


# Views of one frame in different row orders: as read, sorted, filtered, sorted then filtered.
VIEWS = {
    "plain": lambda df: df,
    "sorted": lambda df: df.sort_values("f", ascending=False, kind="stable"),
    "filtered": lambda df: df[df["i"] > -3],
    "sorted_filtered": lambda df: df.sort_values(["s", "i"], kind="stable")[df["b"]],
}


SERIES_OPS = {
    "cumsum": lambda s: s.cumsum(),
    "cumprod": lambda s: s.cumprod(),
    "cummin": lambda s: s.cummin(),
    "cummax": lambda s: s.cummax(),
    "shift": lambda s: s.shift(),
    "shift2": lambda s: s.shift(2),
    "shift_neg": lambda s: s.shift(-3),
    "diff": lambda s: s.diff(),
    "diff_neg": lambda s: s.diff(-2),
    "pct_change": lambda s: s.pct_change(),
    "rank": lambda s: s.rank(),
    "rank_min": lambda s: s.rank(method="min"),
    "rank_max": lambda s: s.rank(method="max"),
    "rank_first": lambda s: s.rank(method="first"),
    "rank_dense": lambda s: s.rank(method="dense"),
    "rank_desc": lambda s: s.rank(ascending=False),
    "rank_first_desc": lambda s: s.rank(method="first", ascending=False),
    "rolling_sum": lambda s: s.rolling(3).sum(),
    "rolling_mean_mp1": lambda s: s.rolling(4, min_periods=1).mean(),
    "rolling_min": lambda s: s.rolling(3, min_periods=2).min(),
    "rolling_max": lambda s: s.rolling(2).max(),
    "rolling_count": lambda s: s.rolling(3).count(),
    "rolling_std": lambda s: s.rolling(4, min_periods=2).std(),
    "rolling_var": lambda s: s.rolling(5).var(),
    "rolling_sum_mp0": lambda s: s.rolling(2, min_periods=0).sum(),
    "expanding_sum": lambda s: s.expanding().sum(),
    "expanding_mean": lambda s: s.expanding(min_periods=3).mean(),
    "expanding_max": lambda s: s.expanding().max(),
    "expanding_count": lambda s: s.expanding(min_periods=2).count(),
}

@pytest.mark.parametrize("view", list(VIEWS))
@pytest.mark.parametrize("column", ["i", "f"])
@pytest.mark.parametrize("op", list(SERIES_OPS))
def test_series_window(gen, op, column, view):
    c, p = gen
    f = SERIES_OPS[op]
    assert_same(f(VIEWS[view](c)[column]), f(VIEWS[view](p)[column]))


@pytest.mark.parametrize(
    "op",
    ["cumsum", "cummin", "cummax", "shift", "rank", "rank_min", "rank_dense", "rank_first_desc"],
)
def test_boolean_series_window(gen, op):
    c, p = gen
    f = SERIES_OPS[op]
    assert_same(f(c["b"]), f(p["b"]))


@pytest.mark.parametrize("op", ["cummin", "cummax", "shift", "shift_neg", "rank", "rank_min", "rank_first", "rank_dense"])
@pytest.mark.parametrize("view", ["plain", "sorted_filtered"])
def test_string_series_window(gen, op, view):
    c, p = gen
    f = SERIES_OPS[op]
    assert_same(f(VIEWS[view](c)["s"]), f(VIEWS[view](p)["s"]))


@pytest.mark.parametrize("method", ["min", "max", "first", "dense"])
@pytest.mark.parametrize("zone", [None, "Europe/Paris", "date"])
def test_datetime_rank_dtype(method, zone):
    """pandas ranks dates and times into floats (Float64 here, as every float result), not UInt64."""
    import datetime as dt

    if zone == "date":
        values = [dt.date(2024, 1, 2), None, dt.date(2024, 1, 1), dt.date(2024, 1, 2)]
    else:
        values = pd.to_datetime(["2024-01-02", None, "2024-01-01", "2024-01-02"])
        values = values.tz_localize(zone) if zone else values
    p = pd.DataFrame({"t": values})
    c = cpd.read_pandas(p)
    assert_same(c["t"].rank(method=method), p["t"].rank(method=method))


RANKS = {
    "series": lambda f, m: f["v"].rank(method=m),
    "series_desc": lambda f, m: f["v"].rank(method=m, ascending=False),
    "frame": lambda f, m: f[["v"]].rank(method=m),
    "groupby": lambda f, m: f.groupby("k")["v"].rank(method=m),
    "after_filter": lambda f, m: f[f["k"] > 0]["v"].rank(method=m),
}


@pytest.mark.parametrize("method", ["average", "min", "max", "first", "dense"])
@pytest.mark.parametrize("form", RANKS)
@pytest.mark.parametrize("dtype", ["Int64", "Float64", "boolean", "string", "zoned"])
def test_rank_lazy_dtype_is_the_result_dtype(dtype, form, method):
    """A rank's .dtype, before it runs, is the dtype of its result and of pandas' (UInt64 for a
    Series' ranks of numbers and booleans by min/max/first/dense, floats otherwise)."""
    values = {"Int64": [3, None, 1, 3, 2], "Float64": [1.5, None, -0.0, 1.5, 0.0], "boolean": [True, None, False, True, True],
              "string": ["b", None, "a", "b", "é"], "zoned": pd.to_datetime(["2024-01-02 00:00", None, "2024-01-01 00:00", "2024-01-02 00:00",
                                                                                "2024-03-31 01:30"]).tz_localize("Europe/Paris")}[dtype]
    p = pd.DataFrame({"v": pd.array(values, dtype=None if dtype == "zoned" else dtype), "k": [1, 2, 1, 2, 1]})
    c = cpd.read_pandas(p)
    got, want = RANKS[form](c, method), RANKS[form](p, method)
    lazy = got.dtypes.tolist() if form == "frame" else [got.dtype]
    assert lazy == (got.to_pandas().dtypes.tolist() if form == "frame" else [got.to_pandas().dtype])
    assert_same(got, want)


FRAME_OPS = {
    "cumsum": lambda d: d.cumsum(),
    "cummax": lambda d: d.cummax(),
    "shift": lambda d: d.shift(2),
    "diff": lambda d: d.diff(),
    "pct_change": lambda d: d.pct_change(),
    "rank": lambda d: d.rank(),
    "rank_dense": lambda d: d.rank(method="dense"),
    "rolling_mean": lambda d: d.rolling(3).mean(),
    "rolling_sum_mp1": lambda d: d.rolling(3, min_periods=1).sum(),
    "expanding_std": lambda d: d.expanding().std(),
}


@pytest.mark.parametrize("view", ["plain", "sorted"])
@pytest.mark.parametrize("op", list(FRAME_OPS))
def test_frame_window(gen, op, view):
    c, p = gen
    f = FRAME_OPS[op]
    assert_same(f(VIEWS[view](c)[["i", "f"]]), f(VIEWS[view](p)[["i", "f"]]))


GROUP_OPS = {
    "cumsum": lambda g: g.cumsum(),
    "cumprod": lambda g: g.cumprod(),
    "cummin": lambda g: g.cummin(),
    "cummax": lambda g: g.cummax(),
    "shift": lambda g: g.shift(),
    "shift_neg": lambda g: g.shift(-2),
    "diff": lambda g: g.diff(),
    "pct_change": lambda g: g.pct_change(),
    "rank": lambda g: g.rank(),
    "rank_min": lambda g: g.rank(method="min"),
    "rank_dense_desc": lambda g: g.rank(method="dense", ascending=False),
    "rank_first": lambda g: g.rank(method="first"),
    "transform_sum": lambda g: g.transform("sum"),
    "transform_mean": lambda g: g.transform("mean"),
    "transform_min": lambda g: g.transform("min"),
    "transform_max": lambda g: g.transform("max"),
    "transform_count": lambda g: g.transform("count"),
    "transform_std": lambda g: g.transform("std"),
    "transform_size": lambda g: g.transform("size"),
    "rolling_mean": lambda g: g.rolling(2).mean(),
    "rolling_sum_mp1": lambda g: g.rolling(3, min_periods=1).sum(),
    "expanding_max": lambda g: g.expanding().max(),
}


@pytest.mark.parametrize("view", ["plain", "sorted", "filtered"])
@pytest.mark.parametrize("column", ["i", "f"])
@pytest.mark.parametrize("op", list(GROUP_OPS))
def test_groupby_series_window(gen, op, column, view):
    c, p = gen
    f = GROUP_OPS[op]
    assert_same(f(VIEWS[view](c).groupby("k")[column]), f(VIEWS[view](p).groupby("k")[column]))


@pytest.mark.parametrize("view", ["plain", "sorted", "filtered"])
def test_groupby_cumcount(gen, view):
    c, p = gen
    assert_same(VIEWS[view](c).groupby("k").cumcount(), VIEWS[view](p).groupby("k").cumcount())


def test_groupby_cumcount_no_missing_keys(gen):
    c, p = gen
    assert_same(c.groupby("s").cumcount(), p.groupby("s").cumcount())


@pytest.mark.parametrize("op", ["cumsum", "shift", "diff", "transform_mean", "rank"])
def test_groupby_frame_window(gen, op):
    c, p = gen
    f = GROUP_OPS[op]
    assert_same(f(c[["k", "i", "f"]].groupby("k")), f(p[["k", "i", "f"]].groupby("k")))


def test_groupby_two_keys(gen):
    c, p = gen
    assert_same(c.groupby(["k", "s"])["i"].cumsum(), p.groupby(["k", "s"])["i"].cumsum())


# -- penguins -------------------------------------------------------------------------------------


PENGUIN_CASES = {
    "cumsum_mass": lambda d: d["body_mass_g"].cumsum(),
    "rank_bill": lambda d: d["bill_length_mm"].rank(),
    "rank_bill_min": lambda d: d["bill_length_mm"].rank(method="min"),
    "rolling_flipper": lambda d: d["flipper_length_mm"].rolling(5).mean(),
    "expanding_bill_depth": lambda d: d["bill_depth_mm"].expanding().max(),
    "diff_mass_sorted": lambda d: d.sort_values("bill_length_mm", kind="stable")["body_mass_g"].diff(),
    "species_cumcount": lambda d: d.groupby("species").cumcount(),
    "species_cumsum": lambda d: d.groupby("species")["body_mass_g"].cumsum(),
    "island_rank": lambda d: d.groupby("island")["flipper_length_mm"].rank(method="dense"),
    "species_transform_mean": lambda d: d.groupby("species")["bill_length_mm"].transform("mean"),
    "sex_shift": lambda d: d.groupby("sex")["body_mass_g"].shift(),
    "species_rolling": lambda d: d.groupby("species")["body_mass_g"].rolling(3).mean(),
}


@pytest.mark.parametrize("case", list(PENGUIN_CASES))
def test_penguins_window(cpd_penguins, pd_penguins, case):
    f = PENGUIN_CASES[case]
    assert_same(f(cpd_penguins), f(pd_penguins))


# -- behaviour around the edges -----------------------------------------------------------------


def test_window_compiles_to_one_query_with_over(gen):
    c, _ = gen
    sql = c["i"].rolling(3).sum().sql
    assert "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW" in sql


def test_rolling_min_periods_above_window_raises(gen):
    c, p = gen
    with pytest.raises(ValueError):
        p["i"].rolling(2, min_periods=3)
    with pytest.raises(ValueError):
        c["i"].rolling(2, min_periods=3)


def test_cumsum_of_strings_raises(gen):
    c, _ = gen
    with pytest.raises(Exception):
        c["s"].cumsum().to_pandas()


def test_boolean_diff(gen):
    c, p = gen
    assert_same(c["b"].diff(), p["b"].diff())


def test_pct_change_zero(gen):
    p = pd.DataFrame({"v": pd.array([0, 0, 1, 0], dtype="Int64")})
    c = cpd.read_pandas(p)
    assert_same(c["v"].pct_change(), p["v"].pct_change())


@pytest.mark.xfail(strict=True, reason="groupby(sort=False).rolling orders groups by key, pandas by first appearance")
def test_groupby_rolling_unsorted(gen):
    c, p = gen
    assert_same(c.groupby("k", sort=False)["i"].rolling(2).sum(), p.groupby("k", sort=False)["i"].rolling(2).sum())


@pytest.mark.parametrize("op", ["ffill", "bfill"])
def test_fill_forward_and_backward(pd_penguins, cpd_penguins, op):
    for transform in (lambda d: d, lambda d: d.sort_values("body_mass_g", kind="stable"),
                      lambda d: d[d.year > 2007]):
        assert_same(getattr(transform(cpd_penguins), op)(), getattr(transform(pd_penguins), op)())
        assert_same(getattr(transform(cpd_penguins).sex, op)(), getattr(transform(pd_penguins).sex, op)())
    assert_same(getattr(cpd_penguins.groupby("species")["sex"], op)(), getattr(pd_penguins.groupby("species")["sex"], op)())


PARTIAL_PUT_BACK = pytest.mark.xfail(
    strict=True, raises=exceptions.NullIndexError,
    reason="partial mode: the result's index is the keys alone (the frame's is NULL), so dropping the key level "
           "numbers the rows (an ordered relation) instead of leaving a NULL index that pairs row by row")


@pytest.mark.parametrize("mode", ["strict", pytest.param("partial", marks=PARTIAL_PUT_BACK)])
@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize("window", ["rolling(2).sum()", "rolling(3, min_periods=1).mean()", "expanding().max()"])
def test_groupby_rolling_put_back_into_its_frame(mode, dropna, window):
    """A groupby rolling/expanding result without its key level (pandas' idiom to put it back),
    assigned to the frame it came from, pairs with the frame's rows: rows whose key is missing
    get <NA> (dropna) or their own group's value. Partial mode: see PARTIAL_PUT_BACK."""
    p = pd.DataFrame({"id": range(7), "v": pd.array([1.5, None, 3.0, -2.0, 4.0, 0.5, 8.0], dtype="Float64"),
                      "k": pd.array([0, 1, None, 1, 0, None, 0], dtype="Int64"),
                      "u": pd.array([6, 2, 4, 0, 5, 1, 3], dtype="Int64")})
    with cpd.option_context("session.ordering_mode", mode):
        c = cpd.read_pandas(p)
        x, px = c.sort_values("u"), p.sort_values("u")
        code = f"x.assign(w=x.groupby('k', dropna={dropna})['v'].{window}.reset_index(level=0, drop=True))"
        got = eval(code, {"x": x})  # noqa: S307 — our own code
        expected = eval(code, {"x": px})  # noqa: S307
        if mode == "partial":  # the rows in any order, without labels
            got, expected = got.sort_values("id"), expected.sort_values("id").reset_index(drop=True)
        assert_same(got, expected)
