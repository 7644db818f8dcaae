"""Query cost: measured stats (query_job), dry-run estimates, maximum_bytes_billed, session
totals and explain(). The oracle for bytes is the files' own Parquet metadata, read with
pyarrow: the column chunks of the row groups that can match."""

from __future__ import annotations

import warnings

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
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


def _metadata_bytes(s, columns, keep=lambda path, pmin, pmax: True) -> tuple[int, int, int]:
    """(bytes of `columns`' chunks, files, row groups) over the row groups of ds.ev's Parquet
    files that `keep` accepts, given the file's path and the row group's min and max of project
    (pyarrow's view of the files' metadata: the same on both engines)."""
    from pathlib import Path

    total = files = groups = 0
    for path in sorted(Path(s.warehouse, "tables", "ds", "ev").rglob("*.parquet")):
        meta = pq.ParquetFile(path).metadata
        kept = 0
        for i in range(meta.num_row_groups):
            rg = meta.row_group(i)
            chunks = {rg.column(j).path_in_schema: rg.column(j) for j in range(rg.num_columns)}
            stats = chunks["project"].statistics
            if not keep(str(path), stats.min, stats.max):
                continue
            kept += 1
            total += sum(chunks[c].total_compressed_size for c in columns)
        files += kept > 0
        groups += kept
    return total, files, groups


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
        lambda path, pmin, pmax: ("ts=2026-01-31" in path or "ts=2026-02-01" in path) and pmin <= "p07" <= pmax,
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


def test_queries_of_files_log_nothing(session):
    # The bytes of scans come from the files' Parquet metadata: the engine logs no reads for
    # them (the log costs a query ~0.2 ms and a scan 15-25% of its CPU), and asking for the
    # stats runs no statement.
    df = session.read_table("ds.ev", index_col=cpd.enums.DefaultIndexKind.NULL)
    small = df[df["project"] == "p03"][["n"]]
    small.head(3).to_pandas()  # (the first use checks the files' row counts once)
    before = session.engine_statements
    for _ in range(5):
        small.head(3).to_pandas()
    assert session.last_query.bytes_processed > 0
    assert session.engine_statements - before == 5
    log = session.execute_sql("SELECT count(*) AS n FROM duckdb_logs").to_pandas()
    assert log["n"][0] == 0


def _chunk_bytes(path, columns, keep=lambda rg: True) -> tuple[int, int]:
    """(compressed bytes of `columns`' chunks, row groups) over the row groups of the Parquet
    file at `path` that `keep` (given pyarrow's row group metadata) accepts."""
    meta = pq.ParquetFile(path).metadata
    total = groups = 0
    for i in range(meta.num_row_groups):
        rg = meta.row_group(i)
        if not keep(rg):
            continue
        groups += 1
        for j in range(rg.num_columns):
            if rg.column(j).path_in_schema in columns:
                total += rg.column(j).total_compressed_size
    return total, groups


def _id_range(rg):
    """(min, max) of the row group's "id" column, from its statistics."""
    for j in range(rg.num_columns):
        if rg.column(j).path_in_schema == "id":
            return rg.column(j).statistics.min, rg.column(j).statistics.max
    raise AssertionError("no id column")


@pytest.fixture
def sorted_parquet(tmp_path):
    frame = pd.DataFrame({
        "id": pd.array(range(8000), dtype="Int64"),
        "x": pd.array([i / 7 if i % 11 else None for i in range(8000)], dtype="Float64"),
        "s": pd.array([f"text {i % 97}" if i % 5 else None for i in range(8000)], dtype="string"),
    })
    path = str(tmp_path / "sorted.parquet")
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=1000)
    return path, frame


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_bytes_of_read_parquet_are_the_kept_chunks(sorted_parquet, mode):
    # Oracle: pyarrow's view of the file's metadata: the compressed chunks of the columns the
    # query references, in the row groups whose id statistics can meet the filter. Asked
    # for later or right away, twice, head or not (a LIMIT does not lower them, as in
    # BigQuery), measured equals the dry run.
    path, frame = sorted_parquet
    s = cpd.Session(":memory:")
    try:
        s.ordering_mode = mode
        df = s.read_parquet(path)
        cases = [
            (df[df["id"] >= 6500][["x"]], ["id", "x"], lambda rg: _id_range(rg)[1] >= 6500,
             frame[frame["id"] >= 6500][["x"]]),
            (df[(df["id"] < 1500) | (df["id"] == 7999)][["s", "id"]], ["id", "s"],
             lambda rg: _id_range(rg)[0] < 1500 or _id_range(rg)[0] <= 7999 <= _id_range(rg)[1],
             frame[(frame["id"] < 1500) | (frame["id"] == 7999)][["s", "id"]]),
            (df[["x", "s"]], ["x", "s"], lambda rg: True, frame[["x", "s"]]),
        ]
        for q, columns, keep, want in cases:
            expected = _chunk_bytes(path, columns, keep)
            assert 0 < expected[1]
            for _ in range(2):
                assert (q.dry_run()["bytes_processed"], q.dry_run()["row_groups_scanned"]) == expected
                got = q.to_pandas()
                job = s.last_query
                assert (job.bytes_processed, job.row_groups_scanned, job.files_scanned) == (*expected, 1)
                assert job.row_groups_total == 8
                if mode == "strict":
                    pd.testing.assert_frame_equal(got, want)
                else:
                    assert len(got) == len(want)
            if mode == "strict":
                q.head(3).to_pandas()
                assert (s.last_query.bytes_processed, s.last_query.rows) == (expected[0], 3)
    finally:
        s.close()


