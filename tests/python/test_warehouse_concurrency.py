"""The warehouse under concurrent writers and readers, and under faults: real processes (the
venv's Python running _warehouse_worker.py) and threads against one warehouse directory.

pandas is the oracle: every writer's frames are rebuilt with pandas (_warehouse_worker.frame),
and the table must be exactly their concatenation in some commit order, with every
acknowledged write present and nothing partial. Each test is bounded (a few seconds); the
longer soak runs in scripts/stress.sh.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from _warehouse_worker import check_blocks as _check_blocks
from _warehouse_worker import clean_up_killed
from _warehouse_worker import acknowledged as _acknowledged
from _warehouse_worker import finish
from _warehouse_worker import frame
from conftest import assert_same

WORKER = str(Path(__file__).with_name("_warehouse_worker.py"))
SOAK = int(os.environ.get("CORMORANT_STRESS", "1"))  # scripts/stress.sh raises it


def _start(warehouse, table: str, mode: str, writer: int, batches: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, WORKER, str(warehouse), table, mode, str(writer), str(batches)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(proc: subprocess.Popen, timeout: float = 120) -> list[str]:
    return finish(proc, timeout)


@pytest.fixture
def warehouse(tmp_path):
    return tmp_path / "wh"


def _read(warehouse, table: str) -> pd.DataFrame:
    s = cpd.Session(warehouse)
    try:
        return s.read_table(table).to_pandas()
    finally:
        s.close()


# -- concurrent writers ------------------------------------------------------------------------


def test_concurrent_appends_from_processes_all_land(warehouse):
    writers, batches = 4, 3 * SOAK
    procs = [_start(warehouse, "ds.t", "append", w, batches) for w in range(writers)]
    acked = set().union(*(_acknowledged(_finish(p)) for p in procs))
    every = {(w, b) for w in range(writers) for b in range(batches)}
    assert acked == every
    got = _read(warehouse, "ds.t")
    assert len(got) == sum(len(frame(w, b)) for w, b in every)
    order = _check_blocks(got, required=every, allowed=every)
    # Each writer's own batches keep their order.
    for w in range(writers):
        assert [b for ww, b in order if ww == w] == list(range(batches))


def test_concurrent_replaces_serialize(warehouse):
    writers, batches = 4, 2 * SOAK
    procs = [_start(warehouse, "ds.t", "replace", w, batches) for w in range(writers)]
    for p in procs:
        _finish(p)
    got = _read(warehouse, "ds.t")
    # Exactly one writer's frame, whole and readable.
    assert len(_check_blocks(got, required=set(), allowed={(w, b) for w in range(writers) for b in range(batches)})) == 1
    # Only the current version's data is left (no session pins older ones).
    assert len(os.listdir(warehouse / "tables" / "ds" / "t")) == 1


def test_concurrent_fail_creators_exactly_one_wins(warehouse):
    for trial in range(2 * SOAK):
        table = f"ds.t{trial}"
        procs = [_start(warehouse, table, "fail", w, 1) for w in range(4)]
        lines = [line for p in procs for line in _finish(p)]
        winners = _acknowledged(lines)
        losers = [line for line in lines if line.startswith("exists")]
        assert len(winners) == 1 and len(losers) == 3, lines
        got = _read(warehouse, table)
        assert _check_blocks(got, required=winners, allowed=winners) == list(winners)


def test_threads_of_one_process(warehouse):
    """Threads with their own sessions, and threads sharing one session, appending to one
    table (to_table releases the GIL, so they run at once)."""
    shared = cpd.Session(warehouse)
    errors = []

    def work(writer: int, own_session: bool):
        try:
            s = cpd.Session(warehouse) if own_session else shared
            for b in range(3):
                s.read_pandas(frame(writer, b)).to_table("ds.t", if_exists="append")
            if own_session:
                s.close()
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(w, w % 2 == 0)) for w in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    every = {(w, b) for w in range(6) for b in range(3)}
    _check_blocks(shared.read_table("ds.t").to_pandas(), required=every, allowed=every)
    shared.close()
    assert not list((warehouse / "catalog" / "ds").glob("*.tmp-*"))


def test_pinned_reader_keeps_its_snapshot_across_replaces(warehouse):
    s = cpd.Session(warehouse)
    s.read_pandas(frame(99, 0)).to_table("ds.t")
    df = s.read_table("ds.t")  # pinned to this version for the session's life
    filtered = df[df["x"] > 0]
    expected = frame(99, 0)
    procs = [_start(warehouse, "ds.t", "replace", w, 3) for w in range(2)]
    while any(p.poll() is None for p in procs):
        assert_same(df, expected)
        assert_same(filtered, expected[expected["x"] > 0])
    for p in procs:
        _finish(p)
    assert_same(df, expected)
    # A new read sees the latest commit, and is pinned in turn.
    latest = s.read_table("ds.t").to_pandas()
    assert len(_check_blocks(latest, required=set(), allowed={(w, b) for w in range(2) for b in range(3)})) == 1
    s.close()
    # With the reader gone, its versions go at the next commit or clean-up.
    s2 = cpd.Session(warehouse)
    s2.read_pandas(frame(7, 7)).to_table("ds.t", if_exists="replace")
    assert len(os.listdir(warehouse / "tables" / "ds" / "t")) == 1
    s2.close()


def test_writers_killed_at_random_points_lose_no_committed_rows(warehouse):
    rng = random.Random(5)
    steady = [_start(warehouse, "ds.t", "append", w, 4 * SOAK) for w in range(2)]
    acked, attempted = set(), {(w, b) for w in range(2) for b in range(4 * SOAK)}
    for victim in range(10, 10 + 4 * SOAK):
        attempted |= {(victim, b) for b in range(50)}
        p = _start(warehouse, "ds.t", "append", victim, 50)
        time.sleep(rng.uniform(0.5, 2.0))  # Python and cormorant start in ~0.5-1 s, then it writes
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate(timeout=60)
        acked |= _acknowledged(out.splitlines())
    for p in steady:
        acked |= _acknowledged(_finish(p))
    got = _read(warehouse, "ds.t")
    order = _check_blocks(got, required=acked, allowed=attempted)
    # The killed writers' leftovers (sessions, staging, uncommitted data) go with clean-up.
    assert clean_up_killed(warehouse, "ds.t", required=acked, allowed=attempted) == order


# -- faults ------------------------------------------------------------------------------------


def test_corrupt_manifest_is_a_typed_error_and_recoverable(warehouse):
    s = cpd.Session(warehouse)
    s.read_pandas(frame(1, 0)).to_table("ds.t")
    manifest = warehouse / "catalog" / "ds" / "t.json"
    manifest.write_text(manifest.read_text()[:100])
    for action in (
        lambda: s.read_table("ds.t"),
        lambda: s.describe_table("ds.t"),
        lambda: s.read_pandas(frame(1, 1)).to_table("ds.t", if_exists="append"),
    ):
        with pytest.raises(exceptions.CorruptTableError, match=str(manifest)):
            action()
    with pytest.raises(exceptions.TableExistsError):
        s.read_pandas(frame(1, 1)).to_table("ds.t")
    # replace recovers...
    s.read_pandas(frame(1, 2)).to_table("ds.t", if_exists="replace")
    assert_same(s.read_table("ds.t"), frame(1, 2))
    # ...and so does drop_table, also for a manifest that is not JSON at all.
    manifest.write_bytes(b"\x00\xff garbage")
    s.drop_table("ds.t")
    assert s.list_tables("ds") == []
    s.read_pandas(frame(1, 3)).to_table("ds.t")
    assert_same(s.read_table("ds.t"), frame(1, 3))
    s.close()


def test_failed_manifest_write_names_the_reason_and_leaves_nothing(warehouse):
    """A manifest write that fails (here: the file size limit, RLIMIT_FSIZE, reached by the
    manifest but not by the data) gives the system's reason and leaves no temporary file, no
    data folder, and the table as it was."""
    s = cpd.Session(warehouse)
    for b in range(8):
        s.read_pandas(frame(1, b, rows=5)).to_table("ds.t", if_exists="append")
    manifest = warehouse / "catalog" / "ds" / "t.json"
    data = max(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(warehouse / "tables") for f in fs)
    limit = (data + manifest.stat().st_size) // 2
    assert data < limit < manifest.stat().st_size
    before = s.read_table("ds.t").to_pandas()
    versions = sorted(os.listdir(warehouse / "tables" / "ds" / "t"))
    script = textwrap.dedent(
        f"""
        import resource, signal, sys
        sys.path.insert(0, {os.path.dirname(WORKER)!r})
        import cormorant.pandas as cpd
        from cormorant import exceptions
        from _warehouse_worker import frame
        s = cpd.Session({str(warehouse)!r})
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
        try:
            s.read_pandas(frame(1, 8, rows=5)).to_table("ds.t", if_exists="append")
        except exceptions.FileWriteError as e:
            print(type(e).__name__, isinstance(e, OSError), e)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("FileWriteError True ")
    assert str(manifest) in proc.stdout and os.strerror(27) in proc.stdout  # EFBIG: "File too large"
    assert not list(manifest.parent.glob("*.tmp-*"))
    assert sorted(os.listdir(warehouse / "tables" / "ds" / "t")) == versions
    assert_same(s.read_table("ds.t"), before)
    # Leftover temporary manifests (a writer killed mid-write) go with clean-up.
    (manifest.parent / "t.json.tmp-1-2-3").write_text("{")
    s.clean_up_by_session_id("0123456789ab")
    assert not list(manifest.parent.glob("*.tmp-*"))
    s.close()


