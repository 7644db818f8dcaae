"""Datetimes in five zones (naive, UTC, and three with other offsets or summer time), around the
US switch to summer time: parts, rounding, text, conversion, order and arithmetic."""

from __future__ import annotations

import pandas as pd

from .runner import ZONES, Case, column, index

OPS = (
    "r = s.dt.year", "r = s.dt.month", "r = s.dt.day", "r = s.dt.hour", "r = s.dt.minute", "r = s.dt.dayofweek",
    "r = s.dt.dayofyear", "r = s.dt.quarter", "r = s.dt.date", "r = s.dt.floor('h')", "r = s.dt.ceil('D')",
    "r = s.dt.round('15min')", "r = s.dt.normalize()", "r = s.dt.strftime('%Y-%m-%d %H:%M')",
    "r = s.dt.is_month_start", "r = s.dt.day_name()", "r = s.diff()", "r = s.min()", "r = s.max()",
    "r = s.sort_values()", "r = s.shift()", "r = s + pd.Timedelta(hours=1)", "r = s.nunique()",
    "r = s.value_counts()", "r = s.dt.tz_convert('Asia/Tokyo') if s.dt.tz is not None else s.dt.tz_localize('UTC')",
    "r = s > (s.iloc[0] if len(s) else pd.Timestamp('2024-03-10'))", "r = s.isna()", "r = s.fillna(s.max())",
    "r = s.rank()", "r = s.groupby(s.dt.day).count()", "r = s.between(s.min(), s.max())", "r = s.dt.tz",
    "r = a.sort_values('t', na_position='first')", "r = a.drop_duplicates('t')", "r = s.cummax()",
)


def generate(rng):
    n = rng.randint(0, 8)
    tz = rng.choice(ZONES)
    p = pd.DataFrame({"t": column(rng, n, "datetime", tz=tz)}, index=index(rng, n, rng.choice(["default", "ints"])))
    op = rng.choice(OPS)
    if "s.iloc[0]" in op and tz:
        op = op.replace("pd.Timestamp('2024-03-10')", f"pd.Timestamp('2024-03-10', tz={tz!r})")
    return Case({"a": p}, ["s = a['t']", op])
