"""workers=N runs each engine chunk on up to N worker processes at once (the rows dealt out in
pieces to whichever worker is free, the results joined in row order), and a routine declared
with workers=1 uses one worker at a time even when the shared pool has grown for another one.
Results are compared with pandas' apply over every dtype, on one engine thread, so that the
split is what puts the chunk's rows on several workers; a slow worker gets fewer rows."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions, udf

from conftest import ENGINE
from test_udf_types import CASES, _pandas_apply, _series

ROWS = 3000  # one chunk of 2048 rows and one of 952: both split


def worker_pid(x):
    # Sleeps 1 ms every 64 rows: costly enough for a chunk to be split (a cheap function's
    # chunk goes to one worker whole, once its cost is measured).
    import os
    import time

    if x % 64 == 0:
        time.sleep(0.001)
    return os.getpid()


def _pids_by_chunk(session, workers: int) -> list[set]:
    s = session.read_pandas(pd.DataFrame({"x": list(range(ROWS))}))["x"]
    u = session.udf(worker_pid, input_types=[int], output_type=int, workers=workers, transpile=False)
    pids = s.apply(u).to_pandas().tolist()
    return [set(pids[i:i + 2048]) for i in range(0, ROWS, 2048)]


def test_one_engine_thread_uses_every_worker_of_the_routine(tmp_path):
    session = cpd.Session(str(tmp_path / "w"), threads=1)
    try:
        # workers=2: each chunk's rows are computed by two workers at once.
        assert [len(p) for p in _pids_by_chunk(session, 2)] == [2, 2]
        # workers=1 after the pool grew to 2 workers: still one worker a chunk.
        assert [len(p) for p in _pids_by_chunk(session, 1)] == [1, 1]
    finally:
        session.close()


def identity(v):
    return v


@pytest.mark.parametrize("case", list(CASES))
def test_split_chunks_join_in_row_order_for_every_dtype(case, tmp_path):
    declared, dtype, values = CASES[case]
    session = cpd.Session(str(tmp_path / "w"), threads=1)
    try:
        u = session.udf(identity, input_types=[declared], output_type=declared, workers=2, transpile=False)
        pdf = pd.DataFrame({"v": _series(dtype, (values * (ROWS // len(values) + 1))[:ROWS])})
        got = session.read_pandas(pdf)["v"].apply(u).to_pandas()
        pd.testing.assert_series_equal(got, pdf["v"])
        pd.testing.assert_series_equal(got, _pandas_apply(pdf["v"], identity).astype(got.dtype), check_names=False)
    finally:
        session.close()


def fails_late(x):
    if x == 2047 or x == 2900:
        raise ValueError(f"bad {x}")
    return x


def test_first_failing_row_of_a_split_chunk_is_reported(tmp_path):
    session = cpd.Session(str(tmp_path / "w"), threads=1)
    try:
        s = session.read_pandas(pd.DataFrame({"x": list(range(ROWS))}))["x"]
        u = session.udf(fails_late, input_types=[int], output_type=int, workers=2, transpile=False)
        with pytest.raises(exceptions.UdfExecutionError, match="bad 2047") as info:
            s.apply(u).to_pandas()
        # Row 2047 is the last row of the second half of the first chunk.
        assert info.value.input_row == [2047] and "ValueError" in info.value.python_traceback
        assert s.apply(session.udf(identity, input_types=[int], output_type=int, workers=2)).to_pandas().tolist() == list(
            range(ROWS))
    finally:
        session.close()


def paced(x):
    # Sleeps (no CPU) 0.5 ms per 16 rows, ten times as long in the worker that computed row 0
    # first: one slow worker, one fast (at three times, a loaded machine's own delays evened
    # the shares out: 5184 and 7104 rows once).
    import time

    if x is None:
        return None
    slow = paced.__dict__.setdefault("slow", x == 0)
    if x % 16 == 0:
        time.sleep(0.005 if slow else 0.0005)
    return x * 3


def test_a_slow_worker_gets_fewer_rows(tmp_path):
    """The rows are dealt out to whichever worker is free, so a worker ten times as slow computes
    far fewer rows than the other instead of holding each chunk up (an even split gave
    both the same rows); the result is pandas' in row order, missing values included."""
    session = cpd.Session(str(tmp_path / "w"), threads=1)
    try:
        values = pd.Series([None if i % 7 == 3 else i for i in range(6 * 2048)], dtype="Int64")
        s = session.read_pandas(pd.DataFrame({"x": values}))["x"]
        u = session.udf(paced, input_types=[int], output_type=int, workers=2, transpile=False)
        udf.worker_stats(reset=True)
        got = s.apply(u).to_pandas()
        pd.testing.assert_series_equal(got, _pandas_apply(values, paced).astype(got.dtype), check_names=False)
        if ENGINE == "spark":  # (Spark deals rows to its executors' Python workers: no shares of ours)
            return
        rows = sorted(st["rows"] for st in udf.worker_stats() if st["rows"])
        assert len(rows) == 2 and sum(rows) == len(values)
        assert rows[1] >= 1.4 * rows[0], rows
    finally:
        session.close()
