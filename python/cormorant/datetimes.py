"""Series.dt: pandas' datetime properties and methods, each a registered engine function
("dt_<name>").

Differences from pandas (by design; cormorant's dtypes are the nullable ones):
- integer parts (year, month, ...) are Int64 with <NA> for missing values, where pandas gives
  int32, or float64 with NaN as soon as a value is missing;
- ``date`` is ``date32[day][pyarrow]`` where pandas gives an object column of datetime.date;
- the boolean properties (is_month_start, ...) are ``boolean`` and False for missing values,
  as pandas' (numpy bool) are.
"""

from __future__ import annotations

import datetime as _dt
import warnings

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions
from cormorant._accessor import MicrosecondUnit, engine_property as _property

try:
    from pandas.errors import Pandas4Warning as _DeprecationWarning
except ImportError:  # pragma: no cover - older pandas
    _DeprecationWarning = FutureWarning


def _frequency(freq) -> str:
    """A fixed frequency ("D", "15min", pd.Timedelta, Tick offset...) as "<n>us" for the engine."""
    if isinstance(freq, (pd.Timedelta, _dt.timedelta)):
        nanos = pd.Timedelta(freq).value
    else:
        try:
            offset = pd.tseries.frequencies.to_offset(freq)
            nanos = offset.nanos
        except (ValueError, TypeError) as e:
            raise exceptions.InvalidArgumentError(str(e)) from e
    if nanos <= 0 or nanos % 1000:
        raise exceptions.InvalidArgumentError(
            f"frequency {freq!r} is not a positive whole number of microseconds (datetime64[us] values)"
        )
    return f"{nanos // 1000}us"


def _deprecated(old: str, new: str):
    warnings.warn(
        f"Series.dt.{old} is deprecated and will be removed in a future version. Use Series.dt.{new} instead.",
        _DeprecationWarning,
        stacklevel=3,
    )




