"""Shared helpers of the remote-function tests: a warehouse whose function service is stopped
(by pid) when the test ends, and raw HTTP calls of the protocol."""

from __future__ import annotations

import http.client
import json
import os
import time
import urllib.parse

import pytest

import cormorant.pandas as cpd
from cormorant import remote


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    """A warehouse and its function service shared by a module's tests (the service starts
    once; each test's functions stay deployed until the module ends)."""
    wh = tmp_path_factory.mktemp("remote") / "wh"
    wh.mkdir()
    yield wh
    remote.stop_service(str(wh))


@pytest.fixture(scope="module")
def session(warehouse):
    s = cpd.Session(str(warehouse))
    yield s
    s.close()


@pytest.fixture
def own_warehouse(tmp_path):
    """A warehouse of the test's own, for tests that stop, restart or count the service's
    functions and processes."""
    wh = tmp_path / "wh"
    wh.mkdir()
    yield wh
    remote.stop_service(str(wh))


@pytest.fixture
def own_session(own_warehouse):
    s = cpd.Session(str(own_warehouse))
    yield s
    try:
        s.close()
    except Exception:  # noqa: BLE001 - some tests close it themselves
        pass


def token(warehouse, connection: str = remote.DEFAULT_CONNECTION) -> str:
    return (warehouse / "connections" / f"{connection}.token").read_text()


def post(url: str, body, token_value: str | None, timeout: float = 30) -> tuple[int, dict]:
    """POSTs `body` (bytes, or JSON-encoded) to `url`; returns (status, JSON answer)."""
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    headers = {"Content-Type": "application/json"}
    if token_value is not None:
        headers["Authorization"] = f"Bearer {token_value}"
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    conn.request("POST", u.path, data, headers)
    r = conn.getresponse()
    text = r.read()
    conn.close()
    return r.status, json.loads(text) if text else {}


def request(calls, **extra) -> dict:
    return {"requestId": "t-1", "caller": "test", "sessionUser": "tester", "userDefinedContext": {}, "calls": calls,
            **extra}


def children(pid: int) -> list[int]:
    """The live processes whose parent is `pid`."""
    out = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if fields[0] != "Z" and int(fields[1]) == pid:
            out.append(int(entry))
    return out


def wait_until(predicate, timeout: float = 10) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()
