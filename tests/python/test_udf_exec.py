"""How UDFs execute: max_batching_rows bounds each call, results stay pandas' results."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd

from conftest import ENGINE


def _rows_in_call(x):
    # The number of rows of the call this row belongs to: read from the frame of cormorant.udf
    # that maps the function over one call's rows (its `args`, one list per argument).
    import sys

    frame = sys._getframe().f_back
    while frame is not None and (frame.f_globals.get("__name__") != "cormorant.udf" or "args" not in frame.f_locals):
        frame = frame.f_back
    return 0 if frame is None else len(frame.f_locals["args"][0])


def _plus_one(x):
    return None if x is None else x + 1


@pytest.mark.parametrize("workers", [None, 1])
def test_max_batching_rows_bounds_every_call(workers):
    n = 5000
    s = cpd.read_pandas(pd.DataFrame({"x": list(range(n))}))["x"]
    unbounded = cpd.udf(_rows_in_call, input_types=[int], output_type=int, workers=workers)
    bounded = cpd.udf(_rows_in_call, input_types=[int], output_type=int, workers=workers, max_batching_rows=100)
    # Without a bound a call gets a whole engine chunk, in this process and in a worker; with
    # one, never more than 100 rows.
    assert s.apply(unbounded).to_pandas().max() > 100
    sizes = s.apply(bounded).to_pandas()
    assert len(sizes) == n and 0 < sizes.min() and sizes.max() <= 100
    # Each call of k rows reports k for each of its rows: the calls add up to the input.
    assert int((1 / sizes).sum().round()) >= n // 100


@pytest.mark.parametrize("workers", [None, 1])
def test_max_batching_rows_keeps_results(workers):
    values = pd.array([None, -3, 0, 7] * 700, dtype="Int64")
    s = cpd.read_pandas(pd.DataFrame({"x": values}))["x"]
    f = cpd.udf(_plus_one, input_types=[int], output_type=int, workers=workers, max_batching_rows=7, transpile=False)
    want = pd.Series(values, name="x").astype(object).where(pd.Series(values).notna(), None).apply(_plus_one)
    pd.testing.assert_series_equal(s.apply(f).to_pandas(), want.astype("Int64"))


def test_result_past_int64_fails_with_the_row():
    from cormorant import exceptions

    f = cpd.udf(_plus_one, input_types=[int], output_type=int, transpile=False)
    s = cpd.read_pandas(pd.DataFrame({"x": [1, 2**63 - 1]}))["x"]
    with pytest.raises(exceptions.UdfExecutionError, match="does not fit in Int64") as info:
        s.apply(f).to_pandas()
    assert info.value.input_row == [2**63 - 1]


def _returns_bad(k):
    return [True, 1.0, 1, b"x", True, "1.5"][k]


@pytest.mark.parametrize("k, out_type", list(enumerate([int, int, bool, str, float, float])))
def test_result_of_another_type_fails_with_the_row(k, out_type):
    from cormorant import exceptions

    f = cpd.udf(_returns_bad, input_types=[int], output_type=out_type)
    s = cpd.read_pandas(pd.DataFrame({"x": [k]}))["x"]
    with pytest.raises(exceptions.UdfExecutionError, match="returned a value of type") as info:
        s.apply(f).to_pandas()
    assert info.value.input_row == [k]


def _pid(x):
    import os

    return os.getpid()


def test_workers_chosen_automatically_for_large_inputs(monkeypatch):
    import os

    from cormorant import udf as udf_module

    monkeypatch.setattr(udf_module, "AUTO_WORKERS_ROWS", 4096)
    monkeypatch.setattr(udf_module, "AUTO_WORKERS_COST", 0)  # the rows alone decide
    big = cpd.read_pandas(pd.DataFrame({"x": list(range(30000))}))["x"]
    small = cpd.read_pandas(pd.DataFrame({"x": list(range(3000))}))["x"]
    auto = cpd.udf(_pid, input_types=[int], output_type=int)
    pids = set(big.apply(auto).to_pandas())
    # The first rows of the query ran here, the rest in worker processes.
    assert os.getpid() in pids and len(pids) > 1
    assert set(small.apply(auto).to_pandas()) == {os.getpid()}
    # workers= overrides the rule: 0 always here, N always in workers.
    here = cpd.udf(_pid, input_types=[int], output_type=int, workers=0)
    assert set(big.apply(here).to_pandas()) == {os.getpid()}
    there = cpd.udf(_pid, input_types=[int], output_type=int, workers=1)
    assert os.getpid() not in set(small.apply(there).to_pandas())


def test_automatic_workers_keep_results(monkeypatch):
    from cormorant import udf as udf_module

    monkeypatch.setattr(udf_module, "AUTO_WORKERS_ROWS", 2048)
    monkeypatch.setattr(udf_module, "AUTO_WORKERS_COST", 0)
    values = pd.array([None, -3, 0, 7] * 3000, dtype="Int64")
    s = cpd.read_pandas(pd.DataFrame({"x": values}))["x"]
    f = cpd.udf(_plus_one, input_types=[int], output_type=int, transpile=False)
    want = pd.Series(values, name="x").astype(object).where(pd.Series(values).notna(), None).apply(_plus_one)
    pd.testing.assert_series_equal(s.apply(f).to_pandas(), want.astype("Int64"))


def _scaled(x: float) -> float:
    return None if x is None else x * 0.1 + 1 / 3


@pytest.mark.parametrize("func, dtype", [(_plus_one, "Int64"), (_scaled, "Float64")])
def test_automatic_workers_follow_the_measured_cost(monkeypatch, func, dtype):
    """Past AUTO_WORKERS_ROWS, the rest of a query goes to workers only if the rows computed in
    this process cost AUTO_WORKERS_COST seconds of CPU each (the test hook: 0 sends them
    whatever they cost, 1 s per row never). Either way the rows, their order and their bits are
    pandas'; Udf.last_run and worker_stats say where the rows ran and why."""
    from cormorant import udf as udf_module

    monkeypatch.setattr(udf_module, "AUTO_WORKERS_ROWS", 4096)
    values = pd.array([None, 5, 0, 70_000, -2, 3] * 2000, dtype=dtype)
    pdf = pd.DataFrame({"x": values})
    s = cpd.read_pandas(pdf)["x"]
    want = pdf["x"].astype(object).where(pdf["x"].notna(), None).apply(func).astype(dtype)
    results = {}
    for cost in (0, 1.0):
        monkeypatch.setattr(udf_module, "AUTO_WORKERS_COST", cost)
        f = cpd.udf(func, input_types=[float if dtype == "Float64" else int], output_type=float if dtype == "Float64" else int,
                    transpile=False)
        assert f.last_run is None
        udf_module.worker_stats(reset=True)
        results[cost] = s.apply(f).to_pandas()
        pd.testing.assert_series_equal(results[cost], want, check_exact=True)
        if ENGINE == "spark":  # (Spark runs UDFs in its executors' Python workers: no path of ours)
            continue
        run = f.last_run
        in_workers = sum(st["rows"] for st in udf_module.worker_stats())
        assert run["rows"] == len(values) and run["worker_rows"] == in_workers
        if cost == 0:
            assert run["path"] == "in process, then workers" and 0 < in_workers <= len(values) - 4096
            assert "AUTO_WORKERS_COST=0" in run["reason"]
        else:
            assert run["path"] == "in process" and in_workers == 0 and "under AUTO_WORKERS_COST=1.0" in run["reason"]
            assert run["cpu_seconds_per_row"] > 0
    assert results[0].to_numpy(na_value=-1).tobytes() == results[1.0].to_numpy(na_value=-1).tobytes()


