"""Order-dependent columns: fillna/ffill/bfill, shift/diff/pct_change, rank, cumulative ops,
rolling and expanding windows, over every dtype with missing values, after a sort or a filter."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

NUMERIC = ("shift()", "shift(-2)", "shift(1, fill_value=0)", "diff()", "diff(2)", "diff(-1)", "pct_change()",
           "rank()", "rank(method='min')", "rank(method='dense', ascending=False)", "rank(method='first')",
           "rank(pct=True)", "rank(na_option='top')", "rank(na_option='keep', method='max')", "cumsum()",
           "cumprod()", "cummin()", "cummax()", "cumsum(skipna=False)", "rolling(2).sum()", "rolling(3).mean()",
           "rolling(3, min_periods=1).max()", "rolling(2).count()", "rolling(3, center=True).sum()",
           "expanding().sum()", "expanding(2).mean()", "expanding().max()", "ffill()", "bfill()", "ffill(limit=1)",
           "fillna(0)", "fillna(-1.5)", "interpolate()", "clip(-1, 2)")

OTHER = ("shift()", "shift(-1)", "ffill()", "bfill()", "rank()", "rank(method='dense')", "cummax()", "cummin()")


def generate(rng):
    n = rng.randint(0, 12)
    dtype = rng.choice(["Int64", "Int64", "Float64", "Float64", "boolean", "string", "datetime"])
    tz = rng.choice([None, "Europe/Berlin"]) if dtype == "datetime" else None
    a = pd.DataFrame({"v": column(rng, n, dtype, 0.3, tz=tz), "o": column(rng, n, "Int64", 0.0, small=False)},
                     index=index(rng, n, rng.choice(["default", "ints", "strs"])))
    fill = "fillna('zz')" if dtype == "string" else "fillna(a['v'].max())"
    op = rng.choice(NUMERIC if dtype in ("Int64", "Float64") else OTHER + (fill,))
    before = rng.choice(["x = a", "x = a", "x = a.sort_values('o', kind='stable')", "x = a[a['o'] > 0]",
                         "x = a.iloc[::-1]"])
    form = rng.choice(["series", "assign", "frame"])
    if form == "series":
        return Case({"a": a}, [before, f"r = x['v'].{op}"])
    if form == "assign":
        return Case({"a": a}, [before, f"x = x.assign(w=x['v'].{op})", "r = x.sort_index(kind='stable')" if rng.random() < 0.3 else "r = x"])
    if op.startswith(("rolling", "expanding", "interpolate", "clip", "pct_change", "cumsum(skipna")):
        return Case({"a": a}, [before, f"r = x[['v', 'o']].{op}"])
    return Case({"a": a}, [before, f"r = x.{op.replace('a[', 'x[')}"])
