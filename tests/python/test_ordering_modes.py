"""Ordering modes: strict (a total order, a sequential default index) and partial (no order,
a NULL index, filters at the scan); DefaultIndexKind.NULL; NullIndexError, OrderRequiredError,
DefaultIndexWarning; peek. pandas is the oracle for rows; the generated SQL shows what the
engine is asked to do."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same, nullable
from test_warehouse import _events, _table_order


@pytest.fixture
def tables(tmp_path):
    """A session with a partitioned, clustered table and a plain one; the stored rows in pandas."""
    s = cpd.Session(tmp_path / "wh")
    events = _events(4000, seed=3)
    s.read_pandas(events).to_table("ds.ev", partition_by="DAY(ts)", cluster_by=["project"])
    s.read_pandas(events).to_table("ds.plain")
    stored = _table_order(events.assign(_d=events["ts"].dt.strftime("%Y-%m-%d")), ["_d", "project"]).drop(columns="_d")
    yield s, stored, events
    s.close()


def stored_plain_head(s) -> pd.DataFrame:
    """The first rows of ds.plain as the strict default index reads them, without its index."""
    return s.read_table("ds.plain").head(5).to_pandas().reset_index(drop=True)


def _sorted(pdf: pd.DataFrame) -> pd.DataFrame:
    """Rows in a canonical order, for results whose order is unspecified."""
    return pdf.sort_values(list(pdf.columns), kind="stable").reset_index(drop=True)


def test_partial_mode_null_index_and_no_numbering(tables):
    s, stored, _ = tables
    s.ordering_mode = "partial"
    df = s.read_table("ds.ev")
    sel = df[(df["project"] == "p03") & (df["n"] > 100)][["ts", "n"]]
    expected = stored[((stored["project"] == "p03") & (stored["n"] > 100)).fillna(False)][["ts", "n"]]
    pd.testing.assert_frame_equal(_sorted(sel.to_pandas()), _sorted(expected))
    assert isinstance(sel.to_pandas().index, pd.RangeIndex)
    sql = sel.sql
    assert "ROW_NUMBER" not in sql and "file_row_number" not in sql and "ORDER BY" not in sql
    with pytest.raises(exceptions.NullIndexError, match="set_index"):
        sel.index


@pytest.mark.parametrize(
    "operation",
    [
        lambda df: df.head(),
        lambda df: df.tail(2),
        lambda df: df.iloc[3],
        lambda df: df["n"].cumsum(),
        lambda df: df["n"].shift(1),
    ],
    ids=["head", "tail", "iloc", "cumsum", "shift"],
)
def test_partial_mode_order_required(tables, operation):
    s, _, _ = tables
    s.ordering_mode = "partial"
    df = s.read_table("ds.ev")
    with pytest.raises(exceptions.OrderRequiredError, match="sort_values"):
        operation(df)


def test_partial_mode_sorting_restores_order(tables):
    s, stored, _ = tables
    s.ordering_mode = "partial"
    df = s.read_table("ds.plain")
    got = df.sort_values(["x"]).head(7).to_pandas()
    expected = stored.sort_values(["x"], kind="stable").head(7).reset_index(drop=True)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), expected)


def test_partial_mode_same_source_alignment(tables):
    s, stored, _ = tables
    s.ordering_mode = "partial"
    df = s.read_table("ds.ev")
    df["y"] = df["n"] * 2 + df["x"]
    got = df[df["country"] == "FR"][["n", "y"]].to_pandas()
    exp = stored.assign(y=stored["n"] * 2 + stored["x"])
    exp = exp[(exp["country"] == "FR").fillna(False)][["n", "y"]]
    pd.testing.assert_frame_equal(_sorted(got), _sorted(exp))
    other = s.read_table("ds.plain")
    with pytest.raises(exceptions.NullIndexError, match="set_index"):
        df["n"] + other["n"]


def test_null_index_in_strict_mode(tables):
    s, stored, _ = tables
    df = s.read_table("ds.plain", index_col=cpd.enums.DefaultIndexKind.NULL)
    got = df.head(5).to_pandas()
    assert isinstance(got.index, pd.RangeIndex)
    pd.testing.assert_frame_equal(got, stored_plain_head(s))
    with pytest.raises(exceptions.NullIndexError):
        df.index
    with pytest.raises(exceptions.NullIndexError):
        df["n"] + s.read_table("ds.plain")["n"]


def test_default_index_warning(tables):
    s, _, _ = tables
    with pytest.warns(exceptions.DefaultIndexWarning, match="index_col"):
        s.read_table("ds.ev")
    with warnings.catch_warnings():
        warnings.simplefilter("error", exceptions.DefaultIndexWarning)
        s.read_table("ds.plain")  # neither partitioned nor clustered
        s.read_table("ds.ev", index_col="project")
        s.read_table("ds.ev", filters=[("project", "==", "p01")])
        s.read_table("ds.ev", index_col=cpd.enums.DefaultIndexKind.NULL)
        s.ordering_mode = "partial"
        s.read_table("ds.ev")


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_peek(tables, mode):
    s, stored, _ = tables
    s.ordering_mode = mode
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", exceptions.DefaultIndexWarning)
        df = s.read_table("ds.ev")
    sel = df[df["project"] == "p05"][["ts", "project", "n"]]
    got = sel.peek(4)
    matching = stored[stored["project"] == "p05"][["ts", "project", "n"]]
    assert len(got) == 4
    # Any four matching rows; in strict mode with their positions as the index.
    if mode == "strict":
        got, matching = got.reset_index(), matching.reset_index()
    merged = got.merge(matching, how="left", indicator=True)
    assert (merged["_merge"] == "both").all()
    if mode == "partial":
        assert isinstance(got.index, pd.RangeIndex)
    assert "ORDER BY" not in s.last_query.sql


def test_options_apply_to_the_global_session(tables):
    s, _, _ = tables
    try:
        cpd.options.session.ordering_mode = "partial"
        df = cpd.read_pandas(pd.DataFrame({"a": [3, 1, 2]}))
        with pytest.raises(exceptions.OrderRequiredError):
            df.head(1)
        with pytest.raises(exceptions.InvalidArgumentError, match="strict"):
            cpd.options.session.ordering_mode = "sloppy"
    finally:
        cpd.options.session.ordering_mode = "strict"
    df = cpd.read_pandas(pd.DataFrame({"a": [3, 1, 2]}))
    assert_same(df.head(1), pd.DataFrame({"a": [3, 1, 2]}).head(1))


@pytest.mark.parametrize(
    "operation",
    [
        lambda df: df.loc[3],
        lambda df: df.loc[2:5],
        lambda df: df.sort_index(),
        lambda df: df["x"].index,
        lambda df: df.rename_axis("i"),
    ],
    ids=["loc", "loc_slice", "sort_index", "series_index", "rename_axis"],
)
def test_null_index_required(tables, operation):
    s, _, _ = tables
    df = s.read_table("ds.plain", index_col=cpd.enums.DefaultIndexKind.NULL)
    with pytest.raises(exceptions.NullIndexError, match="set_index"):
        operation(df)
    # With an index set, the same operation runs.
    operation(df.set_index("n"))


def test_partial_mode_aligns_unrelated_objects_by_explicit_index(tables):
    s, stored, _ = tables
    s.ordering_mode = "partial"
    a = s.read_table("ds.plain").set_index("x")["n"]
    b = s.read_table("ds.plain", filters=[("country", "==", "DE")]).set_index("x")["n"]
    got = (a + b).to_pandas()
    pa = stored.set_index("x")["n"]
    pb = stored[stored["country"] == "DE"].set_index("x")["n"]
    expected = (pa + pb).sort_index()
    pd.testing.assert_series_equal(got.sort_index(), expected, check_names=False)


def test_read_parquet_index_col(tmp_path):
    pdf = _events(300, seed=9)
    path = tmp_path / "ev.parquet"
    pdf.to_parquet(path)
    s = cpd.Session(tmp_path / "wh")
    null = s.read_parquet(path, index_col=cpd.enums.DefaultIndexKind.NULL)
    with pytest.raises(exceptions.NullIndexError):
        null.index
    pd.testing.assert_frame_equal(null.head(4).to_pandas(), pdf.head(4))
    assert "file_row_number" not in null[null["n"] > 5].sql
    assert_same(s.read_parquet(path, index_col="project"), pdf.set_index("project"))
    assert_same(s.read_parquet(path), pdf)
    s.close()


def test_repr_of_unordered_objects(tables):
    s, stored, _ = tables
    s.ordering_mode = "partial"
    df = s.read_table("ds.ev")
    small = df[df["project"] == "p01"].sort_values(["ts", "n"])  # ordered again: pandas' repr
    assert repr(small) == repr(stored[stored["project"] == "p01"].sort_values(["ts", "n"], kind="stable").reset_index(drop=True))
    with pd.option_context("display.max_rows", 20, "display.min_rows", 6):
        text = repr(df)
        assert f"[{len(stored)} rows; 6 arbitrary rows shown" in text
        assert f"[{len(stored)} rows; 6 arbitrary rows shown" in repr(df["n"])


def test_partial_mode_pairs_differently_filtered_selections_by_row():
    """A mask, a column or an operand from the unfiltered frame used on a filtered one, in
    partial mode (a NULL index: rows pair by identity). It crashed the process (the check for
    repeated labels read the first of no labels); the fuzz family isin found it."""
    p = pd.DataFrame({"x": pd.array([True, None, False, True], dtype="boolean"),
                      "y": pd.array([1.0, None, 3.0, 4.0], dtype="Float64"),
                      "v": pd.array([1, None, 3, None], dtype="Int64")})
    session = cpd.Session(ordering_mode="partial")
    try:
        c = session.read_pandas(p)
        for run in (lambda d: d[d["y"].notna()][d["x"].notna()],
                    lambda d: d[d["y"].notna()][~d["v"].isin(d["y"])],
                    lambda d: d[d["y"] > 1].assign(z=d["x"]),
                    lambda d: d["y"][d["x"].notna()] + d["y"]):
            with warnings.catch_warnings():  # pandas: "Boolean Series key will be reindexed"
                warnings.simplefilter("ignore", UserWarning)
                got, expected = run(c).to_pandas(), nullable(run(p))
            if isinstance(expected, pd.DataFrame):
                got, expected = (f.sort_values(list(f.columns), kind="stable") for f in (got, expected))
            else:
                got, expected = got.sort_values(kind="stable"), expected.sort_values(kind="stable")
            (pd.testing.assert_frame_equal if isinstance(expected, pd.DataFrame) else pd.testing.assert_series_equal)(
                got.reset_index(drop=True), expected.reset_index(drop=True))
    finally:
        session.close()
