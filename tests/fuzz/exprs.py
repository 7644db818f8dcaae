"""Callables and pandas 3 column expressions (pd.col / cpd.col) in assign, [], loc, iloc, where
and mask, to get and to set (whole keys and each part of a tuple), over missing values, repeated
and string labels, after filters and sorts."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index


def _col(rng):
    return rng.choice(["pd.col", "lib.col"])


def generate(rng):
    n = rng.randint(0, 8)
    # (README, differences: float64 NaN is read as <NA>, and .str follows Python's str methods as
    # pandas' python storage does)
    a = pd.DataFrame({"i": column(rng, n, "Int64"), "f": column(rng, n, "Float64"),
                      "s": pd.array(column(rng, n, "string"), dtype=pd.StringDtype("python")),
                      "b": column(rng, n, "boolean")},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    C = _col(rng)
    code = []
    if rng.random() < 0.3:
        code.append(rng.choice(["a = a[a['i'] > -3]", "a = a.sort_values('f', kind='stable')", "a = a.iloc[::-1]"]))
    steps = rng.randint(1, 3)
    for _ in range(steps):
        code.append(rng.choice([
            # get
            f"a = a.assign(z={C}('i') + 1)",
            f"a = a.assign(z={C}('i') * {C}('f'), w={C}('s').str.upper())",
            "a = a.assign(z=lambda d: d['i'] * 2, w=lambda d: d['z'] + d['f'])",
            f"a = a.assign(z=({C}('f') > 0) & {C}('b'))",
            f"a = a.assign(i={C}('i').fillna(0) - {C}('i').max())",
            "a = a[lambda d: d['i'] > 0]",
            "a = a[lambda d: ['s', 'i']]",
            f"a = a[{C}('f') < 1]",
            "a = a.loc[lambda d: d['f'].notna()]",
            "a = a.loc[lambda d: d['i'] != 2, lambda d: ['i', 'f']]",
            f"a = a.loc[{C}('s') == 'a', ['s', 'b']]",
            "a = a.iloc[lambda d: list(range(0, len(d), 2))]",
            "a = a.iloc[lambda d: slice(1, None), lambda d: [0, 2]]",
            "a = a.where(lambda d: d.notna(), a)",
            # set
            "a.loc[lambda d: d['i'] > 0, 'f'] = 1.5",
            "a.loc[lambda d: d['s'].isna(), 's'] = 'missing'",
            "a.loc[lambda d: d['i'] < 0, lambda d: 'z'] = 7",
            f"a.loc[{C}('i') > 0, 'i'] = 0",
            "a.iloc[lambda d: [0] if len(d) else [], 0] = 9",
            "a[lambda d: 'z'] = a['i'] + 1",
            "a['z'] = a['i'].where(lambda s: s > 0, lambda s: -s)",
            "a['z'] = a['f'].mask(lambda s: s > 0, a['i'])",
            "a['z'] = a['f'].mask(lambda s: s < 0)",
            "a['z'] = a['i'].mask(lambda s: s > 1, 100)",
        ]))
    code.append(rng.choice(["r = a", "r = a", "r = a[[c for c in a.columns if c != 's']].sum()",
                            "r = a[['i', 'f']].where(lambda d: d > 0, lambda d: d * 2) if 'f' in a.columns else a",
                            "r = a.head(3)"]))
    return Case({"a": a}, code)
