"""Datetimes in five zones (naive, UTC, and three with other offsets or summer time), around the
US switch to summer time or around a new year (ISO weeks of the old year in the new one and the
reverse): parts, isocalendar, rounding, text, conversion, order and arithmetic."""

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
    "r = s.dt.isocalendar()", "r = s.dt.isocalendar()['week']", "r = s.dt.isocalendar().year",
    "r = s.dt.nanosecond", "r = s.dt.as_unit('us')",
)


def generate(rng):
    n = rng.randint(0, 8)
    tz = rng.choice(ZONES)
    t = column(rng, n, "datetime", tz=tz)
    if rng.random() < 0.4:  # around new year: 2020-12-27 .. 2021-01-05 UTC (ISO week 53 of 2020)
        base = pd.Timestamp(rng.choice(["2020-12-27", "2024-12-28", "2026-12-30"]), tz="UTC")
        values = [None if v is pd.NaT or v is None else base + pd.Timedelta(minutes=rng.randrange(0, 60 * 24 * 9, 53))
                  for v in t]
        s = pd.Series(pd.array(values, dtype="datetime64[us, UTC]"))
        t = (s.dt.tz_convert(tz) if tz else s.dt.tz_localize(None)).array
    p = pd.DataFrame({"t": t}, index=index(rng, n, rng.choice(["default", "ints"])))
    op = rng.choice(OPS)
    if "s.iloc[0]" in op and tz:
        op = op.replace("pd.Timestamp('2024-03-10')", f"pd.Timestamp('2024-03-10', tz={tz!r})")
    return Case({"a": p}, ["s = a['t']", op])
