"""Eager scalars of grouped results that the session keeps for later statements
(session/reuse.cpp): a groupby-aggregate reduced to a scalar (max, min, sum, mean, len,
iloc, quantile...) then used again in a filter, an arithmetic expression or another
reduction, through selections, sorts and computed columns; the same reduction repeated, the
frame changed between (setitem), the kept result read after other statements; both ordering
modes, Parquet, missing keys and values, no rows."""

from __future__ import annotations

import pandas as pd

from .runner import ZONES, Case, column, index, reading

AGGS = ("sum", "max", "min", "count", "mean", "size", "nunique")
SCALARS = ("max()", "min()", "sum()", "mean()", "count()", "median()", "std()", "nunique()")


def generate(rng):
    n = rng.randint(0, 14)
    a = pd.DataFrame({"k": pd.array([rng.choice(["p", "q", "r", "s", None]) for _ in range(n)], dtype="string"),
                      "j": pd.array([rng.choice([1, 2, 3, None]) for _ in range(n)], dtype="Int64"),
                      "x": column(rng, n, "Int64", 0.15), "y": column(rng, n, "Float64", 0.15),
                      "t": column(rng, n, "datetime", 0.2, tz=rng.choice(ZONES))},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    a["y"] = a["y"].replace(1e300, 9.0)
    a, mode, parquet = reading(rng, a)
    keys = rng.choice(["'k'", "'j'", "['k', 'j']"])
    opts = rng.choice(["", ", dropna=False", ", sort=False"])
    agg = rng.choice(AGGS)
    col = rng.choice(["x", "y"])
    if agg == "size":
        g = f"g = a.groupby({keys}{opts}).size()"
    elif rng.random() < 0.4:
        g = f"g = a.groupby({keys}{opts}).agg(t=({col!r}, {agg!r}), m=('y', 'max')).reset_index()['t']"
    else:
        g = f"g = a.groupby({keys}{opts})[{col!r}].{agg}()"
    if rng.random() < 0.15:  # datetimes (zoned too): the latest per group, then the latest of those
        g = f"g = a.groupby({keys}{opts})['t'].{rng.choice(['max', 'min', 'first'])}()"
        code = [g, f"m = g.{rng.choice(['max()', 'min()'])}",
                rng.choice(["r = g[g == m]", "r = g[g < m]", "r = (g - m).dt.total_seconds()", "r = (g == m).sum()"])]
        return Case({"a": a}, code, mode=mode, parquet=parquet)
    code = [g]
    if rng.random() < 0.4:
        code.append(rng.choice(["g = g[g > 0]", "g = g * 2", "g = g.sort_values(kind='stable')", "g = g.dropna()",
                                "g = g + g.shift(1).fillna(0)" if mode == "strict" else "g = g - 1"]))
    s1, s2 = rng.choice(SCALARS), rng.choice(SCALARS)
    code.append(f"m = g.{s1}")
    uses = [
        "r = g[g == m]", "r = g[g >= m]", "r = g - m", "r = (g == m).sum()", "r = g.max() - m", f"r = (m, g.{s2})",
        f"r = (m, g.{s1})", "r = g[g != m].count()", "r = len(g[g < m])", "r = g.where(g > m)",
    ]
    code.append(rng.choice(uses))
    if rng.random() < 0.3:  # the frame changes: the kept result must not be read for the new one
        code.insert(1, rng.choice(["m0 = g.max()", "m0 = g.sum()"]))
        code[-1:-1] = [f"a[{col!r}] = a[{col!r}] + 1", g]
        code[-1] = code[-1] + "; r = (r, m0, m)" if code[-1].startswith("r = ") else code[-1]
        code[-1:-1] = [f"m = g.{s1}"]
    if rng.random() < 0.3:
        code.append("r2 = r; r = (r2, g.max(), g.sum())" if "r = (" not in code[-1] else "r = r")
    # (README, differences: counts are Int64 once a method or a selection made a plain Series of
    # them, so a reduction without a value is <NA> where pandas' int64 gives NaN)
    code.append("r = tuple(np.nan if v is pd.NA else v for v in r) if isinstance(r, tuple) else np.nan if r is pd.NA else r")
    return Case({"a": a}, code, mode=mode, parquet=parquet)
