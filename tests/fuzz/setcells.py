"""Setting cells: df.loc[rows, cols] = v, df.iloc[rows, cols] = v, df[mask] = v, df[[cols]] = v and
s.loc / s[...] / s.iloc assignment, with scalars, Series and other columns as values, pandas 3.1's
dtype rules (a float into Int64, <NA> into boolean, a new column), masks with missing values,
repeated labels and zones; then more operations on the result."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

COLS = {"i": "Int64", "f": "Float64", "b": "boolean", "s": "string", "t": "datetime"}
SCALARS = {"i": ["0", "-3", "None", "2.0", "1.5"], "f": ["2", "-0.5", "None", "np.nan", "1e300", "-0.0"],
           "b": ["True", "False", "None", "pd.NA", "1"], "s": ["'z'", "''", "None", "'日本'"],
           "t": ["pd.NaT", "None", "a['t'].max()", "a['t'].min()"]}


def _rows(rng, n, src):
    """A row selector for loc (masks, labels, ':')."""
    return rng.choice([f"{src}['i'] > 0", f"{src}['b']", f"~({src}['f'] < 1)", f"{src}['i'].isna()", ":",
                       f"{src}['s'] == 'a'", f"{[rng.random() < 0.5 for _ in range(n)]}",
                       f"{src}.index[:{rng.randint(0, n)}]" if n else ":"])


def _value(rng, col, src):
    return rng.choice(SCALARS[col] + [f"{src}[{col!r}]", f"{src}[{col!r}].shift()",
                                      f"{src}['i'] * 2" if col in ("i", "f") else f"{src}[{col!r}]",
                                      f"{src}['f']" if col == "i" else f"{src}[{col!r}]",
                                      f"{src}[{col!r}].iloc[::-1]"])


def generate(rng):
    n = rng.randint(0, 8)
    tz = rng.choice([None, "UTC", "Asia/Kolkata", "America/New_York"])
    a = pd.DataFrame({c: column(rng, n, d, 0.25, tz=tz) for c, d in COLS.items()},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    code = []
    for _ in range(rng.randint(1, 3)):
        col = rng.choice(list(COLS))
        form = rng.choice(["loc", "loc", "loc_new", "iloc", "mask", "cols", "sloc", "sitem", "siloc"])
        val = _value(rng, col, "a")
        if form == "loc":
            code.append(f"a.loc[{_rows(rng, n, 'a')}, {rng.choice([repr(col), [col]])}] = {val}")
        elif form == "loc_new":
            code.append(f"a.loc[{_rows(rng, n, 'a')}, 'new'] = {rng.choice(['5', '2.5', repr('k'), 'a[' + repr(col) + ']'])}")
        elif form == "iloc":
            pos = list(COLS).index(col)
            rows = rng.choice([f"{rng.randint(-n, n - 1) if n else 0}", f"{rng.randint(0, 4)}:{rng.randint(0, 9)}",
                               "::2", "::-1", f"{sorted(rng.sample(range(n), rng.randint(0, n)))}", ":"])
            code.append(f"a.iloc[{rows}, {rng.choice([pos, [pos]])}] = {rng.choice(SCALARS[col])}")
        elif form == "mask":  # the whole statement: a frame of one kind, a mask, a value
            cols = ["i", "f"] if col in ("i", "f") else [col]
            cond = rng.choice(["a['i'] > 0", "a['f'] < 1"]) if col in ("i", "f") else f"a[{col!r}].notna()"
            v = rng.choice(["0", "1", "None", "-0.5"]) if len(cols) > 1 else rng.choice(SCALARS[col])
            return Case({"a": a}, [f"a = a[{cols}]", f"a[{cond}] = {v}", "r = a"])
        elif form == "cols":
            code.append(f"a[[{col!r}]] = {rng.choice(SCALARS[col])}")
        else:
            rows = {"sloc": _rows(rng, n, "a"), "sitem": rng.choice([f"a['i'] > 0", "a['b']", f"{[rng.random() < 0.5 for _ in range(n)]}"]),
                    "siloc": rng.choice(["0", "1:3", "::-2", "[0, 2]", ":"])}[form]
            acc = {"sloc": ".loc", "sitem": "", "siloc": ".iloc"}[form]
            code += [f"s = a[{col!r}]", f"s{acc}[{rows}] = {val}", f"a = a.assign(**{{{col!r}: s}})" if rng.random() < 0.5
                     else f"a = a.assign(z=s)"]
    after = rng.choice(["r = a", "r = a", "r = a.sort_index(kind='stable')", "r = a[a['i'] != 0]", "r = a.head(3)"])
    if "a[['i']] =" in " ".join(code) and "!=" in after:
        after = "r = a"  # (pandas' replaced column is NumPy's, where NaN != 0; README, differences)
    return Case({"a": a}, code + [after])
