"""to_table on the Spark engine under concurrent writers and faults (issue 14): processes and
threads writing one warehouse on Spark, beside writers on DuckDB, and a Spark writer killed
mid-write. The writes on Spark commit through the same catalog code as those on DuckDB, so the
guarantees are the same (README "What the warehouse guarantees to concurrent writers").

The pattern and the oracle are tests/python/test_warehouse_concurrency.py's: writer processes
(_warehouse_worker.py, here with a Spark Connect URL for the Spark ones) write deterministic
frames per (writer, batch), rebuilt with pandas; the table must be whole frames one after
another in some commit order, with every acknowledged write present (check_blocks). Each test
is bounded (seconds); `bash scripts/stress.sh` runs this file longer (CORMORANT_STRESS).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time

import pytest

import cormorant.pandas as cpd
from conftest import ROOT, python_suite_module

WORKER = ROOT / "tests" / "python" / "_warehouse_worker.py"

_worker = python_suite_module("_warehouse_worker")
frame, check_blocks = _worker.frame, _worker.check_blocks

SOAK = int(os.environ.get("CORMORANT_STRESS", "1"))  # scripts/stress.sh raises it


@pytest.fixture
def warehouse(tmp_path):
    return tmp_path / "wh"


def _start(warehouse, table: str, mode: str, writer: int, batches: int, remote: str = "") -> subprocess.Popen:
    """A writer process: on Spark when `remote` is a Spark Connect URL, else on DuckDB."""
    args = [sys.executable, str(WORKER), str(warehouse), table, mode, str(writer), str(batches)]
    return subprocess.Popen(args + ([remote] if remote else []), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _finish(proc: subprocess.Popen, timeout: float = 300) -> list[str]:
    return _worker.finish(proc, timeout)


_acknowledged = _worker.acknowledged


def _read(warehouse, table: str):
    s = cpd.Session(warehouse)
    try:
        return s.read_table(table).to_pandas()
    finally:
        s.close()


def test_appends_on_spark_and_duckdb_from_processes_all_land(warehouse, spark_remote):
    batches = 2 * SOAK
    engines = {0: spark_remote, 1: spark_remote, 2: "", 3: ""}  # writers 0 and 1 on Spark
    procs = [_start(warehouse, "ds.t", "append", w, batches, remote) for w, remote in engines.items()]
    acked = set().union(*(_acknowledged(_finish(p)) for p in procs))
    every = {(w, b) for w in engines for b in range(batches)}
    assert acked == every
    order = check_blocks(_read(warehouse, "ds.t"), required=every, allowed=every)
    for w in engines:  # each writer's own batches keep their order
        assert [b for ww, b in order if ww == w] == list(range(batches))


def test_replaces_on_both_engines_serialize(warehouse, spark_remote):
    batches = 1 + SOAK
    procs = [_start(warehouse, "ds.t", "replace", w, batches, spark_remote if w < 2 else "") for w in range(4)]
    for p in procs:
        _finish(p)
    got = _read(warehouse, "ds.t")
    assert len(check_blocks(got, required=set(), allowed={(w, b) for w in range(4) for b in range(batches)})) == 1
    assert len(os.listdir(warehouse / "tables" / "ds" / "t")) == 1  # only the current version's data


def test_fail_creators_on_both_engines_exactly_one_wins(warehouse, spark_remote):
    for trial in range(SOAK):
        table = f"ds.t{trial}"
        procs = [_start(warehouse, table, "fail", w, 1, spark_remote if w % 2 == 0 else "") for w in range(4)]
        lines = [line for p in procs for line in _finish(p)]
        winners = _acknowledged(lines)
        assert len(winners) == 1 and len([x for x in lines if x.startswith("exists")]) == 3, lines
        assert check_blocks(_read(warehouse, table), required=winners, allowed=winners) == list(winners)


def test_threads_writing_the_same_and_their_own_tables(warehouse, spark_remote):
    """Threads of one process: Spark sessions of their own, one Spark session shared by two
    threads, and a DuckDB session, appending to one table and each to a table of its own."""
    shared = cpd.Session(warehouse, engine="spark", spark_remote=spark_remote)
    errors = []

    def work(writer: int, kind: str):
        try:
            s = shared if kind == "shared" else cpd.Session(warehouse, engine="spark", spark_remote=spark_remote) \
                if kind == "spark" else cpd.Session(warehouse)
            for b in range(2 * SOAK):
                s.read_pandas(frame(writer, b)).to_table("ds.same", if_exists="append")
                s.read_pandas(frame(writer, b)).to_table(f"ds.own{writer}", if_exists="append")
            if s is not shared:
                s.close()
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    kinds = {0: "spark", 1: "spark", 2: "shared", 3: "shared", 4: "duckdb"}
    threads = [threading.Thread(target=work, args=(w, kind)) for w, kind in kinds.items()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    every = {(w, b) for w in kinds for b in range(2 * SOAK)}
    check_blocks(shared.read_table("ds.same").to_pandas(), required=every, allowed=every)
    for w in kinds:
        own = {(w, b) for b in range(2 * SOAK)}
        assert check_blocks(shared.read_table(f"ds.own{w}").to_pandas(), required=own, allowed=own) == \
            [(w, b) for b in range(2 * SOAK)]
    shared.close()
    assert not list((warehouse / "catalog" / "ds").glob("*.tmp-*"))


def test_spark_writer_killed_mid_write_leaves_the_table_whole(warehouse, spark_remote):
    """A Spark writer process killed mid-write, its session cleaned up at once: the Spark job it
    left running is stopped first (its operations carry a tag of the session; the clean-up
    interrupts them through a client of that same Spark session), so nothing appears in the
    staging folder after the clean-up, and nothing committed is lost."""
    rng = random.Random(23)
    steady = _start(warehouse, "ds.t", "append", 0, 3 * SOAK, spark_remote)
    acked, attempted = set(), {(0, b) for b in range(3 * SOAK)}
    cleaner = cpd.Session(warehouse)
    for victim in range(10, 10 + SOAK):
        attempted |= {(victim, b) for b in range(50)}
        p = _start(warehouse, "ds.t", "append", victim, 50, spark_remote)
        lines = [p.stdout.readline()]
        assert lines[0].startswith("session"), p.stderr.read()
        victim_session = lines[0].split()[1]
        while not any(x.startswith("committed") for x in lines):  # (it writes from here on)
            line = p.stdout.readline()
            assert line, p.stderr.read()
            lines.append(line)
        time.sleep(rng.uniform(0.0, 1.5))
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate(timeout=60)
        acked |= _acknowledged(lines + out.splitlines())
        cleaner.clean_up_by_session_id(victim_session)  # at once: its Spark job may still run
        left = [n for n in os.listdir(warehouse / "staging") if n.startswith(victim_session)]
        assert not left, left
        # Spark's tasks of a write that ran on would land files here for seconds more.
        for _ in range(20):
            time.sleep(0.5)
            left = [n for n in os.listdir(warehouse / "staging") if n.startswith(victim_session)]
            assert not left, left
    cleaner.close()
    acked |= _acknowledged(_finish(steady))
    got = _read(warehouse, "ds.t")
    order = check_blocks(got, required=acked, allowed=attempted)
    assert _worker.clean_up_killed(warehouse, "ds.t", required=acked, allowed=attempted) == order
