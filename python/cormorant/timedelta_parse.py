"""to_timedelta of text: the layouts pandas 3.1 reads, parsed exactly in the engine.

Read (spaces as pandas allows them; "+" ignored, a leading "-" negates):
- the clock, "[-][D days[,]] [+]H:MM:SS[.ffffff]": pandas' "1 days 02:00:00" and
  "-1 days +23:00:00" (a "-" before the days negates the days only, as in pandas);
- units, "[-]N unit[, ]N unit...", whole numbers each once in the order weeks (W), days
  (D, day, days), hours (h, hr, hour, hours), minutes (m, min, minute, minutes), seconds (s, sec,
  second, seconds), milliseconds (ms, milli, millis, millisecond, milliseconds), microseconds
  (us, µs, micro, micros, microsecond, microseconds), as "1h30m" or "1 days 2 hours";
- ISO 8601 durations, "[-]P[nW][nD][T[nH][nM][n[.ffffff]S]]" ("P1DT2H", "PT0.5S");
- missing: None, "", "nan", "NaT" (any case).

What pandas reads otherwise, or not exactly, is refused before anything is computed: values
finer than a microsecond (pandas gives timedelta64[ns]) and fractions of units other than the
clock's and ISO's seconds (pandas computes them through floats, a nanosecond off at times)
raise UnsupportedError, as does any other text holding a digit (other orders, repeated units,
signs inside); text without digits cannot be a timedelta: ValueError (InvalidArgumentError),
or NaT with errors="coerce"; values past pandas' range (+-106751 days 23:47:16.854775) raise
InvalidArgumentError (pandas' OutOfBoundsTimedelta), or are NaT with errors="coerce". One query
counts these first; the values stay lazy.
"""

from __future__ import annotations

from cormorant import _convert, exceptions

_BOUND = 9_223_372_036_854_775  # pandas' range in microseconds (2**63 - 1 nanoseconds)

# Each unit's spellings (case-insensitive, but "m", minutes, which pandas refuses as "M") and
# its microseconds, in the order a units text must follow.
_UNITS = [
    ("(?i:w)", 7 * 86_400_000_000),
    ("(?i:days|day|d)", 86_400_000_000),
    ("(?i:hours|hour|hr|h)", 3_600_000_000),
    ("(?i:minutes|minute|min)|m", 60_000_000),
    ("(?i:seconds|second|sec|s)", 1_000_000),
    ("(?i:milliseconds|millisecond|millis|milli|ms)", 1_000),
    ("(?i:microseconds|microsecond|micros|micro|us|µs)", 1),
]
_WHOLE = "[0-9]{1,15}"  # (below 2**53: pandas reads the number through a float)
_SEP = "[ ,]*"


def _units_pattern() -> str:
    """The units layout: each unit at most once, in _UNITS' order."""
    parts = [f"(?:{_WHOLE} *(?:{names}){_SEP})?" for names, _ in _UNITS]
    return f"{_SEP}[+]?-?[+]? *" + "".join(parts)


_DAYS = "(?i:days|day|d)"
_CLOCK_SIGN = f"{_SEP}[+]?(-?)[+]? *"
_CLOCK_DAYS = f"(?:([0-9]{{1,15}}) *{_DAYS}{_SEP}[+]?)?"
_CLOCK = _CLOCK_SIGN + _CLOCK_DAYS + r" *([0-9]{1,15}):([0-9]{1,15}):([0-9]{1,15})(?:\.([0-9]+))? *"
_ISO = r"(-?)P(?:([0-9]{1,15})W)?(?:([0-9]{1,15})D)?(?:T(?:([0-9]{1,15})H)?(?:([0-9]{1,15})M)?" \
       r"(?:([0-9]{1,15})(?:\.([0-9]+))?S)?)?"


# After a unit's name: a separator, the next number or the end (so "m" is not "ms"'s). The very
# end (\Z, not $: the engines' $ differs before a final newline, so an extract of a pattern with
# $ fails such a value, and could not be computed once for all rows; no value read has one).
_AFTER = "(?:[ ,0-9]|\\Z)"


