"""Series arithmetic, comparison and logic of two columns or a column and a scalar, over Int64,
Float64 (NaN and <NA>) and boolean."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

OPS = ("+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", "<=", ">", ">=", "&", "|", "^")


def generate(rng):
    n = rng.randint(0, 10)
    ka, kb = rng.choice(["Int64", "Float64", "boolean"]), rng.choice(["Int64", "Float64", "boolean"])
    p = pd.DataFrame({"a": column(rng, n, ka), "b": column(rng, n, kb)}, index=index(rng, n, "ints"))
    op = rng.choice(OPS)
    if op in ("//", "%") and "boolean" in (ka, kb):
        return None  # README, differences: a boolean // or % 0 is refused (pandas' dtype depends on values)
    if rng.random() < 0.4:
        rhs = repr(rng.choice([0, 1, -3, 2.5, 0.0, True, -0.5]))
        expr = rng.choice([f"a['a'] {op} {rhs}", f"{rhs} {op} a['a']"])
        if op in ("//", "%") and expr.startswith(rhs) and ka == "Int64" and "." not in rhs:
            return None  # README, differences: a number // or % a Series holding 0 is refused
    else:
        expr = f"a['a'] {op} a['b']"
    return Case({"a": p}, [f"r = {expr}"])
