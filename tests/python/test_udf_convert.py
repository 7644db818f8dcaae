"""The C++ conversions of UDF values (python/src/udf_values.cpp): arguments of the common dtypes
(Int64, Float64, boolean, string, bytes) reach the function as Python objects made in C++ and
its results go back without pyarrow while they are exactly of the declared kind; anything else
takes the careful pyarrow path. Every case is compared with pandas' apply/combine on the same
data, in this process (called row by row from C++, or over lists when max_batching_rows is set)
and in worker processes, over several engine chunks with missing values."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

N = 5000  # several engine chunks of 2048 rows
RUNS = {"in-process": dict(workers=0), "lists": dict(workers=0, max_batching_rows=700), "workers": dict(workers=2)}
DTYPES = {int: "Int64", float: "Float64", bool: "boolean", str: "string", bytes: "binary[pyarrow]"}


def _column(kind: type) -> pd.Series:
    present = [k % 7 != 3 for k in range(N)]
    if kind is int:
        values = [(k - 2500) * 3_000_000_007 for k in range(N)]
    elif kind is float:
        specials = [0.0, -0.0, float("inf"), float("-inf"), 1e-310, 2.5, float("nan")]
        values = [specials[k % 7] * (k + 1) for k in range(N)]
    elif kind is bool:
        values = [bool(k % 3) for k in range(N)]
    elif kind is str:
        values = [["", "a", "日本", "émoji 🐦", "x" * 40][k % 5] + str(k) for k in range(N)]
    else:
        values = [[b"", b"\x00\xff", b"abc" * 20][k % 3] + bytes([k % 256]) for k in range(N)]
    return pd.Series([v if p else None for v, p in zip(values, present)], dtype=_dtype(kind), name="v")


def _dtype(kind: type):
    return pd.ArrowDtype(pa.binary()) if kind is bytes else DTYPES[kind]


# Results the C++ conversion takes, and results it leaves to the careful path that are still
# accepted there (numpy scalars, int subclasses, ints for floats, str subclasses, bytearray).
def same(x):
    return x


def plus_one(x):
    return None if x is None else x + 1


def to_numpy_int(x):
    import numpy

    return None if x is None else numpy.int64(x % 1000)


def to_int_subclass(x):
    class Small(int):
        pass

    return None if x is None else Small(x % 5)


def int_to_float(x):
    return None if x is None else x // 3_000_000_007


def int_to_float_2_53(x):
    return None if x is None else 2**53 * (1 if x > 0 else -1)


def to_numpy_float(x):
    import numpy

    return None if x is None else numpy.float64(x) * 2


def to_numpy_bool(x):
    import numpy

    return None if x is None else numpy.bool_(not x)


def to_str_subclass(x):
    class Text(str):
        pass

    return None if x is None else Text(x.upper())


def str_length(x):
    return None if x is None else len(x)


def to_bytearray(x):
    return None if x is None else bytearray(x[::-1])


CASES = [
    (int, int, same), (int, int, plus_one), (int, int, to_numpy_int), (int, int, to_int_subclass),
    (int, float, int_to_float), (int, float, int_to_float_2_53),
    (float, float, same), (float, float, to_numpy_float),
    (bool, bool, same), (bool, bool, to_numpy_bool),
    (str, str, same), (str, str, to_str_subclass), (str, int, str_length),
    (bytes, bytes, same), (bytes, bytes, to_bytearray),
]


@pytest.mark.parametrize("run", list(RUNS))
@pytest.mark.parametrize("kind, out, func", CASES, ids=[f"{k.__name__}-{f.__name__}" for k, _, f in CASES])
def test_results_match_pandas_apply(kind, out, func, run):
    s = _column(kind)
    u = cpd.udf(func, input_types=[kind], output_type=out, transpile=False, **RUNS[run])
    got = cpd.read_pandas(pd.DataFrame({"v": s}))["v"].apply(u).to_pandas()
    want = s.astype(object).where(s.notna(), None).apply(func).astype(_dtype(out))
    pd.testing.assert_series_equal(got, want)


def describe(a, b):
    return None if a is None and b is None else f"{a!r}|{b!r}"


def describe_date(a, d):
    return f"{a!r}|{d!r}"


@pytest.mark.parametrize("run", list(RUNS))
def test_two_arguments_match_pandas_combine(run):
    a, b = _column(int), _column(str).iloc[::-1].reset_index(drop=True)
    u = cpd.udf(describe, input_types=[int, str], output_type=str, transpile=False, **RUNS[run])
    frame = cpd.read_pandas(pd.DataFrame({"a": a, "b": b}))
    got = frame["a"].combine(frame["b"], u).to_pandas()
    want = a.astype(object).where(a.notna(), None).combine(b.astype(object).where(b.notna(), None), describe)
    pd.testing.assert_series_equal(got, want.astype("string"), check_names=False)
    # A date argument takes the pyarrow path for the whole batch.
    dates = pd.Series([dt.date(2000, 1, 1) + dt.timedelta(days=k) if k % 5 else None for k in range(N)],
                      dtype=pd.ArrowDtype(pa.date32()))
    u = cpd.udf(describe_date, input_types=[int, dt.date], output_type=str, transpile=False, **RUNS[run])
    frame = cpd.read_pandas(pd.DataFrame({"a": a, "d": dates}))
    got = frame["a"].combine(frame["d"], u).to_pandas()
    want = a.astype(object).where(a.notna(), None).combine(dates.astype(object).where(dates.notna(), None), describe_date)
    pd.testing.assert_series_equal(got, want.astype("string"), check_names=False)


def bool_for_int(x):
    return True if x == 4 * 3_000_000_007 else x


def past_float(x):
    return 2**53 + 1 if x == 4 * 3_000_000_007 else 1.0


def lone_surrogate(x):
    return "\ud800" if x == 4 * 3_000_000_007 else "ok"


def past_int64(x):
    return 2**63 if x == 4 * 3_000_000_007 else x


def raises_in_second_chunk(x):
    if x == 4 * 3_000_000_007:
        raise ZeroDivisionError("row 2504")
    return x


REFUSED = [
    (int, bool_for_int, "returned a value of type bool"),
    (float, past_float, "does not fit in Float64"),
    (str, lone_surrogate, "does not fit in string"),
    (int, past_int64, "does not fit in Int64"),
    (int, raises_in_second_chunk, "raised ZeroDivisionError: row 2504"),
]


@pytest.mark.parametrize("run", list(RUNS))
@pytest.mark.parametrize("out, func, message", REFUSED, ids=[f.__name__ for _, f, _ in REFUSED])
def test_refused_results_name_the_row(out, func, message, run):
    # Row 2504 of the input (in the second engine chunk) holds 4 * 3_000_000_007.
    s = cpd.read_pandas(pd.DataFrame({"v": _column(int)}))["v"]
    u = cpd.udf(func, input_types=[int], output_type=out, transpile=False, **RUNS[run])
    with pytest.raises(exceptions.UdfExecutionError, match=message) as info:
        s.apply(u).to_pandas()
    assert info.value.input_row == [4 * 3_000_000_007]
    assert info.value.routine_id == u.routine_id
    if func is raises_in_second_chunk:
        assert "ZeroDivisionError" in info.value.python_traceback and "row 2504" in info.value.python_traceback
    # The session goes on.
    assert s.apply(cpd.udf(same, input_types=[int], output_type=int, transpile=False, **RUNS[run])).to_pandas().equals(
        _column(int))


def title_underscored(s):
    return None if s is None else s.title().replace(" ", "_")


def reversed_doubled(s):
    return None if s is None else (s[::-1] * 2)


def emptied(s):
    return None if s is None else ("" if len(s) % 2 else s + "é")


TEXT = ["", "alpha beta", "gamma", "", "日本語 テキスト", "émoji 🐦‍🔥 ok", "ß straße", "x" * 300, "\t tab", "İstanbul ǆ"]


@pytest.mark.parametrize("run", list(RUNS))
@pytest.mark.parametrize("func", [title_underscored, reversed_doubled, emptied])
def test_string_results_match_pandas_apply(func, run):
    # ASCII, multi-byte UTF-8 (2, 3 and 4 bytes, a ZWJ sequence), empty strings and missing
    # values, over several engine chunks; before and after a filter (the arguments then come
    # from a selection of the stored rows).
    s = pd.Series([TEXT[k % len(TEXT)] if k % 11 != 5 else None for k in range(N)], dtype="string", name="v")
    u = cpd.udf(func, input_types=[str], output_type=str, transpile=False, **RUNS[run])
    frame = cpd.read_pandas(pd.DataFrame({"v": s, "k": range(N)}))
    want = s.astype(object).where(s.notna(), None).apply(func).astype("string")
    pd.testing.assert_series_equal(frame["v"].apply(u).to_pandas(), want)
    kept = frame[frame["k"] % 3 != 0]["v"]
    pd.testing.assert_series_equal(kept.apply(u).to_pandas(), want[s.index % 3 != 0])


def thread_and_call_number(x):
    import threading

    import cormorant

    local = cormorant.__dict__.setdefault("_test_thread_local", threading.local())
    local.calls = getattr(local, "calls", 0) + 1
    return threading.get_native_id() * 10**7 + local.calls


def test_engine_threads_keep_their_python_thread_state_across_chunks():
    # An engine thread calling a function takes a Python thread state once and keeps it, so
    # threading.local values (a function's per-thread cache) outlive a chunk of 2048 rows: on
    # each thread the calls count 1, 2, ... k without starting over. (A state made and
    # dropped for each chunk also cost a frame stack mapped and unmapped each time.)
    import cormorant

    cormorant.__dict__.pop("_test_thread_local", None)
    u = cpd.udf(thread_and_call_number, input_types=[int], output_type=int, transpile=False, workers=0)
    rows = 300_000  # several row groups, so several threads and many chunks each
    got = cpd.read_pandas(pd.DataFrame({"v": range(rows)}))["v"].apply(u).to_pandas()
    cormorant.__dict__.pop("_test_thread_local", None)
    calls = pd.DataFrame({"thread": got // 10**7, "call": got % 10**7})
    for _, c in calls.groupby("thread")["call"]:
        assert sorted(c) == list(range(1, len(c) + 1))
    assert len(calls) == rows
