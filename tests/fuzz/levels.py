"""Index levels of MultiIndexes (groupby results with 2-3 keys, set_index of 2-3 columns, keys
missing): reset_index(level=, drop=), droplevel, swaplevel, reorder_levels, of frames and
Series, by name and position, then more operations (sort_index, selections, arithmetic)."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index


def generate(rng):
    n = rng.randint(0, 10)
    k = column(rng, n, "Int64", 0.15)
    a = pd.DataFrame({"k": pd.array([None if v is pd.NA else abs(v) % 3 for v in k], dtype="Int64"),
                      "j": pd.array([rng.choice(["x", "y", "é"]) if rng.random() > 0.15 else None for _ in range(n)],
                                    dtype="string"),
                      "t": column(rng, n, "datetime", 0.1, tz=rng.choice([None, "America/New_York"])),
                      "v": column(rng, n, "Int64"), "f": column(rng, n, "Float64")},
                     index=index(rng, n, rng.choice(["default", "ints", "strs"])))
    keys = rng.sample(["k", "j", "t"], rng.randint(2, 3))
    series = rng.random() < 0.4
    make = rng.choice(["groupby", "groupby", "set_index"])
    if make == "groupby":
        dropna = rng.random() < 0.6
        agg = rng.choice(["sum()", "max()", "count()", "first()"])
        code = [f"x = a.groupby({keys}, dropna={dropna})[{'v' if series else ['v', 'f']!r}].{agg}"]
    else:
        code = [f"x = a.set_index({keys}, append={rng.random() < 0.3})" + ("['v']" if series else "")]
    nlev = len(keys) + (1 if "append=True" in code[0] else 0)
    names = keys if "append=True" not in code[0] else [None] + keys
    named = [nm for nm in names if nm is not None]

    def lev():
        return rng.choice(named + list(range(nlev)) + [-1])

    def order():
        return rng.sample(list(range(nlev)), nlev) if rng.random() < 0.5 or len(named) < nlev else rng.sample(named, nlev)

    ops = {"reset": lambda: f"x = x.reset_index(level={lev()!r})",
           "reset_drop": lambda: f"x = x.reset_index(level={lev()!r}, drop=True)",
           "reset_list": lambda: f"x = x.reset_index(level={rng.sample(named, min(2, len(named)))!r})",
           "droplevel": lambda: f"x = x.droplevel({lev()!r})",
           "droplevel_list": lambda: f"x = x.droplevel({rng.sample(list(range(nlev)), rng.randint(1, nlev - 1))!r})",
           "swaplevel": lambda: f"x = x.swaplevel({lev()!r}, {lev()!r})",
           "swaplevel_default": lambda: "x = x.swaplevel()",
           "reorder": lambda: f"x = x.reorder_levels({order()!r})"}
    for _ in range(rng.randint(1, 2)):
        code.append(ops[rng.choice(list(ops))]())
    code.append(rng.choice(["r = x", "r = x", "r = x.sort_index(kind='stable')", "r = x * 2",
                            "r = x.reset_index()", "r = x.head(3)"]))
    return Case({"a": a}, code)
