"""concat along rows and columns (misaligned, repeated labels, empty inputs) followed by more
operations; melt and pivot_table."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index


def _frame(rng, n, labels):
    return pd.DataFrame({c: column(rng, n, rng.choice(["Int64", "Float64", "string"])) for c in labels},
                        index=index(rng, n, rng.choice(["default", "ints", "strs"])))


def generate(rng):
    a = _frame(rng, rng.randint(0, 6), rng.sample(["x", "y", "z"], rng.randint(1, 3)))
    b = _frame(rng, rng.randint(0, 6), rng.sample(["x", "y", "z"], rng.randint(1, 3)))
    form = rng.choice(["rows", "rows", "cols", "melt", "pivot"])
    if form == "rows":
        kw = rng.choice(["", ", ignore_index=True", ", join='inner'"])
        post = rng.choice(["r = x", "r = x.reset_index(drop=True)", "r = x.iloc[1:4]", "r = x.head(2)",
                           "r = x.sort_values(list(x.columns), kind='stable')", "r = x.count()", "r = len(x)",
                           f"r = x[{rng.choice(list(a.columns))!r}].shift()" if "ignore" in kw else "r = x.tail(3)"])
        return Case({"a": a, "b": b}, [f"x = lib.concat([a, b{rng.choice(['', ', a.head(1)'])}]{kw})", post])
    if form == "cols":
        b = b.add_suffix("2")
        if rng.random() < 0.5:
            b = b.set_axis(a.index[: len(b)]) if len(b) <= len(a) else b
        kw = rng.choice(["", ", join='inner'"])
        post = rng.choice(["r = x", "r = x.dropna()", "r = x.head(2)", "r = x.iloc[:, :2]", "r = len(x)"])
        return Case({"a": a, "b": b}, [f"x = lib.concat([a, b], axis=1{kw})", post])
    a = a.assign(k=column(rng, len(a), "string", 0.1), v=column(rng, len(a), "Int64"))
    a["k"] = pd.array([None if v is pd.NA else v[:1] for v in a["k"]], dtype="string")
    if form == "melt":
        ids = rng.sample([c for c in a.columns if c != "v"], rng.randint(0, 1))
        return Case({"a": a}, [f"r = a.melt(id_vars={ids}, value_vars={['v']})"])
    a["c"] = pd.array([rng.choice(["p", "q"]) for _ in range(len(a))], dtype="string")
    agg = rng.choice(["sum", "mean", "count", "max"])
    return Case({"a": a}, [f"r = a.pivot_table(index='k', columns='c', values='v', aggfunc={agg!r})"])
