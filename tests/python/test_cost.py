"""Query cost: measured stats (query_job), dry-run estimates, maximum_bytes_billed, session
totals and explain(). The oracle for bytes is the files' own Parquet metadata, read with
DuckDB directly (parquet_metadata): the column chunks of the row groups that can match."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from test_warehouse import _events


@pytest.fixture
def session(tmp_path):
    s = cpd.Session(tmp_path / "wh")
    events = _events(20000, seed=5)
    s.read_pandas(events).to_table("ds.ev", partition_by="DAY(ts)", cluster_by=["project"], row_group_size=2048)
    yield s
    s.close()


def _metadata_bytes(s, columns, where: str = "true") -> tuple[int, int, int]:
    """(bytes of `columns`' chunks, files, row groups) over the row groups of ds.ev meeting
    `where`, a condition on the row group's min/max of project (pmin, pmax) and its file name."""
    cols = ", ".join(f"'{c}'" for c in columns)
    t = s.execute_sql(
        f"""
        WITH m AS (SELECT * FROM parquet_metadata('{s.warehouse}/tables/ds/ev/*/*/*.parquet')),
        rg AS (SELECT file_name, row_group_id, max(CASE WHEN path_in_schema = 'project' THEN stats_min_value END) AS pmin,
                      max(CASE WHEN path_in_schema = 'project' THEN stats_max_value END) AS pmax
               FROM m GROUP BY ALL)
        SELECT coalesce(sum(m.total_compressed_size), 0)::BIGINT AS bytes, count(DISTINCT m.file_name)::BIGINT AS files,
               count(DISTINCT (m.file_name, m.row_group_id))::BIGINT AS row_groups
        FROM m JOIN rg USING (file_name, row_group_id)
        WHERE m.path_in_schema IN ({cols}) AND ({where})
        """
    ).to_pandas()
    return int(t["bytes"][0]), int(t["files"][0]), int(t["row_groups"][0])


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_estimate_equals_measured_and_metadata(session, mode):
    session.ordering_mode = mode
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", exceptions.DefaultIndexWarning)
        df = session.read_table("ds.ev")
    sel = df[(df["project"] == "p07") & (df["ts"] >= "2026-01-31") & (df["ts"] < "2026-02-02")][["ts", "project", "n"]]
    estimate = sel.dry_run()
    sel.to_pandas()
    job = sel.query_job
    assert job.bytes_processed == estimate["bytes_processed"] > 0
    assert (job.files_scanned, job.row_groups_scanned) == (estimate["files_scanned"], estimate["row_groups_scanned"])
    expected = _metadata_bytes(
        session,
        ["ts", "project", "n"],
        "(file_name LIKE '%ts=2026-01-31%' OR file_name LIKE '%ts=2026-02-01%') AND pmin <= 'p07' AND 'p07' <= pmax",
    )
    assert (job.bytes_processed, job.files_scanned, job.row_groups_scanned) == expected
    total = session.describe_table("ds.ev")
    assert (job.files_total, job.row_groups_total) == (total["files"], total["row_groups"])
    assert job.rows == len(sel.to_pandas())


def test_full_scan_reads_every_chunk(session):
    df = session.read_table("ds.ev", index_col=cpd.enums.DefaultIndexKind.NULL)[["project", "x"]]
    assert df.dry_run()["bytes_processed"] == _metadata_bytes(session, ["project", "x"])[0]
    df.to_pandas()
    assert df.query_job.bytes_processed == _metadata_bytes(session, ["project", "x"])[0]


def test_maximum_bytes_billed(session):
    df = session.read_table("ds.ev", index_col=cpd.enums.DefaultIndexKind.NULL)
    small = df[df["project"] == "p01"][["project"]]
    limit = small.dry_run()["bytes_processed"]
    session.maximum_bytes_billed = limit
    small.to_pandas()  # at the limit: runs
    before = session.totals["queries"]
    with pytest.raises(exceptions.QueryTooLargeError, match="maximum_bytes_billed"):
        df.to_pandas()
    assert session.totals["queries"] == before  # refused before running
    session.maximum_bytes_billed = None
    df.to_pandas()
    with pytest.raises(exceptions.InvalidArgumentError):
        session.maximum_bytes_billed = -1


def test_global_option_maximum_bytes_billed(session):
    try:
        cpd.options.compute.maximum_bytes_billed = 0
        df = cpd.read_pandas(pd.DataFrame({"a": [1, 2]}))
        assert len(df.to_pandas()) == 2  # data held in the session costs no bytes
        with pytest.raises(exceptions.InvalidArgumentError):
            cpd.options.compute.maximum_bytes_billed = "lots"
    finally:
        cpd.options.compute.maximum_bytes_billed = None


def test_session_totals_sum_queries(session):
    df = session.read_table("ds.ev", index_col=cpd.enums.DefaultIndexKind.NULL)
    start = dict(session.totals)
    seen = 0
    for p in ["p01", "p02", "p03"]:
        df[df["project"] == p][["n"]].to_pandas()
        seen += session.last_query.bytes_processed
    assert session.totals["queries"] == start["queries"] + 3
    assert session.totals["bytes_processed"] == start["bytes_processed"] + seen


def test_explain(session):
    df = session.read_table("ds.ev", index_col=cpd.enums.DefaultIndexKind.NULL)
    text = df[(df["project"] == "p04") & (df["ts"] >= "2026-02-05")][["n"]].explain()
    assert "project == p04" in text and "ts >= 2026-02-05 00:00:00" in text
    assert "files 5 of" in text  # Feb 5..9 of the 40 days
    assert "no ORDER BY" in text
    sorted_text = df.sort_values("n")[["n"]].explain()
    assert "ORDER BY" in sorted_text and "nothing" in sorted_text


def _measured_one_by_one(session, frames):
    """Each frame's measured stats, asked for right after it ran."""
    out = []
    for f in frames:
        f.to_pandas()
        job = session.last_query
        out.append((job.bytes_processed, job.files_scanned, job.row_groups_scanned))
    return out


def test_stats_asked_later_are_each_querys_own(session):
    # The reads of a query are measured from the engine's log when its stats are asked for,
    # not while it runs: asked after several queries, each query still has its own reads.
    df = session.read_table("ds.ev", index_col=cpd.enums.DefaultIndexKind.NULL)
    frames = [df[df["project"] == "p01"][["n"]], df[df["project"] == "p02"][["n", "ts"]], df[["project"]]]
    expected = _measured_one_by_one(session, frames)
    assert len(set(expected)) == 3 and all(b > 0 for b, _, _ in expected)
    start = dict(session.totals)
    for f in frames:
        f.to_pandas()
    job = session.last_query
    assert (job.bytes_processed, job.files_scanned, job.row_groups_scanned) == expected[-1]
    totals = session.totals
    assert totals["queries"] == start["queries"] + 3
    assert totals["bytes_processed"] == start["bytes_processed"] + sum(b for b, _, _ in expected)
    # A query of data held in the session ran last: it is the last query (no bytes), and the
    # file queries before it still count in the totals.
    held = session.read_pandas(pd.DataFrame({"x": [1, 2, 3]}))
    start = dict(session.totals)
    frames[0].to_pandas()
    held.to_pandas()
    assert session.last_query.bytes_processed == 0 and session.last_query.rows == 3
    assert session.totals["bytes_processed"] == start["bytes_processed"] + expected[0][0]


def test_many_queries_without_asking_keep_exact_totals(session):
    # More queries than wait for measurement at once (they are then measured in a batch).
    df = session.read_table("ds.ev", index_col=cpd.enums.DefaultIndexKind.NULL)
    small = df[df["project"] == "p03"][["n"]]
    (one,) = _measured_one_by_one(session, [small])
    start = dict(session.totals)
    for _ in range(150):
        small.to_pandas()
    assert session.totals["queries"] == start["queries"] + 150
    assert session.totals["bytes_processed"] == start["bytes_processed"] + 150 * one[0]
    assert (session.last_query.bytes_processed, session.last_query.files_scanned) == one[:2]


def test_queries_do_not_read_the_log(session):
    # Collecting stats costs a query nothing: no statement reads or empties the engine's log
    # while queries run (only when stats are asked for, once for all of them).
    df = session.read_table("ds.ev", index_col=cpd.enums.DefaultIndexKind.NULL)
    small = df[df["project"] == "p03"][["n"]]
    session.last_query  # measures what ran so far and empties the log
    for _ in range(5):
        small.head(3).to_pandas()
    log = session.execute_sql(
        "SELECT message FROM duckdb_logs WHERE type = 'QueryLog'").to_pandas()["message"].tolist()
    assert not [m for m in log if "duckdb_logs" in m and "SELECT message FROM duckdb_logs" not in m]
    assert sum(m.startswith("/*cormorant_query:") for m in log) == 5
    assert session.last_query.bytes_processed > 0


def test_stats_after_close_and_of_a_stream(session):
    df = session.read_table("ds.ev", index_col=cpd.enums.DefaultIndexKind.NULL)
    q = df[df["project"] == "p02"][["n"]]
    (one,) = _measured_one_by_one(session, [q])
    q.to_pandas()
    # Stats asked for while a result streams in batches do not end the stream (the queries
    # before it were measured when it started).
    want = q.to_pandas()
    batches = q.to_pandas_batches(batch_size=100)
    first = next(batches)
    assert session.last_query.bytes_processed > 0  # the stream's estimate
    got = pd.concat([first, *batches], ignore_index=True)  # (a NULL index: each batch numbers its rows)
    pd.testing.assert_frame_equal(got, want)
    q.to_pandas()
    session.close()
    assert session.last_query.bytes_processed == one[0]
