"""to_numeric: pandas.to_numeric of a cormorant Series, parsed in the engine.

Numbers and booleans come back as they are. Text is read as pandas reads it: an optional sign
and ASCII digits are an integer; digits with a decimal point and/or an exponent, or "inf" /
"infinity" in any case, a float; leading and trailing " \\t\\n\\v\\f\\r" are allowed; ""
is missing (and makes the result Float64); anything else ("nan", "1_000", "0x1A", other
digits) cannot be parsed: ValueError (InvalidArgumentError) naming it, or <NA> with
errors="coerce". pandas' result dtype depends on the values (Int64 when every parsed value is
an integer, else Float64), so one query counts them first; the values stay lazy. With downcast,
another query finds pandas' narrower integer dtype (Int8 ... UInt64), which the result takes;
downcast='float' (Float32) converts as the result comes out (to_pandas).
"""

from __future__ import annotations

from cormorant._lazy import np, pd
from cormorant import _convert, exceptions

# pandas' (C's isspace) whitespace around a number, and its two grammars.
_SPACE = r"[ \t\n\x0b\x0c\r]*"
_INTEGER = _SPACE + r"[+-]?[0-9]+" + _SPACE
_FLOAT = _SPACE + r"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity))" + _SPACE

_DOWNCASTS = ("integer", "signed", "unsigned", "float")


def to_numeric(arg, errors: str = "raise", downcast=None, dtype_backend=None):
    """pandas.to_numeric for a cormorant Series of strings, numbers or booleans (the result
    keeps its index and name); scalars and other Python data go to pandas.to_numeric."""
    from cormorant.series import Series

    if not isinstance(arg, Series):
        kwargs = {} if dtype_backend is None else {"dtype_backend": dtype_backend}
        return pd.to_numeric(arg, errors=errors, downcast=downcast, **kwargs)
    if errors not in ("raise", "coerce"):
        raise exceptions.InvalidArgumentError("invalid error value specified")
    if downcast is not None and downcast not in _DOWNCASTS:
        raise exceptions.InvalidArgumentError("invalid downcasting method provided")
    if dtype_backend not in (None, "numpy_nullable"):
        raise exceptions.UnsupportedError(
            f"to_numeric(dtype_backend={dtype_backend!r}) is not supported: cormorant's dtypes are the nullable ones")
    dtype = arg._core.dtype
    if dtype not in _convert.MASKED and dtype != "string":
        raise exceptions.DTypeError(
            f"to_numeric of Series {arg.name!r} of dtype '{dtype}' is not supported; it parses strings (numbers and "
            "booleans come back as they are); for datetimes and timedeltas use astype('Int64')")
    out = arg if dtype != "string" else _parsed(arg, errors)
    return out if downcast is None else _downcast(out, downcast)


# pandas' integer dtypes by downcast, narrowest first, with their width in bytes
_SIGNED = (("Int8", 1), ("Int16", 2), ("Int32", 4), ("Int64", 8))
_UNSIGNED = (("UInt8", 1), ("UInt16", 2), ("UInt32", 4), ("UInt64", 8))
_WIDTH = {**dict(_SIGNED), **dict(_UNSIGNED), "Float64": 8}


def _downcast(out, downcast: str):
    """pandas' downcast of the parsed (or given) numbers `out`: to 'integer'/'signed'/'unsigned',
    the narrowest of pandas' integer dtypes no wider than out's that holds every value (whole
    values, for floats; unsigned only without negatives), as a real Int8..UInt64 Series (one
    query counts the values each would not hold); out itself when none does. Booleans stay as
    they are. 'float' gives Float32, which cormorant has not: by pandas' own to_numeric in
    to_pandas (`.dtype` runs the query to find it)."""
    from cormorant.frame import DataFrame
    from cormorant.window import _AsPandas

    dtype = out._core.dtype
    if dtype == "boolean":
        return out
    if downcast == "float" or dtype not in _WIDTH:
        return _AsPandas(out, lambda s: pd.to_numeric(s, downcast=downcast), lambda o: o.to_pandas().dtype)
    candidates = [(name, width) for name, width in (_UNSIGNED if downcast == "unsigned" else _SIGNED)
                  if width <= _WIDTH[dtype]]
    floats = dtype == "Float64"
    counts = {"negative": out < 0}
    if floats:
        counts["fraction"] = (out % 1 != 0).fillna(False)  # (inf too)
    for name, _ in candidates:
        info = np.iinfo(name.lower())
        below = out < int(info.min)
        if floats:
            counts[name] = below | (out >= float(int(info.max) + 1))
        else:  # (no integer is past UInt64's greatest value, which a constant cannot hold)
            counts[name] = below if name == "UInt64" else below | (out > int(info.max))
    n = DataFrame(counts).sum()  # (one query)
    if (floats and n["fraction"]) or (downcast == "unsigned" and n["negative"]):
        return out
    for name, _ in candidates:
        if not n[name]:
            return out if name == dtype else out.astype(name)
    return out


def _parsed(s, errors: str):
    """A string Series parsed as pandas parses it (see the module's doc)."""
    from cormorant.frame import DataFrame

    present = s.notna()
    integer = s.str.fullmatch(_INTEGER).fillna(False)
    number = s.str.fullmatch(_FLOAT).fillna(False)  # (every integer too)
    empty = (s == "").fillna(False)
    bad = present & ~number & ~empty
    text = s.str.strip(" \t\n\x0b\x0c\r")
    digits = text.str.replace(r"^[+-]?0*", "", regex=True)  # an integer's digits, no sign or leading zeros
    negative = text.str.startswith("-")
    fits = (digits.str.len() < 19) | ((digits.str.len() == 19) & (
        (digits <= "9223372036854775807") | (negative & (digits == "9223372036854775808"))))
    big = integer & ~fits.fillna(False)
    counts = DataFrame({"integer": integer, "float": number & ~integer, "empty": empty, "big": big,
                        "bad": bad, "rows": present | ~present}).sum()  # (one query)
    if errors == "raise" and counts["bad"]:
        _refuse(s, bad)
    if counts["float"] or counts["empty"]:
        return text.where(number).astype("Float64")
    if counts["big"]:
        raise exceptions.UnsupportedError(
            f"to_numeric of Series {s.name!r}: integers beyond Int64 (pandas gives UInt64 or object there); "
            "cormorant holds Int64 and Float64 only")
    if counts["integer"] or not counts["rows"]:
        # (astype reads an integer's text as pandas' astype does: no '+' sign)
        return text.where(integer).str.replace(r"^\+", "", regex=True).astype("Int64")
    return text.where(number).astype("Float64")  # no value parsed: all missing, as pandas' float64


def _refuse(s, bad):
    """pandas' ValueError for the first value that cannot be parsed."""
    value, where = first_value(s, bad)
    raise exceptions.InvalidArgumentError(f"Unable to parse string {value!r}{where}")


def first_value(s, mask):
    """The first value of `s` where `mask` holds, and " at position <i>" (by position, when the
    Series has an order; "" in partial ordering mode, where it is any such value)."""
    try:
        where = f" at position {int(mask.argmax())}"
        value = s[mask].head(1).to_pandas().iloc[0]
    except exceptions.OrderRequiredError:
        where = ""
        value = s[mask].to_frame().peek(1).iloc[0, 0]
    return value, where
