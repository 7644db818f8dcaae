"""The function service speaking BigQuery's remote-function protocol, driven with raw HTTP
requests: replies in order with NULLs, every error status, authentication and invoker
roles. The expected replies come from calling the Python function itself."""

from __future__ import annotations

import json
import threading

import pytest

from cormorant import exceptions, remote
from remote_helpers import own_session, own_warehouse, post, request, session, token, wait_until, warehouse  # noqa: F401


def plus_one(x: int) -> int:
    return None if x is None else x + 1


def test_replies_in_order_with_nulls(session, warehouse):
    f = session.remote_function(plus_one)
    values = [5, None, -3, 2**62, 0] + list(range(1000))
    status, body = post(f.endpoint, request([[v] for v in values]), token(warehouse))
    assert status == 200
    assert body == {"replies": [plus_one(v) for v in values]}
    # An empty request gets an empty answer.
    assert post(f.endpoint, request([]), token(warehouse)) == (200, {"replies": []})


def describe(x: float, name: str, flag: bool) -> str:
    if name is None:
        return None
    return f"{name}:{x}:{flag}"


def test_several_argument_types(session, warehouse):
    f = session.remote_function(describe)
    calls = [[1.5, "a", True], [None, "b", None], [2, None, False], ["NaN", "c", True]]
    status, body = post(f.endpoint, request(calls), token(warehouse))
    assert status == 200
    want = [describe(*c) for c in calls[:3]] + [describe(float("nan"), "c", True)]
    assert body["replies"] == want


def fails(x: int) -> int:
    return 10 // x


def test_bad_requests_get_400_and_the_service_keeps_serving(session, warehouse):
    f = session.remote_function(fails)
    t = token(warehouse)
    cases = [
        (b"{not json", "malformed JSON"),
        (b"[1, 2]", "\"calls\""),
        (json.dumps(request([[1, 2]])).encode(), "argument"),
        (json.dumps(request([[1], 3])).encode(), "argument"),
        (json.dumps(request([["x"]])).encode(), "not an integer"),
        (json.dumps(request([[1.5]])).encode(), "not an integer"),
    ]
    for body, fragment in cases:
        status, answer = post(f.endpoint, body, t)
        assert status == 400, body
        assert fragment in answer["errorMessage"], (body, answer)
    # An exception in the function names it.
    status, answer = post(f.endpoint, request([[1], [0]]), t)
    assert status == 400 and "ZeroDivisionError" in answer["errorMessage"]
    assert post(f.endpoint, request([[5]]), t) == (200, {"replies": [fails(5)]})


def test_authentication_and_invoker_role(session, warehouse):
    f = session.remote_function(plus_one)
    assert post(f.endpoint, request([[1]]), None)[0] == 401
    assert post(f.endpoint, request([[1]]), "0" * 64)[0] == 401
    session.create_connection("other")
    status, answer = post(f.endpoint, request([[1]]), token(warehouse, "other"))
    assert status == 403 and "invoker" in answer["errorMessage"]
    session.grant_invoke(f.routine_id, "other")
    assert post(f.endpoint, request([[1]]), token(warehouse, "other")) == (200, {"replies": [2]})
    session.revoke_invoke(f.routine_id, "other")
    assert post(f.endpoint, request([[1]]), token(warehouse, "other"))[0] == 403
    # The service's own administration secret is no connection: it is not listed, and it
    # cannot call functions.
    assert [c["name"] for c in session.list_connections()] == sorted(["other", remote.DEFAULT_CONNECTION])
    admin = (warehouse / "functions" / "admin.token").read_text()
    assert oct((warehouse / "functions" / "admin.token").stat().st_mode & 0o777) == "0o600"
    assert post(f.endpoint, request([[1]]), admin)[0] == 401
    assert [c["name"] for c in remote.list_connections(session=session)] == sorted(["other", remote.DEFAULT_CONNECTION])
    # A missing function is 404; an unknown path too.
    assert post(f.endpoint.replace(f.routine_id, "nope.nothing"), request([[1]]), token(warehouse))[0] == 404


def crash_on_negative(x: int) -> int:
    import os

    if x < 0:
        os._exit(3)
    return x * 2


def test_worker_crash_is_5xx_and_replaced(session, warehouse):
    f = session.remote_function(crash_on_negative)
    t = token(warehouse)
    status, answer = post(f.endpoint, request([[-1]]), t)
    assert status == 503 and "exited with code 3" in answer["errorMessage"]
    assert post(f.endpoint, request([[4]]), t) == (200, {"replies": [8]})


def sleepy(x: float) -> float:
    import time

    time.sleep(x)
    return x


def test_timeout_and_overload(session, warehouse):
    f = session.remote_function(sleepy, max_instances=1, timeout=1)
    t = token(warehouse)
    # (A worker's first call has extra time to start.)
    assert post(f.endpoint, request([[0.0]]), t) == (200, {"replies": [0.0]})
    status, answer = post(f.endpoint, request([[3.0]]), t)
    assert status == 504 and "timeout" in answer["errorMessage"]
    assert post(f.endpoint, request([[0.0]]), t) == (200, {"replies": [0.0]})


def inflight(warehouse, routine_id: str) -> int:
    functions = json.loads(remote._core.deployed_functions(str(warehouse)))
    return next(f["inflight"] for f in functions if f["routine_id"] == routine_id)


def test_configured_queue_bound_and_body_limit(own_session, own_warehouse):
    with pytest.raises(exceptions.InvalidArgumentError, match="max_queue"):
        remote.start_service(str(own_warehouse), max_queue=-1)
    with pytest.raises(exceptions.InvalidArgumentError, match="max_body_bytes"):
        remote.start_service(str(own_warehouse), max_body_bytes=10)
    # Started through the Python API, which runs `cormorant functions serve --max-queue 1
    # --max-body-bytes 4096`.
    remote.start_service(str(own_warehouse), max_queue=1, max_body_bytes=4096)
    f = own_session.remote_function(sleepy, max_instances=1, timeout=30)
    t = token(own_warehouse)
    assert post(f.endpoint, request([[0.0]]), t) == (200, {"replies": [0.0]})  # the worker is up
    # One instance busy and one request waiting fill it: the next one gets 429.
    results = []
    threads = [threading.Thread(target=lambda: results.append(post(f.endpoint, request([[1.5]]), t)))
               for _ in range(2)]
    for th in threads:
        th.start()
    assert wait_until(lambda: inflight(own_warehouse, f.routine_id) == 2, 10)
    status, answer = post(f.endpoint, request([[0.0]]), t)
    assert status == 429 and "max_queue" in answer["errorMessage"]
    for th in threads:
        th.join()
    assert results == [(200, {"replies": [1.5]})] * 2
    assert post(f.endpoint, request([[0.0]]), t) == (200, {"replies": [0.0]})
    # The body limit: 4096 bytes pass, 4097 get 400 and the service keeps serving.
    body = json.dumps(request([[0.0]])).encode()
    padded = body[:-1] + b" " * (4096 - len(body)) + b"}"
    assert len(padded) == 4096 and post(f.endpoint, padded, t) == (200, {"replies": [0.0]})
    status, answer = post(f.endpoint, padded[:-1] + b" }", t)
    assert status == 400 and "larger than the service's limit of 4096 bytes" in answer["errorMessage"]
    assert post(f.endpoint, request([[0.0]]), t) == (200, {"replies": [0.0]})
