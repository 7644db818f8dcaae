"""A UDF that runs out of memory (issue 10, point 7), as the kernel makes it happen: past an
address-space limit (RLIMIT_AS) an allocation fails and Python raises MemoryError; under the
out-of-memory killer (or a cgroup's limit) the process gets SIGKILL after a large allocation.
Either way the query fails with UdfExecutionError naming the routine, the worker is replaced,
the next query gives pandas' result, and a to_table that failed wrote nothing."""

from __future__ import annotations

import time

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import ENGINE


def _hog_past_limit(x):
    # On row 7: an address-space limit 256 MiB above what the process uses now, then a
    # 2 GiB allocation past it (MemoryError, raised by the allocator as it would be).
    import os
    import resource

    if x == 7:
        with open("/proc/self/statm") as f:
            used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (used + (256 << 20), resource.getrlimit(resource.RLIMIT_AS)[1]))
        try:
            block = bytearray(2 << 30)
        except MemoryError:
            raise MemoryError(f"worker {os.getpid()} could not allocate 2 GiB") from None
        return len(block)
    return x * 2


def _hog_then_killed(x):
    # On row 7: touches 256 MiB, then gets SIGKILL, as the out-of-memory killer sends it.
    import os
    import signal

    if x == 7:
        block = bytearray(256 << 20)
        block[::4096] = b"\1" * len(block[::4096])
        os.kill(os.getpid(), signal.SIGKILL)
    return x * 2


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.parametrize("write", [False, True], ids=["to_pandas", "to_table"])
@pytest.mark.parametrize("how", ["memory_error", "sigkill"])
def test_worker_out_of_memory_fails_query_and_is_replaced(tmp_path, how, write):
    session = cpd.Session(tmp_path / "wh")
    func = _hog_past_limit if how == "memory_error" else _hog_then_killed
    f = session.udf(func, input_types=[int], output_type=int, workers=1)
    src = session.read_pandas(pd.DataFrame({"x": list(range(5000))}))
    out = src.assign(y=src["x"].apply(f))
    with pytest.raises(exceptions.UdfExecutionError) as info:
        out.to_table("ds.t") if write else out.to_pandas()
    message = str(info.value)
    assert f.routine_id in message
    if how == "memory_error":
        assert "MemoryError" in message and "ran out of memory and was replaced" in message
        assert "MemoryError" in info.value.python_traceback and info.value.input_row == [7]
        pid = int(message.split("worker ", 1)[1].split()[0])
        deadline = time.monotonic() + 10
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not _alive(pid), "the worker that ran out of memory was kept"
    elif ENGINE == "spark":  # (Spark tells only that its Python worker died)
        assert "exited unexpectedly" in message and "out of memory" in message
    else:
        assert "killed by signal 9" in message and "out of memory" in message
    if write:
        assert "ds" not in session.list_datasets() or "t" not in session.list_tables("ds")
    # The next query (row 7 left out) runs on a new worker with pandas' result.
    kept = src[src["x"] != 7]
    got = kept.assign(y=kept["x"].apply(f))
    want = pd.DataFrame({"x": [x for x in range(5000) if x != 7]})
    want = want.assign(y=want["x"].map(func)).astype("Int64")
    if write:
        got.to_table("ds.t")
        result = session.read_table("ds.t").to_pandas()
    else:
        result = got.to_pandas()
    pd.testing.assert_frame_equal(result.reset_index(drop=True), want)
    session.close()


def test_in_process_memory_error_fails_the_query_and_the_next_works(tmp_path):
    session = cpd.Session(tmp_path / "wh")
    # In process the limit would bind this test process too: the function raises as the
    # allocator does.
    @session.udf(workers=0)
    def raises(x: int) -> int:
        if x == 7:
            raise MemoryError("could not allocate")
        return x * 2

    src = session.read_pandas(pd.DataFrame({"x": list(range(5000))}))["x"]
    with pytest.raises(exceptions.UdfExecutionError, match="MemoryError") as info:
        src.apply(raises).to_pandas()
    assert info.value.input_row == [7] and info.value.routine_id == raises.routine_id
    got = src[src != 7].apply(raises).to_pandas()
    want = pd.Series([x for x in range(5000) if x != 7]).map(raises).astype("Int64")
    pd.testing.assert_series_equal(got.reset_index(drop=True), want, check_names=False)
    session.close()
