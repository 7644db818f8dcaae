"""merge: every how, keys of two dtypes with missing values, suffixes, indicator, sort, then an
operation on the result."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index


def _frame(rng, n, names):
    d = {"k": column(rng, n, "Int64", 0.15), "j": column(rng, n, "string", 0.15)}
    d["k"] = pd.array([None if v is pd.NA else abs(v) % 3 for v in d["k"]], dtype="Int64")
    d["j"] = pd.array([None if v is pd.NA else v[:1] for v in d["j"]], dtype="string")
    for nm in names:
        d[nm] = column(rng, n, rng.choice(["Int64", "Float64", "datetime"]), tz=rng.choice([None, "Asia/Kolkata"]))
    return pd.DataFrame(d, index=index(rng, n, rng.choice(["default", "ints"])))


def generate(rng):
    a, b = _frame(rng, rng.randint(0, 8), ["v", "w"]), _frame(rng, rng.randint(0, 8), ["v", "z"])
    how = rng.choice(["inner", "left", "right", "outer", "cross"])
    kw = "" if how == "cross" else f", on={rng.choice([['k'], ['j'], ['k', 'j']])}"
    if rng.random() < 0.3:
        kw += ", suffixes=('_l', '_r')"
    if rng.random() < 0.3 and how != "cross":
        kw += ", indicator=True"
    if rng.random() < 0.3:
        kw += ", sort=True"
    if rng.random() < 0.2 and how != "cross":
        kw = f", left_index=True, right_index=True{', sort=True' if 'sort' in kw else ''}"
    code = [f"r = a.merge(b, how={how!r}{kw})"]
    post = rng.choice(["", "head", "sort", "groupby", "len"])
    code.append({"": "", "head": "r = r.head(3)",
                 "sort": "r = r.sort_values(list(r.columns[:2]), kind='stable')",
                 "groupby": "r = r.groupby(r.columns[0], dropna=False).size()",
                 "len": "r = len(r)"}[post])
    return Case({"a": a, "b": b}, [c for c in code if c])
