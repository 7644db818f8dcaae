"""The TPC-H rewrites: a groupby-aggregate merged on (a subset of) its group keys, which
rewrite/semijoin reduces to the groups the other side can meet (inner/left/right/outer, keys
missing, filters on either side, more merges and groupbys after); a merge or a scan read twice
(a shared, NOT MATERIALIZED subquery: one result used in two branches then combined, a
self-merge, Q17's average per key merged back); isin / ~isin of another Series with missing
values (NOT EXISTS). Rows and, in strict mode, order against pandas; both ordering modes,
pandas data or Parquet files."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column


def _frame(rng, n, value, parquet):
    missing = rng.choice([0.0, 0.0, 0.2])
    k = column(rng, n, "Int64", missing)
    j = column(rng, n, "string", missing)
    return pd.DataFrame({
        "k": pd.array([None if v is pd.NA else abs(v) % 4 for v in k], dtype="Int64"),
        "j": pd.array([None if v is pd.NA else v[:1] for v in j], dtype="string"),
        value: column(rng, n, rng.choice(["Int64", "Float64", "Int64"]), 0.15),
        "q": column(rng, n, "Int64", 0.1),
    }, index=pd.RangeIndex(n) if parquet else pd.Index(rng.sample(range(100), n), dtype="int64"))


def _filter(rng, name, value):
    return rng.choice([None, None, f"{name} = {name}[{name}['k'].notna()]", f"{name} = {name}[{name}['k'] > 0]",
                       f"{name} = {name}[{name}['{value}'] > 0]", f"{name} = {name}[{name}['j'] != 'a']",
                       f"{name} = {name}[{name}['j'].isin(['b', 'x', None])]"])


def _aggregate(rng, name, value, keys):
    dropna = rng.random() < 0.6
    func = rng.choice(["sum", "max", "min", "count", "mean", "size", "nunique"])
    if func == "size":
        return f"g = {name}.groupby({keys}, dropna={dropna}).size().rename('n').reset_index()"
    if rng.random() < 0.5:
        return f"g = {name}.groupby({keys}, as_index=False, dropna={dropna}).agg(n=({value!r}, {func!r}))"
    return f"g = {name}.groupby({keys}, dropna={dropna})[{value!r}].{func}().rename('n').reset_index()"


def generate(rng):
    strict, parquet = rng.random() < 0.6, rng.random() < 0.3
    frames = {"a": _frame(rng, rng.randint(0, 9), "v", parquet), "b": _frame(rng, rng.randint(0, 9), "w", parquet)}
    if rng.random() < 0.4:
        frames["c"] = _frame(rng, rng.randint(0, 6), "u", parquet)
    code = [s for s in (_filter(rng, "a", "v"), _filter(rng, "b", "w")) if s]
    form = rng.choice(["agg_merge", "agg_merge", "agg_merge", "shared", "q17", "exists", "self", "two_aggs",
                       "own_agg"])
    if form == "agg_merge":
        keys = rng.choice([["k"], ["j"], ["k", "j"]])
        on = rng.choice([keys, keys[:1]]) if len(keys) > 1 else keys
        code.append(_aggregate(rng, "b", "w", keys))
        if rng.random() < 0.4:
            code.append(rng.choice(["g = g[g['n'] > 0]", "g = g[g['k'] > 0]" if "k" in keys else "g = g[g['n'] > 1]"]))
        how = rng.choice(["inner", "inner", "left", "right", "outer"])
        drop = [c for c in keys if c not in on]  # (a key not merged on would collide with a's)
        right = f"g.drop(columns={drop})" if drop else "g"
        if rng.random() < 0.5:
            code.append(f"x = a.merge({right}, how={how!r}, on={on})")
        else:
            code.append(f"x = {right}.merge(a, how={how!r}, on={on})")
        if "c" in frames and rng.random() < 0.6:
            code.append(f"x = x.merge(c[['k', 'u']], how={rng.choice(['inner', 'left'])!r}, on='k')")
    elif form == "two_aggs":  # both sides aggregates, merged on their keys, then filtered
        keys = rng.choice([["k"], ["k", "j"]])
        code.append(_aggregate(rng, "a", "v", keys).replace("g = ", "g1 = "))
        code.append(_aggregate(rng, "b", "w", keys).replace("g = ", "g2 = "))
        code.append(f"x = g1.merge(g2, how={rng.choice(['inner', 'left', 'right', 'outer'])!r}, on={keys})")
        code.append(rng.choice(["x = x", "x = x[x['n_x'] > 0]", "x = x[x['k'] != 1]", "x = x[x['n_y'].isna()]"]))
    elif form == "own_agg":  # a filtered table merged with an aggregate of all of it (Q2, Q17, Q20)
        code.append(_aggregate(rng, "b", "w", ["k"]))
        code.append(rng.choice(["f = b[b['w'] > 0]", "f = b[b['j'] == 'b']", "f = b[b['q'] < 2]"]))
        code.append(f"x = f.merge(g, how={rng.choice(['inner', 'left', 'right'])!r}, on='k')")
        code.append(rng.choice(["x = x", "x = x[x['q'] <= x['n']]", "x = x.merge(a[['k', 'v']], on='k')"]))
    elif form == "shared":
        code.append(f"m = a.merge(b, how={rng.choice(['inner', 'left'])!r}, on={rng.choice(['k', ['k', 'j']])!r})")
        code.append(rng.choice([
            "x = lib.concat([m[m['v'] > 0], m[m['w'] <= 0]])",
            "x = m.merge(m.groupby('k', as_index=False).agg(t=('w', 'sum')), on='k')",
            "x = m[m['k'].isin(m[m['v'] > 0]['k'])]",
            "x = m.assign(d=m['v'] - m['w']).merge(m[['k']].drop_duplicates(), on='k', how='left')",
            "x = m.merge(m.groupby('k')['v'].max().rename('top').reset_index(), on='k')",
        ]))
    elif form == "q17":
        code += ["avg = b.groupby('k')['q'].mean().mul(0.5).rename('lim').reset_index()",
                 f"x = b.merge(avg, on='k', how={rng.choice(['inner', 'left'])!r})",
                 rng.choice(["x = x[x['q'] < x['lim']]", "x = x[x['q'] >= x['lim']]", "x = x"])]
        if rng.random() < 0.5:
            code.append("x = x.merge(a[['k', 'v']], on='k')")
    elif form == "exists":
        col = rng.choice(["k", "j"])
        other = rng.choice([f"b[{col!r}]", f"b[b['w'] > 0][{col!r}]", f"b[{col!r}].dropna()", f"a[a['v'] < 0][{col!r}]"])
        neg = "~" if rng.random() < 0.6 else ""
        code.append(f"x = a[{neg}a[{col!r}].isin({other})]")
        if rng.random() < 0.5:
            code.append(f"x = x[~x['k'].isin(c['k'])]" if "c" in frames else "x = x[x['j'].isin(b['j'])]")
    else:
        code.append(f"x = a.merge(a, on={rng.choice(['k', 'j'])!r}, how={rng.choice(['inner', 'left'])!r})")
    code.append(rng.choice(["r = x", "r = x", "r = x.groupby('k', dropna=False).size()",
                            "r = x.groupby('k').agg(z=('q' if 'q' in x.columns else x.columns[-1], 'max'))",
                            "r = len(x)", "r = x.sort_values(list(x.columns), kind='stable').reset_index(drop=True)"
                            if strict else "r = x"]))
    return Case(frames, code, mode="strict" if strict else "partial", parquet=parquet)
