"""Conversions and the edges of arithmetic: astype between every pair of supported dtypes
(Float64 to Int64 of whole and non-integral values, text to numbers, datetimes and booleans,
booleans and integers, timestamps across zones), round (half to even, negative decimals),
to_numeric and to_datetime with their options, integers near the ends of Int64 (sum, prod,
cumsum, products, abs of the smallest), division and modulo by zero and of negatives, clip.
Missing values everywhere, empty frames, both ordering modes."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from .runner import Case, index

INTS = (0, 1, -1, 7, -7, 3, 10, -10, 2**62, -(2**62), 2**63 - 1, -(2**63), 2**31, 100)
FLOATS = (0.0, -0.0, 0.5, 1.5, 2.5, -0.5, -2.5, 1.005, 2.675, 0.125, 1e300, -1e300, 1e-7, 3.0, -7.0, 1234.5678,
          float("inf"), float("-inf"), 2.0**63, 9.5e18)
TEXTS = ("1", " 2 ", "-3.5", "1e3", "abc", "", "nan", "NaN", "True", "false", "2024-03-10", "2024-03-10 02:30",
         "2024-11-03 01:30:00", "2024-13-01", "10/03/2024", "0x1F", "1_000", "+5", "inf", "-inf", "12",
         "9223372036854775808", "2024-03-10T02:30:00+05:30", "1.0", "0", "yes", "1.5e-3", "-0", "1e400", "0.1",
         "-9223372036854775809", " -7 ", "1,000", "\u0661\u0662", "9223372036854775807", ".5", "5.", "1e-400", "Infinity")
ZONES = (None, "UTC", "America/New_York", "Asia/Kolkata", "Europe/Berlin")
TARGETS = ("Int64", "Float64", "boolean", "string", "float64", "int64", "bool", "str", "datetime64[us]",
           "datetime64[us, UTC]", "datetime64[us, America/New_York]", "object")


def _pick(rng, values, n, missing):
    return [rng.choice(values) if rng.random() >= missing else None for _ in range(n)]


# The text to_datetime reads without a format or with format='ISO8601' (README, differences).
_LAYOUTS = re.compile(r"\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?")


def _other_layout(text: str) -> bool:
    """Whether pandas reads `text` as a datetime (inferring a format, or as ISO 8601) in
    another layout than those cormorant reads (README, differences)."""
    read = any(pd.to_datetime(pd.Series([text]), format=f, errors="coerce", utc=True).notna().all()
               for f in (None, "ISO8601"))
    return read and not _LAYOUTS.fullmatch(text)


def generate(rng):
    n = rng.randint(0, 8)
    missing = rng.choice([0.0, 0.0, 0.25])
    small = rng.random() < 0.5  # values far from the ends of Int64 (sums stay exact)
    ints = INTS[:8] if small else INTS
    tz = rng.choice(ZONES)
    base = pd.Timestamp("2024-03-10 01:30")
    t = pd.Series(pd.array([base + pd.Timedelta(minutes=rng.randrange(-300, 60 * 24 * 240, 41)) if rng.random() >= missing
                            else None for _ in range(n)], dtype="datetime64[us]"))
    a = pd.DataFrame({
        "i": pd.array(_pick(rng, ints, n, missing), dtype="Int64"),
        "j": pd.array(_pick(rng, ints, n, missing), dtype="Int64"),
        "f": pd.array(_pick(rng, FLOATS if not small else FLOATS[:10], n, missing), dtype="Float64"),
        "b": pd.array(_pick(rng, [True, False], n, missing), dtype="boolean"),
        "s": pd.array(_pick(rng, TEXTS, n, missing), dtype="string"),
        "t": (t.dt.tz_localize("UTC").dt.tz_convert(tz) if tz else t).array,
    }, index=index(rng, n, rng.choice(["default", "ints", "strs"])))
    col = rng.choice(["i", "f", "b", "s", "t"])
    target = rng.choice(TARGETS)
    digits = rng.choice([0, 1, 2, 3, -1, -2])
    fmt = rng.choice(["None", "'%Y-%m-%d'", "'%Y-%m-%d %H:%M'", "'ISO8601'", "'mixed'", "'%d/%m/%Y'"])
    ops = [
        f"r = a[{col!r}].astype({target!r})", f"r = a[[{col!r}, 'i']].astype({target!r})",
        f"r = a.astype({{{col!r}: {target!r}}})",
        "r = a['f'].astype('Int64')", "r = a['f'].dropna().astype('Int64')", "r = a['f'].round().astype('Int64')",
        "r = a['s'].astype('Float64')", "r = a['s'].astype('Int64')", "r = a['s'].astype('boolean')",
        "r = a['b'].astype('Int64')", "r = a['i'].astype('boolean')", "r = a['b'].astype('Float64') * 2",
        "r = a['t'].astype('string')", "r = a['t'].astype('datetime64[us, Asia/Tokyo]')",
        "r = a['t'].astype('int64')", "r = a['i'].astype('datetime64[us]')",
        f"r = a['f'].round({digits})", f"r = a['i'].round({digits})", f"r = a[['f', 'i']].round({digits})",
        f"r = a.round({{'f': {digits}}})", "r = a['f'].round(0) == a['f'].round()",
        f"r = lib.to_numeric(a['s'], errors={rng.choice(['coerce', 'raise'])!r})",
        f"r = lib.to_numeric(a['s'].str.strip(), errors={rng.choice(['coerce', 'raise'])!r})",
        "r = lib.to_numeric(a['s'], errors='coerce').sum()", "r = a[lib.to_numeric(a['s'], errors='coerce') > 0]",
        f"r = lib.to_numeric(a['s'][a['s'].str.len() < 4], errors={rng.choice(['coerce', 'raise'])!r})",
        "r = lib.to_numeric(a['f'], errors='coerce')", "r = lib.to_numeric(a['t'], errors='coerce')",
        "r = lib.to_numeric(a['s'], errors='coerce', downcast='float')",
        f"r = lib.to_numeric(a['{rng.choice(['i', 'f', 'b'])}'])",
        f"r = lib.to_datetime(a['s'], format={fmt}, errors='coerce'{', utc=True' if rng.random() < 0.5 else ''})",
        f"r = lib.to_datetime(a['s'], errors={rng.choice(['coerce', 'raise'])!r})",
        "r = lib.to_datetime(a['t'], utc=True)", "r = lib.to_datetime(a['i'], unit='s', errors='coerce')",
        "r = a['i'].sum()", "r = a['i'].prod()", "r = a['i'].cumsum()", "r = a['i'] * a['j']", "r = a['i'] * 3",
        "r = a['i'] + a['j']", "r = a['i'] - a['j']", "r = a['i'].abs()", "r = -a['i']", "r = abs(a['i'])",
        "r = a[['i', 'j']].sum()", "r = a['i'].mean()", "r = a['i'].cumprod()", "r = a['i'] ** 2",
        "r = a['i'] // a['j']", "r = a['i'] % a['j']", "r = a['i'] / a['j']", "r = a['i'] // 0", "r = a['i'] % 0",
        "r = a['i'] / 0", "r = a['f'] // a['f']", "r = a['f'] % a['f']", "r = a['f'] % -2", "r = a['f'] // -2",
        "r = a['i'] // -3", "r = a['i'] % -3", "r = -7 // a['j']", "r = a['f'] / a['i']", "r = a['f'] // 0",
        "r = a['f'] % 0", "r = divmod(a['i'], 3)", "r = a['i'].floordiv(a['j'], fill_value=2)",
        f"r = a['i'].clip({rng.choice(['-3', 'None', '0'])}, {rng.choice(['5', 'None', '2**62'])})",
        "r = a['f'].clip(-1.0, 1.0)", "r = a['i'].clip(a['j'])", "r = a['i'].clip(upper=a['j'])",
        "r = a[['i', 'f']].clip(-2, 2)", "r = a['f'].clip(lower=0)", "r = a['t'].clip(a['t'].min(), a['t'].max())",
    ]
    op = rng.choice(ops)
    if "to_datetime(a['s']" in op and ("format=None" in op or "'ISO8601'" in op or "to_datetime(a['s'], errors" in op):
        if any(_other_layout(v) for v in a["s"].dropna()):
            return None  # README, differences: without a format only the layouts of _LAYOUTS are read
        if "'ISO8601'" not in op and len({re.sub(r"\d", "9", v) for v in a["s"].dropna() if _LAYOUTS.fullmatch(v)}) > 1:
            return None  # README, differences: pandas reads the first value's layout only
    code = [op]
    if rng.random() < 0.3:
        code.append(rng.choice(["r = r.iloc[::-1] if hasattr(r, 'iloc') else r",
                                "r = r[r.notna()] if getattr(r, 'ndim', 0) == 1 else r"]))
    mode = "partial" if rng.random() < 0.2 else "strict"
    if mode == "partial":
        a = a.reset_index(drop=True)
    return Case({"a": a}, code, mode=mode, tol=_tolerance(a, op))


def _tolerance(a, op: str) -> tuple:
    """(rtol, atol) of the comparison: a float sum or mean is exact in cormorant, rounded once,
    where pandas rounds as it adds (to within n ulps of the largest term), as floatagg allows.
    Elementwise results keep the default: the largest value says nothing about the others."""
    if not (op.endswith(".sum()") or op.endswith(".mean()")):
        return (1e-9, 1e-12)
    terms = [a["f"], a["i"], a["j"], pd.to_numeric(a["s"], errors="coerce")]
    big = max((abs(float(v)) for t in terms for v in t.dropna() if math.isfinite(float(v))), default=0.0)
    return (1e-9, max(len(a), 1) * 4 * np.finfo(float).eps * big + 1e-12)
