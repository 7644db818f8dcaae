"""UDFs in worker processes (workers=N): same results as pandas, errors with the input row,
and a worker that dies fails the query clearly and is replaced."""

from __future__ import annotations

import datetime as dt
import os

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions


@cpd.udf(workers=2)
def collatz_steps(n: int) -> int:
    if n is None:
        return None
    steps = 0
    while n > 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


@cpd.udf(input_types=cpd.Series, output_type=str, workers=2)
def label_row(row):
    return f"{row['species']}/{row['sex']}/{row['body_mass_g']}"


def test_worker_results_match_pandas():
    values = pd.array(list(range(1, 20000)) + [None], dtype="Int64")
    s = cpd.read_pandas(pd.DataFrame({"n": values}))["n"]
    got = s.apply(collatz_steps).to_pandas()
    want = pd.Series(values).astype(object).where(pd.Series(values).notna(), None).apply(collatz_steps)
    pd.testing.assert_series_equal(got, want.astype("Int64"), check_names=False)


def test_worker_rows_match_pandas(penguins):
    df, pdf = penguins
    cols = ["species", "sex", "body_mass_g"]
    got = df[cols].apply(label_row, axis=1).to_pandas()
    rows = pdf[cols].astype(object).where(pdf[cols].notna(), None)
    pd.testing.assert_series_equal(got, rows.apply(label_row, axis=1).astype("string"))


@pytest.mark.parametrize(
    "pytype, dtype, values",
    [
        (float, "Float64", [1.5, None, -0.0, float("-inf")]),
        (bool, "boolean", [True, None, False]),
        (str, "string", ["a", None, "", "日本語 ß"]),
        (dt.date, "date32[day][pyarrow]", [dt.date(2020, 2, 29), None]),
        (dt.datetime, "datetime64[us]", [dt.datetime(1999, 12, 31, 23, 59, 59, 999999), None]),
    ],
)
def test_every_type_crosses_to_workers_and_back(pytype, dtype, values):
    @cpd.udf(input_types=[pytype], output_type=pytype, workers=1)
    def identity(v):
        return v

    src = cpd.read_pandas(pd.DataFrame({"v": pd.Series(values, dtype=dtype)}))["v"]
    pd.testing.assert_series_equal(src.apply(identity).to_pandas(), src.to_pandas())


def test_worker_exception_carries_row_and_traceback():
    @cpd.udf(workers=1)
    def bad(x: int) -> int:
        return 10 // (x - 3)

    s = cpd.read_pandas(pd.DataFrame({"x": [1, 2, 3, 4]}))["x"]
    with pytest.raises(exceptions.UdfExecutionError) as info:
        s.apply(bad).to_pandas()
    assert info.value.input_row == [3]
    assert "ZeroDivisionError" in info.value.python_traceback
    assert info.value.routine_id == bad.routine_id


def test_killed_worker_fails_query_and_is_replaced():
    @cpd.udf(workers=1)
    def dies_on_seven(x: int) -> int:
        import os

        if x == 7:
            os._exit(3)
        return x

    s = cpd.read_pandas(pd.DataFrame({"x": list(range(10))}))["x"]
    with pytest.raises(exceptions.UdfExecutionError, match="exited with code 3"):
        s.apply(dies_on_seven).to_pandas()
    ok = s[s != 7].apply(dies_on_seven).to_pandas()
    assert ok.tolist() == [x for x in range(10) if x != 7]


def test_segfaulting_worker_fails_query_and_is_replaced():
    @cpd.udf(workers=2)
    def crashes_on_seven(x: int) -> int:
        import os
        import signal

        if x == 7:
            os.kill(os.getpid(), signal.SIGSEGV)  # as a crash in a C extension
        return x

    s = cpd.read_pandas(pd.DataFrame({"x": list(range(3000))}))["x"]
    with pytest.raises(exceptions.UdfExecutionError, match="killed by signal 11") as info:
        s.apply(crashes_on_seven).to_pandas()
    assert info.value.routine_id == crashes_on_seven.routine_id
    ok = s[s != 7].apply(crashes_on_seven).to_pandas()
    assert ok.tolist() == [x for x in range(3000) if x != 7]


