"""resample of frames and Series: on= a column, the index or a level=; every aggregate and agg;
fixed rules (with closed/label/origin/offset) and calendar rules (W-<day>, MS/ME, QS/QE, YS/YE);
values on bin edges, NaT keys, empty inputs; naive, UTC, America/New_York across both summer-time
changes and Asia/Kolkata; both ordering modes (partial mode resamples on a column)."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column

AGGS = ("sum", "mean", "min", "max", "count", "size", "first", "last", "median", "std", "var", "nunique", "prod")
FIXED = ("h", "2h", "3h", "30min", "90min", "15min", "D", "2D", "7min", "45s", "5h")
CALENDAR = ("W-SUN", "W-MON", "W-WED", "W", "MS", "ME", "QS", "QE", "YS", "YE")
ZONES = (None, "UTC", "America/New_York", "Asia/Kolkata")
# Starts near the US summer-time changes (2024-03-10 and 2024-11-03), a year end and a month end.
STARTS = ("2024-03-09 20:00", "2024-11-02 22:00", "2023-12-30 12:00", "2024-01-31 18:00", "2024-06-01 00:00")


def _times(rng, n, zone):
    start = pd.Timestamp(rng.choice(STARTS))
    span = rng.choice([60, 6 * 60, 48 * 60, 40 * 24 * 60, 400 * 24 * 60])  # minutes
    step = rng.choice([1, 15, 30, 60])  # often exactly on bin edges
    vals = [start + pd.Timedelta(minutes=rng.randrange(0, span, step)) if rng.random() > 0.1 else None
            for _ in range(n)]
    s = pd.Series(pd.array(vals, dtype="datetime64[us]"))
    if zone:
        s = s.dt.tz_localize("UTC").dt.tz_convert(zone)
    return s.array


def generate(rng):
    n = rng.choice([0, 1, 3, 8, 15])
    zone = rng.choice(ZONES)
    strict = rng.random() < 0.75
    a = pd.DataFrame({"t": _times(rng, n, zone), "i": column(rng, n, "Int64"), "f": column(rng, n, "Float64"),
                      "g": column(rng, n, "float64"), "s": column(rng, n, "string")})
    if agg_is_prod := rng.random() < 0.1:  # products of 1e300s overflow in an order of their own
        a["f"] = a["f"].replace(1e300, 2.0)
    calendar = rng.random() < 0.4
    rule = rng.choice(CALENDAR if calendar else FIXED)
    opts = []
    if not calendar and (zone is None or zone == "UTC" or "D" not in rule):
        if rng.random() < 0.4:
            opts.append(f"closed={rng.choice(['left', 'right'])!r}")
        if rng.random() < 0.4:
            opts.append(f"label={rng.choice(['left', 'right'])!r}")
        if rng.random() < 0.3:
            opts.append(f"origin={rng.choice(['start', 'epoch', 'end', 'start_day', 'end_day'])!r}")
        if rng.random() < 0.3:
            opts.append(f"offset={rng.choice(['15min', '-1h', '2h', '30s'])!r}")
    if calendar and rng.random() < 0.2:  # origin changes a period start's bins (refused there)
        opts.append(f"origin={rng.choice(['start', 'epoch', 'end', 'end_day'])!r}")
    agg = "prod" if agg_is_prod else rng.choice([f for f in AGGS if f != "prod"] + ["agg"])
    where = rng.choice(["on", "index", "index", "level", "series"]) if strict else rng.choice(["on", "series_on"])
    code = []
    if rng.random() < 0.3:
        code.append(rng.choice(["a = a[a['i'] > -2]", "a = a.iloc[::-1]", "a = a.dropna(subset=['t'])",
                                "a = a.sort_values('t', kind='stable')"]))
    cols = rng.sample(["i", "f", "g", "s"], rng.randint(1, 4))
    if agg in ("sum", "mean", "median", "std", "var", "prod"):
        cols = [c for c in cols if c != "s"] or ["i"]
    options = ", ".join([repr(rule)] + opts)
    if where == "on":
        code.append(f"x = a[{['t'] + cols}].resample({options}, on='t')")
    elif where == "index":
        code.append(f"x = a.set_index('t')[{cols}].resample({options})")
    elif where == "level":
        code.append(f"x = a.set_index(['i', 't'])[{[c for c in cols if c != 'i'] or ['f']}]"
                    f".resample({options}, level={rng.choice(['t', 1])!r})")
    elif where == "series":
        code.append(f"x = a.set_index('t')[{cols[0]!r}].resample({options})")
    else:  # series_on: a column of a frame resampled on another column (grouped result is a Series)
        code.append(f"x = a[['t', {cols[0]!r}]].resample({options}, on='t')[{cols[0]!r}]")
    series = where in ("series", "series_on")
    if agg == "agg":
        if series:
            funcs = rng.sample([f for f in AGGS if f not in ("size", "prod")], rng.randint(1, 3))
            if rng.random() < 0.5:
                funcs = funcs[0]
        else:
            funcs = None
        if funcs is None:
            code.append(f"r = x.agg('{rng.choice(['sum', 'max', 'count', 'first'])}')" if rng.random() < 0.3 else
                        "r = x.agg(" + repr({c: rng.choice(["sum", "min", "max", "count", "nunique", "last"])
                                              for c in _value_cols(where, cols)}) + ")")
        else:
            code.append(f"r = x.agg({funcs!r})")
    else:
        code.append(f"r = x.{agg}()")
    return Case({"a": a}, code, mode="strict" if strict else "partial", tol=(1e-9, 1e-9))


def _value_cols(where, cols):
    if where == "level":
        return [c for c in cols if c != "i"] or ["f"]
    return cols
