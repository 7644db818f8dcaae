"""Series.str: pandas' string methods, each a registered engine function ("str_<method>")."""

from __future__ import annotations

from cormorant import exceptions


class StringMethods:
    """The .str accessor of a string Series."""

    def __init__(self, series):
        if series._core.dtype != "string":
            raise exceptions.DTypeError("Can only use .str accessor with string values!")
        self._series = series

    def _call(self, function: str, *params, other=None):
        from cormorant.series import Series

        return Series(self._series._core.call(function, other._core if other is not None else None, list(params)))

    def lower(self):
        return self._call("str_lower")
