"""Series.dt and to_datetime against pandas: each operation runs on both and the results must
be equal. pandas computes every expectation; the only adjustment is `as_cormorant_dtype`,
which maps the dtypes pandas uses for datetime parts to the nullable dtypes cormorant returns
(documented below and in cormorant/datetimes.py).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


# ---------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------

_STAMPS = [
    "2020-02-29 13:45:30.123456",  # leap day, microseconds
    None,
    "1969-12-31 23:59:59.999999",  # one microsecond before the epoch
    "1970-01-01 00:00:00",
    "1899-07-14 06:07:08.000001",  # far before the epoch
    "2021-12-31 23:59:59.500000",  # year end; a tie for round("s")
    "2022-01-01 00:00:00",  # year start
    "2023-03-31 12:00:00",  # quarter end; a tie for round("D") (even day count)
    "2023-04-01 12:30:00",  # quarter start; a tie for round("h")
    "2024-06-15 01:30:00",  # a tie for round("h") towards the even hour
    "2000-02-28 23:59:59.000500",  # century leap year; a tie for round("ms")
    "1900-03-01 00:00:00.001500",  # not a leap year; a tie for round("ms") the other way
    None,
    "1960-01-01 12:00:00",  # negative epoch, a tie for round("D")
    "2038-01-19 03:14:07.999999",
    "1969-12-31 11:30:00",  # negative epoch, ties for round("h") and round("D")
]


def stamps_frame() -> pd.DataFrame:
    """datetime64[us] values with <NA>, the same in UTC, and their dates (date32[pyarrow])."""
    ts = pd.Series(pd.to_datetime(_STAMPS, format="ISO8601")).astype("datetime64[us]")
    return pd.DataFrame(
        {
            "ts": ts,
            "utc": ts.dt.tz_localize("UTC"),
            "d": pd.Series(ts.dt.date, dtype=pd.ArrowDtype(pa.date32())),
        }
    )


@pytest.fixture(scope="module")
def pdf() -> pd.DataFrame:
    return stamps_frame()


@pytest.fixture
def cdf(pdf):
    return cpd.read_pandas(pdf)


def as_cormorant_dtype(expected: pd.Series) -> pd.Series:
    """pandas' result in the dtype cormorant gives for it.

    - integer parts: pandas gives int32, or float64 (NaN) once a value is missing; cormorant
      gives Int64 with <NA> (assert_same already maps int32 to Int64; float64 holding whole
      numbers is mapped here);
    - .dt.date: pandas gives object datetime.date (NaT when missing); cormorant date32[pyarrow].
    """
    if expected.dtype == np.float64:
        assert ((expected.dropna() % 1) == 0).all(), "only whole-number parts are mapped"
        return expected.astype("Int64")
    if expected.dtype == object:
        return pd.Series(pd.array(expected.where(expected.notna(), None).tolist(), dtype=pd.ArrowDtype(pa.date32())),
                         index=expected.index, name=expected.name)
    return expected


# ---------------------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------------------

PARTS = ["year", "month", "day", "hour", "minute", "second", "microsecond", "quarter", "day_of_week",
         "day_of_year", "days_in_month", "is_month_start", "is_month_end", "is_quarter_start", "is_quarter_end",
         "is_year_start", "is_year_end", "is_leap_year", "date"]


@pytest.mark.parametrize("column", ["ts", "utc"])
@pytest.mark.parametrize("part", PARTS)
def test_property(cdf, pdf, part, column):
    assert_same(getattr(cdf[column].dt, part), as_cormorant_dtype(getattr(pdf[column].dt, part)))


DATE_PARTS = ["year", "month", "day", "quarter", "day_of_week", "day_of_year", "is_month_end", "is_year_start"]


@pytest.mark.parametrize("part", DATE_PARTS)
def test_property_of_dates(cdf, pdf, part):
    # pandas gives int64[pyarrow]/bool[pyarrow] parts for pyarrow dates (with <NA>).
    expected = getattr(pdf["d"].dt, part)
    if expected.dtype == pd.ArrowDtype(pa.bool_()):
        expected = expected.fillna(False) if part.startswith("is_") else expected  # pandas: <NA>; cormorant: False
    assert_same(getattr(cdf["d"].dt, part), as_cormorant_dtype(expected))


@pytest.mark.parametrize("old,new", [("dayofweek", "day_of_week"), ("weekday", "day_of_week"),
                                     ("dayofyear", "day_of_year")])
def test_deprecated_aliases_warn_like_pandas(cdf, pdf, old, new):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        expected = getattr(pdf["ts"].dt, old)
    pandas_warning = caught[0].category
    with pytest.warns(pandas_warning, match=f"Series.dt.{old} is deprecated"):
        got = getattr(cdf["ts"].dt, old)
    assert_same(got, as_cormorant_dtype(expected))
    assert_same(got, as_cormorant_dtype(getattr(pdf["ts"].dt, new)))


def test_integer_parts_are_int64_not_pandas_float64(cdf, pdf):
    """The documented difference: pandas' part of a column with NaT is float64."""
    assert pdf["ts"].dt.year.dtype == np.float64
    assert cdf["ts"].dt.year.dtype == pd.Int64Dtype()


