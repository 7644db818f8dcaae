"""User functions on the Spark engine (issue 14 part 4): UDF routines run as Arrow UDFs on the
executors, built from their stored code; remote functions called from the executors with
BigQuery's protocol. Every result is compared with the same program on the DuckDB engine and
with pandas 3.1 applying the plain function (the oracle); batches and headers with a raw-HTTP
server's own record of the requests it got; errors with the DuckDB engine's errors.

Python UDFs on Spark start slowly (an executor's Python worker imports cormorant once): each
test runs a few queries only.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions, remote

ENGINES = ["duckdb", "spark"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    wh = tmp_path_factory.mktemp("functions") / "wh"
    wh.mkdir()
    yield wh
    remote.stop_service(str(wh))




def _plain(values: pd.Series) -> pd.Series:
    """`values` as the Python objects a UDF receives: missing values as None."""
    return values.astype(object).where(values.notna(), None)


def _on_both(sessions, frame: pd.DataFrame, program):
    """`program(cormorant frame)` on each engine, as pandas objects: {engine: result}."""
    return {e: program(s.read_pandas(frame)).to_pandas() for e, s in sessions.items()}


def _same_on_both(got: dict, want) -> None:
    for engine, result in got.items():
        if isinstance(want, pd.DataFrame):
            pd.testing.assert_frame_equal(result, want, check_names=False, obj=engine)
        else:
            pd.testing.assert_series_equal(result, want, check_names=False, obj=engine)


# -- routines -------------------------------------------------------------------------------

def score(x: float) -> float:
    import math

    return None if x is None else math.floor(x * 7.5) / 3 + 0.25


def label(s: str, n: int) -> str:
    if s is None:
        return None
    return f"{s.upper()}:{n}" if n is not None else s[::-1]


def test_apply_map_combine_and_reexecution(sessions):
    """Series.apply and map (missing values in and out), Series.combine of two routines' types,
    each equal to pandas on both engines; the Spark query run twice gives the same."""
    f = sessions["duckdb"].udf(score, transpile=False)
    g = sessions["duckdb"].udf(label)
    frame = pd.DataFrame({
        "x": pd.array([1.5, None, -2.25, 1e300, float("nan"), 0.0, -0.0] * 3, dtype="Float64"),
        "s": pd.array(["a", "Zürich", None, "", "ß", "q", None] * 3, dtype="string"),
        "n": pd.array([1, None, -(2**62), 7, 0, None, 2**62] * 3, dtype="Int64"),
    })
    p = frame.astype(object).where(frame.notna(), None)
    want = pd.DataFrame({
        "a": pd.array([score(v) for v in p["x"]], dtype="Float64"),
        "b": pd.array([label(s, n) for s, n in zip(p["s"], p["n"])], dtype="string"),
    })

    def program(df):
        return df.assign(a=df["x"].apply(f), b=df["s"].combine(df["n"], g))[["a", "b"]]

    got = _on_both(sessions, frame, program)
    _same_on_both(got, want)
    spark = sessions["spark"].read_pandas(frame)
    pd.testing.assert_series_equal(spark["x"].map(f).to_pandas(), want["a"], check_names=False)
    pd.testing.assert_frame_equal(program(spark).to_pandas(), want)  # re-executed


def when(t, d):
    import datetime

    if t is None or d is None:
        return None
    return datetime.datetime.combine(d, t.time()) + datetime.timedelta(microseconds=1)


def utc_hour(t):
    return None if t is None else t.hour * 100 + t.minute


def spread(n: int) -> list[int]:
    return None if n is None else [n, None, -n]


def is_big(n: int) -> bool:
    return None if n is None else n > 10


def test_several_routines_of_several_dtypes_in_one_query(sessions):
    """Naive and UTC datetimes, dates, lists, booleans and int64 beyond 2**53, four routines in
    one query, equal to pandas on both engines."""
    base = sessions["duckdb"]
    fs = [base.udf(when, input_types=[dt.datetime, dt.date], output_type=dt.datetime),
          base.udf(utc_hour, input_types=["datetime64[us, UTC]"], output_type=int),
          base.udf(spread), base.udf(is_big, transpile=False)]
    t = pd.array(["2024-01-01 10:00:00.000001", None, "1969-12-31 23:59:59", "2262-04-11"], dtype="datetime64[us]")
    frame = pd.DataFrame({
        "t": t,
        "u": pd.Series(t).dt.tz_localize("UTC"),
        "d": pd.Series([dt.date(2024, 2, 29), dt.date(1, 1, 1), None, dt.date(9999, 12, 30)], dtype="date32[day][pyarrow]"),
        "n": pd.array([2**62 + 1, None, -5, 11], dtype="Int64"),
    })
    p = {c: [None if pd.isna(v) else v.to_pydatetime() if isinstance(v, pd.Timestamp) else v for v in frame[c].astype(object)]
         for c in frame}
    want = pd.DataFrame({
        "w": pd.Series([when(a, b) for a, b in zip(p["t"], p["d"])], dtype="datetime64[us]"),
        "h": pd.array([utc_hour(v) for v in p["u"]], dtype="Int64"),
        "l": pd.Series([spread(v) for v in p["n"]], dtype=pd.ArrowDtype(pa.list_(pa.int64()))),
        "b": pd.array([is_big(v) for v in p["n"]], dtype="boolean"),
    })

    def program(df):
        return df.assign(w=df["t"].combine(df["d"], fs[0]), h=df["u"].apply(fs[1]), l=df["n"].apply(fs[2]),
                         b=df["n"].apply(fs[3]))[["w", "h", "l", "b"]]

    got = _on_both(sessions, frame, program)
    _same_on_both(got, want)


def row_text(row) -> str:
    return f"{row['s']}/{row['n']}/{row[3]}"


def test_dataframe_apply_by_row_and_empty_input(sessions):
    """DataFrame.apply(axis=1) with a routine of the row (labels a str and an int), and a
    routine over no rows (an empty result of its dtype), on both engines vs pandas."""
    f = sessions["duckdb"].udf(row_text, input_types=cpd.Series, output_type=str)
    g = sessions["duckdb"].udf(score, transpile=False)
    frame = pd.DataFrame({"s": pd.array(["a", None, "c"], dtype="string"), "n": pd.array([1, 2, None], dtype="Int64"),
                          3: pd.array([0.5, None, 2.0], dtype="Float64")})
    p = frame.astype(object).where(frame.notna(), None)
    want = p.apply(row_text, axis=1).astype("string")
    _same_on_both(_on_both(sessions, frame, lambda df: df.apply(f, axis=1)), want)
    empty = _on_both(sessions, frame, lambda df: df[df["n"] > 100][3].apply(g))
    for engine, result in empty.items():
        assert len(result) == 0 and str(result.dtype) == "Float64", (engine, result)


def fails_on_two(x: int) -> int:
    if x == 2:
        raise ValueError(f"no {x}")
    return x


def wrong_type(x: int) -> int:
    return "two" if x == 2 else x


def test_errors_are_the_duckdb_engines_and_the_session_goes_on(sessions):
    """A routine that raises, and one returning a value of the wrong type: UdfExecutionError
    with the DuckDB engine's message, routine id and input row (not Spark's traceback); the
    Spark session runs its next query."""
    frame = pd.DataFrame({"x": pd.array([1, 2, None, 4], dtype="Int64")})
    for fn in (fails_on_two, wrong_type):
        f = sessions["duckdb"].udf(fn, transpile=False)
        errors = {}
        for engine, s in sessions.items():
            with pytest.raises(exceptions.UdfExecutionError) as e:
                s.read_pandas(frame)["x"].apply(f).to_pandas()
            errors[engine] = e.value
        d, k = errors["duckdb"], errors["spark"]
        assert str(k) == str(d) and k.routine_id == d.routine_id == f.routine_id and k.input_row == d.input_row == [2]
        assert "Traceback" not in str(k) and "Py4J" not in str(k) and "PythonException" not in str(k)
        if fn is fails_on_two:
            assert "ValueError: no 2" in k.python_traceback
    ok = sessions["spark"].read_pandas(frame)["x"].apply(sessions["duckdb"].udf(is_big, transpile=False)).to_pandas()
    pd.testing.assert_series_equal(ok, pd.Series([False, False, None, False], dtype="boolean", name="x"))


def test_plain_function_is_refused_on_spark(sessions):
    """A plain Python function has no stored code: refused on Spark before anything runs,
    naming what to do; the session stays usable."""
    df = sessions["spark"].read_pandas(pd.DataFrame({"x": pd.array([1, 2], dtype="Int64")}))
    with pytest.raises(exceptions.UnsupportedError, match=r"@cpd\.udf"):
        df["x"].apply(lambda v: v + 1).to_pandas()
    assert df["x"].sum() == 3


def test_two_spark_sessions_at_once(spark_remote, warehouse, sessions, spark):
    """Two Spark sessions run routines at the same time (threads), each its own rows; a
    session's functions are its own (another Spark session does not see them)."""
    f = sessions["duckdb"].udf(score, transpile=False)
    frames = [pd.DataFrame({"x": pd.array([float(i + k) for i in range(50)] + [None], dtype="Float64")}) for k in (0, 1000)]
    results, errors = [None, None], []

    def run(i):
        try:
            s = cpd.Session(str(warehouse), engine="spark", spark_remote=spark_remote)
            try:
                results[i] = s.read_pandas(frames[i])["x"].apply(f).to_pandas()
            finally:
                s.close()
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert not errors, errors
    for i in range(2):
        want = pd.Series(pd.array([score(v) for v in _plain(frames[i]["x"])], dtype="Float64"), name="x")
        pd.testing.assert_series_equal(results[i], want)
    names = {r.function for r in spark.sql("SHOW USER FUNCTIONS").collect()}
    assert not any("cormorant_udf" in n for n in names), names


