"""decimal128(38, 9)[pyarrow] columns (README, Decimals): isin of Decimals, integers (near and
past Int64's ends), floats (as pyarrow rounds them to 9 decimals) and missing values, or of a
decimal or Int64 Series; fillna, where/mask (a condition with missing values, an other that is
a Decimal, an integer, a column), clip, round at every number of digits from -28 to 9, astype to
Float64, string, str and Int64 and from Int64; then filters, sorts, sums and groups of the
result. Values at the dtype's ends (29 integer digits, 1e-9), halves for rounding, -0, missing
values; both ordering modes, Parquet."""

from __future__ import annotations

import decimal

import pandas as pd
import pyarrow as pa

from .runner import Case, column, index

D = decimal.Decimal
DEC = pd.ArrowDtype(pa.decimal128(38, 9))
T = "pd.ArrowDtype(pa.decimal128(38, 9))"  # the dtype in a case's code
VALUES = ("0", "1.5", "-2.5", "0.000000001", "-0.000000001", "10", "2.675", "-7", "0.5", "0.125", "-0.05",
          "123456789.123456789", "99999999999999999999999999999.5", "-99999999999999999999999999999.999999999",
          "1E+20", "9223372036854775807", "-9223372036854775808", "0.1", "25", "-0")
INTS = (0, 1, -7, 10, 25, 2**62, 2**63 - 1, -(2**63), 9223372036854775806)
FLOATS = (1.5, 0.1, -2.5, 2.675, 0.5, 1e20, 1e-10, 1.0000000005, -0.0)


def _decimals(rng, n, missing):
    pool = VALUES if rng.random() < 0.5 else VALUES[:11]  # (small: sums and products stay in range)
    return pd.array([D(rng.choice(pool)) if rng.random() >= missing else None for _ in range(n)], dtype=DEC)


def _constant(rng, kind=None) -> str:
    """Code for a scalar a decimal column takes: a Decimal, an integer (or a float, for isin)."""
    kind = kind or rng.choice(["decimal", "decimal", "int"])
    if kind == "decimal":
        return f"decimal.Decimal({rng.choice(VALUES + ('3.3333', '-1.000000001'))!r})"
    if kind == "int":
        return repr(rng.choice(INTS))
    return repr(rng.choice(FLOATS))


def _values(rng, a) -> str:
    """isin's list: of one kind (pandas cannot box Decimals mixed with numbers), sometimes with
    a missing value, sometimes values the column holds."""
    kind = rng.choice(["decimal", "int", "float", "held"])
    present = [v for v in a["d"] if v is not pd.NA]
    if kind == "held" and present:
        items = [f"decimal.Decimal({str(v)!r})" for v in rng.sample(present, min(len(present), rng.randint(1, 3)))]
    else:
        kind = "decimal" if kind == "held" else kind
        items = [_constant(rng, kind) for _ in range(rng.randint(0, 3))]
    if rng.random() < 0.3:
        items.append(rng.choice(["None", "pd.NA", "float('nan')"]))
    return "[" + ", ".join(items) + "]"


def generate(rng):
    n = rng.randint(0, 10)
    missing = rng.choice([0.0, 0.25])
    a = pd.DataFrame({"d": _decimals(rng, n, missing), "e": _decimals(rng, n, missing),
                      "i": column(rng, n, "Int64", missing), "b": column(rng, n, "boolean", missing),
                      "k": column(rng, n, "Int64", 0.1)},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    c, w = _constant(rng), _constant(rng)
    lo, hi = rng.choice(["None", _constant(rng)]), rng.choice(["None", _constant(rng)])
    digits = rng.choice([0, 1, 2, 3, 8, 9, -1, -2, -5, -19, -28])
    cond = rng.choice(["a['d'] > 0", f"a['d'] >= {c}", "a['b']", "a['d'] != a['e']", "a['i'] > 0", "a['d'].isna()"])
    ops = [
        f"r = a['d'].isin({_values(rng, a)})", f"r = a[a['d'].isin({_values(rng, a)})]",
        f"r = a[~a['d'].isin({_values(rng, a)})]", "r = a['d'].isin(a['i'])", "r = a['d'].isin(a['e'])",
        "r = a['i'].isin(a['d'])" if rng.random() < 0.3 else "r = a[a['d'].isin(a['e'].dropna())]",
        f"r = a['d'].fillna({c})", f"r = a.fillna({{'d': {c}, 'e': {w}}})", "r = a['d'].fillna(a['e'])",
        "r = a['d'].fillna(a['d'].max())", f"r = a['d'].where({cond}, {w})", f"r = a['d'].mask({cond}, {w})",
        f"r = a['d'].where({cond})", f"r = a['d'].where({cond}, a['e'])", f"r = a['d'].mask({cond}, -a['d'])",
        f"r = a['d'].where({cond}, a['i'])", f"r = a['d'].clip({lo}, {hi})", f"r = a['d'].clip(lower={lo})",
        f"r = a[['d', 'e']].clip({lo}, {hi})", "r = a['d'].clip(a['e'].min(), a['e'].max())",
        f"r = a['d'].round({digits})", f"r = a[['d', 'e']].round({digits})", f"r = a.round({{'d': {digits}}})",
        f"r = a['d'].round({digits}) == a['d']", "r = a['d'].astype('Float64')", "r = a['d'].astype('string')",
        "r = a['d'].astype(str)", "r = a['d'].astype('Int64')", "r = a['d'].round(0).astype('Int64')",
        f"r = a['i'].astype({T})", f"r = a.astype({{'i': {T}}})", f"r = a['i'].astype({T}) + a['d']",
        "r = a[['d', 'e']].astype('Float64')", f"r = a['d'].astype('Float64').astype({T})" if rng.random() < 0.2
        else "r = a['d'].astype('string').str.len()",
    ]
    op = rng.choice(ops)
    if op.startswith("r = a.round({"):
        return None  # README, differences: pandas' round of a dict leaves decimal columns unrounded
    code = [op]
    if rng.random() < 0.35:
        code.append(rng.choice([
            "r = r.sum() if getattr(r, 'ndim', 0) == 1 and str(r.dtype) not in ('string', 'str') else r",
            "r = r.sort_values(kind='stable') if getattr(r, 'ndim', 0) == 1 else r",
            "r = r[r.notna()] if getattr(r, 'ndim', 0) == 1 else r", "r = r.iloc[::-1] if hasattr(r, 'iloc') else r",
            "r = r.groupby(a['k']).max() if getattr(r, 'ndim', 0) == 1 and len(r) == len(a) else r",
        ]))
    if rng.random() < 0.2:
        code.insert(0, rng.choice(["a = a[a['k'] > -2]", "a = a.sort_values(['d', 'k'], kind='stable')", "a = a.head(0)"]))
    mode = "partial" if rng.random() < 0.25 else "strict"
    parquet = mode == "partial" or rng.random() < 0.2
    if parquet:
        a = a.reset_index(drop=True)
    return Case({"a": a}, code, mode=mode, parquet=parquet)
