"""read_pandas of values no cormorant dtype holds, against pandas 3.1: an object column mixing
Python types no one dtype holds (int and str, str and bytes, bool and float, ...), an index of
uint64 values beyond Int64, times and timedeltas finer than microseconds raise a DTypeError naming the column
and why, not Arrow's text about a generated column; mixes of numbers that make one dtype (int
and float, int and Decimal) and unsigned integers read as pandas holds them, in
both ordering modes."""

from __future__ import annotations

import datetime
import decimal

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

MIXES = {
    "int_str": ([1, "a", None, 2], ["int", "str"]),
    "str_bytes": (["x", b"y", None], ["bytes", "str"]),
    "bool_int": ([True, 1, False], ["bool", "int"]),
    "bool_float": ([True, 2.5, np.nan], ["bool", "float"]),
    "str_float": (["a", 1.5], ["float", "str"]),
    "float_decimal": ([1.5, decimal.Decimal("1")], ["Decimal", "float"]),
    "date_str": ([datetime.date(2020, 1, 1), "x"], ["date", "str"]),
    "datetime_date": ([datetime.datetime(2020, 1, 1), datetime.date(2020, 1, 1)], ["date", "datetime"]),
    "list_int": ([[1], 2], ["int", "list"]),
    "numpy_int_str": ([np.int64(1), "a"], ["int64", "str"]),
}


@pytest.mark.parametrize("case", list(MIXES))
def test_mixed_column_names_the_column_and_types(case):
    values, types = MIXES[case]
    frame = pd.DataFrame({"n": range(len(values)), "mixed col": pd.Series(values, dtype=object)})
    with pytest.raises(exceptions.DTypeError) as e:
        cpd.read_pandas(frame)
    text = str(e.value)
    assert "'mixed col'" in text
    assert all(t in text for t in types), text
    assert "c1" not in text  # the generated Arrow name stays inside


def test_mixed_index_and_series():
    frame = pd.DataFrame({"v": [1, 2]}, index=pd.Index([1, "b"], dtype=object))
    with pytest.raises(exceptions.DTypeError, match="the index.*int, str"):
        cpd.read_pandas(frame)
    with pytest.raises(exceptions.DTypeError, match="'s'.*int, str"):
        cpd.read_pandas(pd.Series([1, "b"], dtype=object, name="s"))


def test_integers_beyond_int64_name_the_column():
    frame = pd.DataFrame({"big": pd.Series([1, 2**70], dtype=object)})
    with pytest.raises(exceptions.DTypeError, match="'big'.*int64"):
        cpd.read_pandas(frame)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("key", ["a", "z"], ids=["rows", "no_rows"])
def test_int_and_float_objects_compute_as_pandas(mode, key):
    pdf = pd.DataFrame({"k": ["a", "b", "a", "b"], "x": pd.Series([1, 2.5, None, 4], dtype=object)})
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        kept, expected_kept = df[df["k"] == key]["x"], pdf[pdf["k"] == key]["x"]
        expected = expected_kept.astype("Float64") * 2
        for _ in range(2):  # computed twice
            got = (kept * 2).to_pandas()
            if mode == "strict":
                pd.testing.assert_series_equal(got, expected, check_dtype=False)
            else:  # no index there: the values in any order
                pd.testing.assert_series_equal(got.sort_values().reset_index(drop=True),
                                               expected.sort_values().reset_index(drop=True), check_dtype=False)
            assert kept.sum() == expected_kept.sum()


def test_int_and_decimal_objects_keep_their_values():
    pdf = pd.DataFrame({"x": pd.Series([1, decimal.Decimal("1.25"), None, 1], dtype=object)})
    df = cpd.read_pandas(pdf)
    for _ in range(2):  # computed twice
        got = df["x"].to_pandas()
        assert [None if pd.isna(v) else decimal.Decimal(v) for v in got] == \
            [None if pd.isna(v) else decimal.Decimal(v) for v in pdf["x"]]
        assert df["x"].isna().to_pandas().tolist() == pdf["x"].isna().tolist()


@pytest.mark.parametrize("where", ["column", "index"])
def test_uint64_beyond_int64(where):
    """A column keeps it (UInt64, every value); an index, whose labels are Int64, names itself."""
    big = pd.Series([1, 2**63 + 5], dtype="uint64")
    if where == "column":
        got = cpd.read_pandas(pd.DataFrame({"u": big})).to_pandas()
        pd.testing.assert_frame_equal(got, pd.DataFrame({"u": big.astype("UInt64")}))
        return
    with pytest.raises(exceptions.DTypeError, match="the index.*uint64.*Int64"):
        cpd.read_pandas(pd.DataFrame({"v": [1, 2]}, index=big))


def _unsigned_frame(dtype: str) -> pd.DataFrame:
    """Column u of `dtype`: 0, 200, 7 (missing for a nullable dtype), 255."""
    pdf = pd.DataFrame({"u": pd.array([0, 200, 7, 255], dtype=dtype)})
    if dtype.startswith("U"):
        pdf.loc[2, "u"] = None
    return pdf


@pytest.mark.parametrize("dtype", ["uint8", "uint16", "uint32", "uint64", "UInt8", "UInt64"])
@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_unsigned_integers_within_int64_read_as_pandas_holds_them(dtype, mode):
    pdf = _unsigned_frame(dtype)
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        for _ in range(2):  # computed twice
            got = df["u"].to_pandas()
            assert str(got.dtype) == (dtype if dtype[0] == "U" else "U" + dtype[1:].capitalize())
            assert sorted(got.dropna().tolist()) == sorted(pdf["u"].dropna().tolist())
            assert got.isna().sum() == pdf["u"].isna().sum()


@pytest.mark.parametrize("dtype", ["uint8", "uint16", "uint32", "uint64", "UInt8", "UInt64"])
@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_unsigned_integers_within_int64_aggregate_as_pandas(dtype, mode):
    pdf = _unsigned_frame(dtype)
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        for _ in range(2):  # computed twice
            if dtype.lower() == "uint64":  # pandas wraps its sums around at 2**64: refused (README)
                with pytest.raises(exceptions.DTypeError, match="sum.*UInt64"):
                    df["u"].sum()
            else:
                assert df["u"].sum() == pdf["u"].sum()
            assert df["u"].max() == pdf["u"].max()


@pytest.mark.parametrize("zone", [None, "Europe/Paris"])
def test_nanosecond_times_name_the_column(zone):
    times = pd.Series(pd.to_datetime(["2020-01-01 00:00:00.000000001", None]), name="t")
    if zone:
        times = times.dt.tz_localize(zone)
    with pytest.raises(exceptions.DTypeError, match="'t'.*whole microseconds"):
        cpd.read_pandas(times)
    whole = times.dt.round("us")  # whole microseconds read as pandas holds them
    got = cpd.read_pandas(whole).to_pandas()
    pd.testing.assert_series_equal(got, whole.astype(got.dtype))