# -- remote functions -----------------------------------------------------------------------

def add_one(x: int) -> int:
    return None if x is None else x + 1


def test_deployed_remote_function_with_missing_values(sessions):
    """A function deployed on the warehouse's service, called from the executors: equal to
    pandas on both engines, missing values included, in batches of at most 7 rows."""
    f = sessions["duckdb"].remote_function(add_one, max_batching_rows=7)
    frame = pd.DataFrame({"x": pd.array(list(range(-30, 40)) + [None, 2**62], dtype="Int64")})
    want = pd.Series(pd.array([add_one(v) for v in _plain(frame["x"])], dtype="Int64"), name="x")
    _same_on_both(_on_both(sessions, frame, lambda df: df["x"].apply(f)), want)


class _Recorder(BaseHTTPRequestHandler):
    """A protocol server outside cormorant that records each request's headers and body, and
    answers x * 10 + the context's offset, or what `mode` says: 'error' (errorMessage, 400),
    '500' (always), 'die' (the server stops at its first request, answering nothing)."""

    seen: list = []
    mode = "ok"
    lock = threading.Lock()

    def do_POST(self):  # noqa: N802 - http.server's name
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with type(self).lock:
            type(self).seen.append((dict(self.headers), body))
        mode = type(self).mode
        if mode == "die":  # (its listening socket closed too: connections waiting are refused)
            self.close_connection = True
            server = self.server
            threading.Thread(target=lambda: (server.shutdown(), server.server_close()), daemon=True).start()
            return
        if mode == "error":
            status, answer = 400, {"errorMessage": "the model refused x"}
        elif mode == "500":
            status, answer = 500, {"errorMessage": "overloaded"}
        else:
            offset = int(body["userDefinedContext"]["offset"])
            status, answer = 200, {"replies": [None if c[0] is None else c[0] * 10 + offset for c in body["calls"]]}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen, _Recorder.mode = [], "ok"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_endpoint_batches_as_the_protocol_says(sessions, warehouse, recorder):
    """Requests from the executors, as the server recorded them: BigQuery's request keys, the
    connection's token, the routine's userDefinedContext, at most max_batching_rows calls each,
    every value sent exactly once; results equal pandas' and the DuckDB engine's."""
    url = f"http://127.0.0.1:{recorder.server_address[1]}/fn"
    f = sessions["duckdb"].create_remote_function("ext.times_ten", endpoint=url, input_types=[int], output_type=int,
                                                  user_defined_context={"offset": "5"}, max_batching_rows=9)
    frame = pd.DataFrame({"x": pd.array(list(range(100)) + [None, -(2**40)], dtype="Int64")})
    want = pd.Series([None if v is None else v * 10 + 5 for v in _plain(frame["x"])], dtype="Int64", name="x")
    got = sessions["spark"].read_pandas(frame)["x"].apply(f).to_pandas()
    pd.testing.assert_series_equal(got, want)
    token = (warehouse / "connections" / f"{remote.DEFAULT_CONNECTION}.token").read_text()
    sent = []
    for headers, body in _Recorder.seen:
        assert set(body) == {"requestId", "caller", "sessionUser", "userDefinedContext", "calls"}
        assert headers["Authorization"] == f"Bearer {token}" and body["userDefinedContext"] == {"offset": "5"}
        assert 1 <= len(body["calls"]) <= 9 and all(len(c) == 1 for c in body["calls"])
        sent += [c[0] for c in body["calls"]]
    assert sorted(sent, key=lambda v: (v is None, v)) == sorted(_plain(frame["x"]).tolist(), key=lambda v: (v is None, v))
    assert len({b["requestId"] for _, b in _Recorder.seen}) == len(_Recorder.seen)
    pd.testing.assert_series_equal(sessions["duckdb"].read_pandas(frame)["x"].apply(f).to_pandas(), want)


