"""Zones across their summer-time changes: instants every few minutes around a change (New York
and Berlin both ways, Lord Howe's half hour, Chatham's 45-minute offset, Santiago's change at
midnight, so one day has no midnight), then .dt parts, floor/ceil/round (with ambiguous and
nonexistent), normalize, tz_convert, tz_localize of wall times that repeat or never happen (every
ambiguous/nonexistent option), groupby and resample by day and hour, comparisons with aware values
in other zones and with text (read in the column's zone), sorts and differences; missing values,
empty inputs, both ordering modes."""

from __future__ import annotations

import pandas as pd

from .runner import Case, index

# (zone, a change as a UTC instant)
CHANGES = (
    ("America/New_York", "2024-03-10 07:00"), ("America/New_York", "2024-11-03 06:00"),
    ("Europe/Berlin", "2024-03-31 01:00"), ("Europe/Berlin", "2024-10-27 01:00"),
    ("Australia/Lord_Howe", "2024-04-06 15:00"), ("Australia/Lord_Howe", "2024-10-05 15:30"),
    ("Pacific/Chatham", "2024-04-06 14:00"), ("Pacific/Chatham", "2024-09-28 14:00"),
    ("America/Santiago", "2024-04-07 03:00"), ("America/Santiago", "2024-09-08 04:00"),
)
FREQS = ("h", "30min", "15min", "D", "2h", "45min", "min")
AMBIGUOUS = ("'raise'", "'NaT'", "True", "False")
NONEXISTENT = ("'raise'", "'NaT'", "'shift_forward'", "'shift_backward'", "pd.Timedelta(minutes=30)")


def _instants(rng, n, zone, change, missing):
    center = pd.Timestamp(change)
    step = rng.choice([1, 15, 30, 37])
    vals = [center + pd.Timedelta(minutes=rng.randrange(-6 * 60, 6 * 60, step)) if rng.random() >= missing else None
            for _ in range(n)]
    s = pd.Series(pd.array(vals, dtype="datetime64[us]")).dt.tz_localize("UTC").dt.tz_convert(zone)
    return s


def generate(rng):
    n = rng.randint(0, 10)
    zone, change = rng.choice(CHANGES)
    missing = rng.choice([0.0, 0.0, 0.2])
    s = _instants(rng, n, zone, change, missing)
    a = pd.DataFrame({"t": s.array, "w": s.dt.tz_localize(None).array,  # the wall times, naive
                      "k": pd.array([rng.randrange(3) for _ in range(n)], dtype="Int64")},
                     index=index(rng, n, rng.choice(["default", "ints"])))
    freq = rng.choice(FREQS)
    amb, non = rng.choice(AMBIGUOUS), rng.choice(NONEXISTENT)
    other = rng.choice(["UTC", "Asia/Tokyo", "America/Los_Angeles", zone])
    pivot = pd.Timestamp(change, tz="UTC") + pd.Timedelta(minutes=rng.choice([-61, -30, 0, 15, 59, 90]))
    wall = str(pivot.tz_convert(zone).tz_localize(None))
    ops = [
        "r = a['t'].dt.hour", "r = a['t'].dt.minute", "r = a['t'].dt.day", "r = a['t'].dt.date",
        "r = a['t'].dt.dayofweek", "r = a['t'].dt.normalize()", "r = a['t'].dt.strftime('%Y-%m-%d %H:%M %Z')",
        "r = a['t'].dt.day_name()", "r = a['t'].dt.is_month_start", "r = a['t'].dt.dayofyear",
        f"r = a['t'].dt.floor({freq!r})", f"r = a['t'].dt.ceil({freq!r})", f"r = a['t'].dt.round({freq!r})",
        f"r = a['t'].dt.floor({freq!r}, ambiguous={amb}, nonexistent={non})",
        f"r = a['t'].dt.ceil({freq!r}, ambiguous={amb}, nonexistent={non})",
        f"r = a['t'].dt.round({freq!r}, ambiguous={amb}, nonexistent={non})",
        f"r = a['t'].dt.tz_convert({other!r})", "r = a['t'].dt.tz_localize(None)",
        f"r = a['w'].dt.tz_localize({zone!r}, ambiguous={amb}, nonexistent={non})",
        f"r = a['w'].dt.tz_localize({zone!r}, nonexistent={non})",
        f"r = a['w'].dt.tz_localize({zone!r}, ambiguous='NaT', nonexistent='NaT')",
        f"r = a['w'].dt.tz_localize({zone!r}, ambiguous='NaT', nonexistent='NaT').dt.tz_convert('UTC')",
        "r = a.groupby(a['t'].dt.date)['k'].sum()", "r = a.groupby(a['t'].dt.hour)['k'].count()",
        f"r = a.groupby(a['t'].dt.floor({freq!r}))['k'].sum()", "r = a.groupby(a['t'].dt.normalize()).size()",
        f"r = a.set_index('t')['k'].resample({rng.choice(['h', 'D', '30min'])!r}).sum()",
        f"r = a.resample({rng.choice(['h', 'D'])!r}, on='t')['k'].count()",
        f"r = a['t'] < pd.Timestamp({str(pivot.tz_convert(other))!r}, tz={other!r})",
        f"r = a['t'] == pd.Timestamp({str(pivot.tz_convert(other))!r}, tz={other!r})",
        f"r = a[a['t'] >= {wall!r}]", f"r = a[a['t'] > {wall[:10]!r}]",
        f"r = a['t'].between(pd.Timestamp({str(pivot)!r}, tz='UTC'), pd.Timestamp({str(pivot)!r}, tz='UTC') + pd.Timedelta(hours=2))",
        f"r = a['w'] <= pd.Timestamp({wall!r})",
        "r = a.sort_values('t', kind='stable')", "r = a.sort_values('w', kind='stable')", "r = a['t'].diff()",
        "r = a['t'] - a['t'].min()", "r = a['t'] + pd.Timedelta(hours=1)", "r = a['t'] + pd.Timedelta(days=1)",
        "r = a['t'].dt.tz_convert('UTC').dt.hour", "r = a['t'].min()", "r = a['t'].max()",
        "r = a['t'].dt.floor('D').dt.hour", "r = a['t'].value_counts()", "r = a['t'].nunique()",
        "r = a['t'].dt.tz_localize(None).dt.floor('h')",
    ]
    op = rng.choice(ops)
    mode = "partial" if rng.random() < 0.2 and "diff" not in op else "strict"
    code = [op]
    if rng.random() < 0.25 and mode == "strict":
        code.append(rng.choice(["r = r.iloc[::-1] if hasattr(r, 'iloc') else r",
                                "r = r.sort_index(kind='stable') if hasattr(r, 'sort_index') else r"]))
    if mode == "partial":
        a = a.reset_index(drop=True)
    return Case({"a": a}, code, mode=mode)
