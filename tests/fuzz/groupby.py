"""groupby: aggregations over one or two keys with missing keys and values (dropna, sort,
as_index), Series.groupby, keys given as a Series, a function of the labels or an index level,
transform and windows after groupby."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

AGGS = ("sum", "mean", "min", "max", "count", "nunique", "first", "last", "std", "var", "median", "size",
        "prod", "any", "all")
NUMERIC_ONLY = ("sum", "mean", "std", "var", "median", "prod", "any", "all")


def _frame(rng, n):
    k1 = column(rng, n, "Int64", 0.15)
    return pd.DataFrame({
        "k1": pd.array([None if v is pd.NA else abs(v) % 3 for v in k1], dtype="Int64"),
        "k2": pd.array([rng.choice(["x", "y", "é"]) if rng.random() > 0.15 else None for _ in range(n)], dtype="string"),
        "i": column(rng, n, "Int64"), "f": column(rng, n, "Float64"), "b": column(rng, n, "boolean"),
        "s": column(rng, n, "string"),
    }, index=index(rng, n, rng.choice(["default", "ints", "strs"])))


def generate(rng):
    p = _frame(rng, rng.randint(0, 14))
    agg = rng.choice(AGGS)
    dropna, sort = rng.random() < 0.6, rng.random() < 0.6
    form = rng.choice(["frame", "frame", "series", "by_series", "by_function", "by_level", "transform", "window"])
    if form == "frame":
        keys = rng.choice([["k1"], ["k2"], ["k1", "k2"]])
        cols = [c for c in ["i", "f", "b", "s"] if agg not in NUMERIC_ONLY or c != "s"]
        cols = rng.sample(cols, rng.randint(1, len(cols)))
        g = f"a.groupby({keys}, dropna={dropna}, sort={sort}, as_index={rng.random() < 0.7})"
        return Case({"a": p}, [f"r = {g}.size()" if agg == "size" else f"r = {g}[{cols}].{agg}()"])
    col = rng.choice(["i", "f", "b"] if agg in NUMERIC_ONLY else ["i", "f", "b", "s"])
    if form == "series":
        by = f"a[{rng.choice(['k1', 'k2'])!r}]"
    elif form == "by_series":  # a key from a differently ordered selection: aligned on the labels
        by = f"a.sort_values('i', kind='stable')[{rng.choice(['k1', 'k2'])!r}]"
    elif form == "by_function":
        by = rng.choice(["lambda v: str(v)[:1]", "lambda v: hash(v) % 2"])
    elif form == "by_level":
        p = p.set_index("k1", append=rng.random() < 0.5)
        by = None
    else:
        by = f"a[{rng.choice(['k1', 'k2'])!r}]"
    source = f"a[{col!r}]"
    g = (f"{source}.groupby(level={rng.choice([0, -1]) if p.index.nlevels > 1 else 0}, dropna={dropna}, sort={sort})"
         if by is None else f"{source}.groupby({by}, dropna={dropna}, sort={sort})")
    if form == "transform":
        return Case({"a": p}, [f"r = {g}.transform({rng.choice(['sum', 'mean', 'min', 'count', 'first'])!r})"])
    if form == "window":
        return Case({"a": p}, [f"r = {g}.{rng.choice(['cumsum()', 'shift(1)', 'cumcount()', 'rank()', 'diff()'])}"])
    return Case({"a": p}, [f"r = {g}.size()" if agg == "size" else f"r = {g}.{agg}()"])