@pytest.mark.parametrize("mode", ["error", "500", "die"])
def test_endpoint_failures_are_typed(sessions, recorder, mode):
    """errorMessage with 400 (not retried), HTTP 500 (retried, then failed), a server that dies
    mid-query (no answer, then refused connections): RemoteFunctionError with the status and
    errorMessage of the DuckDB engine's client; the Spark session runs its next query."""
    _Recorder.mode = mode
    url = f"http://127.0.0.1:{recorder.server_address[1]}/fn"
    f = sessions["duckdb"].create_remote_function(f"ext.fails_{mode}", endpoint=url, input_types=[int], output_type=int,
                                                  user_defined_context={"offset": "1"}, max_batching_rows=2)
    frame = pd.DataFrame({"x": pd.array([1, 2, 3, 4, 5], dtype="Int64")})
    with pytest.raises(exceptions.RemoteFunctionError) as e:
        sessions["spark"].read_pandas(frame)["x"].apply(f).to_pandas()
    assert e.value.routine_id == f.routine_id
    assert e.value.status == {"error": 400, "500": 500, "die": 0}[mode]
    if mode == "die":
        assert "could not be reached" in str(e.value)
    else:
        assert e.value.error_message == {"error": "the model refused x", "500": "overloaded"}[mode]
    tries = {}
    for _, body in _Recorder.seen:
        tries[body["requestId"]] = tries.get(body["requestId"], 0) + 1
    if mode == "500":  # a request is tried at most max_attempts (6) times by the core's client
        assert max(tries.values()) == 6, tries
    if mode != "die":
        # Spark's task ran once: its retries raise the recorded error without calling again
        # (the 5 rows are at most 3 requests of at most 2, whatever Spark's tasks hold)
        assert len(tries) <= 3, tries
    assert "Traceback" not in str(e.value) and "PythonException" not in str(e.value)
    assert sessions["spark"].read_pandas(frame)["x"].sum() == 15


