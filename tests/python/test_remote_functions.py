"""Remote functions from queries: results equal pandas' apply, batching, retries, reuse,
lifecycle (close, clean_up_by_session_id, delete_routine with the processes gone), restart
of the service, the function limit, a function with packages, and an external endpoint
registered with create_remote_function."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions, remote
from conftest import ENGINE
from remote_helpers import children, own_session, own_warehouse, session, token, wait_until, warehouse  # noqa: F401


def add_one(x: int) -> int:
    return None if x is None else x + 1


def test_apply_matches_pandas(session):
    f = session.remote_function(add_one, max_batching_rows=70)
    assert not f.transpiled  # calls the service, never rewritten to SQL
    values = pd.Series(pd.array(list(range(-50, 5000)) + [None, 7], dtype="Int64"), name="x")
    got = session.read_pandas(values.to_frame())["x"].apply(f).to_pandas()
    want = values.astype(object).where(values.notna(), None).apply(f).astype("Int64")
    pd.testing.assert_series_equal(got, want)
    # map, and re-execution gives the same.
    pd.testing.assert_series_equal(session.read_pandas(values.to_frame())["x"].map(f).to_pandas(), want)


def mix(a: float, b: str) -> str:
    return None if a is None or b is None else f"{b}={a:.2f}"


def test_combine_and_rows_match_pandas(session, pd_penguins):
    penguins = pd_penguins
    f = session.remote_function(mix)
    df = session.read_pandas(penguins)
    got = df["bill_length_mm"].combine(df["species"], f).to_pandas()
    p = penguins.astype(object).where(penguins.notna(), None)
    want = pd.Series([mix(a, b) for a, b in zip(p["bill_length_mm"], p["species"])], dtype="string")
    pd.testing.assert_series_equal(got, want, check_names=False)


def row_label(row) -> str:
    return f"{row['species']}/{row['island']}/{row['body_mass_g']}"


def test_dataframe_apply_axis_1(session, pd_penguins):
    penguins = pd_penguins
    f = session.remote_function(row_label, input_types=cpd.Series, output_type=str)
    cols = ["species", "island", "body_mass_g"]
    got = session.read_pandas(penguins[cols])[cols].apply(f, axis=1).to_pandas()
    p = penguins[cols].astype(object).where(penguins[cols].notna(), None)
    want = p.apply(row_label, axis=1).astype("string")
    pd.testing.assert_series_equal(got, want, check_names=False)


def crash_once(path: str) -> int:
    import os

    if not os.path.exists(path):
        open(path, "w").close()
        os._exit(1)
    return len(path)


def test_engine_retries_a_crashed_worker(session, tmp_path):
    f = session.remote_function(crash_once)
    marker = str(tmp_path / "crashed")
    got = session.read_pandas(pd.DataFrame({"p": [marker] * 3}))["p"].apply(f).to_pandas()
    assert os.path.exists(marker)
    assert got.tolist() == [len(marker)] * 3


def raises(x: int) -> int:
    raise ValueError(f"bad value {x}")


def test_errors_fail_the_query(session):
    f = session.remote_function(raises)
    with pytest.raises(exceptions.RemoteFunctionError) as e:
        session.read_pandas(pd.DataFrame({"x": [1, 2]}))["x"].apply(f).to_pandas()
    # Spark runs the rows' batches in parallel tasks: the error reported is that of a row that failed first
    # in time, either one; DuckDB calls in row order.
    failed = ["bad value 1", "bad value 2"] if ENGINE == "spark" else ["bad value 1"]
    assert e.value.status == 400 and any(f"ValueError: {v}" in e.value.error_message for v in failed), e.value


def test_reuse_and_describe(session, warehouse):
    def first(x: int) -> int:
        return None if x is None else x * 3

    def second(y: int) -> int:  # the same meaning: renamed, commented, reformatted
        return None if y is None else (y * 3)  # triple

    a = session.remote_function(first)
    b = session.remote_function(second)
    assert a.created and not b.created and a.routine_id == b.routine_id
    info = session.describe_routine(a.routine_id)
    assert info["deployed"] and info["endpoint"] == a.endpoint
    assert info["connection"] == remote.DEFAULT_CONNECTION and info["invokers"] == [remote.DEFAULT_CONNECTION]
    assert oct(os.stat(warehouse / "connections" / f"{remote.DEFAULT_CONNECTION}.token").st_mode & 0o777) == "0o600"
    g = session.read_function(a.routine_id)
    assert g(4) == 12
    got = session.read_pandas(pd.DataFrame({"x": [1, None]}, dtype="Int64"))["x"].apply(g).to_pandas()
    assert got.tolist() == [3, pd.NA]
    out = subprocess.run([os.path.join(os.path.dirname(sys.executable), "cormorant"), "functions", "list",
                          "--warehouse", str(warehouse)], capture_output=True, text=True, timeout=60, check=True)
    assert a.routine_id in out.stdout and session.session_id in out.stdout


def test_connection_check(session):
    with pytest.raises(exceptions.NotFoundError, match="missing-conn"):
        session.remote_function(add_one, connection="missing-conn")
    cpd.options.compute.skip_connection_check = True
    try:
        f = session.remote_function(add_one, connection="missing-conn", name="unchecked", dataset="fns")
        assert f.connection == "missing-conn"
    finally:
        cpd.options.compute.skip_connection_check = False


def service_pid(warehouse) -> int:
    return remote.find_service(str(warehouse))[1]


def test_close_undeploys_and_stops_workers(own_warehouse):
    s = cpd.Session(str(own_warehouse))
    f = s.remote_function(add_one)
    s.read_pandas(pd.DataFrame({"x": [1, 2]}))["x"].apply(f).to_pandas()
    pid = service_pid(own_warehouse)
    assert children(pid)
    s.close()
    assert wait_until(lambda: not children(pid))
    assert not (own_warehouse / "catalog" / f"_session_{s.session_id}").exists()


def test_clean_up_by_session_id_undeploys(own_warehouse, tmp_path):
    code = (
        "import os, sys, pandas as pd, cormorant.pandas as cpd\n"
        "s = cpd.Session(sys.argv[1])\n"
        "def inc(x: int) -> int:\n    return x + 1\n"
        "f = s.remote_function(inc)\n"
        "s.read_pandas(pd.DataFrame({'x': [1]}))['x'].apply(f).to_pandas()\n"
        "print(s.session_id, f.routine_id, flush=True)\n"
        "os._exit(0)\n"  # a crash: no close
    )
    script = tmp_path / "crashing_session.py"
    script.write_text(code)
    out = subprocess.run([sys.executable, str(script), str(own_warehouse)], capture_output=True, text=True, timeout=60,
                         check=True)
    session_id, routine_id = out.stdout.split()
    pid = service_pid(own_warehouse)
    assert children(pid)
    s = cpd.Session(str(own_warehouse))
    try:
        s.clean_up_by_session_id(session_id)
        assert wait_until(lambda: not children(pid))
        assert "routine_id" not in out.stdout and routine_id not in remote._core.deployed_functions(str(own_warehouse))
    finally:
        s.close()


def test_named_functions_survive_a_restart_and_delete_undeploys(own_session, own_warehouse):
    f = own_session.remote_function(add_one, dataset="fns", name="inc")
    df = pd.DataFrame({"x": [1, None, 3]}, dtype="Int64")
    want = own_session.read_pandas(df)["x"].apply(f).to_pandas()
    assert remote.stop_service(str(own_warehouse))
    assert remote.find_service(str(own_warehouse)) is None
    # Started explicitly with the installed command; the function comes back from the catalog.
    cmd = [os.path.join(os.path.dirname(sys.executable), "cormorant"), "functions", "serve", "--warehouse",
           str(own_warehouse)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert wait_until(lambda: remote.find_service(str(own_warehouse)) is not None, 20)
        assert "fns.inc" in remote._core.deployed_functions(str(own_warehouse))
        other = cpd.Session(str(own_warehouse))
        try:
            g = other.read_function("fns.inc")
            pd.testing.assert_series_equal(other.read_pandas(df)["x"].apply(g).to_pandas(), want)
        finally:
            other.close()
        own_session.delete_routine("fns.inc")
        assert "fns.inc" not in remote._core.deployed_functions(str(own_warehouse))
    finally:
        remote.stop_service(str(own_warehouse))
        proc.wait(timeout=20)
    # A query after the service stopped starts it again.
    own_session.remote_function(add_one, dataset="fns", name="inc2")
    remote.stop_service(str(own_warehouse))
    g = own_session.read_function("fns.inc2")
    pd.testing.assert_series_equal(own_session.read_pandas(df)["x"].apply(g).to_pandas(), want)


def test_function_limit(own_session):
    cpd.options.compute.max_functions = 2
    try:
        own_session.remote_function(add_one, dataset="fns", name="one")
        own_session.remote_function(add_one, dataset="fns", name="two")
        with pytest.raises(exceptions.InvalidArgumentError, match="max_functions = 2"):
            own_session.remote_function(add_one, dataset="fns", name="three")
        own_session.remote_function(add_one, dataset="fns", name="two")  # an existing one is replaced
    finally:
        cpd.options.compute.max_functions = 1000


def _tiny_wheel(folder) -> None:
    """A wheel of package cormorant_tinypkg 1.0 (VALUE = 41), written by hand."""
    name = "cormorant_tinypkg-1.0"
    files = {
        "cormorant_tinypkg/__init__.py": "VALUE = 41\n",
        f"{name}.dist-info/METADATA": "Metadata-Version: 2.1\nName: cormorant_tinypkg\nVersion: 1.0\n",
        f"{name}.dist-info/WHEEL": "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    with zipfile.ZipFile(folder / f"{name}-py3-none-any.whl", "w") as z:
        for path, text in files.items():
            z.writestr(path, text)
        z.writestr(f"{name}.dist-info/RECORD", "".join(f"{p},,\n" for p in files) + f"{name}.dist-info/RECORD,,\n")


def with_package(x: int) -> int:
    import cormorant_tinypkg

    return x + cormorant_tinypkg.VALUE


def test_packages_get_their_own_environment(session, warehouse, tmp_path):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    _tiny_wheel(wheels)
    cpd.options.compute.pip_args = ["--no-index", "--find-links", str(wheels)]
    try:
        f = session.remote_function(with_package, packages=["cormorant_tinypkg==1.0"])
    finally:
        cpd.options.compute.pip_args = []
    with pytest.raises(ImportError):
        import cormorant_tinypkg  # noqa: F401 - only the function's environment has it
    got = session.read_pandas(pd.DataFrame({"x": [1, 2]}))["x"].apply(f).to_pandas()
    assert got.tolist() == [42, 43]
    assert len(list((warehouse / "functions" / "venvs").glob("*/.complete"))) == 1


class _Protocol(BaseHTTPRequestHandler):
    """A protocol server outside cormorant: replies x * 10 + the context's offset."""

    seen: list = []

    def do_POST(self):  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).seen.append((self.headers.get("Authorization"), body.get("userDefinedContext")))
        offset = int(body["userDefinedContext"]["offset"])
        replies = [None if c[0] is None else c[0] * 10 + offset for c in body["calls"]]
        data = json.dumps({"replies": replies}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_external_endpoint(session, warehouse):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Protocol)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/fn"
        f = session.create_remote_function("ext.times_ten", endpoint=url, input_types=[int], output_type=int,
                                           user_defined_context={"offset": "5"}, max_batching_rows=10)
        values = pd.Series(pd.array(list(range(95)) + [None], dtype="Int64"), name="x")
        got = session.read_pandas(values.to_frame())["x"].apply(f).to_pandas()
        want = values.astype(object).apply(lambda v: None if v is pd.NA else v * 10 + 5).astype("Int64")
        pd.testing.assert_series_equal(got, want)
        assert len(_Protocol.seen) >= 10
        assert _Protocol.seen[0] == (f"Bearer {token(warehouse)}", {"offset": "5"})
        assert session.describe_routine("ext.times_ten")["endpoint"] == url
        assert session.read_function("ext.times_ten").endpoint == url
    finally:
        server.shutdown()
