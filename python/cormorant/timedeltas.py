"""Timedeltas: Series.dt of a timedelta64[us] Series and to_timedelta, each an engine function
("td_<name>", "to_timedelta"). A timedelta is held as its microseconds (the engine's BIGINT),
so values and their order are exact.

Differences from pandas (by design; cormorant's dtypes are the nullable ones): the parts (days,
seconds, ...) are Int64 with <NA> for NaT where pandas gives float64 with NaN; total_seconds()
is Float64; timedeltas are microseconds (pandas' timedelta64[us], what datetime64[us] differences
give): to_timedelta of floats floors to the microsecond (as pandas' as_unit("us")), where pandas
gives timedelta64[ns].
"""

from __future__ import annotations

from cormorant._lazy import pd
from cormorant import _convert, exceptions
from cormorant._accessor import MicrosecondUnit, engine_property as _property

# Microseconds per unit, in the spellings pandas' to_timedelta(unit=...) takes.
_UNITS = {
    **dict.fromkeys(("W", "w"), 7 * 86_400_000_000),
    **dict.fromkeys(("D", "d", "days", "day"), 86_400_000_000),
    **dict.fromkeys(("h", "hours", "hour", "hr"), 3_600_000_000),
    **dict.fromkeys(("m", "minute", "min", "minutes"), 60_000_000),
    **dict.fromkeys(("s", "seconds", "sec", "second"), 1_000_000),
    **dict.fromkeys(("ms", "milliseconds", "millisecond", "milli", "millis"), 1_000),
    **dict.fromkeys(("us", "microseconds", "microsecond", "micro", "micros"), 1),
}


class TimedeltaMethods(MicrosecondUnit):
    """The .dt accessor of a timedelta Series (pandas' TimedeltaProperties)."""

    held = "timedelta64[us]"

    def __init__(self, series):
        self._series = series

    def _call(self, function: str):
        from cormorant.series import Series

        return Series(self._series._core.call(function, None, []))

    def __getattr__(self, name):
        from cormorant._accessor import accessor_attribute

        return accessor_attribute(self, "Series.dt", pd.core.indexes.accessors.TimedeltaProperties, name)

    days = _property("td_days", "Whole days, rounded toward minus infinity as Timedelta.days (Int64).")
    seconds = _property("td_seconds", "Seconds within the day, 0 to 86399 (Int64).")
    microseconds = _property("td_microseconds", "Microseconds within the second, 0 to 999999 (Int64).")
    nanoseconds = _property("td_nanoseconds", "Nanoseconds within the microsecond: always 0 here (Int64).")

    def total_seconds(self):
        """The whole duration in seconds (Float64)."""
        return self._call("td_total_seconds")

    def to_pytimedelta(self):
        """The values as a NumPy array of datetime.timedelta (NaT stays NaT; runs the query)."""
        return self._series.to_pandas().array.to_pytimedelta()

    def floor(self, freq, ambiguous="raise", nonexistent="raise"):
        """Each value rounded down to a multiple of `freq` (a fixed frequency: "h", "15min", ...)."""
        return _rounded(self._series, freq, "floor")

    def ceil(self, freq, ambiguous="raise", nonexistent="raise"):
        """Each value rounded up to a multiple of `freq`."""
        return _rounded(self._series, freq, "ceil")

    def round(self, freq, ambiguous="raise", nonexistent="raise"):
        """Each value rounded to the nearest multiple of `freq`, halves to the even multiple (pandas')."""
        return _rounded(self._series, freq, "round")

    @property
    def components(self):
        """pandas' components: days, hours, minutes, seconds, milliseconds, microseconds and
        nanoseconds of each value (Int64 columns), as one lazy frame."""
        from cormorant.frame import DataFrame

        seconds, micros = self.seconds, self.microseconds
        parts = {
            "days": self.days,
            "hours": seconds // 3600,
            "minutes": seconds // 60 % 60,
            "seconds": seconds % 60,
            "milliseconds": micros // 1000,
            "microseconds": micros % 1000,
            "nanoseconds": self.nanoseconds,
        }
        return DataFrame(parts)


