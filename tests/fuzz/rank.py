"""rank: every method, na_option, ascending and pct, of every dtype (ties, missing values, inf and
-0.0, zones), of Series, DataFrames and groups, after filters and sorts; the lazy .dtype must be
the result's dtype (the runner checks it for every family)."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

METHODS = ("average", "min", "max", "first", "dense")


def rank_args(rng) -> str:
    """rank's keyword arguments: a method, and sometimes ascending, na_option and pct."""
    kw = [f"method={rng.choice(METHODS)!r}"]
    if rng.random() < 0.5:
        kw.append(f"ascending={rng.random() < 0.5}")
    if rng.random() < 0.4:
        kw.append(f"na_option={rng.choice(['keep', 'top', 'bottom'])!r}")
    if rng.random() < 0.3:
        kw.append("pct=True")
    return ", ".join(kw)


def generate(rng):
    n = rng.randint(0, 12)
    dtype = rng.choice(["Int64", "Float64", "float64", "boolean", "string", "datetime"])
    tz = rng.choice([None, "Asia/Kolkata"]) if dtype == "datetime" else None
    v = column(rng, n, dtype, rng.choice([0.0, 0.3]), tz=tz)
    a = pd.DataFrame({"v": v, "k": column(rng, n, "Int64", 0.1), "o": column(rng, n, "Int64", 0.0, small=False)},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    args = rank_args(rng)
    before = rng.choice(["x = a", "x = a", "x = a[a['o'] > -20]", "x = a.sort_values('o', kind='stable')"])
    form = rng.choice(["series", "series", "assign", "frame", "groupby", "arith"])
    if form == "series":
        return Case({"a": a}, [before, f"r = x['v'].rank({args})"])
    if form == "assign":
        return Case({"a": a}, [before, f"r = x.assign(w=x['v'].rank({args}))"])
    if form == "frame":
        return Case({"a": a}, [before, f"r = x[['v', 'o']].rank({args})"])
    if form == "groupby":
        if dtype == "datetime" and a["v"].isna().any() and a["k"].isna().any():
            return None  # README, differences: pandas ranks NaT as a value when a group key is missing
        return Case({"a": a}, [before, f"r = x.groupby('k')['v'].rank({args})"])
    return Case({"a": a}, [before, f"r = x['v'].rank({args}) * 2 - 1"])
