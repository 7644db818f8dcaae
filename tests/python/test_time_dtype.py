"""The time-of-day dtype (the core's DType::Time, the engine's TIME) against pandas 3.1, whose
dt.time / dt.timetz give object columns of datetime.time with NaT for missing: dt.time of naive
and zoned datetimes (wall times across a DST change), read_pandas of object columns of
datetime.time (None or NaT missing), comparisons with datetime.time (NaT compares False, != True),
sorting both ways, groupby keys, min/max, isna, nunique, astype(str), to_parquet round trips,
filters, no rows, repeated index labels, re-execution; and the typed refusals (times with a zone,
arithmetic, to_csv, UDFs)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same, nullable_index


def same(got, expected) -> None:
    """assert_same for objects holding time columns: pandas' object column of datetime.time
    (NaT for missing) on both sides (assert_same would read pandas' object column as text)."""
    ours, theirs = got.to_pandas(), expected.copy()
    ours.index, theirs.index = nullable_index(ours.index), nullable_index(theirs.index)
    if isinstance(theirs, pd.DataFrame):
        pd.testing.assert_frame_equal(ours, theirs)
    else:
        pd.testing.assert_series_equal(ours, theirs)

STAMPS = ["2024-03-10 01:30:00.000001", None, "2024-03-10 03:30:00", "2024-03-10 23:59:59", "2024-11-03 01:30:00",
          "2024-11-03 12:00:00", "2024-03-10 03:30:00"]


def _stamps(tz=None) -> pd.Series:
    s = pd.Series(pd.to_datetime(STAMPS, format="ISO8601")).astype("datetime64[us]")
    s.index = pd.Index([3, 3, 1, 2, 5, 4, 0], name="k")  # repeated labels
    return s.dt.tz_localize("UTC").dt.tz_convert(tz) if tz else s


def _times() -> pd.DataFrame:
    p = pd.DataFrame({"t": _stamps().dt.time, "v": pd.array([1, 2, 3, 4, 5, 6, 7], dtype="Int64")})
    return p


@pytest.mark.parametrize("tz", [None, "UTC", "America/New_York", "Asia/Kolkata"])
def test_dt_time(tz):
    p = _stamps(tz).rename("x")
    s = cpd.read_pandas(p.to_frame())["x"]
    got = s.dt.time
    assert got.dtype == p.dt.time.dtype == object
    for _ in range(2):  # re-execution
        same(got, p.dt.time)
    if tz is None:
        same(s.dt.timetz, p.dt.timetz)
    else:
        with pytest.raises(exceptions.UnsupportedError, match="timetz"):
            s.dt.timetz


def test_read_pandas_of_times():
    p = _times()
    d = cpd.read_pandas(p)
    same(d, p)
    assert d.dtypes["t"] == object
    # None for missing reads as NaT (pandas' dt.time gives NaT; pandas keeps the None it was given)
    with_none = pd.DataFrame({"t": [dt.time(1, 2), None, dt.time(0, 0, 0, 5)]})
    assert cpd.read_pandas(with_none).to_pandas()["t"].tolist() == [dt.time(1, 2), pd.NaT, dt.time(0, 0, 0, 5)]
    same(cpd.read_pandas(p.head(3)).head(0), p.head(0))
    with pytest.raises(exceptions.DTypeError, match="no values"):  # an object column of no values has no dtype
        cpd.read_pandas(p.head(0))


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">="])
def test_comparisons(op):
    p = _times()
    d = cpd.read_pandas(p)
    for other in (dt.time(3, 30), dt.time(1, 30, 0, 1)):
        expected = eval(f"p['t'] {op} other")
        got = eval(f"d['t'] {op} other")
        assert_same(got, expected.astype("boolean"))
        same(d[eval(f"d['t'] {op} other")], p[expected])  # as a filter too
    shifted = p["t"].shift(1)
    assert_same(eval(f"d['t'] {op} d['t'].shift(1)"), eval(f"p['t'] {op} shifted").astype("boolean"))


def test_sort_group_reduce():
    p = _times()
    d = cpd.read_pandas(p)
    for kwargs in (dict(), dict(ascending=False), dict(na_position="first"), dict(ascending=False, na_position="first")):
        same(d.sort_values("t", kind="stable", **kwargs), p.sort_values("t", kind="stable", **kwargs))
    same(d.groupby("t").sum(), p.groupby("t").sum())
    same(d.groupby("t", dropna=False).v.count(), p.groupby("t", dropna=False).v.count().astype("Int64"))
    assert d["t"].min() == p["t"].min() and d["t"].max() == p["t"].max()
    assert pd.isna(d["t"][d["v"] == 2].min())
    assert_same(d["t"].isna(), p["t"].isna().astype("boolean"))
    assert d["t"].nunique() == p["t"].nunique()
    assert_same(d["t"].astype(str), p["t"].astype(str).astype("string"))
    assert_same(d["t"].astype("string"), p["t"].astype(str).astype("string"))


def test_parquet_round_trip(tmp_path):
    p = _times()
    d = cpd.read_pandas(p)
    path = tmp_path / "times.parquet"
    d.to_parquet(path)
    theirs = pd.read_parquet(path)
    assert theirs["t"].tolist()[:1] == [dt.time(1, 30, 0, 1)]  # pandas reads the file's times as datetime.time
    ours = cpd.read_parquet(path)["t"].to_pandas()
    assert ours.dtype == object  # (pandas reads missing times as None; cormorant gives NaT, as dt.time does)
    assert ours.tolist() == [pd.NaT if v is None else v for v in theirs["t"]] == p["t"].tolist()


def test_refusals():
    p = _times()
    d = cpd.read_pandas(p)
    with pytest.raises(exceptions.DTypeError, match="time zone"):
        cpd.read_pandas(pd.DataFrame({"t": [dt.time(1, tzinfo=dt.timezone.utc)]}))
    with pytest.raises(exceptions.UnsupportedError, match="time zone"):
        d["t"] == dt.time(1, tzinfo=dt.timezone.utc)
    with pytest.raises(exceptions.DTypeError):
        d["t"] + d["t"]  # pandas: TypeError
    with pytest.raises(exceptions.DTypeError, match="'t'|time"):
        d[["t"]].sum(axis=1)
    with pytest.raises(exceptions.CormorantError, match="time"):
        d.to_csv()
    with pytest.raises(exceptions.DTypeError):
        cpd.read_pandas(pd.DataFrame({"t": [dt.time(1), "x"]}))  # mixed types, named
