"""Frames built and queried: the constructors (DataFrame/Series of Python data with dtype,
index= and columns=, from_dict, from_records, a dict of cormorant Series aligning on their
labels), DataFrame.query/eval, value_counts (normalize, dropna, sort, ascending), crosstab, and
the Series flex methods with fill_value on misaligned labels (comparisons align too)."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

FLEX = ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "radd", "rsub", "rmul", "rtruediv", "rfloordiv",
        "rmod", "rpow", "eq", "ne", "lt", "le", "gt", "ge")


def _frame(rng, n):
    k = column(rng, n, "string", 0.2)
    return pd.DataFrame({
        "k": pd.array([None if v is pd.NA else v[:1] for v in k], dtype="string"),
        "i": column(rng, n, "Int64"), "f": column(rng, n, "Float64"), "b": column(rng, n, "boolean"),
        "t": column(rng, n, "datetime", tz=rng.choice([None, "Asia/Kolkata"])),
    }, index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))


def _python_data(rng, n):
    """Python values of one kind with None for missing, as a user writes them."""
    kind = rng.choice(["int", "float", "str", "bool"])
    gen = {"int": lambda: rng.randrange(-3, 4), "float": lambda: rng.choice([0.5, -1.0, 2.0]),
           "str": lambda: rng.choice(["a", "é", ""]), "bool": lambda: rng.random() < 0.5}[kind]
    # (no None among booleans: pandas makes an object column of them, cormorant a boolean one)
    return [gen() if kind == "bool" or rng.random() > 0.2 else None for _ in range(n)], kind


def _constructor(rng, a, b):
    n = rng.randint(0, 5)
    x, kind = _python_data(rng, n)
    y, _ = _python_data(rng, n)
    dtype = {"int": "'Int64'", "float": "'Float64'", "str": "'string'", "bool": "'boolean'"}[kind]
    labels = rng.sample(["p", "q", "r", "s", "t"], n)
    return rng.choice([
        [f"r = lib.DataFrame({{'x': {x}, 'y': {y}}})"],
        [f"r = lib.DataFrame({{'x': {x}}}, dtype={dtype}, index={labels})"],
        [f"r = lib.DataFrame({{'x': {x}, 'y': {y}}}, columns=['y', 'z'])"],
        [f"r = lib.Series({x}, index={labels}, dtype={dtype}, name='v')"],
        [f"r = lib.Series({x}, dtype={dtype}).sort_values(kind='stable')"],
        [f"r = lib.DataFrame.from_dict({{'x': {x}, 'y': {y}}})"],
        [f"r = lib.DataFrame.from_dict({dict(zip(labels, x))}, orient='index', columns=['v'])"],
        [f"r = lib.DataFrame.from_records({list(zip(x, y))}, columns=['x', 'y'])"],
        ["r = lib.DataFrame({'p': a['i'], 'q': b['f']})"],  # aligns on the union of labels
        ["r = lib.DataFrame({'p': a['i'], 'q': b['f']}, index=a.index)"],
        ["r = lib.DataFrame({'p': a['i'], 'q': a['t']}).dropna()"],
        ["r = lib.DataFrame(a, columns=['f', 'k'])"],
        ["r = lib.Series(a['f'], index=b.index)"],
        ["r = lib.DataFrame({'p': a['i'], 'c': 1.5})"],
    ])


def _query(rng, a):
    c = rng.choice(["i", "f"])
    return rng.choice([
        [f"r = a.query('{c} > 0')"], [f"r = a.query('{c} > 0 and k == \"a\"')"], ["r = a.query('i < f or b')"],
        [f"r = a.query('{c} in [0, 1, 3]')"], [f"r = a.query('not ({c} >= 1)')"], ["r = a.query('i + f > 1')"],
        ["v = 1", f"r = a.query('{c} == @v')"], ["r = a.query('k != \"b\" & i > -2')"],
        ["r = a.query('-1 < i <= 2')"], ["r = a.eval('i * 2 + f')"], ["r = a.eval('z = i - f')"],
        ["r = a.eval('i > f')"], ["r = a.query('i == i')"],
        ["r = a.eval('z = i % 3\\nw = z * f')"], ["r = a.query('t > \"2024-03-20\"')"],
    ])


def _counts(rng, a, b):
    kw = ", ".join(rng.sample([f"normalize={rng.random() < 0.5}", f"dropna={rng.random() < 0.5}",
                               f"sort={rng.random() < 0.7}", f"ascending={rng.random() < 0.5}"], rng.randint(0, 4)))
    col = rng.choice(["k", "i", "b", "t"])
    if rng.random() < 0.5:
        return [f"r = a[{col!r}].value_counts({kw})"]
    if rng.random() < 0.5:
        cols = rng.sample(["k", "i", "b"], rng.randint(2, 3))
        return [f"r = a.value_counts({cols}{', ' + kw if kw else ''})"]
    how = rng.choice(["", ", values=a['f'], aggfunc='sum'", ", values=a['i'], aggfunc='max'", ", rownames=['R']"])
    other = rng.choice(["a['b']", "a['i']", "b['b']"])
    return [f"r = lib.crosstab(a['k'], {other}{how})"]


def _flex(rng, a, b):
    method = rng.choice(FLEX)
    x, y = rng.choice([("i", "i"), ("f", "i"), ("i", "f"), ("f", "f")])
    other = rng.choice([f"b[{y!r}]", f"a[{y!r}]", f"b[{y!r}].iloc[::-1]", "2", "0", "-1.5"])
    fill = rng.choice(["", "", ", fill_value=0", ", fill_value=1.5", ", fill_value=-2"])
    if method in ("floordiv", "mod", "rfloordiv", "rmod") and "0" in fill + other:
        return None  # README, differences: an integer // or % of a 0 is refused or depends on the values
    if "b[" in other and (a.index.has_duplicates or b.index.has_duplicates):
        return None  # README, differences: the union of repeated labels is sorted stably here
    return [f"r = a[{x!r}].{method}({other}{fill})"]


def generate(rng):
    a, b = _frame(rng, rng.randint(0, 8)), _frame(rng, rng.randint(0, 8))
    form = rng.choice(["constructor", "constructor", "query", "query", "counts", "flex", "flex"])
    code = {"constructor": lambda: _constructor(rng, a, b), "query": lambda: _query(rng, a),
            "counts": lambda: _counts(rng, a, b), "flex": lambda: _flex(rng, a, b)}[form]()
    if code and form == "constructor" and "b[" in code[0] and (a.empty or b.empty):
        return None  # README, differences: a dict of Series one of which has no rows sorts the labels
    return None if code is None else Case({"a": a, "b": b}, code)
