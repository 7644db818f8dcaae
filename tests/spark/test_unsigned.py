"""read_pandas of unsigned integer columns (UInt8..UInt64, numpy uint8..uint64) on Spark, which
has no unsigned types: they travel as the next wider signed type (UInt64 as BIGINT) and come
back as pandas' dtype, compared with pandas 3.1 and with the DuckDB engine's answer for each
operation (selection, comparisons, sorting, reductions, arithmetic); a UInt64 value past Int64's
range is refused with UnsupportedError naming the column, and an operation the engine would
need an unsigned cast for is refused typed as well, never a raw Spark error. Times of day
travel as Spark's TIME."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from conftest import assert_same
from cormorant import exceptions

DTYPES = {
    "UInt8": [0, None, 255, 7, 7],
    "UInt16": [65535, 1, None, 0, 300],
    "UInt32": [2**32 - 1, None, 0, 5, 2**31],
    "UInt64": [2**63 - 1, 0, None, 2**40, 3],
}

OPS = {
    "values": lambda s: s,
    "filter": lambda s: s[s > 5],
    "eq_scalar": lambda s: s == 7,
    "isna": lambda s: s.isna(),
    "sort": lambda s: s.sort_values(),
    "max": lambda s: s.max(),
    "min": lambda s: s.min(),
    "count": lambda s: s.count(),
    "nunique": lambda s: s.nunique(),
    "astype_float": lambda s: s.astype("Float64"),
    "head": lambda s: s.head(2),
    "fillna": lambda s: s.fillna(1),
    "mean": lambda s: s.mean(),
    "std": lambda s: s.std(),
    "astype_int64": lambda s: s.astype("Int64"),
    "rank": lambda s: s.rank(),
    "shift": lambda s: s.shift(1),
    "value_counts": lambda s: s.value_counts(),
    "plus_one": lambda s: s + 1,   # (refused on Spark: an unsigned cast)
    "sum": lambda s: s.sum(),
}


def _frame(dtype):
    return pd.DataFrame({"u": pd.array(DTYPES[dtype], dtype=dtype), "k": pd.array([1, 2, 3, 4, 5], dtype="Int64")},
                        index=pd.Index([10, 20, 30, 40, 50]))


def _run(session, p, op):
    """The op's answer on `session`, or the type of the cormorant error it raised."""
    try:
        got = op(session.read_pandas(p)["u"])
        if hasattr(got, "to_pandas"):
            got.to_pandas()  # (runs it: an error is the engine's answer)
        return got
    except exceptions.CormorantError as e:
        return type(e)


@pytest.mark.parametrize("dtype", list(DTYPES))
@pytest.mark.parametrize("name", list(OPS))
def test_unsigned_columns_match_duckdb_and_pandas(sessions, dtype, name):
    p = _frame(dtype)
    op = OPS[name]
    on_duckdb = _run(sessions["duckdb"], p, op)
    on_spark = _run(sessions["spark"], p, op)
    if isinstance(on_duckdb, type):  # refused on DuckDB: refused (typed) on Spark too
        assert isinstance(on_spark, type) and issubclass(on_spark, exceptions.CormorantError), on_spark
        return
    if isinstance(on_spark, type):  # refused on Spark alone: only as unsupported there
        assert issubclass(on_spark, exceptions.UnsupportedError), on_spark
        return
    want = op(p["u"])
    if isinstance(want, (pd.Series, pd.DataFrame)):
        assert_same(on_spark, want)
        assert_same(on_duckdb, want)
    else:
        assert on_spark == on_duckdb == want, (on_spark, on_duckdb, want)


@pytest.mark.parametrize("dtype", ["uint8", "uint16", "uint32", "uint64"])
def test_numpy_unsigned_columns(sessions, dtype):
    p = pd.DataFrame({"u": np.array([0, 1, 200, 3], dtype=dtype)})
    want = p.astype("UI" + dtype[2:])  # (cormorant's nullable dtype, as on DuckDB)
    for session in sessions.values():
        got = session.read_pandas(p)
        assert_same(got, want)
        assert_same(got["u"][got["u"] > 1], want["u"][want["u"] > 1])


@pytest.mark.parametrize("values", [[2**64 - 1, None], [1, 2**63]])
def test_uint64_past_int64_is_refused_naming_the_column(sessions, values):
    p = pd.DataFrame({"big one": pd.array(values, dtype="UInt64")})
    with pytest.raises(exceptions.UnsupportedError, match="column 'big one'.*UInt64"):
        sessions["spark"].read_pandas(p)
    assert_same(sessions["duckdb"].read_pandas(p), p)  # DuckDB holds them


def test_unsigned_index(sessions):
    """(An unsigned index comes back as the DuckDB engine gives it.)"""
    p = pd.DataFrame({"a": [1, 2, 3]}, index=pd.Index([5, 0, 7], dtype="UInt16", name="i"))
    for f in (lambda d: d, lambda d: d.sort_index(), lambda d: d.loc[d.index > 4]):
        want = f(sessions["duckdb"].read_pandas(p)).to_pandas()
        pd.testing.assert_frame_equal(f(sessions["spark"].read_pandas(p)).to_pandas(), want)
        pd.testing.assert_frame_equal(want, f(p), check_index_type=False, check_dtype=False)


def test_times_of_day_read_as_spark_time(sessions):
    """Times of day travel as Spark's TIME (spark.sql.timeType.enabled; refused before, with
    Spark's UNSUPPORTED_TIME_TYPE at the first query) and come back as the DuckDB engine's
    answer, microseconds kept (Spark returns time64[ns]), missing values too."""
    import datetime as dt

    import pyarrow as pa

    times = [dt.time(1, 2), None, dt.time(23, 59, 59, 999999), dt.time(0, 0, 0, 1)]
    p = pd.DataFrame({"t of day": pd.array(times, dtype=pd.ArrowDtype(pa.time64("us")))})
    for f in (lambda d: d, lambda d: d.sort_values("t of day"), lambda d: d[d["t of day"] > dt.time(0, 0)]):
        want = f(sessions["duckdb"].read_pandas(p)).to_pandas()
        pd.testing.assert_frame_equal(f(sessions["spark"].read_pandas(p)).to_pandas(), want)
    assert want["t of day"].tolist() == [t for t in times if t is not None and t > dt.time(0, 0)]