def test_routine_read_from_the_catalog_with_workers(sessions):
    """A routine read back from the catalog (read_function, as another process would) with
    workers=2 (the DuckDB engine's worker processes) runs on Spark from the same stored code:
    equal to pandas on both engines."""
    stored = sessions["duckdb"].udf(label, dataset="fns", name="label_for_spark")
    f = sessions["spark"].read_function(stored.routine_id, workers=2)
    frame = pd.DataFrame({"s": pd.array(["ab", None, "Zürich"], dtype="string"), "n": pd.array([None, 3, 4], dtype="Int64")})
    want = pd.Series(pd.array([label(s, n) for s, n in zip(_plain(frame["s"]), _plain(frame["n"]))], dtype="string"))
    _same_on_both(_on_both(sessions, frame, lambda df: df["s"].combine(df["n"], f)), want)


# -- sessions sharing a Spark session, the token, dead services, failing tasks, batches ------

def halve(x: int) -> float:
    return None if x is None else x / 2


def third(x: int) -> float:
    return None if x is None else x / 3


class _SharedSpark:
    """One pyspark session handed to several cormorant sessions (as a C++ program may share one
    adapter): stop() leaves it running for the others."""

    def __init__(self, spark):
        self._spark = spark

    def __getattr__(self, name):
        return getattr(self._spark, name)

    def stop(self):
        pass


