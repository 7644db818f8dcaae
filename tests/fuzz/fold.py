"""Chains the SQL folding merges into one SELECT (compile/fold.cpp): filters, projections,
renames (swaps too), computed columns that replace the columns earlier steps read, sorts,
head/tail/iloc and drop_duplicates stacked 3-8 deep, in any order (a filter after a head is not
a head after a filter), and the same input read twice (concat of two filters of it, isin of
itself, a column aligned from a filter of it); both ordering modes, from Parquet, with missing values and repeated
labels, the result run twice."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index, reading


def _step(rng, cols, partial):
    """One statement on x; cols: x's columns (all Int64 or Float64 but 's')."""
    num = [c for c in cols if c != "s"]
    c = rng.choice(num) if num else None
    ops = ["filter", "filter2", "project", "rename", "swap", "assign", "replace", "sort", "drop", "query", "loc",
           "isin", "dropna", "fillna"]
    ops += ["split", "semi"]  # the same input read twice
    if not partial:
        ops += ["head", "tail", "iloc", "dedup", "reset", "twice"]
    op = rng.choice(ops)
    if op == "filter" and c:
        return f"x = x[x[{c!r}] {rng.choice(['>', '<=', '==', '!='])} {rng.randint(-3, 3)}]", cols
    if op == "filter2" and len(num) > 1:
        a, b = rng.sample(num, 2)
        return f"x = x[(x[{a!r}] > x[{b!r}]) {rng.choice(['|', '&'])} x[{a!r}].isna()]", cols
    if op == "project" and len(cols) > 1:
        keep = rng.sample(cols, rng.randint(1, len(cols)))
        return f"x = x[{keep!r}]", keep
    if op == "rename" and c:
        new = c + "r"
        return f"x = x.rename(columns={{{c!r}: {new!r}}})", [new if k == c else k for k in cols]
    if op == "swap" and len(num) > 1:
        a, b = rng.sample(num, 2)
        return f"x = x.rename(columns={{{a!r}: {b!r}, {b!r}: {a!r}}})", cols
    if op == "assign" and c:
        new = rng.choice(["z", "w", c])
        expr = rng.choice([f"x[{c!r}] * 2 - 1", f"x[{c!r}].abs()", f"-x[{c!r}]", f"x[{c!r}] + x[{rng.choice(num)!r}]"])
        return f"x = x.assign({new}={expr})" if new.isidentifier() else None, cols + ([new] if new not in cols else [])
    if op == "replace" and c:
        return f"x[{c!r}] = x[{c!r}] + {rng.randint(1, 3)}", cols
    if op == "sort" and cols:
        by = rng.sample(cols, rng.randint(1, min(2, len(cols))))
        return (f"x = x.sort_values({by!r}, ascending={rng.random() < 0.5}, na_position={rng.choice(['first', 'last'])!r}, "
                "kind='stable')"), cols
    if op == "drop" and len(cols) > 1:
        d = rng.choice(cols)
        return f"x = x.drop(columns=[{d!r}])", [k for k in cols if k != d]
    if op == "query" and c and c.isidentifier():
        return f"x = x.query({f'{c} > {rng.randint(-3, 3)}'!r})", cols
    if op == "loc" and c:
        keep = rng.sample(cols, rng.randint(1, len(cols)))
        return f"x = x.loc[x[{c!r}] >= {rng.randint(-3, 3)}, {keep!r}]", keep
    if op == "isin" and c:
        return f"x = x[{'~' if rng.random() < 0.3 else ''}x[{c!r}].isin({rng.sample(range(-4, 5), 3)!r})]", cols
    if op == "dropna" and cols:
        return f"x = x.dropna(subset=[{rng.choice(cols)!r}])", cols
    if op == "fillna" and c:
        return f"x = x.fillna({{{c!r}: 0}})", cols
    if op == "split" and c:
        k = rng.randint(-3, 3)
        return f"x = lib.concat([x[x[{c!r}] > {k}], x[x[{c!r}] <= {k}]])", cols
    if op == "semi" and c:
        return f"x = x[x[{c!r}].isin(x[x[{c!r}] > {rng.randint(-3, 3)}][{c!r}])]", cols
    if op == "twice" and c and len(num) > 1:
        other = rng.choice([k for k in num if k != c])
        return f"y = x[x[{c!r}] > {rng.randint(-3, 3)}]; x = x.assign(w=y[{other!r}] * 2)", cols + (["w"] if "w" not in cols else [])
    if op in ("head", "tail"):
        return f"x = x.{op}({rng.randint(0, 7)})", cols
    if op == "iloc":
        return f"x = x.iloc[{rng.randint(-5, 5)}:{rng.choice([None, rng.randint(-3, 9)])}:{rng.choice([None, 1, 2])}]", cols
    if op == "dedup" and cols:
        return f"x = x.drop_duplicates([{rng.choice(cols)!r}], keep={rng.choice(['first', 'last'])!r})", cols
    if op == "reset":
        return "x = x.reset_index(drop=True)", cols
    return None, cols


def generate(rng):
    n = rng.randint(0, 14)
    a = pd.DataFrame({"p": column(rng, n, "Int64", 0.15), "q": column(rng, n, "Int64", 0.15),
                      "f": column(rng, n, "Float64", 0.2), "s": column(rng, n, "string", 0.2)},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    a["f"] = a["f"].replace(1e300, 9.0)
    a, mode, parquet = reading(rng, a)
    code, cols = ["x = a"], list(a.columns)
    for _ in range(rng.randint(3, 8)):
        stmt, cols = _step(rng, cols, mode == "partial")
        if stmt:
            code.append(stmt)
    tail = rng.choice(["r = x", "r = x", "r = len(x)", "r = x.shape", "r = x.sum(numeric_only=True)",
                       "r = x.count()"])
    return Case({"a": a}, code + [tail], mode=mode, parquet=parquet)