def test_last_run_says_which_path_ran_and_why(monkeypatch):
    from cormorant import udf as udf_module

    monkeypatch.setattr(udf_module, "AUTO_WORKERS_ROWS", 4096)
    small = cpd.read_pandas(pd.DataFrame({"x": [1, None, 3]}, dtype="Int64"))["x"]
    auto = cpd.udf(_plus_one, input_types=[int], output_type=int, transpile=False)
    here = cpd.udf(_plus_one, input_types=[int], output_type=int, transpile=False, workers=0)
    there = cpd.udf(_plus_one, input_types=[int], output_type=int, transpile=False, workers=1)
    sql = cpd.udf(_plus_one, input_types=[int], output_type=int)
    assert auto.last_run is None and here.last_run is None and there.last_run is None
    want = pd.Series([2, None, 4], dtype="Int64", name="x")
    for f in (auto, here, there, sql):
        pd.testing.assert_series_equal(small.apply(f).to_pandas(), want)
    if ENGINE == "spark":  # (Spark runs UDFs in its executors' Python workers: no path of ours)
        return
    assert auto.last_run["path"] == "in process" and auto.last_run["rows"] == 3
    assert "not more than AUTO_WORKERS_ROWS=4096" in auto.last_run["reason"]
    assert here.last_run == {"path": "in process", "reason": "workers=0"}
    assert there.last_run == {"path": "workers", "reason": "workers=1"}
    assert sql.last_run["path"] == "sql"


def _one_fails_at_7(a):
    _one_fails_at_7.__dict__.setdefault("seen", []).append(a)
    if a == 7:
        raise ValueError("seven")
    return a


def _two_fail_at_7(a, b):
    if a == 7:
        raise ValueError("seven")
    return a + b


def _row_fails_at_7(row):
    if row["a"] == 7:
        raise ValueError("seven")
    return row["a"] + row["b"] + row["c"]


@pytest.mark.parametrize("workers", [0, 1])
@pytest.mark.parametrize("max_rows", [None, 4])
def test_the_failing_row_is_named_for_any_number_of_arguments(workers, max_rows):
    """The first row whose call raises is the one reported, with one, two or three (a row)
    arguments, in this process and in a worker, with and without max_batching_rows; in this
    process no row is called twice (the error is not found by calling the rows again)."""
    from cormorant import exceptions

    pdf = pd.DataFrame({"a": list(range(10)), "b": [10 * i for i in range(10)], "c": [1] * 10})
    df = cpd.read_pandas(pdf)
    opts = dict(workers=workers, max_batching_rows=max_rows, transpile=False)
    one = cpd.udf(_one_fails_at_7, input_types=[int], output_type=int, **opts)
    two = cpd.udf(_two_fail_at_7, input_types=[int, int], output_type=int, **opts)
    row = cpd.udf(_row_fails_at_7, input_types=cpd.Series, output_type=int, **opts)
    _one_fails_at_7.__dict__["seen"] = []
    for query, cols in ((lambda: df["a"].apply(one), ["a"]), (lambda: df["a"].combine(df["b"], two), ["a", "b"]),
                        (lambda: df.apply(row, axis=1), ["a", "b", "c"])):
        with pytest.raises(exceptions.UdfExecutionError, match="seven") as info:
            query().to_pandas()
        assert info.value.input_row == pdf.loc[7, cols].tolist() and "ValueError: seven" in info.value.python_traceback
    if not workers and ENGINE == "duckdb":  # (on Spark every call is in the executors' Python workers)
        assert _one_fails_at_7.seen == list(range(8))
