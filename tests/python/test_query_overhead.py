"""Per-query overhead (issue 12, item 3): what a small program asks of the engine, counted
rather than timed (Session.engine_statements), and where a query runs.

A query asks the engine for its result and nothing else: no probe, setting or log read per
query (the bytes of scans are counted from the files' metadata), and it runs on a
thread the connection keeps rather than on a thread started for it."""

import threading

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cormorant.pandas as cpd
from cormorant.exceptions import QueryInterruptedError


@pytest.fixture()
def parquet(tmp_path):
    frame = pd.DataFrame({
        "id": pd.array(range(5000), dtype="Int64"),
        "x": pd.array([i / 7 if i % 11 else None for i in range(5000)], dtype="Float64"),
        "g": pd.array([["a", "b", None][i % 3] for i in range(5000)], dtype="string"),
    })
    path = str(tmp_path / "t.parquet")
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=1000)
    return path, frame


@pytest.fixture()
def session():
    s = cpd.Session(warehouse=":memory:")
    yield s
    s.close()


def statements(session, fn):
    before = session.engine_statements
    out = fn()
    return session.engine_statements - before, out


def test_a_small_query_is_one_statement(session, parquet):
    path, frame = parquet
    df = session.read_parquet(path)
    df.head(10).to_pandas()  # the first use checks the file's row count once
    for make, expected in [
        (lambda: df.head(10).to_pandas(), frame.head(10)),
        (lambda: df[df["x"] > 0.5].head(10).to_pandas(), frame[frame["x"] > 0.5].head(10)),
        (lambda: df[["g", "id"]].tail(3).to_pandas(), frame[["g", "id"]].tail(3)),
    ]:
        for _ in range(3):  # and again: nothing is redone on re-execution
            n, got = statements(session, make)
            assert n == 1
            pd.testing.assert_frame_equal(got, expected)
    n, got = statements(session, lambda: len(df[df["x"] > 0.5]))
    assert n == 1 and got == len(frame[frame["x"] > 0.5])
    n, got = statements(session, lambda: df["x"].sum())
    assert n == 1 and got == pytest.approx(frame["x"].sum())


def test_stats_are_read_when_asked_for(session, parquet):
    path, frame = parquet
    df = session.read_parquet(path)
    df.head(10).to_pandas()
    for _ in range(5):
        n, _ = statements(session, lambda: df["x"].head(10).to_pandas())
        assert n == 1
    # The bytes of a file's scan come from its Parquet metadata: asking runs nothing.
    n, stats = statements(session, lambda: session.last_query)
    assert n == 0 and stats.bytes_processed > 0 and stats.row_groups_scanned >= 1
    n, again = statements(session, lambda: session.last_query)
    assert n == 0 and again.bytes_processed == stats.bytes_processed
    n, _ = statements(session, lambda: session.totals)
    assert n == 0


def test_queries_run_on_one_kept_thread(parquet):
    """With one engine thread every task of a query runs on the connection's query thread,
    the same one for every query: an in-process function sees one (kernel) thread id over
    several queries (a thread started per query cost a small query about as much as the
    engine's own work)."""
    path, frame = parquet
    s = cpd.Session(warehouse=":memory:", threads=1)
    try:

        def thread_of(x: int) -> int:
            import threading

            return None if x is None else threading.get_native_id()

        f = s.udf(thread_of, input_types=[int], output_type=int)
        ids = s.read_parquet(path)["id"]
        seen = set()
        for n in (10, 50, 3000):
            seen |= set(ids.head(n).apply(f).to_pandas().tolist())
        assert len(seen) == 1
    finally:
        s.close()


def test_interrupt_stops_a_long_query(session):
    """A long query stops on the session's interrupt() from another thread (the method
    QueryInterruptedError's doc names), and the session goes on; an interrupt while no query
    runs stops nothing later."""
    session.interrupt()
    assert session.read_pandas(pd.DataFrame({"x": [1, 2]}))["x"].sum() == 3
    a = session.read_pandas(pd.DataFrame({"x": range(100_000)}))
    b = session.read_pandas(pd.DataFrame({"y": range(100_000)}))
    cross = a.merge(b, how="cross")
    heavy = cross[cross["x"] + cross["y"] == cross["x"] * cross["y"] + 7]
    done = threading.Event()

    def keep_interrupting():  # (until the query has started and stopped)
        while not done.wait(0.2):
            session.interrupt()

    interrupter = threading.Thread(target=keep_interrupting, daemon=True)
    interrupter.start()
    try:
        with pytest.raises(QueryInterruptedError):
            heavy.to_pandas()
    finally:
        done.set()
        interrupter.join()
    assert session.read_pandas(pd.DataFrame({"x": [1, 2]}))["x"].sum() == 3
