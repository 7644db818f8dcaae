"""Concurrent deploys into one warehouse: several processes, each with several threads,
deploy remote functions at once (distinct names and one shared name) with no service
running. One service comes up, every deploy that succeeded is in the catalog and on the
service (none lost), and the max_functions limit holds exactly."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading

import pandas as pd

import cormorant.pandas as cpd
from cormorant import remote
from remote_helpers import own_warehouse  # noqa: F401 - fixture

PROCESSES, THREADS, LIMIT = 3, 4, 8


def add_two(x: int) -> int:
    return None if x is None else x + 2


def _deploy_from_threads(warehouse: str, proc: int) -> dict:
    """In a process of its own: THREADS threads deploy fns.f_<proc>_<t> and fns.shared."""
    import cormorant.pandas as cpd
    from cormorant import remote

    cpd.options.compute.max_functions = LIMIT
    s = cpd.Session(warehouse)
    out = {"deployed": [], "refused": [], "errors": []}
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def deploy(t: int) -> None:
        start.wait()
        for name in (f"f_{proc}_{t}", "shared"):
            try:
                f = s.remote_function(add_two, dataset="fns", name=name, max_instances=1)
                with lock:
                    out["deployed"].append(f.routine_id)
            except Exception as e:  # noqa: BLE001 - sorted below
                with lock:
                    (out["refused"] if "max_functions" in str(e) else out["errors"]).append(f"{name}: {e}")

    threads = [threading.Thread(target=deploy, args=(t,)) for t in range(THREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    out["service"] = remote.find_service(warehouse)
    s.close()
    return out


def _services_of(warehouse) -> list[int]:
    """Live processes running `cormorant functions serve` for `warehouse`."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmdline = open(f"/proc/{entry}/cmdline", "rb").read().split(b"\0")
        except OSError:
            continue
        if b"serve" in cmdline and str(warehouse).encode() in cmdline:
            pids.append(int(entry))
    return pids


def test_concurrent_deploys_from_processes_and_threads(own_warehouse):
    warehouse = own_warehouse
    assert remote.find_service(str(warehouse)) is None
    ctx = multiprocessing.get_context("spawn")  # no fork of a process with engine threads
    with ctx.Pool(PROCESSES) as pool:
        results = pool.starmap(_deploy_from_threads, [(str(warehouse), p) for p in range(PROCESSES)])
    assert [e for r in results for e in r["errors"]] == []
    # One service came up, and every process found that one.
    services = {tuple(r["service"]) for r in results}
    assert len(services) == 1 and _services_of(warehouse) == [next(iter(services))[1]]
    # The limit holds exactly: LIMIT distinct functions deployed, every other deploy refused.
    deployed = {rid for r in results for rid in r["deployed"]}
    attempts = PROCESSES * THREADS + 1
    assert len(deployed) == LIMIT
    refused_names = {msg.split(":")[0] for r in results for msg in r["refused"]}
    assert len(refused_names) == attempts - LIMIT and not refused_names & {d.split(".")[1] for d in deployed}
    # None lost: each is in the catalog and on the service, and answers.
    s = cpd.Session(str(warehouse))
    try:
        catalog = {r["routine_id"] for r in remote._core.all_routines(str(warehouse)) if r.get("deployed")}
        assert catalog == deployed
        hosted = {f["routine_id"] for f in json.loads(remote._core.deployed_functions(str(warehouse)))}
        assert deployed <= hosted
        values = pd.Series(pd.array([1, None, 40], dtype="Int64"), name="x")
        some = sorted(deployed)[0]
        got = s.read_pandas(values.to_frame())["x"].apply(s.read_function(some)).to_pandas()
        want = values.astype(object).where(values.notna(), None).apply(add_two).astype("Int64")
        pd.testing.assert_series_equal(got, want)
    finally:
        s.close()
