"""Timestamps, Timedeltas and dates as column labels (a DatetimeIndex's values become column
labels in T, as pandas gives them). The core carries such a label as its core dtype name, its
value in that dtype's unit and Python's str() and repr() of it (Label::temporal); the binding
calls `parts` to send one and `label` to get it back as pandas' own object."""

from __future__ import annotations

import datetime

from cormorant._lazy import pd
from cormorant import exceptions

_EPOCH = datetime.date(1970, 1, 1)
_DATE = "date32[day][pyarrow]"  # (the core's dtype names)


def is_temporal(x) -> bool:
    """Whether `x` is a label this module carries (a Timestamp or datetime, a Timedelta or
    timedelta, a date), pandas' NaT excluded."""
    return isinstance(x, (datetime.date, datetime.timedelta)) and x is not pd.NaT


def parts(x):
    """(core dtype, value, str, repr) of a temporal label, None for any other object; a label
    finer than a microsecond raises (the core's unit)."""
    if not is_temporal(x):
        return None
    if isinstance(x, datetime.datetime):
        stamp = pd.Timestamp(x)
        if stamp.nanosecond:
            raise exceptions.UnsupportedError(f"column label {x!r} is finer than a microsecond, cormorant's unit")
        value = stamp.as_unit("us")._value  # (UTC microseconds of an aware one)
        dtype = "datetime64[us]" if stamp.tz is None else f"datetime64[us, {_zone(stamp)}]"
        return dtype, int(value), str(x), repr(x)
    if isinstance(x, datetime.timedelta):
        delta = pd.Timedelta(x)
        if delta.nanoseconds:
            raise exceptions.UnsupportedError(f"column label {x!r} is finer than a microsecond, cormorant's unit")
        return "timedelta64[us]", int(delta.as_unit("us")._value), str(x), repr(x)
    return _DATE, (x - _EPOCH).days, str(x), repr(x)


def _zone(stamp) -> str:
    from cormorant._convert import zone_name

    return zone_name(stamp.tz)


def label(dtype: str, value: int):
    """pandas' object of a core temporal label: a Timestamp (in its zone), Timedelta or date."""
    if dtype.startswith("datetime64[us"):
        stamp = pd.Timestamp(value, unit="us").as_unit("us")
        zone = dtype[len("datetime64[us, "):-1] if dtype.startswith("datetime64[us, ") else None
        return stamp if zone is None else stamp.tz_localize("UTC").tz_convert(zone)
    if dtype == "timedelta64[us]":
        return pd.Timedelta(value, unit="us").as_unit("us")
    return _EPOCH + datetime.timedelta(days=value)