def _rewrite_in_place(path, start: int, n: int) -> None:
    """Values start..start+n-1 as one int64 column: every such file has the same size (no
    compression, no dictionary, statistics of fixed width), whatever `start`."""
    pq.write_table(pa.table({"v": pa.array(range(start, start + n), pa.int64())}), path, compression="NONE",
                   use_dictionary=False, row_group_size=5000)


@pytest.mark.parametrize("restore_mtime", [False, True])
@pytest.mark.parametrize("first", ["same frame", "new read"])
def test_a_file_rewritten_in_place_is_read_again(tmp_path, restore_mtime, first):
    """A Parquet file rewritten in place with the same size, within the same second (and with
    restore_mtime the same modification time to the nanosecond): the frame read before and a
    new read_parquet give the new contents, with their bytes. The engine's cache of file
    contents tells a file from its old contents by size and modification second only: it served
    the old blocks (a silently wrong max and count) until cormorant emptied it on seeing the
    file's stamp (inode, ctime, size) change. pandas' read of the file and pyarrow's metadata
    are the oracles."""
    import os

    path, n = str(tmp_path / "p.parquet"), 20000
    _rewrite_in_place(path, 0, n)
    before = os.stat(path)
    s = cpd.Session(":memory:")
    try:
        df = s.read_parquet(path)
        assert (int(df["v"].max()), int(df[df["v"] >= 10 * n]["v"].count())) == (n - 1, 0)
        _rewrite_in_place(path, 10 * n, n)
        if restore_mtime:
            os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
            assert os.stat(path).st_mtime_ns == before.st_mtime_ns
        assert os.stat(path).st_size == before.st_size
        want = pd.read_parquet(path)["v"]
        frames = {"same frame": lambda: df, "new read": lambda: s.read_parquet(path)}
        for which in [first] + [w for w in frames if w != first]:
            frame = frames[which]()
            assert int(frame["v"].max()) == int(want.max()), which
            assert s.last_query.bytes_processed == _chunk_bytes(path, ["v"])[0]
            assert int(frame[frame["v"] >= 10 * n]["v"].count()) == int((want >= 10 * n).sum()), which
            assert frame.dry_run()["bytes_processed"] == _chunk_bytes(path, ["v"])[0]
    finally:
        s.close()


def test_the_engines_parquet_metadata_cache_cannot_tell_a_rewritten_file(tmp_path):
    """Why the engine's Parquet metadata cache stays off (DuckDB's parquet_metadata_cache, which
    would spare reading each file's footer again): with it on, a file rewritten in place with
    the same size and modification time is read with its old metadata, so a filter skips the
    row groups whose old statistics cannot match, and finds nothing; cormorant has no way to
    empty that cache, as it empties the cache of file contents. pandas is the oracle. When this
    test fails, the engine tells such files apart: the cache could then go on."""
    import os

    path, n = str(tmp_path / "p.parquet"), 20000
    _rewrite_in_place(path, 0, n)
    before = os.stat(path)
    s = cpd.Session(":memory:")
    try:
        s.execute_sql("SET parquet_metadata_cache = true")
        df = s.read_parquet(path)
        assert int(df[df["v"] >= 10 * n]["v"].count()) == 0
        _rewrite_in_place(path, 10 * n, n)
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
        want = int((pd.read_parquet(path)["v"] >= 10 * n).sum())
        again = s.read_parquet(path)
        assert int(again[again["v"] >= 10 * n]["v"].count()) != want  # the old statistics: wrong
    finally:
        s.close()
    fresh = cpd.Session(":memory:")  # (the default: the cache off)
    try:
        assert fresh.execute_sql("SELECT current_setting('parquet_metadata_cache') AS c").to_pandas()["c"][0] == False  # noqa: E712
        df = fresh.read_parquet(path)
        assert int(df[df["v"] >= 10 * n]["v"].count()) == want
    finally:
        fresh.close()


def _file_cache(s) -> bool:
    """Whether the engine's cache of file contents is on."""
    return bool(s.execute_sql("SELECT current_setting('enable_external_file_cache') AS c").to_pandas()["c"][0])


def test_bytes_of_the_users_sql_are_measured(sorted_parquet):
    # The user's SQL reads files cormorant does not know: its reads are measured from the
    # engine's log, recorded for such queries alone. Oracle: pyarrow's metadata; the engine
    # also reads the file's footer, never the chunks of the columns the query leaves alone.
    path, frame = sorted_parquet
    s = cpd.Session(":memory:")
    try:
        q = s.read_sql(f"SELECT x FROM read_parquet('{path}')")
        plain = s.read_parquet(path)[["id"]]
        for _ in range(2):
            assert len(q.to_pandas()) == len(frame)
            x_bytes, _ = _chunk_bytes(path, ["x"])
            others, _ = _chunk_bytes(path, ["id", "s"])
            got = s.last_query.bytes_processed
            assert x_bytes <= got < x_bytes + min(others, 64 * 1024)
            assert not _file_cache(s)  # (cached reads would not be logged)
            plain.to_pandas()  # a query of known files between them logs nothing
            assert _file_cache(s)
            assert s.last_query.bytes_processed == _chunk_bytes(path, ["id"])[0]
            assert s.execute_sql("SELECT count(*) AS n FROM duckdb_logs WHERE type = 'FileSystem' "
                                 "AND contains(message, 'sorted.parquet')").to_pandas()["n"][0] == 0
            total = s.totals["bytes_processed"]
            q.to_pandas()
            q.to_pandas()
            assert s.totals["bytes_processed"] == total + 2 * got
    finally:
        s.close()


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
