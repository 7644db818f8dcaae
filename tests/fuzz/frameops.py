"""DataFrame arithmetic and comparison: operators and the flex methods with axis and fill_value
on frames misaligned on both axes, with scalars and with Series; DataFrame.where/mask."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

METHODS = ("add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "radd", "rsub", "rmul", "rtruediv",
           "rfloordiv", "rmod", "rpow", "eq", "ne", "lt", "le", "gt", "ge")
OPERATORS = ("+", "-", "*", "/", "//", "%", "**", "==", "!=", "<", "<=", ">", ">=")


def _frame(rng, n, labels, kind):
    return pd.DataFrame({c: column(rng, n, rng.choice(["Int64", "Float64"]) if kind is None else kind)
                         for c in labels}, index=index(rng, n, rng.choice(["default", "ints", "strs"])))


def generate(rng):
    n, m = rng.randint(0, 6), rng.randint(0, 6)
    kind = rng.choice([None, None, "boolean"])
    a = _frame(rng, n, rng.sample(["x", "y", "z"], rng.randint(1, 3)), kind)
    b = _frame(rng, m, rng.sample(["x", "y", "z", "w"], rng.randint(1, 3)), kind)
    if rng.random() < 0.3:  # the same index, so the operators (which need equal labels) apply
        b = _frame(rng, n, list(a.columns), kind).set_axis(a.index)
    form = rng.choice(["method", "method", "operator", "series0", "series1", "scalar", "where", "unary"])
    if kind == "boolean":
        if form in ("method", "operator"):  # README: a column one side lacks is <NA>, not pandas' NaN logic
            b = _frame(rng, m, list(a.columns), kind)
            op = rng.choice(["&", "|", "^", "==", "!="])
            return Case({"a": a, "b": b}, [f"r = a {op} b"])
        if form == "unary":
            return Case({"a": a}, ["r = ~a"])
    fill = rng.choice(["", "", ", fill_value=0", ", fill_value=1.5", ", fill_value=-2"])
    if form == "method":
        return Case({"a": a, "b": b}, [f"r = a.{rng.choice(METHODS)}(b{fill if kind is None else ''})"])
    if form == "operator":
        return Case({"a": a, "b": b}, [f"r = a {rng.choice(OPERATORS)} b"])
    if form == "series0":  # along the index, a Series of another frame: aligned on the labels
        return Case({"a": a, "b": b}, [f"r = a.{rng.choice(METHODS)}(b[{b.columns[0]!r}], axis=0{fill if kind is None else ''})"])
    if form == "series1":  # along the columns: a pandas Series of per-column values
        vals = {c: rng.choice([0, 1, -1.5, 2]) for c in rng.sample(["x", "y", "z", "w"], 2)}
        return Case({"a": a}, [f"r = a.{rng.choice(METHODS)}(pd.Series({vals!r}){fill if kind is None else ''})"])
    if form == "scalar":
        v = rng.choice([0, 1, -3, 2.5, -0.5])
        return Case({"a": a}, [rng.choice([f"r = a {rng.choice(OPERATORS)} {v}", f"r = {v} {rng.choice(OPERATORS)} a",
                                           f"r = a.{rng.choice(METHODS)}({v})"])])
    if form == "where":
        cond = rng.choice(["a > 0", "b > 0", "lambda d: d < 1", "(b > 0).reindex(columns=['x', 'y'])"])
        if "reindex" in cond:
            return None  # reindex of columns is not in cormorant's API
        other = rng.choice(["", ", 0", ", -1.5", ", other=a * 2"])
        return Case({"a": a, "b": b}, [f"r = a.{rng.choice(['where', 'mask'])}({cond}{other})"])
    return Case({"a": a}, [f"r = {rng.choice(['-a', '+a', 'abs(a)', 'a.abs()', 'a.round(0)'])}"])
