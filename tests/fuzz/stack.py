"""stack / unstack of Series and frames: levels by position and name, fill_value, MultiIndexes
from set_index and groupby, missing cells (no row) against missing values (a row with <NA>),
filters first, stack after unstack, from Parquet."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column


def generate(rng):
    n = rng.randint(0, 9)
    a = pd.DataFrame({"k": pd.array([rng.choice(["p", "q", "r"]) for _ in range(n)], dtype="str"),
                      "j": pd.array([rng.randrange(3) for _ in range(n)], dtype="Int64"),
                      "v": column(rng, n, "Int64", 0.25), "w": column(rng, n, "Int64", 0.25),
                      "f": column(rng, n, "Float64", 0.25), "s": column(rng, n, "string", 0.25)})
    if rng.random() < 0.3:
        a["f"] = a["f"].replace(1e300, 2.0)
    pre = rng.choice(["", "", "a = a[a['v'] > -3]", "a = a.iloc[::-1]", "a = a.drop_duplicates(['k', 'j'])"])
    unique = "a = a.drop_duplicates(['k', 'j'])"
    level = rng.choice(["", "0", "1", "'k'", "'j'", "-1"])
    fill = rng.choice(["", "", "fill_value=0", "fill_value=-1"])
    args = ", ".join(x for x in (level, fill) if x)
    vals = rng.choice([["v"], ["v", "w"], ["f"], ["s"], ["v", "f"]])
    form = rng.choice(["s_unstack", "s_unstack", "agg_unstack", "f_unstack", "stack", "mstack", "roundtrip"])
    if form == "s_unstack":
        code = [unique, f"r = a.set_index(['k', 'j'])[{vals[0]!r}].unstack({args})"]
    elif form == "agg_unstack":
        agg = rng.choice(["sum", "count", "max", "size"])
        sel = "" if agg == "size" else f"[{vals[0]!r}]"
        code = [f"r = a.groupby(['k', 'j']){sel}.{agg}().unstack({args})"]
    elif form == "f_unstack":
        code = [unique, f"r = a.set_index(['k', 'j'])[{vals}].unstack({level})"]
    elif form == "stack":
        idx = rng.choice(["", ".set_index('k')", ".set_index('j')"])
        code = [f"r = a{idx}[{vals}].stack()"]
    elif form == "mstack":
        code = [unique, f"r = a.set_index(['k', 'j'])[{vals}].stack()"]
    else:
        code = [unique, f"x = a.set_index(['k', 'j'])[{vals[0]!r}].unstack({args})", "r = x.stack()"]
    if pre:
        code.insert(0, pre)
    if rng.random() < 0.3:
        code.append(rng.choice(["r = r.head(3)", "r = r.iloc[::-1]", "r = r.sum()" if "s" not in vals else "r = r.count()"]))
    return Case({"a": a}, code, parquet=rng.random() < 0.2)
