"""Summaries: idxmax/idxmin of frames, Series and groups and argmax/argmin (ties, missing
values, all missing, skipna), groupby quantile (every interpolation), describe and get_group;
Series mode, agg, corr/cov/autocorr, case_when, divmod, interpolate and sample (random_state
must pick pandas' rows)."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index


def _frame(rng, n):
    missing = rng.choice([0.0, 0.3, 0.3, 1.0])  # sometimes every value missing
    k = column(rng, n, "Int64", 0.15)
    return pd.DataFrame({
        "k": pd.array([None if v is pd.NA else abs(v) % 3 for v in k], dtype="Int64"),
        "i": column(rng, n, "Int64", missing), "f": column(rng, n, rng.choice(["Float64", "float64"]), missing),
        "g": column(rng, n, "Float64", 0.2),
        "t": column(rng, n, "datetime", 0.2, tz=rng.choice([None, "Europe/Berlin"])),
    }, index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))


def _interpolate_frame(rng, n):
    return pd.DataFrame({"f": column(rng, n, rng.choice(["Float64", "float64"]), rng.choice([0.2, 0.5])),
                         "i": column(rng, n, "Int64", 0.3)}, index=pd.RangeIndex(n))


def generate(rng):
    n = rng.randint(0, 10)
    a = _frame(rng, n)
    col = rng.choice(["i", "f", "g"])
    skipna = rng.random() < 0.7
    keys = rng.choice(["'k'", "['k']"])
    dropna = rng.random() < 0.7
    form = rng.choice(["idx", "arg", "frame_idx", "group_idx", "quantile", "describe", "get_group", "mode", "agg",
                       "pair", "autocorr", "case_when", "divmod", "interpolate", "sample"])
    if form == "idx":
        code = [f"r = a[{col!r}].{rng.choice(['idxmax', 'idxmin'])}(skipna={skipna})"]
    elif form == "arg":
        code = [f"r = a[{col!r}].{rng.choice(['argmax', 'argmin'])}(skipna={skipna})"]
    elif form == "frame_idx":
        cols = rng.sample(["i", "f", "g", "t"], rng.randint(1, 4))
        code = [f"r = a[{cols}].{rng.choice(['idxmax', 'idxmin'])}(skipna={skipna})"]
    elif form == "group_idx":
        sel = rng.choice([f"[{col!r}]", f"[[{col!r}, 'g']]"])
        code = [f"r = a.groupby({keys}, dropna={dropna}){sel}.{rng.choice(['idxmax', 'idxmin'])}()"]
    elif form == "quantile":
        q = rng.choice([0.0, 0.25, 0.5, 0.6, 1.0, 0.333])
        interp = rng.choice(["", "", ", interpolation='linear'", ", interpolation='lower'", ", interpolation='higher'",
                             ", interpolation='nearest'", ", interpolation='midpoint'"])
        sel = rng.choice([f"[{col!r}]", "[['i', 'g']]"])
        code = [f"r = a.groupby({keys}, dropna={dropna}, sort={rng.random() < 0.7}){sel}.quantile({q}{interp})"]
    elif form == "describe":
        if not a["k"].notna().any():
            return None  # no groups: pandas' result loses its index name, or is a Series
        sel = rng.choice([f"[{col!r}]", "[['i', 'g']]"])
        code = [f"r = a.groupby({keys}, dropna={dropna}){sel}.describe()"]
    elif form == "get_group":
        name = rng.choice([0, 1, 2, 5])
        code = [f"r = a.groupby({rng.choice(['k', 'k'])!r}, dropna={dropna}).get_group({name})"]
    elif form == "mode":
        c = rng.choice(["i", "f", "g", "t", "k"])
        code = [f"r = a[{c!r}].mode(dropna={rng.random() < 0.6})"]
    elif form == "agg":
        funcs = rng.sample(["sum", "mean", "min", "max", "count", "median", "std", "var", "nunique", "size"],
                           rng.randint(1, 4))
        # (not the NumPy float64 column: pandas' scalar of no values is NaN there, <NA> here, as for Float64)
        code = [f"r = a[{rng.choice(['i', 'g'])!r}].agg({funcs if rng.random() < 0.7 else funcs[0]!r})"]
    elif form == "pair":
        other = rng.choice(["a['g']", "a['g'].sort_values(kind='stable')", "a['g'].iloc[::-1]", "a['g'].head(4)"])
        if a.index.has_duplicates and other != "a['g']":
            return None  # pandas aligns on repeated labels by multiplying rows; cormorant refuses (README)
        code = [f"r = a[{col!r}].{rng.choice(['corr', 'cov'])}({other})"]
    elif form == "autocorr":
        code = [f"r = a[{col!r}].autocorr(lag={rng.choice([1, 1, 2, -1, 0])})"]
    elif form == "case_when":
        repl = rng.choice(["0", "a['g']", "a['g'] * 2", "-1.5"])
        # (a condition on a NumPy float64 column: its NaN is <NA> here, which case_when takes as
        # holding, as pandas does for Float64; README, differences)
        code = [f"r = a['g'].case_when([(a[{rng.choice(['i', 'g'])!r}] > 0, {repl}), (a['k'] == 1, a['g'] + 1)])"]
        if a.index.has_duplicates:
            return None  # a Series replacement aligns on the labels (refused when they repeat)
    elif form == "divmod":
        other = rng.choice(["2", "-3", "a['g']", "1.5"])
        code = [f"q, m = divmod(a[{col!r}], {other})", "r = q.to_frame('q').assign(m=m)"]
    elif form == "interpolate":
        a = _interpolate_frame(rng, n)
        kw = rng.choice(["", "limit=1", "limit_direction='both'", "limit_direction='backward'", "limit_area='inside'",
                         "limit_area='outside'", "method='linear'"])
        # (README, differences: an Int64 Series with no rows stays Int64 in pandas)
        code = [f"r = a[{rng.choice(['f', 'i'] if n else ['f'])!r}].interpolate({kw})"]
    else:
        kw = rng.choice([f"n={rng.randint(0, max(n, 1))}", f"frac={rng.choice([0.0, 0.5, 1.0])}",
                         f"n={rng.randint(0, n + 3)}, replace=True"])
        target = rng.choice(["a", f"a[{col!r}]"])
        code = [f"r = {target}.sample({kw}, random_state={rng.randrange(1000)})"]
    return Case({"a": a}, code)
