"""A query calling a UDF in this process while other Python threads use the same session and
another one must not deadlock (the engine's threads take the GIL inside the function call;
every binding entry point that takes a session's lock must release the GIL first).

Each scenario runs in a child process with a time limit, so a deadlock fails the test
instead of hanging the suite."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pandas as pd
import pytest

import cormorant.pandas as cpd

_SCENARIO = textwrap.dedent(
    """
    import sys, threading, tempfile, time
    import faulthandler
    import pandas as pd
    import cormorant.pandas as cpd

    # A deadlock may hold the GIL: a watchdog thread of faulthandler's (no GIL needed) prints
    # every thread's stack and ends the process.
    faulthandler.dump_traceback_later(TIMEOUT, exit=True)

    def slow_plus_one(x: int) -> int:
        if x is None:
            return None
        acc = 0
        for i in range(50):
            acc += i
        return x + 1 + acc - acc

    s1 = cpd.Session(tempfile.mkdtemp())
    s2 = cpd.Session(tempfile.mkdtemp())
    f1 = s1.udf(slow_plus_one, input_types=[int], output_type=int)
    n = 300_000
    big = s1.read_pandas(pd.DataFrame({"x": range(n)}))["x"]
    big.to_pandas()
    errors = []
    started = threading.Event()

    def long_query():
        try:
            started.set()
            got = big.apply(f1).to_pandas()
            assert got.tolist() == list(range(1, n + 1))
        except BaseException as e:
            errors.append(e)

    def other_work(session, tag):
        try:
            started.wait()
            for i in range(15):
                small = session.read_pandas(pd.DataFrame({"a": pd.array([1, None, 3], dtype="Int64"), "b": ["x", "y", None]}))
                assert small["a"].to_pandas().isna().sum() == 1
                _ = small.sql
                assert len(small) == 3 and small.shape == (3, 2)
                assert small.head(2).to_pandas().shape == (2, 2)
                g = small.groupby("b").sum().to_pandas()
                f = session.udf(slow_plus_one, input_types=[int], output_type=int)
                assert small["a"].apply(f).to_pandas().tolist()[0] == 2
                small.to_table(f"d{tag}.t{i}")
                assert session.read_table(f"d{tag}.t{i}").to_pandas().shape == (3, 2)
                session.list_tables(f"d{tag}")
                cpd.describe_routine(f.routine_id) if session is cpd.get_global_session() else None
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=long_query, daemon=True),
               threading.Thread(target=other_work, args=(s1, "same"), daemon=True),
               threading.Thread(target=other_work, args=(s2, "other"), daemon=True)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + TIMEOUT
    for t in threads:
        t.join(max(0.0, deadline - time.monotonic()))
    alive = [t for t in threads if t.is_alive()]
    if alive:
        print("DEADLOCK", len(alive), flush=True)
        import faulthandler
        faulthandler.dump_traceback(all_threads=True)
        import os
        os._exit(3)
    if errors:
        raise errors[0]
    s1.close(); s2.close()
    print("OK")
    """
)


def test_udf_query_and_other_threads_do_not_deadlock(tmp_path):
    script = tmp_path / "scenario.py"  # a file: a UDF's source must be readable
    script.write_text("TIMEOUT = 60\n" + _SCENARIO)
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=150)
    assert proc.returncode == 0 and "OK" in proc.stdout, proc.stdout + proc.stderr[-4000:]


_NESTED = textwrap.dedent(
    """
    import faulthandler, tempfile
    import pandas as pd
    import cormorant.pandas as cpd

    faulthandler.dump_traceback_later(TIMEOUT, exit=True)

    def outer(x: int) -> int:
        # Every 50,000th row runs a query of its own with an in-process UDF, on the engine
        # thread whose turn to call Python it is.
        import pandas as pd
        import cormorant.pandas as cpd

        def inner(v: int) -> int:
            return v * 2

        if x % 50_000:
            return x
        inner_udf = cpd.udf(inner, input_types=[int], output_type=int, transpile=False, workers=0)
        return int(cpd.read_pandas(pd.DataFrame({"v": list(range(5000))}))["v"].apply(inner_udf).to_pandas().sum())

    s = cpd.Session(tempfile.mkdtemp(), threads=2)
    values = pd.Series(range(300_000), dtype="Int64")
    got = s.read_pandas(pd.DataFrame({"x": values}))["x"].apply(
        s.udf(outer, input_types=[int], output_type=int, transpile=False, workers=0)).to_pandas()
    pd.testing.assert_series_equal(got, values.apply(outer).astype("Int64"), check_names=False)
    s.close()
    print("OK")
    """
)


def test_a_query_inside_an_in_process_udf_does_not_deadlock(tmp_path):
    # Engine threads combine their Python work (udf.cpp, PythonWork); a query run inside the
    # function, on two engine threads, must neither wait for its caller's turn forever nor
    # give another result than pandas.
    script = tmp_path / "nested.py"
    script.write_text("TIMEOUT = 60\n" + _NESTED)
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=150)
    assert proc.returncode == 0 and "OK" in proc.stdout, proc.stdout + proc.stderr[-4000:]


def _fails_on_multiples_of_70001(x: int) -> int:
    if x is not None and x > 0 and x % 70_001 == 0:
        raise ValueError(f"bad {x}")
    return None if x is None else x * 3


def test_errors_and_results_cross_engine_threads_unchanged():
    """On two engine threads the Python work of one thread's chunks may run on the other (the
    thread running Python also runs the work queued by the other one, udf.cpp PythonWork):
    the results are pandas' results, in order, and an exception raised in a chunk reaches the
    query with its own row, traceback and type, whichever thread ran it."""
    import tempfile

    from cormorant import exceptions

    s = cpd.Session(tempfile.mkdtemp(), threads=2)
    values = pd.Series([None if i % 997 == 0 else i for i in range(1, 300_001)], dtype="Int64")
    src = s.read_pandas(pd.DataFrame({"x": values}))["x"]
    f = s.udf(_fails_on_multiples_of_70001, input_types=[int], output_type=int, transpile=False, workers=0)
    ok = src[(src % 70_001 != 0).fillna(True)]
    kept = values[(values % 70_001 != 0).fillna(True)]
    want = pd.Series([_fails_on_multiples_of_70001(None if pd.isna(v) else v) for v in kept], index=kept.index,
                     dtype="Int64", name="x")
    for _ in range(3):
        pd.testing.assert_series_equal(ok.apply(f).to_pandas(), want)
        with pytest.raises(exceptions.UdfExecutionError) as info:
            src.apply(f).to_pandas()
        bad = info.value.input_row[0]
        assert bad % 70_001 == 0 and f"ValueError: bad {bad}" in info.value.python_traceback
    s.close()


def _interpreter_thread_states() -> int:
    import ctypes

    api = ctypes.pythonapi
    api.PyInterpreterState_Get.restype = ctypes.c_void_p
    api.PyInterpreterState_ThreadHead.restype = ctypes.c_void_p
    api.PyInterpreterState_ThreadHead.argtypes = [ctypes.c_void_p]
    api.PyThreadState_Next.restype = ctypes.c_void_p
    api.PyThreadState_Next.argtypes = [ctypes.c_void_p]
    n, t = 0, api.PyInterpreterState_ThreadHead(api.PyInterpreterState_Get())
    while t:
        n, t = n + 1, api.PyThreadState_Next(t)
    return n


def _times_two(x: int) -> int:
    return None if x is None else x * 2


def test_queries_leave_no_python_thread_states_behind():
    """Each query runs on a thread of its own (so that Ctrl-C can stop it); the Python thread
    state an in-process UDF makes there is deleted when that thread ends, not left in the
    interpreter once per query (the engine's pool threads keep theirs, a bounded number)."""
    import tempfile

    s = cpd.Session(tempfile.mkdtemp(), threads=2)
    src = s.read_pandas(pd.DataFrame({"x": pd.array([1, None, 3] * 2000, dtype="Int64")}))["x"]
    f = s.udf(_times_two, input_types=[int], output_type=int, transpile=False, workers=0)
    want = pd.Series(pd.array([2, None, 6] * 2000, dtype="Int64"), name="x")
    pd.testing.assert_series_equal(src.apply(f).to_pandas(), want)
    before = _interpreter_thread_states()
    for _ in range(40):
        pd.testing.assert_series_equal(src.apply(f).to_pandas(), want)
    assert _interpreter_thread_states() - before <= 2
    s.close()
