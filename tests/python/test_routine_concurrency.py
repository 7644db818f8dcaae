"""The routine catalog under concurrent writers and faults: real processes (the venv's Python
running _routine_worker.py) and threads defining, replacing and deleting routines of one
dataset at once, and writers killed with SIGKILL. Every acknowledged definition must be there
(or, replaced, give way only to a later one), every entry read at any moment must be whole (its
code matching its hash, its identity that of one attempted definition), and what runs must be
that definition's result, computed with pandas."""

from __future__ import annotations

import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from _routine_worker import define, function_source, offset
from _routine_worker import run as run_writer

WORKER = str(Path(__file__).with_name("_routine_worker.py"))


def _start(warehouse, mode: str, writer: int, count: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, WORKER, str(warehouse), mode, str(writer), str(count)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(proc: subprocess.Popen, timeout: float = 120) -> list[str]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return out.splitlines()


def _thread(warehouse, mode: str, writer: int, count: int, lines: list, errors: list) -> threading.Thread:
    def body():
        try:
            run_writer(str(warehouse), mode, writer, count, out=lambda *a: lines.append(" ".join(map(str, a))))
        except BaseException as e:  # noqa: BLE001 - the test reports it
            errors.append(e)

    t = threading.Thread(target=body)
    t.start()
    return t


def _events(lines, kind: str) -> set[tuple[int, int]]:
    return {(int(w), int(k)) for line in lines for tag, *rest in [line.split()] if tag == kind for w, k in [rest]}


class _Oracle:
    """What each attempted definition gives, defined independently in an in-memory session."""

    def __init__(self, tmp_path: Path):
        self.session = cpd.Session(":memory:")
        self.modules = tmp_path / "oracle"
        self.modules.mkdir()
        self.identities: dict[tuple[int, int], str] = {}

    def identity(self, writer: int, k: int) -> str:
        if (writer, k) not in self.identities:
            self.identities[(writer, k)] = define(self.session, self.modules, "", "", writer, k).identity
        return self.identities[(writer, k)]

    def version_of(self, entry: dict) -> tuple[int, int]:
        """The (writer, k) whose definition `entry` is, checking that it is whole."""
        m = re.fullmatch(r"def f\(x: int\) -> int:\n    return None if x is None else x \+ (\d+)\n", entry["source"])
        assert m, f"torn or foreign entry: {entry['source']!r}"
        writer, k = divmod(int(m.group(1)), 1000)
        assert entry["source"] == function_source(writer, k)
        assert entry["identity"] == self.identity(writer, k), entry
        return writer, k


def _check_runs(session, routine_id: str, writer: int, k: int) -> None:
    """The routine as read from the catalog gives x + offset(writer, k), as pandas computes it."""
    x = pd.Series(pd.array([1, None, -5, 2**40], dtype="Int64"), name="x")
    f = session.read_function(routine_id)
    got = session.read_pandas(x.to_frame())["x"].apply(f).to_pandas()
    pd.testing.assert_series_equal(got, x + offset(writer, k))


@pytest.fixture
def warehouse(tmp_path):
    return tmp_path / "wh"


def test_concurrent_creates_from_processes_and_threads_lose_none(warehouse, tmp_path):
    procs = [_start(warehouse, "create", w, 12) for w in range(3)]
    lines: list[str] = []
    errors: list = []
    threads = [_thread(warehouse, "create", w, 12, lines, errors) for w in (10, 11)]
    for p in procs:
        lines += _finish(p)
    for t in threads:
        t.join(120)
    assert not errors, errors
    acked = _events(lines, "committed")
    assert acked == {(w, k) for w in (0, 1, 2, 10, 11) for k in range(12)}
    s = cpd.Session(warehouse)
    oracle = _Oracle(tmp_path)
    assert s.list_routines("fns") == sorted(f"r_{w}_{k}" for w, k in acked)
    for w, k in acked:
        assert oracle.version_of(s.describe_routine(f"fns.r_{w}_{k}")) == (w, k)
    for w, k in random.Random(1).sample(sorted(acked), 4):
        _check_runs(s, f"fns.r_{w}_{k}", w, k)
    s.close()


def test_concurrent_replaces_keep_a_whole_entry_at_every_moment(warehouse, tmp_path):
    count = 10
    s = cpd.Session(warehouse)
    oracle = _Oracle(tmp_path)
    for w in (0, 1, 2, 10):
        oracle.identity(w, 0)
    procs = [_start(warehouse, "replace", w, count) for w in range(3)]
    lines: list[str] = []
    errors: list = []
    writer_thread = _thread(warehouse, "replace", 10, count, lines, errors)
    seen = set()
    while any(p.poll() is None for p in procs) or writer_thread.is_alive():
        try:
            entry = s.describe_routine("fns.shared")
        except exceptions.NotFoundError:
            continue  # not defined yet
        seen.add(oracle.version_of(entry))
        s.read_function("fns.shared")  # the code matches its hash: loadable
    for p in procs:
        lines += _finish(p)
    writer_thread.join(120)
    assert not errors, errors
    assert _events(lines, "committed") == {(w, k) for w in (0, 1, 2, 10) for k in range(count)}
    assert seen, "the reader never saw the routine"
    # Last writer wins: the entry is the last version of one of the writers.
    final = oracle.version_of(s.describe_routine("fns.shared"))
    assert final in {(w, count - 1) for w in (0, 1, 2, 10)}
    assert s.list_routines("fns") == ["shared"]
    _check_runs(s, "fns.shared", *final)
    s.close()


def test_concurrent_creates_and_deletes_in_one_dataset(warehouse, tmp_path):
    procs = [_start(warehouse, "churn", w, 12) for w in range(3)]
    lines: list[str] = []
    errors: list = []
    threads = [_thread(warehouse, "churn", w, 12, lines, errors) for w in (10, 11)]
    # A reader listing and describing meanwhile sees only whole entries (or ones just deleted).
    s = cpd.Session(warehouse)
    oracle = _Oracle(tmp_path)
    reads = 0
    while any(p.poll() is None for p in procs) or any(t.is_alive() for t in threads):
        names = s.list_routines("fns") if "fns" in s.list_datasets() else []
        for name in names[:5]:
            try:
                entry = s.describe_routine(f"fns.{name}")
            except exceptions.NotFoundError:
                continue  # deleted between the listing and the read
            oracle.version_of(entry)
            reads += 1
    for p in procs:
        lines += _finish(p)
    for t in threads:
        t.join(120)
    assert not errors, errors
    committed, deleted = _events(lines, "committed"), _events(lines, "deleted")
    assert deleted == {(w, k) for w, k in committed if k % 2}
    assert s.list_routines("fns") == sorted(f"c_{w}_{k}" for w, k in committed - deleted)
    assert reads > 0
    s.close()


def test_writer_killed_mid_replace_leaves_a_readable_entry(warehouse, tmp_path):
    rng = random.Random(7)
    s = cpd.Session(warehouse)
    oracle = _Oracle(tmp_path)
    sessions = []
    for victim in range(20, 23):
        p = _start(warehouse, "replace", victim, 1000)
        # Python and cormorant start in ~0.5-1 s, then it defines a version every few ms.
        deadline = time.monotonic() + 60
        acked = []
        while time.monotonic() < deadline:
            line = p.stdout.readline()
            if line.startswith("session"):
                sessions.append(line.split()[1])
            if line.startswith("committed"):
                acked.append(int(line.split()[2]))
                break
        time.sleep(rng.uniform(0.05, 0.5))
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate(timeout=60)
        acked += [k for w, k in _events(out.splitlines(), "committed")]
        assert acked, "the writer was killed before its first definition"
        # The entry is whole: the last acknowledged version, or the one in flight when killed.
        writer, k = oracle.version_of(s.describe_routine("fns.shared"))
        assert writer == victim and k in (max(acked), max(acked) + 1), (k, max(acked))
        _check_runs(s, "fns.shared", writer, k)
    # What a killed writer can leave (a temporary entry) goes with clean-up of its session.
    routines = warehouse / "catalog" / "fns" / "routines"
    (routines / "shared.json.tmp-999999999-1-2").write_text('{"dataset": "fn')
    for sid in sessions:
        s.clean_up_by_session_id(sid)
    assert sorted(p.name for p in routines.iterdir()) == ["shared.json"]
    assert s.list_routines("fns") == ["shared"]
    s.close()
