"""A default index that numbers the rows in the order a result gives them (a groupby sorted by
its own keys, sort_values(ignore_index=True), reset_index(drop=True), the head of a merge) is
a RangeIndex the query does not send (no ROW_NUMBER window in its SQL, issue 12). Every result
is compared with pandas 3.1: the index labels exactly, head/tail/iloc, printing, batches, and
later operations that observe the labels (a filter, a merge on the index, alignment)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "k": pd.array(["b", "a", None, "b", "c", "a", "c", "b"], dtype="string"),
        "j": pd.array([1, 2, 1, None, 2, 2, 1, 1], dtype="Int64"),
        "x": pd.array([1.5, None, 3.0, -4.0, 5.5, 6.0, -7.25, 8.0], dtype="Float64"),
        "n": pd.array([10, 20, 30, 40, None, 60, 70, 80], dtype="Int64"),
    })


def grouped(d):
    return d.groupby(["k", "j"], as_index=False).agg(total=("x", "sum"), count=("n", "count"))


# Each builds a result whose default index numbers its rows in its own order.
POSITIONS = {
    "groupby_sorted_by_keys": lambda d: grouped(d).sort_values(["k", "j"]),
    "groupby_keys_only": grouped,
    "sort_ignore_index": lambda d: d.sort_values(["x", "n"], ignore_index=True),
    "sort_ignore_index_missing_last": lambda d: d.sort_values("x", ascending=False, ignore_index=True),
    "reset_index_drop": lambda d: d[d["n"] > 15].reset_index(drop=True),
    "reset_index_keep": lambda d: d[d["n"] > 15].sort_values("x").reset_index(),
    "merge": lambda d: d.merge(d[["k", "n"]].rename(columns={"n": "m"}), on="k"),
    "merge_head": lambda d: d.merge(d[["k", "n"]].rename(columns={"n": "m"}), on="k").head(5),
    "empty": lambda d: d[d["n"] > 1000].sort_values("x", ignore_index=True),
}
# Positions too, whose query still numbers the rows for another use (the order of sort_index,
# concat's own numbering): the result leaves the labels out all the same.
NUMBERED_POSITIONS = {
    "sort_index_of_new_index": lambda d: d.sort_values("x", ignore_index=True).sort_index(),
    "concat_ignore_index": lambda d: pd.concat([d, d[d["n"] > 50]], ignore_index=True)
    if isinstance(d, pd.DataFrame) else cpd.concat([d, d[d["n"] > 50]], ignore_index=True),
}

# Each observes the labels after they were made: the labels are no longer the positions.
OBSERVED = {
    "groupby_keys_desc": lambda d: grouped(d).sort_values(["k", "j"], ascending=False),
    "filter_after": lambda d: (lambda g: g[g["total"] > 0])(grouped(d)),
    "sort_by_value_after": lambda d: grouped(d).sort_values(["total", "k"], ascending=[False, True]),
    "top_by_value": lambda d: grouped(d).sort_values("total", ascending=False).head(3),
    "tail": lambda d: d.sort_values("x", ignore_index=True).tail(3),
    "iloc_step": lambda d: d.sort_values("x", ignore_index=True).iloc[1::2],
    "reversed": lambda d: d.sort_values("x", ignore_index=True).iloc[::-1],
    "sort_index_desc": lambda d: d.sort_values("x", ignore_index=True).sort_index(ascending=False),
    "merge_on_index": lambda d: d.sort_values("x", ignore_index=True).merge(
        d[["n"]], left_index=True, right_index=True),
}


@pytest.mark.parametrize("case", list(POSITIONS) + list(NUMBERED_POSITIONS) + list(OBSERVED))
def test_same_as_pandas(case):
    build = {**POSITIONS, **NUMBERED_POSITIONS, **OBSERVED}[case]
    want = build(frame())
    got = build(cpd.read_pandas(frame()))
    assert_same(got, want)
    if case not in OBSERVED:  # a RangeIndex, as pandas'
        pd.testing.assert_index_equal(got.to_pandas().index, want.index, exact=True)
    assert_same(got, want)  # run again: the same result


@pytest.mark.parametrize("case", list(POSITIONS))
def test_no_window_where_the_labels_are_positions(case):
    got = POSITIONS[case](cpd.read_pandas(frame()))
    assert "row_number()" not in got.sql


@pytest.mark.parametrize("case", ["filter_after", "sort_by_value_after", "top_by_value"])
def test_labels_observed_later_are_numbered(case):
    assert "row_number()" in OBSERVED[case](cpd.read_pandas(frame())).sql


@pytest.mark.parametrize("case", ["groupby_sorted_by_keys", "sort_ignore_index", "merge"])
def test_head_tail_iloc_of_positions(case):
    want = POSITIONS[case](frame())
    got = POSITIONS[case](cpd.read_pandas(frame()))
    assert_same(got.head(2), want.head(2))
    assert_same(got.tail(2), want.tail(2))
    assert_same(got.iloc[1:3], want.iloc[1:3])
    assert_same(got.iloc[[2, 0]], want.iloc[[2, 0]])
    pd.testing.assert_index_equal(got.index, want.index)
    assert len(got) == len(want)


@pytest.mark.parametrize("case", ["groupby_sorted_by_keys", "sort_ignore_index"])
def test_series_of_positions(case):
    want = POSITIONS[case](frame())
    got = POSITIONS[case](cpd.read_pandas(frame()))
    assert_same(got["x" if "x" in want else "total"], want["x" if "x" in want else "total"])


def test_aligned_with_another_result():
    d = frame()
    c = cpd.read_pandas(d)
    want = d.sort_values("x", ignore_index=True)["n"] + d["n"]
    got = c.sort_values("x", ignore_index=True)["n"] + c["n"]
    assert_same(got, want)


def test_printed_like_pandas():
    d = pd.DataFrame({"v": pd.array(range(100), dtype="Int64"),
                      "g": pd.array([i % 7 for i in range(100)], dtype="Int64")})
    c = cpd.read_pandas(d)
    with pd.option_context("display.max_rows", 10, "display.min_rows", 6):
        assert repr(c.sort_values(["g", "v"], ignore_index=True)) == repr(d.sort_values(["g", "v"], ignore_index=True))
        assert repr(c.sort_values(["g", "v"], ignore_index=True)["v"]) == repr(d.sort_values(["g", "v"], ignore_index=True)["v"])
    assert repr(c.sort_values(["g", "v"], ignore_index=True)) == repr(d.sort_values(["g", "v"], ignore_index=True))


def test_batches_continue_the_labels():
    d = pd.DataFrame({"v": pd.array(range(50), dtype="Int64"), "g": pd.array([i % 3 for i in range(50)], dtype="Int64")})
    want = d.sort_values(["g", "v"], ignore_index=True)
    batches = list(cpd.read_pandas(d).sort_values(["g", "v"], ignore_index=True).to_pandas_batches(batch_size=7))
    got = pd.concat(batches)
    pd.testing.assert_frame_equal(got, want, check_dtype=False, check_index_type=False)
    assert got.index.tolist() == list(range(50))


def test_index_property_of_positions():
    d = frame()
    got = cpd.read_pandas(d).sort_values("x", ignore_index=True).index
    pd.testing.assert_index_equal(got, d.sort_values("x", ignore_index=True).index)


def test_parquet_source(tmp_path):
    d = frame()
    d.to_parquet(tmp_path / "f.parquet")
    c = cpd.read_parquet(str(tmp_path / "f.parquet"))
    for build in (POSITIONS["groupby_sorted_by_keys"], POSITIONS["sort_ignore_index"], OBSERVED["top_by_value"]):
        assert_same(build(c), build(d))


def test_partial_mode_keeps_null_index():
    """In partial mode the same chains give a NULL index (no order to number by): the rows of
    pandas' result in some order, and a RangeIndex."""
    d = frame()
    session = cpd.Session(warehouse=":memory:", ordering_mode="partial")
    try:
        got = grouped(session.read_pandas(d)).sort_values(["k", "j"]).to_pandas()
        assert isinstance(got.index, pd.RangeIndex)
        assert_same(grouped(session.read_pandas(d)).sort_values(["k", "j"]), grouped(d).sort_values(["k", "j"]))
    finally:
        session.close()


def test_series_of_positions_along_the_columns():
    """A Series whose labels are its positions lines up with integer column labels (axis=1)."""
    d = pd.DataFrame({0: pd.array([1, 2, 3], dtype="Int64"), 1: pd.array([4, 5, 6], dtype="Int64"),
                      2: pd.array([7, 8, 9], dtype="Int64")})
    s = pd.Series(pd.array([30, 10, 20], dtype="Int64"), name="v")
    got = cpd.read_pandas(d).sub(cpd.read_pandas(s.to_frame())["v"].sort_values(ignore_index=True), axis="columns")
    assert_same(got, d.sub(s.sort_values(ignore_index=True), axis="columns"))
