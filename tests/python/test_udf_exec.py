"""How UDFs execute: max_batching_rows bounds each call, results stay pandas' results."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd


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
    values = pd.array([None, -3, 0, 7] * 3000, dtype="Int64")
    s = cpd.read_pandas(pd.DataFrame({"x": values}))["x"]
    f = cpd.udf(_plus_one, input_types=[int], output_type=int, transpile=False)
    want = pd.Series(values, name="x").astype(object).where(pd.Series(values).notna(), None).apply(_plus_one)
    pd.testing.assert_series_equal(s.apply(f).to_pandas(), want.astype("Int64"))


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
    if not workers:
        assert _one_fails_at_7.seen == list(range(8))