def to_timedelta(arg, unit=None, errors: str = "raise"):
    """pandas.to_timedelta for a cormorant Series of text (the layouts of
    cormorant.timedelta_parse), of numbers (a count of `unit`, which must be given: pandas'
    default, nanoseconds, is finer than timedelta64[us]) or of timedeltas; scalars and other
    Python data go to pandas.to_timedelta."""
    from cormorant.series import Series

    if not isinstance(arg, Series):
        return pd.to_timedelta(arg, unit=unit, errors=errors)
    if errors not in ("raise", "coerce", "ignore"):
        raise exceptions.InvalidArgumentError(f"errors must be 'raise', 'coerce' or 'ignore', got {errors!r}")
    dtype = arg._core.dtype
    if dtype == _convert.TIMEDELTA:
        if unit is not None:
            raise exceptions.InvalidArgumentError("unit must not be specified if the input is/contains a str")
        return arg
    if dtype == "string":
        if unit is not None:
            raise exceptions.InvalidArgumentError("unit must not be specified if the input is/contains a str")
        if errors == "ignore":
            raise exceptions.InvalidArgumentError("errors='ignore' is not supported (pandas 3 removed it)")
        from cormorant.timedelta_parse import parse

        return parse(arg, errors)
    if dtype not in ("Int64", "Float64"):
        raise exceptions.DTypeError(
            f"to_timedelta takes text, numbers (with unit=) or timedeltas, got dtype '{dtype}'")
    if unit is None or unit in ("ns", "nanoseconds", "nanosecond", "nanos", "nano"):
        raise exceptions.UnsupportedError(
            "to_timedelta of nanosecond counts (pandas' default unit) is not supported: timedelta64[us] holds "
            "microseconds; give unit= (e.g. 'us', 's', 'D')"
        )
    if unit not in _UNITS:
        raise exceptions.InvalidArgumentError(f"invalid unit abbreviation: {unit!r}")
    return Series(arg._core.call("to_timedelta", None, [_UNITS[unit]]))


def _rounded(series, freq, how: str):
    """floor/ceil/round of timedeltas to a multiple of `freq`, in Int64 microseconds."""
    try:
        offset = pd.tseries.frequencies.to_offset(freq)
    except (TypeError, ValueError) as e:
        raise exceptions.InvalidArgumentError(f"dt.{how}: invalid frequency {freq!r}: {e}") from None
    if isinstance(offset, pd.offsets.Day):  # (pandas 3's calendar day is 24 hours for timedeltas)
        nanos = offset.n * 86_400_000_000_000
    elif isinstance(offset, pd.offsets.Tick):
        nanos = offset.nanos
    else:
        raise exceptions.InvalidArgumentError(f"dt.{how}: {freq!r} is a non-fixed frequency")
    if nanos > 0 and 1000 % nanos == 0:  # every microsecond is a multiple already
        return series
    step, finer = divmod(nanos, 1000)
    if finer or step <= 0:
        raise exceptions.UnsupportedError(
            f"dt.{how}({freq!r}): a frequency that is no whole number of microseconds; timedelta64[us] holds "
            "microseconds")
    micros = series.astype("Int64")
    down = micros // step * step
    if how == "floor":
        out = down
    elif how == "ceil":
        out = down + (micros != down).astype("Int64") * step
    else:  # halves to the even multiple
        twice = (micros - down) * 2
        odd = (micros // step) % 2 == 1
        up = (twice > step) | ((twice == step) & odd)
        out = down + up.astype("Int64") * step
    return out.astype(_convert.TIMEDELTA).rename(series.name)


_DAY = 86_400_000_000


def as_text(series):
    """astype(str) of a timedelta Series: pandas' text of each value, as its array formats it:
    "<d> days" when every value is whole days, else "<d> days hh:mm:ss" (" +" after a negative
    day count) with ".ffffff" on every value when some value has a fraction of a second. NaT
    is <NA>. Whether values have whole days or fractions comes from one query first."""
    from cormorant.frame import DataFrame

    micros = series.astype("Int64")
    flags = DataFrame({"part_day": micros % _DAY != 0, "fraction": micros % 1_000_000 != 0}).any()
    days = micros // _DAY
    text = days.astype("string") + " days"
    if flags["part_day"]:
        rest = micros - days * _DAY
        two = lambda x: x.astype("string").str.zfill(2)  # noqa: E731
        clock = two(rest // 3_600_000_000) + ":" + two(rest // 60_000_000 % 60) + ":" + two(rest // 1_000_000 % 60)
        if flags["fraction"]:
            clock = clock + "." + (rest % 1_000_000).astype("string").str.zfill(6)
        text = text + (" " + clock).where(days >= 0, " +" + clock)
    return text.rename(series.name)
