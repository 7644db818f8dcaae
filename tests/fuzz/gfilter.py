"""GroupBy corr / cov (min_periods, NaN, constants, one-row groups, sort=False, dropna=False,
a Series' groupby with a misaligned other) and GroupBy.filter (frames and Series, dropna, groups
that all go, keys with missing values) in both ordering modes and from Parquet."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

FILTERS = ("lambda g: len(g) > 1", "lambda g: g['x'].sum() > 0", "lambda g: g['y'].mean() > 0",
           "lambda g: g['x'].isna().any()", "lambda g: False", "lambda g: True", "lambda g: g['y'].max() > 1")
SFILTERS = ("lambda s: s.count() > 1", "lambda s: s.sum() > 0", "lambda s: len(s) == 1", "lambda s: s.isna().all()")


def generate(rng):
    n = rng.randint(0, 10)
    a = pd.DataFrame({"k": pd.array([rng.choice(["p", "q", "r", None]) for _ in range(n)], dtype="string"),
                      "j": pd.array([rng.randrange(3) for _ in range(n)], dtype="Int64"),
                      "x": column(rng, n, "Int64", 0.2), "y": column(rng, n, rng.choice(["Float64", "float64"]), 0.2),
                      "z": column(rng, n, "boolean", 0.2)},
                     index=index(rng, n, rng.choice(["default", "ints", "strs"])))
    a["y"] = a["y"].replace(1e300, 4.0)
    keys = rng.choice(["'k'", "'j'", "['k', 'j']"])
    gb = f"a.groupby({keys}{rng.choice(['', ', sort=False', ', dropna=False'])})"
    form = rng.choice(["corr", "cov", "scorr", "filter", "filter", "sfilter"])
    mode = "strict"
    if form in ("corr", "cov", "scorr") and not n:
        return None  # pandas' corr/cov of no rows: an Int64 Series, or a frame without its column level
    if form in ("corr", "cov"):
        cols = rng.choice(["", "[['x', 'y']]", "[['x', 'y', 'z']]", "[['y']]"])
        mp = rng.choice(["", "", "min_periods=2", "min_periods=3"])
        kw = mp if form == "corr" else ", ".join(x for x in (mp, rng.choice(["", "ddof=1"])) if x)
        a = a.drop(columns="k") if keys == "'j'" and not cols else a
        # (pandas' matrices of no groups lose the column level: compared as "no result")
        code = [f"r = {gb}{cols}.{form}({kw})", "r = r if len(r) else None"]
    elif form == "scorr":
        other = rng.choice(["a['y']", "a['y'].iloc[::-1]", "a['y'].iloc[1:]", "a['x']"])
        # (no groups left, e.g. after a filter: pandas' Series is Int64, compared as "no result")
        code = [f"r = {gb}['x'].{rng.choice(['corr', 'cov'])}({other})", "r = r if len(r) else None"]
    elif form == "filter":
        code = [f"r = {gb}.filter({rng.choice(FILTERS)}{rng.choice(['', ', dropna=False'])})"]
        mode = "partial" if rng.random() < 0.3 else "strict"
    else:
        code = [f"r = {gb}[{rng.choice(['x', 'y'])!r}].filter({rng.choice(SFILTERS)}{rng.choice(['', ', dropna=False'])})"]
        mode = "partial" if rng.random() < 0.3 else "strict"
    if rng.random() < 0.2:
        code.insert(0, rng.choice(["a = a[a['x'] != 0]", "a = a.iloc[::-1]"]))
    parquet = rng.random() < 0.2 or mode == "partial"
    if parquet or mode == "partial":
        a = a.reset_index(drop=True)
    return Case({"a": a}, code, mode=mode, parquet=parquet)
