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
    if mode == "500":  # a request is tried at most max_attempts (6) times by the core's client
        tries = {}
        for _, body in _Recorder.seen:
            tries[body["requestId"]] = tries.get(body["requestId"], 0) + 1
        assert max(tries.values()) == 6, tries
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