@xfail("cormorant has no int32/float64 parts: integer parts are always Int64 (pandas: int32, float64 with NaT)")
def test_integer_part_dtype_exactly_pandas(cdf, pdf):
    pd.testing.assert_series_equal(cdf["ts"].dt.year.to_pandas(), pdf["ts"].dt.year)


@xfail("cormorant's .dt.date is date32[day][pyarrow]; pandas gives object datetime.date values")
def test_date_dtype_exactly_pandas(cdf, pdf):
    pd.testing.assert_series_equal(cdf["ts"].dt.date.to_pandas(), pdf["ts"].dt.date)


# ---------------------------------------------------------------------------------------
# floor / ceil / round
# ---------------------------------------------------------------------------------------

FREQS = ["D", "h", "min", "s", "ms", "15min", "2h", "us"]


@pytest.mark.parametrize("column", ["ts", "utc"])
@pytest.mark.parametrize("freq", FREQS)
@pytest.mark.parametrize("method", ["floor", "ceil", "round"])
def test_floor_ceil_round(cdf, pdf, method, freq, column):
    assert_same(getattr(cdf[column].dt, method)(freq), getattr(pdf[column].dt, method)(freq))


@pytest.mark.parametrize("freq", [pd.Timedelta(minutes=10), pd.offsets.Hour(3), "1.5h"])
def test_round_with_frequency_objects(cdf, pdf, freq):
    assert_same(cdf["ts"].dt.round(freq), pdf["ts"].dt.round(freq))


def test_normalize(cdf, pdf):
    assert_same(cdf["utc"].dt.normalize(), pdf["utc"].dt.normalize())


def test_round_compiles_to_sql(cdf):
    sql = cdf["ts"].dt.round("h").sql
    assert "epoch_us" in sql


# ---------------------------------------------------------------------------------------
# strftime
# ---------------------------------------------------------------------------------------

FORMATS = ["%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%f", "%d/%m/%y %I%p", "%j %a %A %b %B", "%H:%M %%", "%x %X",
           "week %U %W, %u %w", "%G-W%V", "%Y%m%d %z|%Z"]


