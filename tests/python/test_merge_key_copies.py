"""A chain of inner merges where one side keeps a key twice (as the key and as its column, as
TPC-H Q9's lineitem keeps l_partkey for part and for partsupp): the join tree compares one
column, so the engine sees that the keys are all equal. Results against pandas, in both
ordering modes, with missing keys, repeated keys and re-execution."""

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd

from conftest import RTOL


def _frames(seed):
    rng = np.random.default_rng(seed)
    n = 60
    pkeys = pd.array(rng.permutation(20)[:12], dtype="Int64")
    pkeys[3] = pd.NA
    part = pd.DataFrame({"p_key": pkeys, "green": pd.array(rng.random(12) < 0.5, dtype="boolean")})
    lkeys = pd.array(rng.integers(0, 20, n), dtype="Int64")
    lkeys[rng.random(n) < 0.1] = pd.NA
    line = pd.DataFrame({"l_key": lkeys, "l_supp": pd.array(rng.integers(0, 5, n), dtype="Int64"),
                         "qty": pd.array(rng.normal(size=n), dtype="Float64")})
    ps = pd.DataFrame({"ps_key": pd.array(np.repeat(np.arange(20), 2), dtype="Int64"),
                       "ps_supp": pd.array(np.tile([0, 3], 20), dtype="Int64"),
                       "cost": pd.array(rng.normal(size=40), dtype="Float64")})
    supp = pd.DataFrame({"s_supp": pd.array([0, 1, 3, 3], dtype="Int64"),
                         "s_name": pd.array(["a", "b", "c", "d"], dtype="string")})
    return part, line, ps, supp


def _chain(part, line, ps, supp):
    green = part[part["green"]]
    return (green.merge(line, left_on="p_key", right_on="l_key")
            .merge(ps, left_on=["l_supp", "l_key"], right_on=["ps_supp", "ps_key"])
            .merge(supp, left_on="l_supp", right_on="s_supp"))


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_chain_with_a_key_kept_twice(mode, seed):
    frames = _frames(seed)
    expected = _chain(*frames)
    session = cpd.Session(warehouse=":memory:", ordering_mode=mode)
    try:
        got = _chain(*(session.read_pandas(f) for f in frames))
        if mode == "strict":
            pd.testing.assert_frame_equal(got.to_pandas(), expected, rtol=RTOL)
        else:  # no order: the same rows
            cols = list(expected.columns)
            a = got.to_pandas().sort_values(cols).reset_index(drop=True)
            b = expected.sort_values(cols).reset_index(drop=True)
            pd.testing.assert_frame_equal(a, b, rtol=RTOL)
        # aggregated as Q9 does, and run again
        out = got.groupby("s_name", as_index=False).agg(total=("qty", "sum"), n=("cost", "count"))
        want = expected.groupby("s_name", as_index=False).agg(total=("qty", "sum"), n=("cost", "count"))
        first = out.to_pandas()
        pd.testing.assert_frame_equal(first, want, rtol=RTOL, check_dtype=False)
        pd.testing.assert_frame_equal(out.to_pandas(), first)
    finally:
        session.close()