def test_clean_up_of_a_live_session_is_refused(warehouse):
    s = cpd.Session(warehouse)
    s.read_pandas(frame(1, 0)).to_table("ds.t")
    # Another session of this process...
    other = cpd.Session(warehouse)
    df = other.read_table("ds.t")
    with pytest.raises(exceptions.SessionActiveError, match=other.session_id):
        s.clean_up_by_session_id(other.session_id)
    with pytest.raises(exceptions.SessionActiveError):
        s.clean_up_by_session_id(s.session_id)
    assert_same(df, frame(1, 0))
    # ...and a session of another process, which removes its folder when it exits normally.
    script = textwrap.dedent(
        f"""
        import sys, cormorant.pandas as cpd
        s = cpd.Session({str(warehouse)!r})
        g = cpd.get_global_session()
        print(s.session_id, g.session_id, flush=True)
        sys.stdin.readline()
        """
    )
    env = dict(os.environ, CORMORANT_WAREHOUSE=str(warehouse))
    proc = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    ids = proc.stdout.readline().split()
    for sid in ids:
        assert (warehouse / "sessions" / sid).is_dir()
        with pytest.raises(exceptions.SessionActiveError):
            s.clean_up_by_session_id(sid)
    proc.communicate("\n", timeout=60)
    assert proc.returncode == 0
    for sid in ids:
        assert not (warehouse / "sessions" / sid).exists()
        assert s.clean_up_by_session_id(sid) == 0
    other.close()
    assert s.clean_up_by_session_id(other.session_id) == 0
    s.close()
    assert os.listdir(warehouse / "sessions") == []


def test_drop_keeps_versions_pinned_by_live_readers(warehouse):
    s = cpd.Session(warehouse)
    s.read_pandas(frame(1, 0)).to_table("ds.t")
    reader = cpd.Session(warehouse)
    df = reader.read_table("ds.t")
    s.drop_table("ds.t")
    assert_same(df, frame(1, 0))
    reader.close()  # the last reader of the dropped table's data removes it
    assert not (warehouse / "tables" / "ds" / "t").exists()
    s.close()