def parse(s, errors: str):
    """A string Series read as timedeltas (see the module's doc). The layouts are checked whole
    first; the numbers are then read by small patterns of their own, which hold only where
    their layout does (each value is one sum of Int64 terms, so the query stays small)."""
    from cormorant.frame import DataFrame

    missing = s.isna() | s.str.fullmatch("(?i:nan|nat)?").fillna(False)
    digit = s.str.contains("[0-9]").fillna(False)
    units_ok = s.str.fullmatch(_units_pattern()).fillna(False) & digit
    clock_ok = s.str.fullmatch(_CLOCK).fillna(False)
    iso_ok = s.str.fullmatch(_ISO).fillna(False) & digit
    negative = s.str.match(f"{_SEP}[+]?-").fillna(False)

    # Each layout's numbers are read from its own values only (other values are missing there,
    # so their terms are 0): every term's cast then reads at most 15 digits and cannot fail, so
    # the engine computes it once for all rows, and the layouts' values are summed, not chosen.
    def number(text, pattern, micros):
        return _term(text.str.extract(pattern, expand=False), micros)

    def fraction(text, pattern):
        return _micros(text.str.extract(pattern, expand=False))

    units_text, clock_text, iso_text = s.where(units_ok), s.where(clock_ok), s.where(iso_ok)
    units = _sum([number(units_text, f"([0-9]+) *(?:{names}){_AFTER}", micros) for names, micros in _UNITS])
    days = number(clock_text, f"([0-9]+) *{_DAYS}", 86_400_000_000)
    clock = (number(clock_text, "([0-9]+):[0-9]+:", 3_600_000_000) + number(clock_text, ":([0-9]+):", 60_000_000)
             + number(clock_text, ":([0-9]+)(?:\\.|\\Z| )", 1_000_000) + fraction(clock_text, r":[0-9]+\.([0-9]+)"))
    iso = _sum([number(iso_text, "([0-9]+)W", 7 * 86_400_000_000), number(iso_text, "([0-9]+)D", 86_400_000_000),
                number(iso_text, "([0-9]+)H", 3_600_000_000), number(iso_text, "([0-9]+)M", 60_000_000),
                number(iso_text, "([0-9]+)(?:\\.[0-9]+)?S", 1_000_000), fraction(iso_text, r"\.([0-9]+)S")])
    sign = 1 - negative.astype("Int64") * 2
    # pandas: a leading "-" negates units and ISO durations whole; before days and a clock, the
    # days only; before a clock alone, the clock
    has_days = s.str.contains(f"[0-9] *{_DAYS}").fillna(False)
    clock_value = days * sign + clock * (1 - (negative & ~has_days).astype("Int64") * 2)
    value = (units + iso) * sign + clock_value

    read = units_ok | clock_ok | iso_ok
    finer = read & s.str.contains(r"\.[0-9]{7}").fillna(False)
    outside = read & ~finer & (value.abs() > _BOUND).fillna(False)
    unread = ~missing & ~read & digit
    invalid = ~missing & ~digit
    counts = DataFrame({"finer": finer, "unread": unread, "invalid": invalid, "outside": outside}).sum()  # (one query)
    if counts["finer"]:
        _refuse(s, finer, exceptions.UnsupportedError,
                "is finer than a microsecond (pandas gives timedelta64[ns]; cormorant holds microseconds)")
    if counts["unread"]:
        _refuse(s, unread, exceptions.UnsupportedError,
                "is not in a layout cormorant reads exactly (the clock '1 days 02:00:00', whole units in the order "
                "W, D, h, m, s, ms, us as '1h30m', or ISO 8601 'P1DT2H'); pandas may read it otherwise")
    if errors == "raise" and counts["invalid"]:
        _refuse(s, invalid, exceptions.InvalidArgumentError, "cannot be read as a timedelta")
    if errors == "raise" and counts["outside"]:
        _refuse(s, outside, exceptions.InvalidArgumentError,
                "is past the range of timedeltas (pandas' OutOfBoundsTimedelta)")
    return value.where(read & ~outside).astype(_convert.TIMEDELTA).rename(s.name)


def _term(text, micros: int):
    """Extracted digits (at most 15) times `micros`, as Int64 (0 where absent). A count past
    pandas' range is taken as the first count past it, which keeps the sum past the range
    without overflowing Int64."""
    return text.fillna("0").astype("Int64").clip(upper=_BOUND // micros + 1) * micros


def _micros(fraction):
    """The microseconds of a fraction of a second's digits ("5" is 500000; past 6 digits the
    value is refused as finer than a microsecond); 0 where absent."""
    return fraction.fillna("").str.pad(6, side="right", fillchar="0").str.slice(0, 6).astype("Int64")


def _sum(terms):
    out = terms[0]
    for term in terms[1:]:
        out = out + term
    return out


def _refuse(s, mask, error, reason: str):
    from cormorant.to_numeric import first_value

    value, where = first_value(s, mask)
    raise error(f"to_timedelta: {value!r}{where} {reason}")
