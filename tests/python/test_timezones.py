"""Time zones against pandas: a column keeps its IANA zone from every source, its fields,
dates, names, strftime and rounding are computed in that zone (across DST transitions), and
tz_localize / tz_convert follow pandas, nonexistent and ambiguous wall times included.
pandas computes every expectation.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same
from test_datetimes import as_cormorant_dtype as as_nullable

ZONES = ["US/Eastern", "Asia/Kolkata", "Australia/Lord_Howe", "Europe/London", "UTC"]

# UTC instants around DST changes of the zones above (2018), with missing values.
_INSTANTS = [
    "2018-03-01 14:00:00",
    None,
    "2018-03-11 06:59:59.999999",  # US/Eastern: just before spring forward
    "2018-03-11 07:00:00",  # ... and at it
    "2018-03-25 00:30:00",  # Europe/London: before spring forward
    "2018-03-25 01:30:00",
    "2018-04-01 14:45:00",  # Australia/Lord_Howe: the 30-minute fall back (15:00 UTC)
    "2018-04-01 15:15:00",
    "2018-10-06 15:45:00",  # Australia/Lord_Howe: the 30-minute spring forward
    "2018-10-28 00:30:00",  # Europe/London: the repeated hour, first time
    "2018-10-28 01:30:00",  # ... second time
    "2018-11-04 05:30:00",  # US/Eastern: the repeated hour, first time
    "2018-11-04 06:30:00",  # ... second time
    "1969-12-31 23:59:59.5",
    None,
    "2020-02-29 18:29:59",  # Asia/Kolkata: 23:59:59 on a leap day
]


def instants() -> pd.Series:
    return pd.Series(pd.to_datetime(_INSTANTS, format="ISO8601")).astype("datetime64[us]").dt.tz_localize("UTC")


def zoned_frame(zone: str | None) -> pd.DataFrame:
    t = instants()
    t = t.dt.tz_localize(None) if zone is None else t.dt.tz_convert(zone)
    return pd.DataFrame({"t": t, "k": np.arange(len(t))})


@pytest.fixture(params=ZONES + [None], ids=[*ZONES, "naive"])
def frames(request):
    pdf = zoned_frame(request.param)
    return cpd.read_pandas(pdf), pdf


PARTS = ["year", "month", "day", "hour", "minute", "second", "microsecond", "quarter", "day_of_week",
         "day_of_year", "days_in_month", "is_month_start", "is_month_end", "is_year_start", "is_leap_year", "date"]


def test_read_pandas_keeps_the_zone(frames):
    cdf, pdf = frames
    assert str(cdf["t"].dtype) == str(pdf["t"].dtype)
    assert_same(cdf, pdf)
    assert cdf["t"].dt.tz == pdf["t"].dt.tz


def test_issue_example_hour_in_the_zone():
    p = pd.Series(pd.to_datetime(["2018-03-01 09:00"])).dt.tz_localize("US/Eastern")
    c = cpd.read_pandas(p.to_frame("t"))["t"]
    assert str(c.dtype) == "datetime64[us, US/Eastern]"
    assert_same(c.dt.hour, p.dt.hour.astype("Int64").rename("t"))
    assert_same(c.dt.tz_localize(None), p.dt.tz_localize(None).astype("datetime64[us]").rename("t"))


@pytest.mark.parametrize("part", PARTS)
def test_parts_in_the_zone(frames, part):
    cdf, pdf = frames
    assert_same(getattr(cdf["t"].dt, part), as_nullable(getattr(pdf["t"].dt, part)))


@pytest.mark.parametrize("name", ["day_name", "month_name"])
def test_names_in_the_zone(frames, name):
    cdf, pdf = frames
    assert_same(getattr(cdf["t"].dt, name)(), getattr(pdf["t"].dt, name)().astype("string"))


@pytest.mark.parametrize("fmt", ["%Y-%m-%d %H:%M:%S.%f", "%Y%m%d %z|", "%z", "%a %j %I%p"])
def test_strftime_in_the_zone(frames, fmt):
    cdf, pdf = frames
    assert_same(cdf["t"].dt.strftime(fmt), pdf["t"].dt.strftime(fmt).astype("string"))


def _pandas_or_error(f):
    try:
        return f(), None
    except (ValueError, TypeError) as e:
        return None, e


@pytest.mark.parametrize("method,freq", [("floor", "h"), ("ceil", "h"), ("round", "h"), ("floor", "D"),
                                         ("ceil", "D"), ("round", "30min"), ("floor", "15min"), ("normalize", None)])
def test_rounding_in_the_zone(frames, method, freq):
    cdf, pdf = frames
    args = () if freq is None else (freq,)
    expected, error = _pandas_or_error(lambda: getattr(pdf["t"].dt, method)(*args))
    got = getattr(cdf["t"].dt, method)(*args)
    if error is not None:  # a rounded wall time the zone repeats or skips: pandas raises
        with pytest.raises(ValueError):
            got.to_pandas()
        for option in ("NaT",):
            if method == "normalize":
                continue
            kw = dict(ambiguous=option, nonexistent=option)
            assert_same(getattr(cdf["t"].dt, method)(freq, **kw), getattr(pdf["t"].dt, method)(freq, **kw))
    else:
        assert_same(got, expected)


@pytest.mark.parametrize("zone", ZONES + ["Asia/Tokyo", "America/Sao_Paulo"])
def test_tz_convert_and_back(frames, zone):
    cdf, pdf = frames
    if pdf["t"].dt.tz is None:
        with pytest.raises(TypeError, match="tz-naive"):
            cdf["t"].dt.tz_convert(zone)
        return
    assert_same(cdf["t"].dt.tz_convert(zone), pdf["t"].dt.tz_convert(zone))
    assert_same(cdf["t"].dt.tz_convert(zone).dt.hour, pdf["t"].dt.tz_convert(zone).dt.hour.astype("Int64"))
    assert_same(cdf["t"].dt.tz_convert(None), pdf["t"].dt.tz_convert(None))
    assert_same(cdf["t"].dt.tz_localize(None), pdf["t"].dt.tz_localize(None))


# Wall times: ordinary ones, ones US/Eastern or Europe/London skip or repeat, Lord_Howe's half hours.
_WALL = ["2018-03-01 09:00", None, "2018-03-11 02:30", "2018-11-04 01:30", "2018-03-25 01:30", "2018-10-28 01:30",
         "2018-10-07 02:15", "2018-04-01 01:45", "2018-07-01 12:00"]


@pytest.mark.parametrize("zone", ZONES + ["Asia/Tokyo"])
@pytest.mark.parametrize("ambiguous", ["raise", "NaT", True, False])
@pytest.mark.parametrize("nonexistent", ["raise", "NaT"])
def test_tz_localize_follows_pandas(zone, ambiguous, nonexistent):
    p = pd.Series(pd.to_datetime(_WALL)).astype("datetime64[us]")
    c = cpd.read_pandas(p.to_frame("w"))["w"]
    expected, error = _pandas_or_error(lambda: p.dt.tz_localize(zone, ambiguous=ambiguous, nonexistent=nonexistent))
    got = c.dt.tz_localize(zone, ambiguous=ambiguous, nonexistent=nonexistent)
    if error is not None:
        with pytest.raises(ValueError, match="nonexistent|ambiguous"):
            got.to_pandas()
    else:
        assert_same(got, expected.rename("w"))


def test_tz_localize_errors_like_pandas():
    p = pd.Series(pd.to_datetime(["2018-03-01 09:00"])).astype("datetime64[us]")
    c = cpd.read_pandas(p.to_frame("w"))["w"]
    aware = c.dt.tz_localize("Asia/Kolkata")
    with pytest.raises(TypeError, match="Already tz-aware"):
        aware.dt.tz_localize("UTC")
    with pytest.raises(TypeError, match="Already tz-naive"):
        c.dt.tz_localize(None)
    with pytest.raises(ValueError, match="unknown time zone"):
        c.dt.tz_localize("Mars/Olympus")
    with pytest.raises(NotImplementedError, match="nonexistent"):
        c.dt.tz_localize("US/Eastern", nonexistent="shift_forward")
    with pytest.raises(NotImplementedError, match="fixed UTC offset"):
        c.dt.tz_localize(dt.timezone(dt.timedelta(hours=2)))


def test_empty_and_reexecution():
    pdf = zoned_frame("Australia/Lord_Howe")
    cdf = cpd.read_pandas(pdf)
    empty = cdf[cdf["k"] < 0]
    assert_same(empty["t"].dt.hour, pdf[pdf["k"] < 0]["t"].dt.hour.astype("Int64"))
    assert str(empty.to_pandas()["t"].dtype) == "datetime64[us, Australia/Lord_Howe]"
    floored = cdf["t"].dt.floor("D")
    first = floored.to_pandas()
    pd.testing.assert_series_equal(floored.to_pandas(), first)
    pd.testing.assert_series_equal(first, pdf["t"].dt.floor("D"))


def test_reductions_and_batches_keep_the_zone():
    pdf = zoned_frame("Asia/Kolkata")
    cdf = cpd.read_pandas(pdf)
    assert cdf["t"].min() == pdf["t"].min() and str(cdf["t"].max().tz) == "Asia/Kolkata"
    batches = list(cdf.to_pandas_batches())
    pd.testing.assert_frame_equal(pd.concat(batches), cdf.to_pandas())
    assert str(batches[0]["t"].dtype) == "datetime64[us, Asia/Kolkata]"


def test_read_parquet_keeps_the_zone(tmp_path):
    pdf = zoned_frame("Europe/London")
    path = tmp_path / "zoned.parquet"
    pq.write_table(pa.Table.from_pandas(pdf, preserve_index=False), path)
    cdf = cpd.read_parquet(str(path))
    assert_same(cdf, pd.read_parquet(path).astype({"k": "Int64"}))
    assert_same(cdf["t"].dt.hour, pdf["t"].dt.hour.astype("Int64"))


@pytest.mark.parametrize("zone", ["Europe/London", "Pacific/Chatham", "UTC", None])
@pytest.mark.parametrize("rows", [0, None])
@pytest.mark.parametrize("index", [False, True])
def test_to_parquet_keeps_the_zone(tmp_path, zone, rows, index):
    """cormorant's to_parquet of datetimes in a zone (columns and index levels): pandas and
    cormorant read the file back in that zone, as they read pandas' own file (the engine's
    writer alone writes UTC instants without the zone)."""
    pdf = zoned_frame(zone).iloc[:rows]
    if index:
        pdf = pdf.set_index("t")
    cpd.read_pandas(pdf).to_parquet(tmp_path / "c.parquet")
    pdf.to_parquet(tmp_path / "p.parquet")
    expected = pd.read_parquet(tmp_path / "p.parquet")
    back = pd.read_parquet(tmp_path / "c.parquet").astype({"k": "int64"})
    if index and "t" in back.columns:  # the engine's writer keeps no pandas metadata: the index is a column
        back = back.set_index("t")
    pd.testing.assert_frame_equal(back, expected)
    assert_same(cpd.read_parquet(str(tmp_path / "c.parquet"), index_col="t" if index else None),
                expected.astype({"k": "Int64"}))


@pytest.mark.parametrize("dtype", ["zoned", "category"])
def test_to_parquet_of_a_null_index_writes_no_index(tmp_path, dtype):
    """Partial mode (a NULL index): the pyarrow writer of zoned and categorical columns writes
    the columns only, as the engine's writer does (it wrote the batches' positions as an index)."""
    pdf = zoned_frame("Asia/Kolkata")
    if dtype == "category":
        pdf = pdf.assign(k=pdf["k"].astype("category"))
    with cpd.option_context("session.ordering_mode", "partial"):
        cpd.read_pandas(pdf).to_parquet(tmp_path / "c.parquet")
    pdf.to_parquet(tmp_path / "p.parquet", index=False)
    assert pq.read_schema(tmp_path / "c.parquet").names == ["t", "k"]
    expected = pd.read_parquet(tmp_path / "p.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "c.parquet"), expected.astype({"k": expected["k"].dtype if dtype == "category" else "Int64"}))


def test_warehouse_round_trips_the_zone():
    pdf = zoned_frame("US/Eastern")
    cpd.read_pandas(pdf).to_table("tz.eastern", if_exists="replace")
    back = cpd.read_table("tz.eastern")
    assert str(back["t"].dtype) == "datetime64[us, US/Eastern]"
    assert_same(back["t"].dt.hour, pdf["t"].dt.hour.astype("Int64"))
    assert "US/Eastern" in str(dict(cpd.describe_table("tz.eastern")["columns"]) if isinstance(
        cpd.describe_table("tz.eastern"), dict) else cpd.describe_table("tz.eastern"))


def test_to_datetime_utc_and_read_csv_offsets(tmp_path):
    text = pd.Series(["2018-03-01 09:00:00+05:30", None, "2018-11-04 01:30:00-04:00"])
    got = cpd.to_datetime(cpd.read_pandas(text.to_frame("s"))["s"], utc=True)
    assert_same(got, pd.to_datetime(text, utc=True).astype("datetime64[us, UTC]").rename("s"))
    # Offsets in a CSV: text, as pandas reads them; to_datetime(utc=True) gives the instants.
    path = tmp_path / "offsets.csv"
    path.write_text("t\n2018-03-01 09:00:00+05:30\n2018-11-04 01:30:00-04:00\n")
    c, p = cpd.read_csv(str(path)), pd.read_csv(path)
    assert_same(c, p.astype("string"))
    assert_same(cpd.to_datetime(c["t"], utc=True), pd.to_datetime(p["t"], utc=True).astype("datetime64[us, UTC]"))
    assert_same(cpd.to_datetime(c["t"], utc=True).dt.tz_convert("Asia/Kolkata").dt.hour,
                pd.to_datetime(p["t"], utc=True).dt.tz_convert("Asia/Kolkata").dt.hour.astype("Int64"))


def nullable_comparison(expected: pd.Series, missing: pd.Series) -> pd.Series:
    """pandas' numpy-bool comparison in cormorant's boolean dtype: False where a value is NaT
    (True for !=), as pandas gives it, never <NA>."""
    assert not expected[missing].isna().any()
    return expected.astype("boolean")


def test_comparisons_across_zones():
    pdf = zoned_frame("Asia/Kolkata")
    cdf = cpd.read_pandas(pdf)
    stamp = pd.Timestamp("2018-03-11 07:00", tz="US/Eastern")
    for op in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
        assert_same(getattr(cdf["t"], op)(stamp), nullable_comparison(getattr(pdf["t"], op)(stamp), pdf["t"].isna()))
        # naive text is a wall time in the column's zone; text with an offset is an instant
        for text in ("2018-03-11 17:30", "2018-03-11 07:00:00-04:00"):  # the engine needs seconds before an offset
            assert_same(getattr(cdf["t"], op)(text), nullable_comparison(getattr(pdf["t"], op)(text), pdf["t"].isna()))
    other = cdf["t"].dt.tz_convert("US/Eastern")
    assert_same(cdf["t"] == other,
                nullable_comparison(pdf["t"] == pdf["t"].dt.tz_convert("US/Eastern"), pdf["t"].isna()))
    with pytest.raises(TypeError, match="Invalid comparison|compare"):
        cdf["t"] < pd.Timestamp("2018-03-01")
    with pytest.raises(TypeError, match="Invalid comparison|compare"):
        cdf["t"] < cdf["t"].dt.tz_localize(None)
