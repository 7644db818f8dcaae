"""Series.dt: pandas' datetime properties and methods, each a registered engine function
("dt_<name>")."""

from __future__ import annotations

from cormorant import exceptions


class DatetimeMethods:
    """The .dt accessor of a datetime Series."""

    def __init__(self, series):
        if not series._core.dtype.startswith("datetime64") and series._core.dtype != "date32[day][pyarrow]":
            raise exceptions.DTypeError("Can only use .dt accessor with datetimelike values")
        self._series = series

    def _call(self, function: str, *params, other=None):
        from cormorant.series import Series

        return Series(self._series._core.call(function, other._core if other is not None else None, list(params)))
