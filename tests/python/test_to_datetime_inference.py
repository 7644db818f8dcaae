"""to_datetime of text without a format against pandas 3.1: the format is inferred from the
first value that is not missing (pandas' own guess, dayfirst too) and every value must follow
it (errors='raise': a ValueError naming the value; 'coerce': NaT), missing values, no rows,
re-execution; without a row order (partial mode) the ISO layouts are read row by row."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same

CASES = [
    [None, "3/11/2000", "3/12/2000", None, "12/31/1999"],
    ["2024-01-05 13:04:05.12", "2024-01-06 01:02:03.5", None],
    ["10/03/2024", "13/03/2024"],
    ["2024-03", "2024-04", None],
    ["2024", "2025"],
    ["20240105", "20240106"],
    ["Jan 5 2024", "Feb 6 2024"],
    ["5.1.2024", "6.1.2024", "28.2.2024"],
    ["2024-01-05", "2024-01-06 10:00"],
    ["2024-01-05T10:00:00", "2024-01-05 11:00:00"],
    ["2024-01-05 10:00", "not a date", "2024-02-30 00:00"],
]


def pandas_or_error(f):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return f()
    except (ValueError, TypeError) as e:
        return e


@pytest.mark.parametrize("dayfirst", [False, True])
@pytest.mark.parametrize("values", CASES, ids=lambda v: "|".join(map(str, v)))
def test_to_datetime_infers_the_format_of_the_first_value(values, dayfirst):
    s = pd.Series(pd.array(values, dtype="string"), name="s")
    c = cpd.read_pandas(s.to_frame())["s"]
    for errors in ("raise", "coerce"):
        expected = pandas_or_error(lambda: pd.to_datetime(s, dayfirst=dayfirst, errors=errors))
        if isinstance(expected, Exception):
            if "could not infer" in str(expected).lower() or "dateutil" in str(expected).lower():
                continue
            with pytest.raises(ValueError):
                cpd.to_datetime(c, dayfirst=dayfirst, errors=errors).to_pandas()
            continue
        try:
            got = cpd.to_datetime(c, dayfirst=dayfirst, errors=errors)
        except exceptions.UnsupportedError as e:  # no format pandas infers: it parses each value with dateutil
            assert "could not infer a format" in str(e)
            continue
        for _ in range(2):
            assert_same(got, expected.dt.as_unit("us"))


def test_to_datetime_without_values_to_infer_from():
    for values in ([None, None], []):
        s = pd.Series(pd.array(values, dtype="string"), name="s")
        got = cpd.to_datetime(cpd.read_pandas(s.to_frame())["s"]).to_pandas()
        assert len(got) == len(values) and got.isna().all() and str(got.dtype) == "datetime64[us]"


def test_to_datetime_refuses_a_first_value_pandas_reads_with_dateutil():
    s = pd.Series(pd.array(["20240105", "20240106"], dtype="string"), name="s")
    with pytest.raises(exceptions.UnsupportedError, match="'20240105'"):
        cpd.to_datetime(cpd.read_pandas(s.to_frame())["s"], dayfirst=True)


def test_to_datetime_without_order_reads_iso_layouts():
    s = pd.Series(pd.array(["2024-01-05", "2024-01-06 10:00", None], dtype="string"), name="s")
    with cpd.option_context("session.ordering_mode", "partial"):
        c = cpd.read_pandas(s.to_frame())["s"]
        got = cpd.to_datetime(c).to_pandas().sort_values(ignore_index=True)
        expected = pd.to_datetime(s, format="ISO8601").dt.as_unit("us").sort_values(ignore_index=True)
        pd.testing.assert_series_equal(got, expected, check_names=False)
        with pytest.raises(exceptions.UnsupportedError, match="dayfirst"):
            cpd.to_datetime(c, dayfirst=True)


SPECIAL = ["infinity", "Infinity", "-INFINITY", " epoch ", "EPOCH", "inf", "-inf"]


@pytest.mark.parametrize("kwargs", [{"format": "ISO8601"}, {"format": "ISO8601", "utc": True}, {"format": "%Y-%m-%d %H:%M"},
                                    {"format": "%Y-%m-%d"}, {"format": "%Y-%m-%d %H:%M", "utc": True},
                                    {"format": "%Y-%m-%d %H:%M%z", "utc": True}],
                         ids=["iso", "iso_utc", "minutes", "days", "utc", "zoned"])
def test_engine_special_stamps_are_not_dates(kwargs):
    """The engine parses "infinity", "-infinity" and "epoch" as stamps in any layout (found by
    the fuzzer: to_datetime("Infinity", format="%Y-%m-%d %H:%M", errors="coerce") gave
    1900-01-01); pandas gives NaT with errors="coerce" and refuses them otherwise."""
    values = pd.Series(SPECIAL + ["2024-01-02 03:04", None], dtype="string")
    s = cpd.read_pandas(values.to_frame("s"))["s"]
    if kwargs.get("format", "").endswith("%z"):
        values, s = values.iloc[:-2], s.iloc[:-2]  # (a zoned layout: the specials alone)
    want = pd.to_datetime(values, errors="coerce", **kwargs)
    got = cpd.to_datetime(s, errors="coerce", **kwargs).to_pandas()
    assert got.isna().tolist() == want.isna().tolist()
    for value in SPECIAL:
        one = pd.Series([value], dtype="string")
        with pytest.raises(ValueError):
            pd.to_datetime(one, **kwargs)
        with pytest.raises(exceptions.InvalidArgumentError, match="to_datetime: the value"):
            cpd.to_datetime(cpd.read_pandas(one.to_frame("s"))["s"], **kwargs).to_pandas()



SHAPES = [
    (["  2024-01-05", "2024-01-05 ", "024-01-05", "2024-1-5", "2024-01-05", None, "2024-02-30", "2024-01-005",
      "2024-01- 5", "2024-01-05\t", "\u00a02024-01-05"], "%Y-%m-%d"),
    (["2024-01-05  10:00", "2024-01-05 1:2", "2024-01-05\t10:00", "2024-01-0510:00", "2024-01-05\u00a010:00",
      "2024-01-05\x0b10:00", "2024-01-05 \u2003 10:00", "2024-01-05 24:00"], "%Y-%m-%d %H:%M"),
    (["Jan 5 2024", "jan 5 2024", "JAN 05 2024", "January 5 2024", "Jan  5 2024", "Jan\t 5 2024", "Sept 5 2024"],
     "%b %d %Y"),
    (["January 5 2024", "MAY 5 2024", "Jan 5 2024"], "%B %d %Y"),
    (["20240105", "202401055", "2024 0105"], "%Y%m%d"),
    (["5.1.2024", "05.01.2024", "005.1.2024", " 5.1.2024", "5. 1.2024", "5.1.2024 "], "%d.%m.%Y"),
    (["2024/01/ 5", "2024/ 1/05", "2024/1/5"], "%Y/%m/%d"),
    (["10:00 PM 2024-01-05", "10:00 pm 2024-01-05", "13:00 PM 2024-01-05", "10:00PM 2024-01-05"], "%I:%M %p %Y-%m-%d"),
    (["2024-01-05 13:04:05.5", "2024-01-05 13:04:05.000001", "2024-01-05 13:04:05.123456789",
      "2024-01-05 13:04:05.1234567891", "1960-01-05 13:04:05.123456789", "2024-01-05 13:04:05.",
      "2024-01-05 13:04:05. ", "2024-01-05 13:04:05.Z", "2024-01-05 13:04:05"], "%Y-%m-%d %H:%M:%S.%f"),
    (["2024-01-05T13:04:05.", "2024-01-05 13:04:05."], "%Y-%m-%dT%H:%M:%S.%f"),
    (["20240105 13:04:05.", "20240105 13:04:05.5"], "%Y%m%d %H:%M:%S.%f"),
    (["05/01/2024 13:04:05.123456789", "05/01/2024 13:04:05.1234567891", "05/01/2024 13:04:05."], "%d/%m/%Y %H:%M:%S.%f"),
    (["2024-005", "2024-5", "2024-366", "2024-367", "2024- 5"], "%Y-%j"),
    # (no year: pandas' is 1900, java.time's 1970)
    (["10:00:00.5", "23:59:59.", "13:04:05", "00:00:00.000001"], "%H:%M:%S.%f"),
    (["03-01 10:00", "12-31 00:00", "02-29 10:00", "1-5 7:05"], "%m-%d %H:%M"),
    # (no year and an offset: 1900 as pandas', also where the offset moves the stamp to 1899 or 1901)
    (["10:00+01:00", "00:30+01:00", "23:30-01:00", "10:00Z", "10:00+0530", "25:00+01:00", "10:00", "10:00+1"], "%H:%M%z"),
    (["03-01 00:30+01:00", "01-01 00:30+01:00", "12-31 23:30-01:00", "02-29 10:00+01:00", "02-28 23:59-00:01",
      "1-5 7:05 +0000"], "%m-%d %H:%M%z"),
    (["2024-01-05t10:00", "2024-01-05T10:00", "2024-01-05 10:00"], "%Y-%m-%dT%H:%M"),
    (["x2024", "X2024", "%2024"], "x%Y"),
    (["%2024", "2024"], "%%%Y"),
    (["2024-01-05", "2024-01-05 ", "2024-01-05  "], "%Y-%m-%d "),
    (["2024-01-05 10:00:00+01:00", "2024-01-05 10:00:00+0100", "2024-01-05 10:00:00Z", "2024-01-05 10:00:00z",
      "2024-01-05 10:00:00+01", "2024-01-05 10:00:00+01:00:30", "2024-01-05 10:00:00+24:00",
      "2024-01-05 10:00:00 +01:00", "2024-01-05 10:00:00+1", "2024-01-05 10:00:00-9", "2024-01-05 10:00:00+01:5",
      "2024-01-05 10:00:00+1:5", "2024-01-05 10:00:00+1:05", "2024-01-05 10:00:00+015", "2024-01-05 10:00:00+123",
      "2024-01-05 10:00:00+15", "2024-01-05 10:00:00-0:0", "2024-01-05 10:00:00+1:60",
      "2024-01-05 10:00:00+95", "2024-01-05 10:00:00+245", "2024-01-05 10:00:00+12345", "2024-01-05 10:00:00+1:",
      "2024-01-05 10:00:00+01:5:3", "2024-01-05 10:00:00+1 "], "%Y-%m-%d %H:%M:%S%z"),
    (["2024-01-05 10:00 +01:00", "2024-01-05 10:00 Z", "2024-01-05 10:00 +01", "2024-01-05 10:00 +01:00:30.5",
      "2024-01-05 10:00 -0530", "2024-01-05 10:00 +1", "2024-01-05 10:00 +01:5", "2024-01-05 10:00 +015"],
     "%Y-%m-%d %H:%M %z"),
    (["2024-01-05 10:00:00.5+01:00", "2024-01-05 10:00:00.123456789Z", "2024-01-05 10:00:00.5+01",
      "2024-01-05 10:00:00.+01:00", "2024-01-05 10:00:00.Z", "2024-01-05 10:00:00.-1:5", "2024-01-05 10:00:00.+01:05:03",
      "2024-01-05 10:00:00.25+01:05:03", "2024-01-05 10:00:00.1234567890123+01:00", "2024-01-05 10:00:00.1234567890123+01:00:00",
      "2024-01-05 10:00:00.25+1:5", "2024-01-05 10:00:00."], "%Y-%m-%d %H:%M:%S.%f%z"),
]


@pytest.mark.parametrize("values,fmt", SHAPES, ids=[f for _, f in SHAPES])
def test_to_datetime_with_a_format_reads_what_pandas_reads(values, fmt):
    """Text of another shape than the format's is NaT as in pandas (the engines' strptime read
    spaces around the value and a year of three digits: the DuckDB engine gave 2024-01-05 for
    "  2024-01-05" and 0024-01-05 for "024-01-05"); what pandas reads and the engines did not is
    read as pandas reads it: white space runs of any of Python's white space, a day's leading
    space, month names and the format's letters in any case, 12-hour clocks, fractions past six
    digits (floored to the microsecond), UTC offsets as Z, +HH (its ISO layouts) or with seconds
    (dropped)."""
    utc = fmt.endswith("%z")
    s = pd.Series(pd.array(values, dtype="string"), name="s")
    c = cpd.read_pandas(s.to_frame())["s"]
    expected = pd.to_datetime(s, format=fmt, errors="coerce", utc=utc).dt.as_unit("us")
    for _ in range(2):
        assert_same(cpd.to_datetime(c, format=fmt, errors="coerce", utc=utc), expected)
    bad = s[s.notna() & expected.isna()]
    if len(bad):
        with pytest.raises(ValueError, match="to_datetime: the value"):
            cpd.to_datetime(cpd.read_pandas(bad.to_frame())["s"], format=fmt, utc=utc).to_pandas()
    good = s[expected.notna()]
    assert_same(cpd.to_datetime(cpd.read_pandas(good.to_frame())["s"], format=fmt, utc=utc), expected[expected.notna()])


def test_to_datetime_with_a_format_of_no_rows():
    s = pd.Series(pd.array([], dtype="string"), name="s")
    got = cpd.to_datetime(cpd.read_pandas(s.to_frame())["s"], format="%d.%m.%Y")
    assert_same(got, pd.to_datetime(s, format="%d.%m.%Y").dt.as_unit("us"))


@pytest.mark.parametrize("values,fmt", [(["2024015", "20240105", "2024115", None], "%Y%m%d"),
                                        (["2023-366", "2024-366", None], "%Y-%j"),
                                        (["2024-01-05 10:00+23:59", "2024-01-05 10:00-1801", "2024-01-05 10:00+18:00"],
                                         "%Y-%m-%d %H:%M%z"),
                                        (["+23:59 2024-01-05 10:00", "-1801 2024-01-05 10:00", "+18:00 2024-01-05 10:00"],
                                         "%z %Y-%m-%d %H:%M"),
                                        (["2024-01-05 10:00:00+19", "2024-01-05 10:00:00-2", "2024-01-05 10:00:00+185"],
                                         "%Y-%m-%d %H:%M:%S%z")],
                         ids=["varying_width", "day_366", "offset_past_18h", "offset_past_18h_first", "offset_past_18h_iso"])
def test_to_datetime_what_java_time_reads_otherwise(values, fmt):
    """pandas splits "2024015" as 2024, 01, 5 for %Y%m%d (each field takes what it can), reads
    day 366 of 2023 as 2024-01-01 and UTC offsets of up to 23:59; so does the DuckDB engine.
    (Spark's java.time does none of these: a known Spark gap, refused typed.)"""
    utc = "%z" in fmt
    s = pd.Series(pd.array(values, dtype="string"), name="s")
    got = cpd.to_datetime(cpd.read_pandas(s.to_frame())["s"], format=fmt, errors="coerce", utc=utc)
    assert_same(got, pd.to_datetime(s, format=fmt, errors="coerce", utc=utc).dt.as_unit("us"))
