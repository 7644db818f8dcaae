"""to_datetime: strings parsed to datetime64[us] in the engine (strptime with a format, a
CAST for ISO 8601 text).

Without a format, the format is inferred from the first value as pandas infers it (its own
guess_datetime_format, dayfirst too), and every value must follow it, as in pandas.

Differences from pandas:
- without a format and without a row order (partial ordering mode), every ISO 8601 layout is
  accepted row by row (pandas infers one format from the first value);
- a first value pandas infers no format from (pandas then parses each value with dateutil)
  raises UnsupportedError: pass a format;
- strings with UTC offsets ("+02:00") need utc=True (pandas gives a fixed-offset dtype);
  with utc=False the offset is ignored;
- errors="coerce" without a format recognises only ISO 8601 layouts without offsets.
"""

from __future__ import annotations

from cormorant import exceptions


def to_datetime(arg, errors: str = "raise", dayfirst: bool = False, yearfirst: bool = False, utc: bool = False,
                format: str | None = None, exact=True, unit=None, origin="unix", cache: bool = True):
    """pandas.to_datetime for a cormorant Series of strings; the result is datetime64[us]
    (datetime64[us, UTC] with utc=True)."""
    from cormorant.series import Series

    if not isinstance(arg, Series):
        raise exceptions.UnsupportedError(
            "cormorant's to_datetime takes a cormorant Series of strings; use pandas.to_datetime for other values"
        )
    if arg._core.dtype.startswith("datetime64"):
        if utc and "UTC" not in arg._core.dtype:
            return arg.dt.tz_localize("UTC")
        return arg
    if arg._core.dtype != "string":
        raise exceptions.DTypeError(
            f"to_datetime takes strings (dtype 'string'), got '{arg._core.dtype}'; convert with astype('string')"
        )
    if (dayfirst and format is not None) or yearfirst or unit is not None or origin != "unix" or exact is not True:
        raise exceptions.UnsupportedError(
            "to_datetime supports only format, utc, errors ('raise' or 'coerce') and dayfirst without a format")
    if format == "mixed":
        raise exceptions.UnsupportedError("format='mixed' is not supported; pass an explicit format or 'ISO8601'")
    if format is not None and not isinstance(format, str):
        raise exceptions.DTypeError(f"format must be a str, got {type(format).__name__}")
    if errors not in ("raise", "coerce"):
        raise exceptions.InvalidArgumentError(f"errors must be 'raise' or 'coerce', got {errors!r}")
    if format is None:
        format = _inferred_format(arg, dayfirst)
    label = "" if arg.name is None else str(arg.name)  # for the message naming a value that does not parse
    return Series(arg._core.call("to_datetime", None, [format, bool(utc), errors, label]))


def _inferred_format(arg, dayfirst: bool):
    """pandas' format for text without one: its guess from the first value that is not missing
    (one small query), or None (every ISO 8601 layout, row by row) when there is none or the
    rows have no order to tell the first."""
    from pandas.tseries.api import guess_datetime_format

    if not arg.to_frame()._core.ordered:
        if dayfirst:
            raise exceptions.UnsupportedError(
                "to_datetime(dayfirst=True) without a format infers it from the first value, and these rows have "
                "no order (ordering_mode=\"partial\"); pass format=")
        return None
    first = arg.dropna().head(1).to_pandas()
    if len(first) == 0:
        return None
    value = first.iloc[0]
    guessed = guess_datetime_format(value, dayfirst=dayfirst)
    if guessed is None:
        raise exceptions.UnsupportedError(
            f"to_datetime could not infer a format from the first value {value!r} (pandas then parses each value "
            "with dateutil, which cormorant does not); pass format=")
    return guessed
