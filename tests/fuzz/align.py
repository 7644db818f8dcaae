"""align (every join, axis 0/1/None, fill_value; frames with frames or Series, Series with
Series; misaligned, repeated and empty labels), DataFrame.combine, Series.where/mask with a
misaligned Series other, DataFrame.where/mask with another frame of another dtype or a Series
condition."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

DT = {"x": "Int64", "y": "Float64", "w": "string", "z": "boolean"}
NUM = ("x", "y")


def _frame(rng, n, cols, kind=None):
    return pd.DataFrame({c: column(rng, n, DT[c], 0.25) for c in cols},
                        index=index(rng, n, kind or rng.choice(["default", "ints", "ints", "strs", "dups"])))


def generate(rng):
    n, m = rng.randint(0, 6), rng.randint(0, 6)
    kind = rng.choice(["default", "ints", "ints", "dups", None])
    a = _frame(rng, n, rng.sample(list(DT), rng.randint(1, 4)), kind)
    b = _frame(rng, m, rng.sample(list(DT), rng.randint(1, 4)), kind)
    if str(a.index.dtype) != str(b.index.dtype):
        b = b.set_axis(pd.RangeIndex(m))
        a = a.set_axis(pd.RangeIndex(n)) if str(a.index.dtype) != "int64" else a
    if rng.random() < 0.3 and n:  # the same labels, shuffled
        b = _frame(rng, n, list(b.columns)).set_axis(a.index).sample(frac=1.0, random_state=rng.randrange(99))
    ca, cb = list(a.columns), list(b.columns)
    form = rng.choice(["frames", "frames", "frame_series", "series", "combine", "swhere", "fwhere", "fwhere_series"])
    join = rng.choice(["outer", "inner", "left", "right"])
    fits = {"x": ["0", "-3"], "y": ["0", "-1.5"], "w": ["'k'"], "z": ["True"]}  # others: pandas makes object columns
    shared = set.intersection(*(set(fits[c]) for c in ca + cb))
    fill = rng.choice(["", ""] + [f", fill_value={v}" for v in sorted(shared)] + [", fill_value=-1.5"])
    side = rng.choice(["x", "y"])
    post = rng.choice(["", "", "r = r.head(2)", "r = r.iloc[::-1]", "r = r.sort_index(kind='stable')"])
    if form == "frames":
        axis = rng.choice(["", ", axis=0", ", axis=1", ", axis=None"])
        code = [f"x, y = a.align(b, join={join!r}{axis}{fill})", f"r = {side}"]
    elif form == "frame_series":
        code = [f"x, y = a.align(b[{rng.choice(cb)!r}], join={join!r}, axis=0{fill})", f"r = {side}"]
    elif form == "series":
        code = [f"x, y = a[{rng.choice(ca)!r}].align(b[{rng.choice(cb)!r}], join={join!r}{fill})", f"r = {side}"]
    elif form == "combine":
        if a.index.has_duplicates or b.index.has_duplicates:
            return None  # README, differences: the sorted union of repeated labels
        num_a, num_b = [c for c in ca if c in NUM], [c for c in cb if c in NUM]
        a = a[num_a] if num_a else _frame(rng, len(a), ["x"]).set_axis(a.index)
        b = b[num_b] if num_b else _frame(rng, len(b), ["y"]).set_axis(b.index)
        func = rng.choice(["lambda s, t: s + t", "lambda s, t: s.where(s > t, t)", "lambda s, t: s * 2 - t",
                           "lambda s, t: s if s.sum() > t.sum() else t"])
        kw = rng.choice(["", ", fill_value=0", ", fill_value=1.5", ", overwrite=False"])
        code = [f"r = a.combine(b, {func}{kw})"]
    elif form == "swhere":
        s, o = rng.choice(ca), rng.choice(cb)
        cond = rng.choice([f"a[{s!r}].notna()", f"a[{ca[0]!r}].isna()", f"b[{cb[0]!r}].notna()"])
        method = rng.choice(["where", "mask"])
        code = [f"r = a[{s!r}].{method}({cond}, b[{o!r}])"]
    elif form == "fwhere":
        x = _frame(rng, n, rng.sample(NUM, rng.randint(1, 2))).set_axis(a.index)
        other = x.astype({c: rng.choice(["Int64", "Float64"]) for c in x.columns if rng.random() < 0.7})
        a = x
        b = other.iloc[rng.sample(range(n), n)] if rng.random() < 0.5 else other
        cond = rng.choice(["a > 0", "a.isna()", "a.notna()", "b < 1"])
        code = [f"r = a.{rng.choice(['where', 'mask'])}({cond}, b)"]
    else:
        col = rng.choice(ca)
        cond = f"a[{col!r}].notna()" if rng.random() < 0.5 else f"b[{cb[0]!r}].notna()"
        other = rng.choice(["", ", 0", ", -1.5"]) if all(c in NUM for c in ca) else ""
        code = [f"r = a.{rng.choice(['where', 'mask'])}({cond}{other}, axis=0)"]
    if post:
        code.append(post)
    return Case({"a": a, "b": b}, code)