class DatetimeMethods(MicrosecondUnit):
    """The .dt accessor of a datetime Series."""

    def __init__(self, series):
        if not series._core.dtype.startswith("datetime64") and series._core.dtype != "date32[day][pyarrow]":
            raise exceptions.AccessorError("Can only use .dt accessor with datetimelike values")
        self._series = series

    def _call(self, function: str, *params, other=None):
        from cormorant.series import Series

        return Series(self._series._core.call(function, other._core if other is not None else None, list(params)))

    def __getattr__(self, name):
        from cormorant._accessor import accessor_attribute

        return accessor_attribute(self, "Series.dt", pd.core.indexes.accessors.DatetimeProperties, name)

    # -- parts (Int64) ------------------------------------------------------------------
    year = _property("dt_year", "The year (Int64).")
    month = _property("dt_month", "The month, January=1 (Int64).")
    day = _property("dt_day", "The day of the month (Int64).")
    hour = _property("dt_hour", "The hour (Int64).")
    minute = _property("dt_minute", "The minute (Int64).")
    second = _property("dt_second", "The second (Int64).")
    microsecond = _property("dt_microsecond", "The microseconds within the second (Int64).")
    quarter = _property("dt_quarter", "The quarter, 1 to 4 (Int64).")
    day_of_week = _property("dt_dayofweek", "The day of the week, Monday=0 ... Sunday=6 (Int64).")
    day_of_year = _property("dt_dayofyear", "The day of the year, 1 to 366 (Int64).")
    days_in_month = _property("dt_days_in_month", "The number of days in the month (Int64).")
    daysinmonth = days_in_month

    @property
    def nanosecond(self):
        """The nanoseconds within the microsecond: 0 (values are datetime64[us]; Int64)."""
        return self.microsecond * 0

    def isocalendar(self):
        """The ISO 8601 year, week and day (Monday=1) of each value in its zone, as a DataFrame
        (Int64 columns; pandas gives UInt32)."""
        from cormorant.strings import _frame_of

        return _frame_of([("year", self._call("dt_isoyear")), ("week", self._call("dt_isoweek")),
                          ("day", self._call("dt_isoday"))])

    def to_pydatetime(self):
        """The values as a NumPy array of datetime.datetime (runs the query)."""
        return self._series.to_pandas().dt.to_pydatetime()

    @property
    def dayofweek(self):
        _deprecated("dayofweek", "day_of_week")
        return self._call("dt_dayofweek")

    @property
    def weekday(self):
        _deprecated("weekday", "day_of_week")
        return self._call("dt_dayofweek")

    @property
    def dayofyear(self):
        _deprecated("dayofyear", "day_of_year")
        return self._call("dt_dayofyear")

    # -- flags (boolean, False when missing) ----------------------------------------------
    is_month_start = _property("dt_is_month_start", "Whether the day is the first of its month.")
    is_month_end = _property("dt_is_month_end", "Whether the day is the last of its month.")
    is_quarter_start = _property("dt_is_quarter_start", "Whether the day is the first of its quarter.")
    is_quarter_end = _property("dt_is_quarter_end", "Whether the day is the last of its quarter.")
    is_year_start = _property("dt_is_year_start", "Whether the day is January 1st.")
    is_year_end = _property("dt_is_year_end", "Whether the day is December 31st.")
    is_leap_year = _property("dt_is_leap_year", "Whether the year is a leap year.")

    # -- conversions ---------------------------------------------------------------------
    @property
    def date(self):
        """The calendar date (date32[day][pyarrow]; pandas gives datetime.date objects)."""
        return self._call("dt_date")

    @property
    def time(self):
        """The wall time of day (the core's time dtype; pandas' object column of datetime.time)."""
        return self._call("dt_time")

    @property
    def timetz(self):
        """The wall time of day of naive datetimes (pandas' datetime.time objects); pandas gives
        the times of aware ones their zone, which cormorant's time dtype has not: refused."""
        zone = _convert.time_zone(self._series._core.dtype)
        if zone is not None:
            raise exceptions.UnsupportedError(
                f"Series.dt.timetz of datetimes in zone {zone} is not supported (cormorant's times of day have no zone); "
                "the closest supported alternative: dt.time (the wall time)")
        return self._call("dt_timetz")

    def floor(self, freq, ambiguous="raise", nonexistent="raise"):
        """Aware values are floored in their zone's wall time and localized again (as pandas)."""
        return self._call("dt_floor", _frequency(freq), *_localize_options(ambiguous, nonexistent))

    def ceil(self, freq, ambiguous="raise", nonexistent="raise"):
        return self._call("dt_ceil", _frequency(freq), *_localize_options(ambiguous, nonexistent))

    def round(self, freq, ambiguous="raise", nonexistent="raise"):
        """Rounds to a multiple of `freq` from the epoch, ties to the even multiple (as pandas)."""
        return self._call("dt_round", _frequency(freq), *_localize_options(ambiguous, nonexistent))

    def day_name(self, locale=None):
        """The day's English name ("Monday", ...) in the value's zone."""
        if locale is not None:
            raise exceptions.UnsupportedError("day_name(locale=...) is not supported; names are English")
        return self._call("dt_day_name")

    def month_name(self, locale=None):
        """The month's English name ("January", ...) in the value's zone."""
        if locale is not None:
            raise exceptions.UnsupportedError("month_name(locale=...) is not supported; names are English")
        return self._call("dt_month_name")

    def strftime(self, date_format: str):
        if not isinstance(date_format, str):
            raise exceptions.DTypeError(f"date_format must be a str, got {type(date_format).__name__}")
        return self._call("dt_strftime", date_format)

    def normalize(self):
        """Midnight of each value's day in its zone (the dtype is kept)."""
        return self._call("dt_floor", "1D", "raise", "raise")

    @property
    def tz(self):
        return self._series.dtype.tz if _convert.time_zone(self._series._core.dtype) else None

    def tz_localize(self, tz, ambiguous="raise", nonexistent="raise"):
        """Naive wall times become instants in `tz` (any IANA zone); None gives aware values'
        wall times in their zone. Wall times a zone skips or repeats follow `nonexistent`
        ('raise', 'NaT') and `ambiguous` ('raise', 'NaT', True for DST, False)."""
        if tz is None:
            return self._call("dt_tz_naive")
        zone = _convert.zone_name(tz)
        return self._call("dt_tz_localize", zone, *_localize_options(ambiguous, nonexistent))

    def tz_convert(self, tz):
        """The same instants read in `tz`; None gives their UTC wall times (naive)."""
        if tz is None:  # UTC wall times; a naive Series gets the core's "tz-naive" error
            return self._call("dt_tz_convert", "UTC").dt.tz_localize(None)
        return self._call("dt_tz_convert", _convert.zone_name(tz))


def _localize_options(ambiguous, nonexistent) -> list:
    """pandas' ambiguous / nonexistent options as the core takes them (it checks them)."""
    if isinstance(ambiguous, (bool, np.bool_)):
        ambiguous = bool(ambiguous)
    elif not isinstance(ambiguous, str):
        raise exceptions.UnsupportedError(
            "ambiguous as an array is not supported; use 'raise', 'NaT', True (DST) or False (standard time)"
        )
    if not isinstance(nonexistent, str):
        raise exceptions.UnsupportedError(f"nonexistent={nonexistent!r} is not supported; use 'raise' or 'NaT'")
    return [ambiguous, nonexistent]
