"""Chains of 2-4 merges (every how but cross; on, left_on/right_on, suffixes), keys repeated and
missing in some tables and never in others, filters before and after, column selections,
renames, groupby-aggregates on the keys, sorts and renumbering in between; in both ordering
modes, from pandas data or from Parquet files (whose null counts tell the compiler which keys
can never be missing). Exercises the `=` joins of never-missing keys (plan/nullability), the
one FROM of a chain of inner merges (compile/join_tree) and the reduction of an aggregate
merged on its keys to a filtered side's keys (rewrite/semijoin): rows and, in strict mode,
their order against pandas."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

NAMES = ("a", "b", "c", "d")


def _frame(rng, n, i, parquet):
    missing = rng.choice([0.0, 0.0, 0.25])  # keys that are never missing in some tables, not in others
    k = column(rng, n, "Int64", missing)
    j = column(rng, n, "string", missing)
    d = {"k": pd.array([None if v is pd.NA else abs(v) % 3 for v in k], dtype="Int64"),
         "j": pd.array([None if v is pd.NA else v[:1] for v in j], dtype="string"),
         f"v{i}": column(rng, n, rng.choice(["Int64", "Float64", "string", "datetime"]), 0.2,
                         tz=rng.choice([None, "America/New_York"]))}
    if rng.random() < 0.5:  # a column every such table shares: suffixes
        d["c"] = column(rng, n, "Int64", 0.2)
    idx = pd.RangeIndex(n) if parquet else index(rng, n, rng.choice(["default", "ints", "dups"]))
    return pd.DataFrame(d, index=idx)


def _before(rng, name, i):
    """A statement shaping table `name` before it is merged (or None)."""
    return rng.choice([
        None, None,
        f"{name} = {name}[{name}['k'].notna()]",
        f"{name} = {name}.dropna(subset=['j'])",
        f"{name} = {name}[{name}['k'] > 0]",
        f"{name} = {name}[{name}['k'].isin([0, 2])]",
        f"{name} = {name}[{name}['v{i}'].notna()]",
        f"{name} = {name}[['k', 'j', 'v{i}']]",
        f"{name} = {name}.rename(columns={{'v{i}': 'w{i}'}})",
        # an aggregate on the merge keys (rewrite/semijoin reduces its input to a filtered side's keys)
        f"{name} = {name}.groupby(['k', 'j'], as_index=False, dropna={rng.random() < 0.5}).agg(v{i}=('v{i}', {rng.choice(['max', 'nunique'])!r}))",
        f"{name} = {name}.groupby('k', as_index=False).agg(j=('j', 'min'), v{i}=('v{i}', 'min'))",
        # group keys (never missing with dropna) and counts feed the join
        f"{name} = {name}.groupby(['k', 'j'], dropna={rng.random() < 0.7}).size().rename('v{i}').reset_index()",
    ])


def _after(rng, cols, strict):
    """A statement on the merged x (or None): filters, selections, renames, sorts, renumbering."""
    values = [c for c in cols if c not in ("k", "j")]
    options = [None, "x = x[x['k'].notna()]", "x = x[x['j'] != 'a']", "x = x[x['k'] < 2]",
               "x = x[x['k'].isin(b['k'])]", "x = x[~x['j'].isin(b['j'])]"]  # semi- and anti-joins
    if values:
        keep = rng.sample(values, rng.randint(0, len(values)))
        options += [f"x = x[{['k', 'j'] + keep}]", f"x = x.rename(columns={{{values[0]!r}: 'z_{values[0]}'}})"]
    if strict:
        options += ["x = x.sort_values(['k', 'j'], kind='stable')", "x = x.reset_index(drop=True)",
                    f"x = x.head({rng.randint(0, 10)})"]
    return rng.choice(options)


def generate(rng):
    strict, parquet = rng.random() < 0.6, rng.random() < 0.3
    frames = {nm: _frame(rng, rng.randint(0, 7), i, parquet) for i, nm in enumerate(NAMES[:rng.randint(2, 4)])}
    code = []
    for i, nm in enumerate(frames):
        stmt = _before(rng, nm, i)
        if stmt:
            code.append(stmt)
    code.append("x = a")
    for i, nm in enumerate(list(frames)[1:], start=1):
        how = rng.choice(["inner", "inner", "left", "right", "outer"])
        keys = rng.choice(["k", "j", "kj", "left_on", "left_on"])
        right = {"k": f"{nm}.drop(columns=['j'])", "j": f"{nm}.drop(columns=['k'])", "kj": nm,
                 "left_on": f"{nm}.drop(columns=['j']).rename(columns={{'k': 'k{i}'}})"}[keys]
        keys = {"k": "on=['k']", "j": "on=['j']", "kj": "on=['k', 'j']",
                "left_on": f"left_on=['k'], right_on=['k{i}']"}[keys]  # a renamed right key: both stay
        suffixes = rng.choice(["", "", ", suffixes=('_l', '_r')", f", suffixes=('', '_{i}')"])
        code.append(f"x = x.merge({right}, how={how!r}, {keys}{suffixes})")
        stmt = _after(rng, _labels(frames, code), strict)  # the labels after suffixes
        if stmt:
            code.append(stmt)
    code.append(rng.choice(["r = x", "r = x", "r = x.groupby('k', dropna=False).size()", "r = len(x)"]))
    return Case(frames, code, mode="strict" if strict else "partial", parquet=parquet)


def _labels(frames, code):
    """x's column labels after `code`, found by running it on the (small) pandas frames."""
    env = {"lib": pd, "pd": pd, **{n: f.copy() for n, f in frames.items()}}
    try:
        exec("\n".join(code), env)  # noqa: S102 — our own generated statements
        return list(env["x"].columns)
    except Exception:  # noqa: BLE001 — pandas refuses: the case is skipped anyway
        return ["k", "j"]
