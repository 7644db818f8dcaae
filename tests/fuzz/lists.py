"""List columns: str.split (and rsplit, n=) to lists, their len/get/[i]/join, explode of split
text and of list columns (frames and Series), the .list accessor (len, [i], slices, flatten) of
pandas' list<int64> and list<string> columns; missing values, empty lists and texts, items
missing inside lists, repeated labels, empty frames, both ordering modes."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from .runner import Case, column, index

TEXTS = ("a,b", "", ",", "x,,y", "é,ß,日本", "a", " a , b ", "a,b,c,d", "Straße")
LISTS = ([1, 2], [], [None], [3, None, -4], [5], [0, 0, 0, 7])
WORDS = (["a", "b"], [], ["é"], [None, "x"], ["", "ß", "b"])


def generate(rng):
    n = rng.randint(0, 8)
    pick = lambda pool: [list(rng.choice(pool)) if rng.random() > 0.2 else None for _ in range(n)]  # noqa: E731
    a = pd.DataFrame({"s": pd.array([rng.choice(TEXTS) if rng.random() > 0.2 else None for _ in range(n)], dtype="string"),
                      "l": pd.array(pick(LISTS), dtype=pd.ArrowDtype(pa.list_(pa.int64()))),
                      "w": pd.array(pick(WORDS), dtype=pd.ArrowDtype(pa.list_(pa.string()))),
                      "x": column(rng, n, "Int64", 0.2)},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    i = rng.randint(-3, 3)
    sl = f"{rng.choice(['', rng.randint(-2, 2)])}:{rng.choice(['', rng.randint(-2, 3)])}{rng.choice(['', ':2', ':1'])}"
    split = rng.choice(["a['s'].str.split(',')", "a['s'].str.split(',', n=1)", "a['s'].str.rsplit(',', n=1)",
                        "a['s'].str.split()", "a['s'].str.split(',', regex=False)"])
    lcol = rng.choice(["l", "w"])
    ops = [
        f"r = {split}", f"r = {split}.str.len()", f"r = {split}.str.get({i})", f"r = {split}.str[{i}]",
        f"r = {split}.explode()", f"r = {split}.explode(ignore_index=True)", f"r = {split}.str.join('-')",
        f"r = {split}.str[{sl}]", f"r = a.assign(p={split}).explode('p')", f"r = {split}.explode().value_counts()",
        f"r = a['{lcol}']", f"r = a['{lcol}'].list.len()", f"r = a['{lcol}'].list[{i}]", f"r = a['{lcol}'].list[{sl}]",
        f"r = a['{lcol}'].list.flatten()", f"r = a['{lcol}'].str.len()", f"r = a['{lcol}'].str.get({i})",
        f"r = a['{lcol}'].explode()", f"r = a.explode('{lcol}')", f"r = a.explode('{lcol}', ignore_index=True)",
        f"r = a['{lcol}'].isna()", f"r = a[a['{lcol}'].notna()]", f"r = a[['{lcol}', 'x']].head(3)",
        "r = a['w'].str.join(',')", f"r = a['{lcol}'].explode().dropna()", f"r = a.explode('{lcol}').groupby('x')['s'].count()",
    ]
    code = [rng.choice(ops)]
    if rng.random() < 0.3:
        code.insert(0, rng.choice(["a = a[a['x'] > 0]", "a = a.iloc[::-1]", "a = a.head(0)", "a = a.sort_values('x', kind='stable')"]))
    mode = "partial" if rng.random() < 0.25 else "strict"
    if mode == "partial":
        a = a.reset_index(drop=True)
    return Case({"a": a}, code, mode=mode, objects=True)