@pytest.mark.parametrize("column", ["ts", "utc"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_strftime(cdf, pdf, fmt, column):
    assert_same(cdf[column].dt.strftime(fmt), pdf[column].dt.strftime(fmt))


def test_strftime_c_locale(cdf, pdf):  # the C locale's 'Tue Aug  3 01:59:44 2021' (more in test_strftime)
    assert_same(cdf["ts"].dt.strftime("%c"), pdf["ts"].dt.strftime("%c"))


# ---------------------------------------------------------------------------------------
# Time zones (UTC here; other zones in test_timezones.py)
# ---------------------------------------------------------------------------------------


def test_tz_localize_utc(cdf, pdf):
    assert_same(cdf["ts"].dt.tz_localize("UTC"), pdf["ts"].dt.tz_localize("UTC"))


def test_tz_localize_none(cdf, pdf):
    assert_same(cdf["utc"].dt.tz_localize(None), pdf["utc"].dt.tz_localize(None))


def test_tz_convert_none(cdf, pdf):
    assert_same(cdf["utc"].dt.tz_convert(None), pdf["utc"].dt.tz_convert(None))


def test_tz_convert_utc_is_identity(cdf, pdf):
    assert_same(cdf["utc"].dt.tz_convert("UTC"), pdf["utc"].dt.tz_convert("UTC"))


def test_other_time_zones_keep_their_zone(cdf, pdf):
    assert_same(cdf["ts"].dt.tz_localize("Europe/Paris"), pdf["ts"].dt.tz_localize("Europe/Paris"))


# ---------------------------------------------------------------------------------------
# Adding timedeltas
# ---------------------------------------------------------------------------------------

DELTAS = [pd.Timedelta(days=1), pd.Timedelta(hours=-36, microseconds=5), pd.Timedelta(0),
          pd.Timedelta(days=366, seconds=1)]


@pytest.mark.parametrize("column", ["ts", "utc"])
@pytest.mark.parametrize("delta", DELTAS, ids=str)
def test_add_and_subtract_timedeltas(cdf, pdf, delta, column):
    # pandas keeps the finer unit of the two (ns for some Timedeltas); cormorant's is always us.
    assert_same(cdf[column] + delta, (pdf[column] + delta).dt.as_unit("us"))
    assert_same(cdf[column] - delta, (pdf[column] - delta).dt.as_unit("us"))


@pytest.mark.parametrize("op", ["add", "sub", "radd"])
def test_add_timedelta_operator(cdf, pdf, op):
    delta = pd.Timedelta(hours=25, microseconds=3)
    if op == "add":
        assert_same(cdf["ts"] + delta, pdf["ts"] + delta)
    elif op == "sub":
        assert_same(cdf["utc"] - delta, pdf["utc"] - delta)
    else:
        assert_same(delta + cdf["ts"], delta + pdf["ts"])


def test_datetime_difference(cdf, pdf):
    assert_same(cdf["ts"] - cdf["ts"], pdf["ts"] - pdf["ts"])


def test_sub_microsecond_timedelta_is_rejected():
    from cormorant._convert import timedelta_micros

    with pytest.raises(exceptions.InvalidArgumentError):
        timedelta_micros(pd.Timedelta(nanoseconds=1500))


# ---------------------------------------------------------------------------------------
# to_datetime
# ---------------------------------------------------------------------------------------

TEXTS = {
    "iso": ["2020-02-29 13:45:30", None, "1969-12-31 23:59:59", "1899-07-14 06:07:08", "2021-12-31 00:00:00"],
    "iso_fraction": ["2020-02-29 13:45:30.123456", "1969-12-31 23:59:59.999999", None, "2000-01-01 00:00:00.5"],
    "iso_t": ["2020-02-29T13:45:30", "1960-01-01T00:00:00", None],
    "dates": ["2020-02-29", "1969-12-31", None, "2000-01-01"],
    "nat_words": ["2020-02-29", "", "NaT", None],
}


def texts(key):
    return pd.Series(pd.array(TEXTS[key], dtype="string"), name="s")


@pytest.mark.parametrize("utc", [False, True])
@pytest.mark.parametrize("key", list(TEXTS))
def test_to_datetime_iso(key, utc):
    from cormorant.to_datetime import to_datetime

    s = texts(key)
    assert_same(to_datetime(cpd.read_pandas(s), utc=utc), pd.to_datetime(s, utc=utc))


@pytest.mark.parametrize(
    "key,fmt",
    [("iso", "%Y-%m-%d %H:%M:%S"), ("iso_fraction", "%Y-%m-%d %H:%M:%S.%f"), ("dates", "%Y-%m-%d")],
)
@pytest.mark.parametrize("utc", [False, True])
def test_to_datetime_format(key, fmt, utc):
    from cormorant.to_datetime import to_datetime

    s = texts(key).dropna().reset_index(drop=True) if key == "iso_fraction" else texts(key)
    if key == "iso_fraction":
        s = s[s.str.contains(".", regex=False)].reset_index(drop=True)
    assert_same(to_datetime(cpd.read_pandas(s), format=fmt, utc=utc), pd.to_datetime(s, format=fmt, utc=utc))


def test_to_datetime_custom_format():
    from cormorant.to_datetime import to_datetime

    s = pd.Series(pd.array(["29/02/2020 13:45", None, "31/12/1969 23:59"], dtype="string"))
    fmt = "%d/%m/%Y %H:%M"
    assert_same(to_datetime(cpd.read_pandas(s), format=fmt), pd.to_datetime(s, format=fmt))


def test_to_datetime_offset_format_utc():
    from cormorant.to_datetime import to_datetime

    s = pd.Series(pd.array(["2020-02-29 13:45:30+0200", None, "1969-12-31 23:59:59-0130"], dtype="string"))
    fmt = "%Y-%m-%d %H:%M:%S%z"
    assert_same(to_datetime(cpd.read_pandas(s), format=fmt, utc=True), pd.to_datetime(s, format=fmt, utc=True))


def test_to_datetime_iso_offsets_utc():
    from cormorant.to_datetime import to_datetime

    s = pd.Series(pd.array(["2020-02-29 13:45:30+02:00", None, "1969-12-31 23:59:59-01:30"], dtype="string"))
    assert_same(to_datetime(cpd.read_pandas(s), utc=True), pd.to_datetime(s, utc=True))


@pytest.mark.parametrize("fmt", [None, "%Y-%m-%d"])
def test_to_datetime_coerce(fmt):
    from cormorant.to_datetime import to_datetime

    s = pd.Series(pd.array(["2020-02-29", "not a date", None, "2021-02-29", "1969-12-31"], dtype="string"))
    assert_same(to_datetime(cpd.read_pandas(s), format=fmt, errors="coerce"),
                pd.to_datetime(s, format=fmt, errors="coerce"))


def test_to_datetime_then_dt(cdf):
    from cormorant.to_datetime import to_datetime

    s = texts("iso")
    assert_same(to_datetime(cpd.read_pandas(s)).dt.day_of_year, as_cormorant_dtype(pd.to_datetime(s).dt.day_of_year))


def test_to_datetime_bad_text_raises():
    from cormorant.to_datetime import to_datetime

    s = pd.Series(pd.array(["2020-02-29", "not a date"], dtype="string"))
    with pytest.raises(ValueError):
        pd.to_datetime(s)
    with pytest.raises(exceptions.InvalidArgumentError):  # a ValueError, like pandas'
        to_datetime(cpd.read_pandas(s)).to_pandas()


@pytest.mark.parametrize("fmt", [None, "ISO8601", "%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %z"])
@pytest.mark.parametrize("name", ["when", None])
def test_to_datetime_names_the_value_that_does_not_parse(fmt, name):
    """errors='raise': pandas raises (ValueError); cormorant's InvalidArgumentError (a ValueError)
    says which value of which column does not parse, in the user's words, not the engine's."""
    values = ["2020-02-29", None, "not a date", "2020-02-30"]
    s = pd.Series(pd.array(values, dtype="string"), name=name)
    utc = fmt is not None and "%z" in fmt
    with pytest.raises(ValueError):
        pd.to_datetime(s, format=fmt, utc=utc)
    with pytest.raises(exceptions.InvalidArgumentError) as raised:
        cpd.to_datetime(cpd.read_pandas(s.to_frame("when"))["when"].rename(name), format=fmt, utc=utc).to_pandas()
    text = str(raised.value)
    assert "'not a date'" in text or "'2020-02-29'" in text or "'2020-02-30'" in text, text
    assert ("column 'when'" in text) == (name is not None), text
    assert "errors='coerce'" in text and "strptime" not in text and "timestamp field" not in text, text
    coerced = pd.to_datetime(s, format=fmt, utc=utc, errors="coerce")
    got = cpd.to_datetime(cpd.read_pandas(s.to_frame("when"))["when"], format=fmt, utc=utc, errors="coerce")
    assert_same(got, coerced.dt.as_unit("us").rename("when"))  # (pandas: seconds when nothing parses)


@xfail("strings with offsets and utc=False: pandas gives a fixed-offset dtype, cormorant drops the offset")
def test_to_datetime_offsets_without_utc():
    from cormorant.to_datetime import to_datetime

    s = pd.Series(pd.array(["2020-02-29 13:45:30+02:00", "2020-03-01 00:00:00+02:00"], dtype="string"))
    assert_same(to_datetime(cpd.read_pandas(s)), pd.to_datetime(s))


def test_to_datetime_of_datetimes_is_identity(cdf, pdf):
    from cormorant.to_datetime import to_datetime

    assert_same(to_datetime(cdf["ts"]), pd.to_datetime(pdf["ts"]))
    assert_same(to_datetime(cdf["ts"], utc=True), pd.to_datetime(pdf["ts"], utc=True))


# ---------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("values,dtype", [([1, 2, None], "Int64"), (["a", None], "string"), ([1.5], "Float64"),
                                          ([True], "boolean")])
