"""Positional slices (iloc, head, tail, nlargest: LIMIT/OFFSET) read by a join whose other side
is filtered: DuckDB lets a join's runtime filter reach below a LIMIT, so the slice counted its
rows among the filtered ones (duckdb/duckdb#22924); the compiler keeps such a slice's rows
(MATERIALIZED). Found by the gfilter fuzz family: a groupby cov with `other.iloc[1:]` lost a
row. pandas is the oracle."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same


def _data() -> pd.DataFrame:
    return pd.DataFrame({
        "k": pd.array([None, "p", "p", "q", "p", None, "q", "p"], dtype="string"),
        "x": pd.array([1, -3, -3, -4, -1, 6, 2, 0], dtype="Int64"),
        "y": pd.array([-7.0, 0.0, None, None, -7.0, 1.5, 2.5, -1.0], dtype="Float64"),
    })


SLICES = {
    "iloc-offset": lambda s: s.iloc[1:],
    "iloc-window": lambda s: s.iloc[2:5],
    "head": lambda s: s.head(3),
    "tail": lambda s: s.tail(3),
    "iloc-step": lambda s: s.iloc[1::2],
    "nlargest": lambda s: s.nlargest(3),
    "sorted-head": lambda s: s.sort_values(kind="stable").head(4),
}


@pytest.mark.parametrize("name", list(SLICES))
def test_slice_assigned_to_a_filtered_frame(name):
    p = _data()
    c = cpd.read_pandas(p)
    want = p.assign(o=SLICES[name](p["y"]))
    got = c.assign(o=SLICES[name](c["y"]))
    assert_same(got[got["k"].notna()], want[want["k"].notna()])
    assert_same(got[got["x"] < 0], want[want["x"] < 0])


@pytest.mark.parametrize("name", list(SLICES))
def test_slice_in_grouped_aggregates(name):
    p = _data()
    c = cpd.read_pandas(p)
    assert_same(c.groupby("k")["x"].cov(SLICES[name](c["y"])), p.groupby("k")["x"].cov(SLICES[name](p["y"])))
    want = p.assign(o=SLICES[name](p["y"])).groupby("k").agg(n=("o", "count"), s=("o", "sum"))
    got = c.assign(o=SLICES[name](c["y"])).groupby("k").agg(n=("o", "count"), s=("o", "sum"))
    assert_same(got, want)


def test_slices_on_both_sides_of_an_operator():
    p = _data()
    c = cpd.read_pandas(p)
    assert_same(c[c["k"].notna()]["x"] + c["x"].iloc[1:], p[p["k"].notna()]["x"] + p["x"].iloc[1:])


FRAME_SLICES = {
    "iloc-offset": lambda d: d.iloc[1:],
    "iloc-window": lambda d: d.iloc[2:7],
    "head": lambda d: d.head(4),
    "tail": lambda d: d.tail(5),
    "iloc-step": lambda d: d.iloc[::2],
    "nlargest": lambda d: d.nlargest(5, "x"),
    "sorted-head": lambda d: d.sort_values("x", kind="stable").head(5),
}


@pytest.mark.parametrize("source", ["pandas", "parquet"])
@pytest.mark.parametrize("name", list(FRAME_SLICES))
def test_slice_filtered_by_isin_of_a_series(tmp_path, source, name):
    """isin of another Series is a semi-join in the engine (IN (SELECT ...)): its runtime filter
    reached below the slice's LIMIT, so the slice took its rows among the matching ones (a head(4)
    gave rows past the fourth). Found by the fold fuzz family. Run a few times: the engine's
    threads decide whether the filter arrives first."""
    p = _data().assign(f=pd.array([0.0, -2.5, None, 3.0, 9.0, 0.0, 9.0, 3.0], dtype="Float64"))
    if source == "parquet":
        p.to_parquet(tmp_path / "d.parquet", index=False)
        c = cpd.read_parquet(tmp_path / "d.parquet")
    else:
        c = cpd.read_pandas(p)
    for _ in range(8):
        x, px = FRAME_SLICES[name](c), FRAME_SLICES[name](p)
        assert_same(x[x["f"].isin(x[x["f"] > -2]["f"])], px[px["f"].isin(px[px["f"] > -2]["f"])])
        assert_same(x[x["f"].isin(c["f"][c["x"] > 5])], px[px["f"].isin(p["f"][p["x"] > 5])])
        assert_same(x[~x["f"].isin(c["f"][c["x"] > 5])], px[~px["f"].isin(p["f"][p["x"] > 5])])
        assert_same(x[x["f"].isin(x[x["f"] > -2]["f"])].tail(5), px[px["f"].isin(px[px["f"] > -2]["f"])].tail(5))
