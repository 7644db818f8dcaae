"""Series.isin of a list, of another cormorant Series (a semi-join) and of a column of the same
frame, negated with ~ (a filter of that is the engine's anti-join, NOT EXISTS), over every dtype
with missing values on either side, then used as a filter (alone, combined, after or before
other filters), as values, or counted; in both ordering modes."""

from __future__ import annotations

import pandas as pd

from .runner import DTYPES, ZONES, Case, column, index


def generate(rng):
    n, m = rng.randint(0, 10), rng.randint(0, 8)
    ka = rng.choice(DTYPES)
    kb = ka if rng.random() < 0.7 else rng.choice(DTYPES)
    tz = rng.choice(ZONES)
    a = pd.DataFrame({"x": column(rng, n, ka, tz=tz), "y": column(rng, n, kb, tz=tz)},
                     index=index(rng, n, rng.choice(["default", "ints", "dups"])))
    b = pd.DataFrame({"v": column(rng, m, kb, tz=tz)}, index=index(rng, m))
    values = rng.choice(["b['v']", "a['y']", "b['v'].head(2)", "b['v'][b['v'].notna()]", "b['v'].drop_duplicates()",
                         "list(b['v'].dropna().to_pandas() if hasattr(b['v'], 'to_pandas') else b['v'].dropna())"])
    neg = "~" if rng.random() < 0.4 else ""
    use = rng.choice(["r = m", "r = a[m]", "r = a[m]", "r = a.assign(m=m)", "r = m.sum()",
                      "r = a[m & a['y'].notna()]", "r = a[m | a['x'].isna()]", "r = a.loc[m, ['y']]",
                      "r = a[a['y'].notna()][m]", "r = a[m].groupby('y', dropna=False).size()", "r = len(a[m])"])
    pre = rng.choice(["", "", "b = b[b['v'].notna()]", "b = b.dropna()", "a = a[a['x'].notna()]",
                      "b = b.assign(v=b['v'].fillna(b['v'].max()))"])
    strict = rng.random() < 0.7 or "head" in values
    code = ([pre] if pre else []) + [f"m = {neg}a['x'].isin({values})", use]
    return Case({"a": a, "b": b}, code, mode="strict" if strict else "partial")
