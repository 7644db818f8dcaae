"""Series.apply / map / combine and DataFrame.apply(axis=1) with cpd.udf functions against pandas'
apply (missing values passed as None, results cast to the declared dtype): every supported type,
transpiled and called in Python, after filters and sorts, and re-executed."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index
from .udfs import FUNCTIONS, OUT

ARG = {"i": int, "f": float, "b": bool, "s": str, "t": "datetime"}


def generate(rng):
    n = rng.randint(0, 10)
    a = pd.DataFrame({"i": column(rng, n, "Int64", 0.3), "f": column(rng, n, rng.choice(["Float64", "float64"]), 0.3),
                      "b": column(rng, n, "boolean", 0.3), "s": column(rng, n, "string", 0.3),
                      "t": column(rng, n, "datetime", 0.3, tz=rng.choice([None, None, "UTC", "America/New_York", "Asia/Kolkata"]))}, index=index(rng, n, rng.choice(["default", "ints", "strs"])))
    before = rng.choice(["x = a", "x = a", "x = a[a['i'] > -2]", "x = a.sort_values('s', kind='stable')", "x = a.iloc[::-1]",
                         "x = a[a['s'].notna()].iloc[1:4]", "x = a[a['i'] > 100]"])
    # transpiled to SQL, called in process, or in 1 or 2 worker processes (Arrow IPC batches)
    transpile = rng.choice([True, True, False, "1", "2"])
    if transpile in ("1", "2"):
        transpile = f"True, {transpile}"
    code = ["from tests.fuzz import udfs",
            "nn = (lambda s: s.astype(object).where(s.notna(), None)) if lib is pd else (lambda s: s)", before]
    form = rng.choice(["apply", "apply", "map", "combine", "rows"])
    if form == "rows":
        cols = rng.sample(["i", "s", "f", "b"], 3)
        code += [f"x = x[{['i', 's', 'f']}]", "f = udfs.get_row()",
                 "r = (x.astype(object).where(x.notna(), None) if lib is pd else x).apply(f, axis=1)",
                 "r = r.astype('string') if lib is pd else r"]
        return Case({"a": a}, code)
    if form == "combine":
        name = rng.choice(["ratio", "join_text"])
        left, right = ("f", rng.choice(["f", "i"])) if name == "ratio" else ("s", "i")
        code += [f"f = udfs.get({name!r}, {transpile})",
                 f"r = nn(x[{left!r}]).combine(nn(x[{right!r}]), f)",
                 f"r = r.astype({OUT[float if name == 'ratio' else str]!r}) if lib is pd else r"]
        return Case({"a": a}, code)
    f = rng.choice([f for f in FUNCTIONS if f.__code__.co_argcount == 1])
    arg = list(f.__annotations__.values())[0]
    col = rng.choice([c for c, t in ARG.items() if t == arg or (arg is float and c == "i")] or ["t"])
    if arg not in (int, float, bool, str):
        col = "t"
    out = OUT[f.__annotations__["return"]]
    code += [f"f = udfs.get({f.__name__!r}, {transpile})", f"r = nn(x[{col!r}]).{form}(f)",
             f"r = r.astype({out!r}) if lib is pd else r"]
    if rng.random() < 0.3:
        code.append("r = r.to_frame('v').assign(w=x['i'])" if rng.random() < 0.5 else "r = r[r.notna()]")
    return Case({"a": a}, code)