def test_dt_on_non_datetime_raises(values, dtype):
    s = pd.Series(pd.array(values, dtype=dtype))
    with pytest.raises(AttributeError):
        s.dt
    with pytest.raises(exceptions.DTypeError):
        cpd.read_pandas(s).dt


@pytest.mark.parametrize("freq", ["M", "ME", "xyz", "H", "YE", "W"])
def test_bad_frequency_raises(cdf, pdf, freq):
    with pytest.raises(ValueError):
        pdf["ts"].dt.floor(freq)
    with pytest.raises(exceptions.InvalidArgumentError):
        cdf["ts"].dt.floor(freq)


@pytest.mark.parametrize("freq", ["ns", "1500ns", pd.Timedelta(nanoseconds=10)], ids=str)
def test_sub_microsecond_frequency_raises(cdf, freq):
    # pandas accepts these (a no-op or a nanosecond floor); datetime64[us] values cannot hold them.
    with pytest.raises(exceptions.InvalidArgumentError):
        cdf["ts"].dt.floor(freq)


def test_bad_frequency_in_the_core_raises(cdf):
    from cormorant.series import Series

    with pytest.raises(exceptions.InvalidArgumentError):
        Series(cdf["ts"]._core.call("dt_round", None, ["3weeks"]))
    with pytest.raises(exceptions.InvalidArgumentError):
        Series(cdf["ts"]._core.call("dt_round", None, ["0h"]))


