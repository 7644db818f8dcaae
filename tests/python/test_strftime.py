"""dt.strftime against pandas 3.1 with every code of Python's strftime (the C library's, in
the C locale): alone and together, naive values, UTC and other zones (across DST changes),
years before 1000 (where the C library's %Y does not pad and pandas' own formats do), dates,
missing values, no rows and re-execution. Codes cormorant cannot write as pandas does raise
UnsupportedError naming them, never the engine's text."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same

CODES = list("aAbBcCdDeFgGhHIjklmMnpPrRStTuUVwWxXyYzZ%") + ["-d", "-m", "-H", "-I", "-M", "-S", "-j", "-y", "-Y",
                                                          "Ey", "EY", "Ec", "EC", "Ex", "EX", "Od", "Oe", "OH",
                                                          "OI", "Om", "OM", "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy"]
FORMATS = ["%" + c for c in CODES] + [
    "%Y-%m-%d %H:%M:%S.%f", "%Y", "x%Y%%%d %", "%r on %A %e %B %Y (%j, week %U/%W/%V, %G)", "%c|%x|%X|%D|%F|%T|%R",
    "%I:%M %p %P %k %l %C %g %y", "%Y-%m-%dT%H:%M:%S%z", "%z %Z", "", "plain text", "%%%n%t", "tab\t'quote'",
]
WALL = ["2024-01-05 13:04:05.123456", None, "2023-12-31 00:00:00", "1899-07-14 06:07:08.000001",
        "2018-03-11 06:59:59.999999", "2018-03-11 07:00:00", "2018-11-04 05:30:00", "2018-11-04 06:30:00",
        "0005-12-31 12:30:00", "0999-01-01 00:00:00", "2021-01-03 23:59:59", "2020-12-28 00:00:00", None]
ZONES = [None, "UTC", "US/Eastern", "Asia/Kolkata", "Australia/Lord_Howe", "Europe/London"]


def stamps(zone) -> pd.Series:
    s = pd.Series(pd.to_datetime(WALL, format="ISO8601")).astype("datetime64[us]")
    s = s if zone is None else s.dt.tz_localize("UTC").dt.tz_convert(zone)
    return s.rename("t")


def pandas_or_error(f):
    try:
        return f()
    except (ValueError, NotImplementedError) as e:
        return e


@pytest.mark.parametrize("zone", ZONES)
def test_strftime_codes(zone):
    s = stamps(zone)
    c = cpd.read_pandas(s.to_frame("t"))["t"]
    for fmt in FORMATS:
        if "%Z" in fmt and zone not in (None, "UTC"):
            with pytest.raises(exceptions.UnsupportedError, match="%Z"):
                c.dt.strftime(fmt)
            continue
        got = c.dt.strftime(fmt)
        expected = s.dt.strftime(fmt).astype("string")
        for _ in range(2):  # re-execution
            assert_same(got, expected)


def test_strftime_no_rows():
    s = stamps("US/Eastern").head(0)
    c = cpd.read_pandas(s.to_frame("t"))["t"]
    for fmt in ("%c %e %z", "text", "%Y"):
        assert_same(c.dt.strftime(fmt), s.dt.strftime(fmt).astype("string"))


@pytest.mark.parametrize("fmt", ["%Y-%m-%d", "%y %j %a %A %b %B %U %W %w", "%G-W%V-%u", "%H:%M:%S %I %p", "%x %X",
                                 "%% text", "%d/%m/%Y"])
def test_strftime_of_dates(fmt):
    """Dates: pandas formats them with pyarrow, which writes these codes as the C library does."""
    s = pd.Series([dt.date(2024, 1, 5), None, dt.date(5, 12, 31), dt.date(2020, 12, 28)], name="d",
                  dtype=pd.ArrowDtype(pa.date32()))
    c = cpd.read_pandas(s.to_frame("d"))["d"]
    assert_same(c.dt.strftime(fmt), s.dt.strftime(fmt).astype("string"))


@pytest.mark.parametrize("fmt,code", [("%q", "%q"), ("at %L", "%L"), ("%+", "%+"), ("%v", "%v"), ("%N", "%N"),
                                      ("%_d", "%_d"), ("%^a", "%^a"), ("%#b", "%#b"), ("%10Y", "%10Y"), ("%-e", "%-e"),
                                      ("%Ed", "%E"), ("%:z", "%:z"), ("%s", "%s")])
def test_strftime_refuses_other_codes(fmt, code):
    """pandas writes these as the C library does (most as themselves, %N as nanoseconds, %s by
    the machine's local zone): cormorant refuses them by name, before running anything."""
    c = cpd.read_pandas(stamps(None).to_frame("t"))["t"]
    with pytest.raises(exceptions.UnsupportedError, match=code.replace("+", r"\+").replace("^", r"\^")):
        c.dt.strftime(fmt)


@pytest.mark.parametrize("fmt", ["%c", "%e", "%-d", "%z", "%Z", "%f", "%F", "%P", "%C"])
def test_strftime_refuses_codes_of_dates(fmt):
    """pyarrow writes these otherwise for dates (%C and %F padded, %-d and %f as text) or raises."""
    c = cpd.read_pandas(pd.DataFrame({"d": pd.Series([dt.date(2024, 1, 5)], dtype=pd.ArrowDtype(pa.date32()))}))["d"]
    with pytest.raises(exceptions.UnsupportedError, match="dates"):
        c.dt.strftime(fmt)


@pytest.mark.parametrize("zone", ["US/Eastern", "Asia/Kolkata", "Europe/London"])
def test_text_of_offsets_in_whole_seconds(zone):
    """Local mean times (before a zone's standard time: US/Eastern -04:56:02) have offsets of
    whole seconds: %z and astype(str) write them as pandas does (cormorant dropped the seconds)."""
    s = stamps(zone)
    c = cpd.read_pandas(s.to_frame("t"))["t"]
    assert_same(c.astype(str), s.astype(str))
    assert_same(c.dt.strftime("%z"), s.dt.strftime("%z").astype("string"))