def test_sessions_sharing_one_spark_session_call_their_own_code(spark_remote, tmp_path, monkeypatch):
    """Three cormorant sessions on one Spark Connect session, each over its own warehouse with a
    routine fns.f: the same code in the first two, other code in the third. Each query gives
    its own routine's results (pandas applying the plain function); each registration is named
    by the session's id; closing one session leaves the others' functions in place."""
    from cormorant import _spark

    shared = _spark.connect(spark_remote)
    monkeypatch.setattr(_spark, "connect", lambda remote: _SharedSpark(shared))
    frame = pd.DataFrame({"x": pd.array([1, None, 7, -4], dtype="Int64")})
    codes = [halve, halve, third]
    sessions, fs = [], []
    try:
        for i, code in enumerate(codes):
            (tmp_path / str(i)).mkdir()
            s = cpd.Session(str(tmp_path / str(i)), engine="spark", spark_remote=spark_remote)
            sessions.append(s)
            fs.append(s.udf(code, dataset="fns", name="f", transpile=False))
        assert fs[0].routine_id == fs[1].routine_id == fs[2].routine_id == "fns.f"

        def check(i):
            want = pd.Series(pd.array([codes[i](v) for v in _plain(frame["x"])], dtype="Float64"), name="x")
            pd.testing.assert_series_equal(sessions[i].read_pandas(frame)["x"].apply(fs[i]).to_pandas(), want)

        for i in range(3):
            check(i)
        names = [r.function for r in shared.sql("SHOW USER FUNCTIONS").collect()]
        for s in sessions:
            assert sum(s.session_id in n for n in names) == 1, (s.session_id, names)
        sessions[0].close()
        check(1)  # (the same code and engine name as the closed session's: its own registration)
        check(2)
        names = [r.function for r in shared.sql("SHOW USER FUNCTIONS").collect()]
        assert not any(sessions[0].session_id in n for n in names), names
    finally:
        for s in sessions:
            s.close()
        shared.stop()


def test_token_stays_out_of_the_registered_function_and_plans(spark_remote, warehouse, recorder, monkeypatch):
    """The connection's token is not in the function Spark registers (whose pickled closure
    Spark keeps in its plans) nor in EXPLAIN of the query: the executors read it from the
    connection's file; the service still gets it (the raw recorder's Authorization header)."""
    from cormorant import _spark

    registered, ran, runners = [], [], []
    register, query = _spark.Runner.register_function, _spark.Runner.query

    def recording_register(self, name, spec, result_type):
        registered.append(spec)
        runners.append(self)
        return register(self, name, spec, result_type)

    def recording_query(self, sql):
        ran.append(sql)
        return query(self, sql)

    monkeypatch.setattr(_spark.Runner, "register_function", recording_register)
    monkeypatch.setattr(_spark.Runner, "query", recording_query)
    s = cpd.Session(str(warehouse), engine="spark", spark_remote=spark_remote)
    try:
        url = f"http://127.0.0.1:{recorder.server_address[1]}/fn"
        f = s.create_remote_function("ext.token_kept", endpoint=url, input_types=[int], output_type=int,
                                     user_defined_context={"offset": "3"})
        frame = pd.DataFrame({"x": pd.array([4, None, 6], dtype="Int64")})
        got = s.read_pandas(frame)["x"].apply(f).to_pandas()
        pd.testing.assert_series_equal(got, pd.Series([43, None, 63], dtype="Int64", name="x"))
        token = (warehouse / "connections" / f"{remote.DEFAULT_CONNECTION}.token").read_text()
        assert len(token) >= 16 and all(h["Authorization"] == f"Bearer {token}" for h, _ in _Recorder.seen)
        assert len(registered) == 1 and token not in registered[0] and "token_file" in json.loads(registered[0])
        sql = [q for q in ran if "cormorant_remote_" in q][-1]
        plan = "\n".join(r[0] for r in runners[0].spark.sql("EXPLAIN EXTENDED " + sql).collect())
        assert "cormorant_remote_" in plan and token not in plan
    finally:
        s.close()


