"""The category dtype: read_pandas of categorical columns (string, integer and float categories,
unused ones, ordered or not, missing values), astype('category') and CategoricalDtype and back,
the .cat methods, == != with values, < > of ordered ones, sort, groupby keys, value_counts, isin,
fillna, min/max, merge on keys of the same categories; both ordering modes, empty frames,
repeated labels, chains after a filter."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

CATS = {"str": ["b", "a", "é", "ab", "z"], "int": [3, -1, 0, 10, 7], "float": [0.5, -2.5, 3.0, 1e300]}


def _categorical(rng, n, kind, ordered):
    cats = CATS[kind][:]
    rng.shuffle(cats)
    cats = cats[:rng.randint(1, len(cats))]
    vals = [rng.choice(cats) if rng.random() > 0.2 else None for _ in range(n)]
    return pd.Categorical(vals, categories=cats, ordered=ordered)


def generate(rng):
    n = rng.randint(0, 12)
    kind = rng.choice(list(CATS))
    ordered = rng.random() < 0.5
    c = _categorical(rng, n, kind, ordered)
    cats = list(c.categories)
    a = pd.DataFrame({"c": c, "d": _categorical(rng, n, "str", rng.random() < 0.5),
                      "s": column(rng, n, "string", 0.2), "x": column(rng, n, "Int64", 0.2),
                      "f": column(rng, n, "Float64", 0.2)},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    a["s"] = a["s"].where(a["s"].isin(["a", "b", "é", "ab", "z", ""]), None)
    v = rng.choice(cats)
    other = rng.choice([x for x in CATS[kind] if x not in cats] or [v])
    some = rng.sample(cats, rng.randint(0, len(cats)))
    perm = rng.sample(cats, len(cats))
    new = [x for x in CATS[kind] if x not in cats][:2]
    ops = [
        "r = a['c']", "r = a", "r = a['c'].cat.codes", "r = a['c'].cat.categories", "r = a['c'].cat.ordered",
        "r = a['c'].dtype == a['c'].dtype", "r = a['s'].astype('category')", "r = a['x'].astype('category')",
        f"r = a['s'].astype(pd.CategoricalDtype({['a', 'b', 'é']!r}, ordered={rng.random() < 0.5}))",
        "r = a['c'].astype(a['c'].dtype.categories.dtype)" if kind != "float" else "r = a['c'].astype('Float64')",
        "r = a['d'].astype('string')", "r = a['s'].astype('category').astype('string')",
        f"r = a['c'].cat.rename_categories({[f'n{i}' for i in range(len(cats))]!r})",
        f"r = a['c'].cat.rename_categories({{{v!r}: 'renamed'}})",
        f"r = a['c'].cat.add_categories({new!r})", f"r = a['c'].cat.remove_categories({some!r})",
        f"r = a['c'].cat.set_categories({some + new!r}, ordered={rng.random() < 0.5})",
        f"r = a['c'].cat.reorder_categories({perm!r})", "r = a['c'].cat.as_ordered()", "r = a['c'].cat.as_unordered()",
        "r = a['c'].cat.remove_unused_categories()",
        f"r = a['c'] == {v!r}", f"r = a['c'] != {v!r}", f"r = a['c'] == {other!r}", f"r = a[a['c'] == {v!r}]",
        f"r = a[a['c'] != {v!r}]", "r = a['d'] == a['d']", "r = a['c'] == a['c'].iloc[::-1]",
        "r = a.sort_values('c', kind='stable')",
        f"r = a.sort_values(['c', 'x'], ascending=[{rng.random() < 0.5}, {rng.random() < 0.5}], "
        f"na_position={rng.choice(['first', 'last'])!r}, kind='stable')",
        f"r = a['c'].sort_values(ascending={rng.random() < 0.5}, kind='stable')",
        "r = a.sort_values('d', kind='stable').head(3)",
        f"r = a.groupby('c')['x'].{rng.choice(['sum', 'count', 'max', 'mean', 'size', 'first', 'nunique'])}()",
        f"r = a.groupby(['d', 'c'])['f'].{rng.choice(['sum', 'count', 'min', 'size'])}()",
        f"r = a.groupby('c', sort=False)['x'].sum()", "r = a.groupby('c', dropna=False)['x'].sum()",
        "r = a.groupby('c').agg(n=('x', 'count'), m=('f', 'max'))", "r = a.groupby('c', as_index=False)['x'].sum()",
        "r = a.groupby('x')['c'].first()", "r = a.groupby('x')['c'].count()",
        f"r = a['c'].value_counts(dropna={rng.random() < 0.5})", f"r = a['c'].value_counts(normalize=True)",
        "r = a['c'].value_counts(sort=False)",
        f"r = a['c'].isin({some!r})", f"r = a['c'].isin({some + [None]!r})", f"r = a[a['c'].isin({some!r})]",
        f"r = a['c'].fillna({v!r})", f"r = a.fillna({{'c': {v!r}}})", "r = a['c'].isna()", "r = a['c'].notna()",
        "r = a.dropna(subset=['c'])", "r = a['c'].count()", "r = a['c'].nunique()",
        f"r = a['c'].nunique(dropna=False)", "r = a['c'].unique()", "r = a.drop_duplicates('c')",
        "r = a['c'].duplicated()", "r = a.set_index('c')", "r = a.set_index('c')['x']",
        "r = a['c'].head(3)", "r = a['c'].iloc[::-1]", "r = a[['c', 'd']]", "r = a['c'].shift()",
        "r = a.merge(a[['c', 'x']].drop_duplicates('c'), on='c', how='left')", "r = lib.concat([a, a.head(2)])",
    ]
    if ordered:
        ops += [f"r = a['c'] < {v!r}", f"r = a['c'] >= {v!r}", f"r = a[a['c'] > {v!r}]", "r = a['c'].min()",
                "r = a['c'].max()", "r = a['c'] <= a['c'].iloc[::-1]", f"r = a['c'].between({cats[0]!r}, {v!r})",
                "r = a.groupby('d')['c'].max()"]
    mode = "partial" if rng.random() < 0.25 else "strict"
    if mode == "partial":  # (head after a sort of tied keys picks any of the tied rows there)
        ops = [o for o in ops if "sort_values('d', kind='stable').head" not in o]
    op = rng.choice(ops)
    code = [op]
    if ".unique()" in op:  # an array, not a Series: compare as one
        code.append("r = pd.Series(r.to_pandas() if hasattr(r, 'to_pandas') else r)")
    if rng.random() < 0.25:
        code.insert(0, rng.choice(["a = a[a['x'] > 0]", "a = a.iloc[::-1]", "a = a.head(0)", "a = a[a['c'].notna()]"]))
    # (pandas writes text categoricals as dictionary columns; of no rows, without their categories)
    parquet = kind == "str" and n > 0 and rng.random() < 0.3
    if mode == "partial" or parquet:
        a = a.reset_index(drop=True)
    return Case({"a": a}, code, mode=mode, parquet=parquet)
