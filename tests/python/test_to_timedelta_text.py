"""cpd.to_timedelta of text against pandas 3.1's to_timedelta: the clock, units and ISO 8601
layouts (signs, spacing, spellings, case), missing text, errors="raise"/"coerce", values at
pandas' range; what cormorant cannot read exactly is a typed error, never another value.
Both ordering modes, twice."""

from __future__ import annotations

import random
import warnings

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import id_frame, in_order

READ = [
    "1 days 02:00:00", "1 day", "2 days", "-1 days +23:00:00", "-1 days 23:00:00", "- 1 days", "+1 days",
    "1 days +02:00:00", "1 day, 02:00:00", "1days 02:00:00", "1 days,02:00:00", "1 DAYS", "1 Day",
    "00:05:00", "00:05:00.5", "1:2:3", "-00:00:01", "+00:00:01", "100:00:00", "00:60:00", "23:59:59.999999",
    "1 days 1:2:3.5", " 1 days 01:00:00 ",
    "1h", "1h30m", "-1h30m", "-1h 30m", "+-1h", "-+1h", "1 days 2 hours", "1 hours 30 minutes", "1hour", "1 hr",
    "1 HR", "1H", "1 h", "1d", "1D", "1 D 1 H", "1w", "1W", "3ms", "1MS", "3us", "1US", "1µs", "1 micro",
    "1s 500ms", "1 min 2 s", "1min", "1Min", "1m", "10 minutes", "1 millisecond", "2 microseconds", "1 sec",
    "1S", "1h,30m", ",1h", "1days1h", "1d2h3m4s5ms6us", "1d 2h 3m 4s 5ms 6us", "-0 days", "-0s", " 1h ",
    "P1DT2H", "P0DT0H0M1.5S", "P1D", "PT2H", "-P1D", "-PT1S", "P1DT", "P1W", "P1W1D", "P1WT1H", "P01D",
    "PT1H1M1.000001S", "P1DT25H", "PT36H", "P0D", "P1DT2H3M4.5S", "PT0.5S",
    "106751 days", "-106751 days", "106751 days 23:47:16.854775", "-106751 days +00:12:43.145225",
    None, "", "nan", "NaN", "NAN", "NaT", "nat",
]