def test_killed_function_service_is_a_typed_error_until_restarted(sessions, warehouse):
    """The warehouse's function service killed (by its pid) between queries: a query on Spark
    raises RemoteFunctionError naming the function and the URL it tried (the executors never
    start a service); after the service is started again the next query works, equal to
    pandas. The failing query runs the task once (Spark's retries raise the recorded error)."""
    import os
    import signal
    import time

    f = sessions["duckdb"].remote_function(add_one, dataset="fns", name="add_one_killed")
    frame = pd.DataFrame({"x": pd.array([3, None, -8], dtype="Int64")})
    want = pd.Series([4, None, -7], dtype="Int64", name="x")
    spark = sessions["spark"]
    pd.testing.assert_series_equal(spark.read_pandas(frame)["x"].apply(f).to_pandas(), want)
    url, pid = remote.find_service(str(warehouse))
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 30
    while remote.find_service(str(warehouse)) is not None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert remote.find_service(str(warehouse)) is None
    start = time.monotonic()
    with pytest.raises(exceptions.RemoteFunctionError) as e:
        spark.read_pandas(frame)["x"].apply(f).to_pandas()
    took = time.monotonic() - start
    assert e.value.routine_id == f.routine_id and e.value.status == 0
    assert f.routine_id in str(e.value) and url in str(e.value), str(e.value)
    print(f"killed service: typed error after {took:.2f} s")
    remote.start_service(str(warehouse))
    pd.testing.assert_series_equal(spark.read_pandas(frame)["x"].apply(f).to_pandas(), want)


@pytest.mark.parametrize("max_batching_rows", [3000, None])
def test_batches_of_more_rows_than_an_engine_batch(sessions, warehouse, recorder, max_batching_rows):
    """25,000 rows (Spark hands a function 10,000-row batches, DuckDB 2,048): on each engine the
    raw recorder sees every value exactly once, at most max_batching_rows calls a request
    (without one: at most an engine batch, 10,000 on Spark), results equal pandas'."""
    url = f"http://127.0.0.1:{recorder.server_address[1]}/fn"
    f = sessions["duckdb"].create_remote_function(f"ext.wide_{max_batching_rows}", endpoint=url, input_types=[int],
                                                  output_type=int, user_defined_context={"offset": "2"},
                                                  max_batching_rows=max_batching_rows)
    values = [None if i % 97 == 0 else i - 12_500 for i in range(25_000)]
    frame = pd.DataFrame({"x": pd.array(values, dtype="Int64")})
    want = pd.Series([None if v is None else v * 10 + 2 for v in values], dtype="Int64", name="x")
    bound = {"duckdb": max_batching_rows or 2048, "spark": max_batching_rows or 10_000}
    for engine, s in sessions.items():
        _Recorder.seen = []
        pd.testing.assert_series_equal(s.read_pandas(frame)["x"].apply(f).to_pandas(), want, obj=engine)
        sizes = [len(b["calls"]) for _, b in _Recorder.seen]
        assert max(sizes) <= bound[engine], (engine, sorted(sizes)[-5:])
        sent = sorted((c[0] for _, b in _Recorder.seen for c in b["calls"]), key=lambda v: (v is None, v))
        assert sent == sorted(values, key=lambda v: (v is None, v)), engine