def test_failed_to_table_writes_nothing(tmp_path):
    session = cpd.Session(tmp_path / "wh")

    @session.udf(workers=1)
    def fails(x: int) -> int:
        if x == 5000:
            raise RuntimeError("no")
        return x

    src = session.read_pandas(pd.DataFrame({"x": list(range(10000))}))
    out = src.assign(y=src["x"].apply(fails))
    with pytest.raises(exceptions.UdfExecutionError):
        out.to_table("ds.t")
    assert "t" not in (session.list_tables("ds") if "ds" in session.list_datasets() else [])
    session.close()


def _worker_pids() -> list[int]:
    """The function workers this process started (children running cormorant._worker)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmdline = f.read()
        except OSError:
            continue
        if ppid == os.getpid() and b"cormorant._worker" in cmdline:
            pids.append(int(entry))
    return pids


def _slow_identity(x):
    import time

    time.sleep(0.0005)
    return x


@pytest.mark.parametrize("write", [False, True])
def test_worker_killed_during_a_query(tmp_path, write):
    """os.kill of the workers while a query runs: UdfExecutionError, the workers are replaced,
    the next query gives pandas' result, and a to_table that failed wrote nothing."""
    import signal
    import threading
    import time

    session = cpd.Session(tmp_path / "wh")
    f = session.udf(_slow_identity, input_types=[int], output_type=int, workers=1)
    src = session.read_pandas(pd.DataFrame({"x": list(range(20000))}))
    out = src.assign(y=src["x"].apply(f))
    failure = []

    def run():
        try:
            out.to_table("ds.t") if write else out.to_pandas()
        except Exception as e:  # noqa: BLE001 - the test inspects it
            failure.append(e)

    query = threading.Thread(target=run, daemon=True)
    query.start()
    deadline = time.monotonic() + 30
    while not _worker_pids() and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # the query is computing batches in the workers
    assert query.is_alive(), "the query ended before a worker could be killed"
    for pid in _worker_pids():
        os.kill(pid, signal.SIGKILL)
    query.join(60)
    assert not query.is_alive()
    assert len(failure) == 1 and isinstance(failure[0], exceptions.UdfExecutionError), failure
    assert "killed by signal 9" in str(failure[0]) and f.routine_id in str(failure[0])
    if write:
        assert "ds" not in session.list_datasets() or "t" not in session.list_tables("ds")
    # Replaced: the same query now runs to the end, with pandas' result.
    want = pd.DataFrame({"x": list(range(20000))})
    want = want.assign(y=want["x"].apply(_slow_identity).astype("Int64"))
    if write:
        out.to_table("ds.t")
        got = session.read_table("ds.t").to_pandas()
    else:
        got = out.to_pandas()
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.astype({"x": "Int64"}))
    session.close()


def _loads_in_this_worker(x):
    # How many times this worker has loaded the routine's code: each load compiles the source
    # into a new code object, which the worker's builtins keep (so none is freed and reused).
    import builtins
    import os
    import sys

    seen = builtins.__dict__.setdefault("_cormorant_test_loaded_codes", {})
    seen.setdefault(sys._getframe().f_code, None)
    return f"{os.getpid()}:{len(seen)}"


def test_a_routines_code_is_loaded_into_each_worker_once():
    f = cpd.udf(_loads_in_this_worker, input_types=[int], output_type=str, workers=2)
    s = cpd.read_pandas(pd.DataFrame({"x": list(range(30000))}))["x"]
    rows_by_worker: dict[str, int] = {}
    for query in range(3):
        for v in s.apply(f).to_pandas():
            rows_by_worker[v] = rows_by_worker.get(v, 0) + 1
    pids = {v.split(":")[0] for v in rows_by_worker}
    # Every worker that served rows (many 2048-row chunks over three queries) loaded it once.
    assert pids and all(v.endswith(":1") for v in rows_by_worker), rows_by_worker
    assert max(rows_by_worker.values()) > 3 * 2048 and sum(rows_by_worker.values()) == 90000
    assert len(pids) <= 2


def _fails_on_three(x):
    return 10 // (x - 3)


def test_worker_errors_name_each_sessions_routine(tmp_path):
    """Two sessions' routines of the same code in the same workers: each error names its own
    routine (a worker kept the first session's id for the code)."""
    s = pd.DataFrame({"x": [1, 2, 3, 4]})
    for k in range(2):
        session = cpd.Session(tmp_path / f"wh{k}")
        f = session.udf(_fails_on_three, input_types=[int], output_type=int, workers=1)
        with pytest.raises(exceptions.UdfExecutionError) as info:
            session.read_pandas(s)["x"].apply(f).to_pandas()
        assert info.value.routine_id == f.routine_id and f.routine_id in str(info.value)
        session.close()