def _pandas(values, errors="raise"):
    """pandas' result in microseconds (pandas gives timedelta64[s] when every value is NaT)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (pandas deprecates the spellings "d" and "w")
        out = pd.to_timedelta(id_frame(values)["s"], errors=errors)
    return out.astype("timedelta64[us]")


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("errors", ["raise", "coerce"])
def test_layouts_as_pandas(errors, mode):
    expected = _pandas(READ, errors)
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(id_frame(READ))
        result = cpd.to_timedelta(cdf["s"], errors=errors)
        assert str(result.dtype) == "timedelta64[us]"
        for _ in range(2):
            pd.testing.assert_series_equal(in_order(cdf, result, mode), expected.rename("r"))


def test_random_layouts_as_pandas():
    """1,500 generated texts of the three layouts, with signs, spaces, commas and spellings."""
    rng = random.Random(3)
    spellings = [["W", "w"], ["days", "day", "d", "D", "Day"], ["hours", "hour", "hr", "h", "H"],
                 ["minutes", "minute", "min", "m", "Min"], ["seconds", "second", "sec", "s", "S"],
                 ["milliseconds", "ms", "milli", "MS"], ["microseconds", "us", "micros", "US"]]

    def units():
        out = rng.choice(["", "-", "+", " -", "- "])
        for names in spellings:
            if rng.random() < 0.4:
                out += f"{rng.randint(0, 10 ** rng.randint(1, 4))}{rng.choice(['', ' '])}{rng.choice(names)}"
                out += rng.choice(["", " ", ", ", ","])
        return out if any(c.isdigit() for c in out) else out + "0s"

    def clock():
        days = f"{rng.randint(0, 99999)} {rng.choice(['days', 'day', 'D'])}{rng.choice([' ', ', ', ' +'])}" \
            if rng.random() < 0.5 else ""
        fraction = f".{rng.randint(0, 999999):0{rng.randint(1, 6)}d}" if rng.random() < 0.5 else ""
        return (f"{rng.choice(['', '-', '+'])}{days}{rng.randint(0, 99)}:{rng.randint(0, 99):02d}:"
                f"{rng.randint(0, 99):02d}{fraction}")

    def iso():
        out = rng.choice(["", "-"]) + "P"
        if rng.random() < 0.3:
            out += f"{rng.randint(0, 99)}W"
        if rng.random() < 0.6:
            out += f"{rng.randint(0, 9999)}D"
        if rng.random() < 0.7:
            out += "T"
            for unit in "HM":
                if rng.random() < 0.5:
                    out += f"{rng.randint(0, 99)}{unit}"
            if rng.random() < 0.5:
                out += f"{rng.randint(0, 99)}" + (f".{rng.randint(0, 999999)}" if rng.random() < 0.5 else "") + "S"
        return out if any(c.isdigit() for c in out) else out.replace("T", "") + "1D"

    values = [rng.choice([units, clock, iso])() for _ in range(1500)] + [None]
    cdf = cpd.read_pandas(id_frame(values))
    got = cpd.to_timedelta(cdf["s"]).to_pandas()
    pd.testing.assert_series_equal(got, _pandas(values), check_names=False)


def test_no_rows_and_only_missing():
    for values in ([], [None, "", "NaT"]):
        got = cpd.to_timedelta(cpd.read_pandas(id_frame(values))["s"]).to_pandas()
        pd.testing.assert_series_equal(got, _pandas(values), check_names=False)


@pytest.mark.parametrize("text, pandas_reads", [
    ("1.5h", True), ("0.57h", True), ("1.5 days 02:00:00", True),  # pandas: through floats
    ("3ns", True), ("00:00:00.1234567", True), ("PT0.1234567S", True),  # pandas: timedelta64[ns]
    ("2h1d", True), ("1h 1 days", True), ("1h1h", True),  # other orders, repeated units
    ("1 days -01:00:00", False), ("1h -30m", False), ("1 week", False), ("1e3s", False), ("1.1.1h", True),
])
def test_what_cormorant_cannot_read_exactly_is_refused(text, pandas_reads):
    cdf = cpd.read_pandas(id_frame(["1h", text]))
    for errors in ("raise", "coerce"):
        with pytest.raises(exceptions.UnsupportedError, match="to_timedelta: .*position 1"):
            cpd.to_timedelta(cdf["s"], errors=errors)
    if pandas_reads:
        _pandas([text])
    else:
        with pytest.raises(ValueError):
            _pandas([text])


@pytest.mark.parametrize("text", ["x", "days", "P", "PT", "None"])
def test_text_without_digits(text):
    cdf = cpd.read_pandas(id_frame(["1h", text, None]))
    with pytest.raises(ValueError):
        _pandas(["1h", text])
    with pytest.raises(exceptions.InvalidArgumentError, match="position 1"):
        cpd.to_timedelta(cdf["s"])
    pd.testing.assert_series_equal(cpd.to_timedelta(cdf["s"], errors="coerce").to_pandas(),
                                   _pandas(["1h", text, None], "coerce"), check_names=False)


@pytest.mark.parametrize("text", ["106752 days", "-106752 days", "106751 days 23:47:16.854776", "999999999999999 W",
                                  "P200000D", "9999999999 days 00:00:00"])
def test_past_the_range(text):
    cdf = cpd.read_pandas(id_frame([text, "1h"]))
    with pytest.raises(ValueError):
        _pandas([text])
    with pytest.raises(exceptions.InvalidArgumentError, match="range"):
        cpd.to_timedelta(cdf["s"])
    pd.testing.assert_series_equal(cpd.to_timedelta(cdf["s"], errors="coerce").to_pandas(),
                                   _pandas([text, "1h"], "coerce"), check_names=False)


def test_arguments():
    cdf = cpd.read_pandas(id_frame(["1h"]))
    with pytest.raises(exceptions.InvalidArgumentError, match="unit"):
        cpd.to_timedelta(cdf["s"], unit="s")
    with pytest.raises(exceptions.InvalidArgumentError, match="ignore"):
        cpd.to_timedelta(cdf["s"], errors="ignore")
    assert cpd.to_timedelta("1h") == pd.Timedelta("1h")
