"""A merge with a groupby-aggregate on its group keys computes only the groups the other side
can meet: when that side is filtered and the aggregate's input is not, the input is reduced
to the other side's keys first (a semi-join). Results against pandas, missing keys included."""

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd

from conftest import RTOL


def assert_same(got, expected):
    """Exact dtypes as pandas gives them (conftest's assert_same makes pandas' int64 of nunique Int64)."""
    pd.testing.assert_frame_equal(got.to_pandas(), expected, check_dtype=True, rtol=RTOL)


def _frames(seed=0, n=40):
    rng = np.random.default_rng(seed)
    keys = pd.array(rng.integers(0, 12, n), dtype="Int64")
    keys[rng.random(n) < 0.15] = pd.NA
    facts = pd.DataFrame({"k": keys, "x": pd.array(rng.normal(size=n), dtype="Float64"),
                          "s": pd.array(rng.integers(0, 4, n), dtype="Int64")})
    dkeys = pd.array(rng.permutation(14)[:10], dtype="Int64")
    dkeys[2] = pd.NA
    dims = pd.DataFrame({"k": dkeys, "flag": pd.array(rng.random(10) < 0.5, dtype="boolean"),
                         "name": pd.array([f"n{i}" for i in range(10)], dtype="string")})
    return facts, dims


def _agg(lib_frame, dropna=True):
    return lib_frame.groupby("k", as_index=False, dropna=dropna).agg(
        total=("x", "sum"), n=("s", "nunique"), first=("s", "first"), avg=("x", "mean"))


@pytest.mark.parametrize("how", ["inner", "left", "right"])
@pytest.mark.parametrize("dropna", [True, False])
def test_filtered_side_reduces_the_aggregate(how, dropna):
    facts, dims = _frames()
    p_dims, c_dims = dims[dims["flag"]], cpd.read_pandas(dims)
    c_dims = c_dims[c_dims["flag"]]
    # the aggregate on the side the merge does not keep whole: right of inner/left, left of right
    if how == "right":
        got = _agg(cpd.read_pandas(facts), dropna).merge(c_dims, on="k", how=how)
        expected = _agg(facts, dropna).merge(p_dims, on="k", how=how)
    else:
        got = c_dims.merge(_agg(cpd.read_pandas(facts), dropna), on="k", how=how)
        expected = p_dims.merge(_agg(facts, dropna), on="k", how=how)
    assert " IN (SELECT " in got.sql
    assert_same(got, expected)
    again = got.to_pandas()
    pd.testing.assert_frame_equal(again, got.to_pandas())


def test_missing_group_key_meets_a_missing_key():
    # dropna=False keeps the <NA> group, and a merge matches it with the other side's <NA> key
    facts, dims = _frames(1)
    c_dims = cpd.read_pandas(dims)
    got = c_dims[c_dims["name"] != "n0"].merge(_agg(cpd.read_pandas(facts), False), on="k")
    expected = dims[dims["name"] != "n0"].merge(_agg(facts, False), on="k")
    assert expected["k"].isna().any()
    assert_same(got, expected)


@pytest.mark.parametrize("how", ["left", "outer"])
def test_kept_side_and_unfiltered_side_are_left_alone(how):
    facts, dims = _frames(2)
    # the aggregate on the side a merge keeps whole keeps every group
    c_dims = cpd.read_pandas(dims)
    got = _agg(cpd.read_pandas(facts)).merge(c_dims[c_dims["flag"]], on="k", how=how)
    assert " IN (SELECT " not in got.sql
    assert_same(got, _agg(facts).merge(dims[dims["flag"]], on="k", how=how))
    # an unfiltered other side would hold every key: no semi-join
    got = cpd.read_pandas(dims).merge(_agg(cpd.read_pandas(facts)), on="k")
    assert " IN (SELECT " not in got.sql
    assert_same(got, dims.merge(_agg(facts), on="k"))


def test_aggregate_of_a_filtered_aggregate_and_renamed_key():
    # through a filter over the groups and a rename of the key, with two keys
    facts, dims = _frames(3)
    def build(lib, f, d):
        g = f.groupby(["k", "s"], as_index=False).agg(total=("x", "sum"))
        g = g[g["total"] > -1].rename(columns={"k": "key"})
        return d[d["flag"]].merge(g, left_on="k", right_on="key")
    got = build(cpd, cpd.read_pandas(facts), cpd.read_pandas(dims))
    assert " IN (SELECT " in got.sql
    assert_same(got, build(pd, facts, dims))


@pytest.mark.parametrize("dropna", [True, False])
def test_merge_with_its_own_aggregate_joins_once(dropna):
    # TPC-H Q17's shape: the merge j is read by its aggregate and by the merge with it; the
    # SQL joins j's sources once (two joins in all), and the rows are pandas'
    facts, dims = _frames(4)
    def build(lib, f, d):
        j = d[d["flag"]].merge(f, on="k")
        avg = j.groupby("k", as_index=False, dropna=dropna).agg(avg=("x", "mean"))
        j = j.merge(avg, on="k")
        return j[j["x"] < j["avg"]]
    got = build(cpd, cpd.read_pandas(facts), cpd.read_pandas(dims))
    assert got.sql.count(" JOIN ") == 2
    assert_same(got, build(pd, facts, dims))


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("seed", [5, 6])
def test_reduced_inside_the_relation_of_an_isin(mode, seed):
    # TPC-H Q20's shape: the merge of a filtered side with an aggregate is read only by an
    # isin; the rewrite reaches it there too (a second semi-join), and the rows are pandas'
    facts, dims = _frames(seed)
    def build(d, f):
        met = d[d["flag"]].merge(f.groupby(["k", "s"], as_index=False).agg(total=("x", "sum")), on="k")
        met = met[met["total"] > -0.5]
        return d[d["k"].isin(met["k"])]
    session = cpd.Session(warehouse=":memory:", ordering_mode=mode)
    try:
        got = build(session.read_pandas(dims), session.read_pandas(facts))
        assert got.sql.count(" IN (SELECT ") == 2
        expected = build(dims, facts)
        result = got.to_pandas()
        if mode == "partial":  # no order and no index: the same rows
            result = result.sort_values("name").reset_index(drop=True)
            expected = expected.sort_values("name").reset_index(drop=True)
        pd.testing.assert_frame_equal(result, expected, check_dtype=True, rtol=RTOL)
    finally:
        session.close()
