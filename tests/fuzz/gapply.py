"""GroupBy.apply with plain Python functions: a scalar per group, a Series per group (same
labels, other labels, a fixed index), frames like and unlike their group, None for some
groups; frames' and Series' groupby, several keys, as_index, group_keys, dropna, sort;
missing keys, repeated labels, empty frames, datetimes in five zones, a chain after the apply; partial mode
refuses."""

from __future__ import annotations

import pandas as pd

from .runner import ZONES, Case, column, index

FRAME_FUNCS = (
    "lambda g: g['x'].sum()", "lambda g: len(g)", "lambda g: g['y'].max()", "lambda g: g.head(1)",
    "lambda g: g.sort_values('x', kind='stable').tail(2)", "lambda g: g['x'] * 2", "lambda g: g[g['x'] > 0]",
    "lambda g: pd.Series({'n': len(g), 't': g['x'].sum()})", "lambda g: g.iloc[::-1]",
    "lambda g: None if len(g) == 1 else g['x'].sum()", "lambda g: g.assign(z=g['x'] - g['x'].mean())",
    "lambda g: g.describe().loc[['count', 'max']]", "lambda g: g['s'].str.cat(sep='|')",
    "lambda g: g[['x']].cumsum()", "lambda g: g['x'].isna().sum()", "lambda g: g.shape[0] * 1.5",
    "lambda g: g['t'].max()", "lambda g: g.sort_values('t', kind='stable').head(1)", "lambda g: g['t'].dt.hour.sum()",
)
SERIES_FUNCS = (
    "lambda s: s.sum()", "lambda s: s.max() - s.min()", "lambda s: s.head(2)", "lambda s: s * 10",
    "lambda s: s.sort_values(kind='stable')", "lambda s: s.count()", "lambda s: s.dropna()",
    "lambda s: pd.Series({'lo': s.min(), 'hi': s.max()})", "lambda s: s.cumsum()",
)


def generate(rng):
    n = rng.randint(0, 10)
    a = pd.DataFrame({"k": pd.array([rng.choice(["p", "q", "r", None]) for _ in range(n)], dtype="string"),
                      "j": pd.array([rng.choice([1, 2, None]) for _ in range(n)], dtype="Int64"),
                      "x": column(rng, n, "Int64", 0.2), "y": column(rng, n, "Float64", 0.2),
                      "s": column(rng, n, "string", 0.2),
                      "t": column(rng, n, "datetime", 0.2, tz=rng.choice(ZONES))},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    a["y"] = a["y"].replace(1e300, 4.0)
    keys = rng.choice(["'k'", "'j'", "['k', 'j']", "['j']"])
    opts = "".join(rng.sample([", sort=False", ", dropna=False", ", group_keys=False", ", as_index=False"], rng.randint(0, 2)))
    gb = f"a.groupby({keys}{opts})"
    if rng.random() < 0.3:
        col = rng.choice(["x", "y"])
        code = [f"r = {gb}[{col!r}].apply({rng.choice(SERIES_FUNCS)})"]
    else:
        sel = rng.choice(["", "", "[['x', 'y']]", "[['x', 'y', 's']]"])
        func = rng.choice(FRAME_FUNCS)
        if sel and ("'s'" in func or "'t'" in func) or sel == "[['x', 'y']]" and "describe" in func:
            sel = ""
        code = [f"r = {gb}{sel}.apply({func})"]
    if rng.random() < 0.25:
        code.insert(0, rng.choice(["a = a[a['x'] != 0]", "a = a.iloc[::-1]", "a = a.head(0)", "a = a.sort_values('y', kind='stable')"]))
    if rng.random() < 0.2:
        code.append("r = r.head(3) if hasattr(r, 'head') else r")
    mode = "partial" if rng.random() < 0.1 else "strict"
    if mode == "partial":
        a = a.reset_index(drop=True)
    return Case({"a": a}, code, mode=mode, objects=True)
