"""A named routine replaced while a query runs on it (issue 10, point 5): the running query
finishes on the old code, the next query runs the new code, and nothing deadlocks, in this
process and in worker processes, replaced from another thread or another process."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

import cormorant.pandas as cpd

# The old and the new version of routine fns.tag. A value that is a path blocks the call
# until the file `<path>.go` exists, after creating `<path>.entered`: the query is then
# running, in the middle of its rows.
_OLD = '''
def tag(s: str) -> str:
    import os
    import time
    if s is not None and s.startswith("/"):
        open(s + ".entered", "w").close()
        deadline = time.monotonic() + 60
        while not os.path.exists(s + ".go") and time.monotonic() < deadline:
            time.sleep(0.005)
    return None if s is None else "old:" + s
'''
_NEW = _OLD.replace('"old:"', '"new:"')


def _define(tmp_path: Path, code: str):
    path = tmp_path / f"mod_{abs(hash(code))}.py"
    path.write_text(textwrap.dedent(code))
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.tag


def _replace_in_another_process(warehouse: Path, tmp_path: Path, workers: int) -> None:
    module = tmp_path / "new_version.py"
    module.write_text(textwrap.dedent(_NEW))
    script = textwrap.dedent(f'''
        import importlib.util
        import cormorant.pandas as cpd
        spec = importlib.util.spec_from_file_location("new_version", {str(module)!r})
        m = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(m)
        s = cpd.Session({str(warehouse)!r})
        f = s.udf(m.tag, dataset="fns", name="tag", workers={workers})
        assert f.created, "the new version was not created"
        s.close()
    ''')
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("replacer", ["thread", "process"])
@pytest.mark.parametrize("workers", [0, 1], ids=["in_process", "worker"])
def test_running_query_finishes_on_the_old_version(tmp_path, workers, replacer):
    old_f, new_f = _define(tmp_path, _OLD), _define(tmp_path, _NEW)
    session = cpd.Session(tmp_path / "wh")
    session.udf(old_f, dataset="fns", name="tag", workers=workers)
    gate = str(tmp_path / "gate")
    values = [f"v{i}" for i in range(3000)]
    values[1500] = gate
    values[7] = None
    src = session.read_pandas(pd.DataFrame({"s": pd.array(values, dtype="string")}))["s"]
    running = src.apply(session.read_function("fns.tag", workers=workers))
    result, failure = [], []

    def run():
        try:
            result.append(running.to_pandas())
        except Exception as e:  # noqa: BLE001 - the test inspects it
            failure.append(e)

    query = threading.Thread(target=run, daemon=True)
    query.start()
    try:
        deadline = time.monotonic() + 60
        while not Path(gate + ".entered").exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert Path(gate + ".entered").exists() and query.is_alive(), failure
        # Replaced while the query is blocked inside the old version.
        if replacer == "thread":
            new = session.udf(new_f, dataset="fns", name="tag", workers=workers)
            assert new.created
        else:
            _replace_in_another_process(session.warehouse, tmp_path, workers)
        # A query of another session (a session runs its queries one after another) on the
        # new version runs to its end meanwhile: no deadlock.
        plain = [v for v in values if v != gate]
        second = cpd.Session(session.warehouse)
        other = second.read_pandas(pd.DataFrame({"s": pd.array(plain, dtype="string")}))["s"]
        got_new = other.apply(second.read_function("fns.tag", workers=workers)).to_pandas()
        second.close()
        want_new = pd.Series(plain, dtype="string").astype(object).where(pd.Series(plain).notna(), None).map(new_f)
        pd.testing.assert_series_equal(got_new, want_new.astype("string"), check_names=False)
        assert query.is_alive(), "the running query did not wait at its gate"
    finally:
        Path(gate + ".go").touch()
        query.join(60)
    assert not query.is_alive(), "the running query did not finish"
    assert not failure, failure
    # The running query's rows all come from the old version.
    want_old = pd.Series(values, dtype=object).map(old_f)
    pd.testing.assert_series_equal(result[0], want_old.astype("string"), check_names=False)
    # The next query reads the new version.
    got = src.apply(session.read_function("fns.tag", workers=workers)).to_pandas()
    pd.testing.assert_series_equal(got, pd.Series(values, dtype=object).map(new_f).astype("string"), check_names=False)
    session.close()
