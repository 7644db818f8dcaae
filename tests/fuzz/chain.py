"""Chains of order-sensitive operations: filters, sorts, head/tail/iloc, merges, groupby,
concat, set_index, windows, alignment of differently sorted selections, nlargest."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column

NUM = ("av", "af")


def _frame(rng, n, prefix):
    return pd.DataFrame({"k": column(rng, n, "Int64", 0.1), f"{prefix}v": column(rng, n, "Int64", 0.15, small=False),
                         f"{prefix}f": column(rng, n, "Float64", 0.2), f"{prefix}s": column(rng, n, "string", 0.2)})


def _step(rng, cols):
    """One statement on x (cols: the labels x has, as far as the generator knows)."""
    num = [c for c in cols if c in NUM]
    op = rng.choice(["filter", "sort", "head", "tail", "iloc", "dropdup", "reset", "assign", "merge", "groupby",
                     "concat", "setidx", "sortidx", "window", "align", "nlargest"])
    if op == "filter" and num:
        return f"x = x[x[{rng.choice(num)!r}] > {rng.randrange(-10, 10)}]", cols
    if op == "sort":
        by = rng.sample(cols, rng.randint(1, min(2, len(cols))))
        return f"x = x.sort_values({by}, ascending={rng.random() < 0.5}, kind='stable', na_position={rng.choice(['last', 'first'])!r})", cols
    if op in ("head", "tail"):
        return f"x = x.{op}({rng.randint(0, 8)})", cols
    if op == "iloc":
        return f"x = x.iloc[{rng.randint(-6, 6)}:{rng.choice([None, rng.randint(-6, 10)])}:{rng.choice([None, 1, 2, -1])}]", cols
    if op == "dropdup":
        return f"x = x.drop_duplicates([{rng.choice(cols)!r}], keep={rng.choice(['first', 'last'])!r})", cols
    if op == "reset":
        return "x = x.reset_index(drop=True)", cols
    if op == "assign" and num:
        return f"x = x.assign(z=x[{rng.choice(num)!r}] * 2)", cols
    if op == "merge" and "k" in cols:
        keep = [c for c in ("k", "bv", "bf", "bs") if c == "k" or c not in cols]
        how = rng.choice(["inner", "left", "right", "outer"])
        return f"x = x.merge(b[{keep}], on='k', how={how!r})", cols + keep[1:]
    if op == "groupby" and "k" in cols and num:
        col = rng.choice([c for c in num if c != "k"] or num)
        agg, sort, dropna = rng.choice(["sum", "count", "min", "max", "size"]), rng.random() < 0.5, rng.random() < 0.7
        if agg == "size":
            return f"x = x.groupby('k', sort={sort}, dropna={dropna}).size().rename('n').reset_index()", ["k"]
        return f"x = x.groupby('k', sort={sort}, dropna={dropna})[[{col!r}]].agg({agg!r}).reset_index()", ["k", col]
    if op == "concat":
        return f"x = lib.concat([x, x.head({rng.randint(0, 5)})])", cols
    if op == "setidx" and len(cols) > 1:
        col = rng.choice(cols)
        return f"x = x.set_index({col!r})", [c for c in cols if c != col]
    if op == "sortidx":
        return f"x = x.sort_index(ascending={rng.random() < 0.5}, kind='stable')", cols
    if op == "window" and num:
        col, w = rng.choice(num), rng.choice(["cumsum()", "shift()", "diff()", "rank(method='first')"])
        return f"x = x.assign(w=x[{col!r}].{w})", cols
    if op == "align" and num:
        x, y = rng.choice(num), rng.choice(num)
        return (f"s = x.sort_values({y!r}, kind='stable'); x = x.assign(al=x[{x!r}] + s[s[{y!r}] > "
                f"{rng.randrange(-10, 10)}][{y!r}])"), cols
    if op == "nlargest" and num:
        return f"x = x.nlargest({rng.randint(0, 6)}, {rng.choice(num)!r}, keep={rng.choice(['first', 'last'])!r})", cols
    return None, cols


def generate(rng):
    a, b = _frame(rng, rng.randint(0, 25), "a"), _frame(rng, rng.randint(0, 12), "b")
    code, cols = ["x = a"], list(a.columns)
    for _ in range(rng.randint(2, 7)):
        stmt, cols = _step(rng, cols)
        if stmt:
            code.append(stmt)
    return Case({"a": a, "b": b}, code + ["r = x"])
