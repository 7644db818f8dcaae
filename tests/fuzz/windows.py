"""Order-dependent columns: cumulative ops (skipna both ways: Series, frames, groups, strings and
datetimes too), shift/diff/pct_change, fill, rank
(every method, na_option, pct), rolling (window, min_periods, center) and expanding with every
aggregate, and their groupby forms (cumsum/cumcount/transform/shift/diff/rolling/expanding/rank).
Data: Float64 with <NA>, inf, -inf, -0.0 and huge values, NumPy float64 with NaN, double[pyarrow],
Int64 with <NA> and values near its ends, booleans, strings and datetimes with NaT; repeated index
labels; after a sort, a filter or a reversal; strict mode, and partial mode after a sort by a
unique key.

pandas' answers that are artifacts of its algorithms are compared with exactly the tolerance the
README's differences state: its masked accumulations leave a NaN (inf - inf, inf * 0) that its
mask does not see and start cummax at the most negative finite float (Case.accumulation), and its
rolling/expanding sums, means, variances add and remove each value as the window moves (an
absolute tolerance of the rounding of the largest value the column holds); the cases where pandas
gives no reference at all (its groupby cumsum after an infinity, its running variance after a
square overflows, NaT as a value when a group key is missing) are not generated."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .rank import rank_args
from .runner import Case, column, index

FLOATS = (0.0, -0.0, 0.5, 1.5, -2.5, 3.0, -7.0, math.inf, -math.inf)
HUGE = (1e300, -1e300, 1e16)
INTS = (0, 1, -1, 3, -4, 7)
BIG_INTS = (2**62, -(2**62), 2**63 - 1, -(2**63), 2**31 + 1, 3037000499, -3037000499)
AGGS = ("sum", "mean", "min", "max", "std", "var", "count", "median")


def _values(rng, n, dtype, missing):
    if dtype in ("Float64", "float64", "double[pyarrow]"):
        pool = FLOATS + (HUGE if rng.random() < 0.3 else ())
        vals = [rng.choice(pool) if rng.random() >= missing else None for _ in range(n)]
        if dtype == "float64":
            return np.array([np.nan if v is None else v for v in vals], dtype="float64")
        return pd.array(vals, dtype=dtype)
    if dtype == "Int64":
        pool = INTS + (BIG_INTS if rng.random() < 0.3 else ())
        return pd.array([rng.choice(pool) if rng.random() >= missing else None for _ in range(n)], dtype="Int64")
    if dtype == "datetime":
        return column(rng, n, "datetime", missing, tz=rng.choice([None, "America/New_York"]))
    return column(rng, n, dtype, missing)


def _rank(rng):
    return f"rank({rank_args(rng)})"


def _rolling(rng):
    w = rng.randint(1, 4)
    kw = [str(w)]
    if rng.random() < 0.5:
        kw.append(f"min_periods={rng.randint(0, w)}")
    if rng.random() < 0.3:
        kw.append("center=True")
    if rng.random() < 0.3:
        return f"expanding({'min_periods=' + str(rng.randint(0, 3)) if rng.random() < 0.5 else ''}).{rng.choice(AGGS)}()"
    return f"rolling({', '.join(kw)}).{rng.choice(AGGS)}()"


def _numeric_op(rng):
    kind = rng.choice(["cum", "cum", "shift", "rank", "window", "window", "window", "fill"])
    if kind == "cum":
        skipna = "" if rng.random() < 0.5 else f"skipna={rng.random() < 0.5}"
        return f"{rng.choice(['cumsum', 'cumprod', 'cummin', 'cummax'])}({skipna})"
    if kind == "shift":
        p = rng.choice([1, 2, -1, 0, 3])
        return rng.choice([f"shift({p})", f"diff({p})", f"pct_change({p})", "shift(1, fill_value=0)", "diff()"])
    if kind == "rank":
        return _rank(rng)
    if kind == "fill":
        return rng.choice(["ffill()", "bfill()", "ffill(limit=1)", "fillna(0)"])  # (interpolate: summary)
    return _rolling(rng)


def _group_op(rng, numeric):
    if not numeric:
        return rng.choice(["cummin()", "cummax()", "shift()", "shift(-1)", "diff()", "cumcount()", "ffill()",
                           "transform('min')", "transform('count')", "rank()", "cummax(skipna=False)",
                           "cummin(skipna=False)"])
    kind = rng.choice(["cum", "transform", "shift", "window", "rank", "cumcount"])
    if kind == "cum":
        skipna = "" if rng.random() < 0.6 else f"skipna={rng.random() < 0.5}"
        return f"{rng.choice(['cumsum', 'cumprod', 'cummin', 'cummax'])}({skipna})"
    if kind == "transform":
        return f"transform({rng.choice(AGGS + ('size', 'prod'))!r})"
    if kind == "shift":
        p = rng.choice([1, 2, -1, 0])
        return rng.choice([f"shift({p})", f"diff({p})", f"pct_change({p})"])
    if kind == "rank":
        return _rank(rng)
    if kind == "cumcount":
        return f"cumcount(ascending={rng.random() < 0.5})"
    return _rolling(rng)


def _tolerance(a, op: str):
    """(rtol, atol): pandas' rolling and expanding sums, means, variances and standard
    deviations add and remove values as the window moves, in float64 (Int64 too), so they
    carry the rounding of every value that passed through the window: up to a few ulps of the
    largest value (its square for var) per row (README, differences)."""
    if not op.startswith(("rolling", "expanding")) and "transform" not in op or a["v"].dtype.kind not in "iuf":
        return (1e-9, 1e-12)
    values = [abs(float(v)) for v in a["v"].dropna() if math.isfinite(float(v))]
    big = max(values, default=0.0)
    squared = any(w in op for w in ("std", "var"))
    atol = 8 * max(len(a), 1) * np.finfo(float).eps * (big * big if squared else big)
    if "std" in op and atol < math.inf:
        atol = math.sqrt(atol)
    return (1e-9, max(atol, 1e-12))


def generate(rng):
    n = rng.randint(0, 12)
    dtype = rng.choice(["Float64", "Float64", "Float64", "float64", "double[pyarrow]", "Int64", "Int64", "boolean",
                        "string", "datetime"])
    numeric = dtype in ("Float64", "float64", "double[pyarrow]", "Int64")
    a = pd.DataFrame({"v": _values(rng, n, dtype, rng.choice([0.0, 0.25])),
                      "k": pd.array([rng.choice([0, 1, 2]) if rng.random() > 0.15 else None for _ in range(n)],
                                    dtype="Int64"),
                      "o": column(rng, n, "Int64", 0.0, small=False),
                      "u": pd.array(rng.sample(range(100), n), dtype="Int64")},
                     index=index(rng, n, rng.choice(["default", "ints", "strs", "dups"])))
    form = rng.choice(["series", "series", "assign", "frame", "groupby", "groupby"])
    if form == "groupby":
        op = _group_op(rng, numeric)
    elif numeric:
        op = _numeric_op(rng)
    else:
        op = rng.choice(["shift()", "shift(-1)", "ffill()", "bfill()", "cummax()", "cummin()", "diff()",
                         "cummax(skipna=False)", "cummin(skipna=False)", _rank(rng)])
    before = rng.choice(["x = a", "x = a", "x = a.sort_values('o', kind='stable')", "x = a[a['o'] > 0]",
                         "x = a.iloc[::-1]", "x = a.sort_values('u')"])
    mode = "strict"
    if rng.random() < 0.25:  # (cormorant's windows, rank and transform need an order there: a sort gives it)
        mode, a, before = "partial", a.reset_index(drop=True), "x = a.sort_values('u')"
        form = "assign" if form in ("series", "frame") else form  # rows carry 'u', which tells them apart
    if form == "series":
        code = [before, f"r = x['v'].{op}"]
    elif form == "assign":
        code = [before, f"r = x.assign(w=x['v'].{op})"]
    elif form == "frame":
        cols = "['v', 'o']" if numeric else "['v']"
        code = [before, f"r = x[{cols}].{op}"]
    else:
        dropna = rng.random() < 0.7
        sel = rng.choice(["['v']", "[['v']]", "[['v', 'o']]"]) if numeric else "['v']"
        code = [before, f"r = x.groupby('k', dropna={dropna}){sel}.{op}"]
        if mode == "partial":
            code = [before, f"r = x.assign(w=x.groupby('k', dropna={dropna})['v'].{op})"]
    values = a["v"].dropna()
    if numeric and form == "groupby" and "cumsum" in op and values.map(math.isinf).any():
        return None  # README, differences: pandas' groupby cumsum of floats is <NA> after an infinity
    if dtype == "datetime" and (form == "groupby" or "groupby" in code[-1]) and a["k"].isna().any() \
            and values.size < len(a) and op.startswith(("cummax", "cummin", "rank")):
        return None  # README, differences: pandas takes NaT as a value when some group key is missing
    if numeric and any(f in op for f in ("std", "var")) and "transform" not in op \
            and values.map(lambda v: math.isfinite(v) and abs(v) > 1e154).any():
        return None  # README, differences: pandas' running variance is NaN after a square overflows
    accumulation = dtype in ("Float64", "double[pyarrow]") and form != "groupby" and op.startswith("cum")
    return Case({"a": a}, code, tol=_tolerance(a, op), mode=mode, accumulation=accumulation)