@pytest.mark.parametrize("part", ["hour", "minute", "second", "microsecond"])
def test_time_parts_of_dates_raise(cdf, part):
    with pytest.raises(exceptions.DTypeError):
        getattr(cdf["d"].dt, part)


def test_to_datetime_of_numbers_raises():
    from cormorant.to_datetime import to_datetime

    with pytest.raises(exceptions.DTypeError):
        to_datetime(cpd.read_pandas(pd.Series(pd.array([1, 2], dtype="Int64"))))


def test_to_datetime_offset_format_without_utc_is_unsupported():
    from cormorant.to_datetime import to_datetime

    s = cpd.read_pandas(pd.Series(pd.array(["2020-02-29 13:45:30+0200"], dtype="string")))
    with pytest.raises(exceptions.UnsupportedError):
        to_datetime(s, format="%Y-%m-%d %H:%M:%S%z")


@pytest.mark.parametrize("zone", [None, "UTC", "Pacific/Auckland", "America/New_York"])
def test_isocalendar_and_resolution(zone):
    stamps = pd.to_datetime(["2024-12-30 01:00", None, "2021-01-03 23:30", "2020-12-31 12:00", "2027-01-01 00:00",
                             "2024-11-03 01:30"])
    p = pd.Series(stamps if zone is None else stamps.tz_localize(zone, ambiguous=True), name="t")
    c = cpd.read_pandas(p)
    # pandas gives UInt32 parts, cormorant Int64 (README: integer parts are Int64)
    assert_same(c.dt.isocalendar(), p.dt.isocalendar().astype("Int64"))
    assert_same(c.dt.nanosecond, p.dt.nanosecond.astype("Int64"))  # float64 with NaN in pandas
    assert c.dt.unit == p.dt.unit and c.dt.freq == p.dt.freq
    assert_same(c.dt.as_unit("us"), p.dt.as_unit("us"))
    got, expected = c.dt.to_pydatetime(), p.dt.to_pydatetime()
    assert len(got) == len(expected) and all((g is pd.NaT and e is pd.NaT) or g == e for g, e in zip(got, expected))
    with pytest.raises(exceptions.UnsupportedError, match="as_unit"):
        c.dt.as_unit("ns")
