"""UDFs with an exact SQL form run as SQL (no Python call in df.sql); everything else keeps
the Python call. Results compared with pandas' apply/combine of the same Python function."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

INTS = pd.array([None, -7, -1, 0, 1, 5, 2**62, -(2**62)], dtype="Int64")
STRS = pd.array(["a", None, "ß", "", "日本", "Zz", "b", "a"], dtype="string")


def _frame():
    return pd.DataFrame({"x": INTS, "y": pd.array([3, 2, None, -4, 0, 5, 1, -1], dtype="Int64"), "s": STRS,
                         "t": pd.array(["b", "a", "x", None, "", "zz", "b", "a"], dtype="string")})


def _with_none(s: pd.Series) -> pd.Series:
    return s.astype(object).where(s.notna(), None)


def _pandas(pdf: pd.DataFrame, f, cols: list[str], dtype: str) -> pd.Series:
    """pandas' apply (one column) or combine (two) of `f`, missing values passed as None; the
    results kept as Python values (pandas' inference would round ints past 2**53 to float)."""
    rows = zip(*(_with_none(pdf[c]).tolist() for c in cols))
    if len(cols) == 1:
        applied = _with_none(pdf[cols[0]]).apply(f)
    else:
        applied = _with_none(pdf[cols[0]]).combine(_with_none(pdf[cols[1]]), f)
    values = [f(*row) for row in rows]  # what pandas' apply called, before its inference
    return pd.Series(pd.array(values, dtype=dtype), index=pdf.index, name=applied.name)


def add_one(x: int) -> int:
    return None if x is None else x + 1


def floor_mod(x: int) -> int:
    if x is None:
        return None
    return x // 3 - x % -4 - (-x) * 1


def neg_floor(x: int) -> int:
    return x // -5 if x is not None else None


def both(x: int, y: int) -> int:
    if x is None or y is None:
        return None
    return x - y * 3


def between(x: int, y: int) -> bool:
    if x is None or y is None:
        return None
    return x >= y and not x > 100 or x == 0


def shout(s: str) -> str:
    """A docstring is fine."""
    if s is None:
        return None
    return ">" + s + "!"


def longer(s: str, t: str) -> bool:
    if s is None:
        return None
    if t is None:
        return None
    return len(s) > len(t) or s < t


TRANSPILED = [
    (add_one, ["x"], "Int64"),
    (floor_mod, ["x"], "Int64"),
    (neg_floor, ["x"], "Int64"),
    (both, ["x", "y"], "Int64"),
    (between, ["x", "y"], "boolean"),
    (shout, ["s"], "string"),
    (longer, ["s", "t"], "boolean"),
]


@pytest.mark.parametrize("func, cols, dtype", TRANSPILED, ids=[f.__name__ for f, _, _ in TRANSPILED])
def test_transpiled_equals_pandas_apply(func, cols, dtype):
    pdf = _frame()
    df = cpd.read_pandas(pdf)
    f = cpd.udf(func)
    assert f.transpiled, f.transpile_refusal
    series = [df[c] for c in cols]
    got = series[0].apply(f) if len(cols) == 1 else series[0].combine(series[1], f)
    assert "cormorant_udf_" not in got.to_frame().sql  # no Python call in the query
    want = _pandas(pdf, func, cols, dtype)
    pd.testing.assert_series_equal(got.to_pandas(), want, check_names=len(cols) == 1)
    # The same function through the Python call gives the same.
    slow = cpd.udf(func, transpile=False)
    assert not slow.transpiled
    called = series[0].apply(slow) if len(cols) == 1 else series[0].combine(series[1], slow)
    assert "cormorant_udf_" in called.to_frame().sql
    pd.testing.assert_series_equal(called.to_pandas(), want, check_names=len(cols) == 1)


def unguarded(x: int) -> int:
    return x + 1  # None + 1 raises TypeError in Python


def divides(x: int, y: int) -> int:
    if x is None or y is None:
        return None
    return x // y  # y may be 0: ZeroDivisionError


def by_zero(x: int) -> int:
    return None if x is None else x % 0


def halves(x: int) -> float:
    return None if x is None else x / 2


def floats(a: float) -> float:
    return None if a is None else a * 2.0


def mixes(x: int) -> int:
    return None if x is None else x + True


def upper(s: str) -> str:
    return None if s is None else s.upper()  # 'ß'.upper() == 'SS'


def big(x: int) -> int:
    return None if x is None else x + 100000000000000000000


def compares_none(x: int) -> bool:
    return x == None  # noqa: E711


def loops(x: int) -> int:
    if x is None:
        return None
    total = 0
    for i in range(3):
        total += x
    return total


REFUSED = [
    (unguarded, ["x"], "without returning None"),
    (divides, ["x", "y"], "non-zero int constant"),
    (by_zero, ["x"], "non-zero int constant"),
    (halves, ["x"], "Div"),
    (floats, ["x"], "Float64"),
    (mixes, ["x"], "int and bool"),
    (upper, ["s"], "Call"),
    (big, ["x"], "constant"),
    (compares_none, ["x"], ""),
    (loops, ["x"], "statements"),
]


@pytest.mark.parametrize("func, cols, why", REFUSED, ids=[f.__name__ for f, _, _ in REFUSED])
def test_refused_functions_keep_the_python_call(func, cols, why):
    pdf = _frame()
    df = cpd.read_pandas(pdf)
    f = cpd.udf(func)
    assert not f.transpiled and why in f.transpile_refusal
    series = [df[c] if f.input_dtypes[0] != "Float64" else df[c].astype("Float64") for c in cols]
    got = series[0].apply(f) if len(cols) == 1 else series[0].combine(series[1], f)
    assert "cormorant_udf_" in got.to_frame().sql
    try:
        want = _pandas(pdf.astype({c: f.input_dtypes[0] for c in cols}), func, cols, f.output_dtype)
    except Exception:  # noqa: BLE001 - Python raises on some row: the query fails too
        with pytest.raises(exceptions.UdfExecutionError):
            got.to_pandas()
        return
    pd.testing.assert_series_equal(got.to_pandas(), want, check_names=len(cols) == 1)


def test_division_by_zero_still_raises():
    s = cpd.read_pandas(pd.DataFrame({"x": pd.array([4, 0], dtype="Int64"), "y": pd.array([2, 0], dtype="Int64")}))
    with pytest.raises(exceptions.UdfExecutionError, match="ZeroDivisionError") as info:
        s["x"].combine(s["y"], cpd.udf(divides)).to_pandas()
    assert info.value.input_row == [0, 0]


def test_int64_overflow_fails_on_both_paths():
    s = cpd.read_pandas(pd.DataFrame({"x": pd.array([1, 2**63 - 1], dtype="Int64")}))["x"]
    with pytest.raises(exceptions.UdfExecutionError):
        s.apply(cpd.udf(add_one, transpile=False)).to_pandas()
    with pytest.raises(exceptions.ArithmeticOverflowError):
        s.apply(cpd.udf(add_one)).to_pandas()


def test_read_function_is_transpiled_too(tmp_path):
    session = cpd.Session(tmp_path / "wh")
    session.udf(add_one, dataset="fns", name="add_one")
    f = session.read_function("fns.add_one")
    assert f.transpiled
    s = session.read_pandas(pd.DataFrame({"x": INTS}))["x"]
    pd.testing.assert_series_equal(s.apply(f).to_pandas(), _pandas(pd.DataFrame({"x": INTS}), add_one, ["x"], "Int64"))
    session.close()
