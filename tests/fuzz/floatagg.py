"""Float aggregates, now exact sums on every engine thread: sum, mean, std, var, corr and cov of
whole columns and per group, over NaN (missing), inf, -inf, -0.0 and huge or tiny magnitudes
mixed with ordinary ones; pandas within a tolerance scaled to the data, and the same bits when the
same lazy object (or the same expression) runs again."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .runner import Case, index

SCALES = (1.0, 1.0, 1e-300, 1e-5, 1e8, 1e150, 1e300, 5e-324)
SPECIAL = (math.inf, -math.inf, -0.0, 0.0)
# README: a NaN Float64 result is <NA> in one library and NaN in the other (NumPy input is read as
# Float64; pandas' Float64 reductions give <NA> for NaN): both are "missing" here.
NAN = "r = np.nan if not isinstance(r, str) and pd.isna(r) else r"
AGGS = ("sum()", "mean()", "std()", "var()", "std(ddof=0)", "var(ddof=0)", "sum(min_count=1)", "sum(min_count=3)",
        "sum(skipna=False)", "mean(skipna=False)")


def _values(rng, n, scale, specials):
    out = []
    for _ in range(n):
        u = rng.random()
        if u < 0.15:
            out.append(None)
        elif u < 0.15 + specials:
            out.append(rng.choice(SPECIAL))
        else:
            out.append(rng.choice([1, -1, 3, 0.5, 1e16, -1e16, 7.25, 1 / 3]) * rng.choice([scale, scale, 1.0]))
    return out


def generate(rng):
    n = rng.randint(0, 14)
    scale, specials = rng.choice(SCALES), rng.choice([0.0, 0.0, 0.15])
    agg = rng.choice(AGGS)
    # README: NumPy NaN is read as <NA>, and Float64's rules apply (a sum with skipna=False is <NA>)
    kind = "Float64" if "skipna=False" in agg else rng.choice(["Float64", "float64"])

    def col():
        vals = _values(rng, n, scale, specials)
        if kind == "float64":
            return np.array([np.nan if v is None else v for v in vals], dtype="float64")
        return pd.array(vals, dtype="Float64")
    a = pd.DataFrame({"k": pd.array([rng.choice([0, 1, 2, None]) for _ in range(n)], dtype="Int64"),
                      "f": col(), "g": col(), "i": pd.array([rng.randrange(-5, 5) for _ in range(n)], dtype="Int64")},
                     index=index(rng, n, rng.choice(["default", "ints", "dups"])))
    finite = [abs(v) for c in ("f", "g") for v in a[c].dropna() if math.isfinite(v)]
    big = max(finite, default=0.0)
    nonfinite = any(not math.isfinite(v) for c in ("f", "g") for v in a[c].dropna())
    # pandas sums in order (its rounding errors grow with n and the largest value); cormorant's are
    # exact, rounded once: within n ulps of the largest term (its square for var and cov).
    squared = any(w in agg for w in ("std", "var"))
    atol = max(n, 1) * 4 * np.finfo(float).eps * (big * big if squared else big)
    if "std" in agg:
        atol = math.sqrt(atol) if atol < math.inf else atol
    form = rng.choice(["column", "column", "frame", "groupby", "groupby", "corr", "frame_corr", "agg"])
    if form == "column":
        e = f"a[{rng.choice(['f', 'g'])!r}].{agg}"
        code = [f"r = {e}", f"r2 = {e}", "r = r if repr(r) == repr(r2) else f're-execution gave {r!r}, then {r2!r}'", NAN]
    elif form == "frame":
        code = [f"r = a[['f', 'g']].{agg}"]
    elif form == "groupby":
        g = f"a.groupby('k', dropna={rng.random() < 0.5}, sort=True)"
        code = [f"r = {g}[{rng.choice([['f'], ['f', 'g'], ['f', 'i']])}].{agg.replace('skipna=False', 'skipna=True')}"]
    elif form == "agg":
        code = [f"r = a.groupby('k')['f'].agg({rng.sample(['sum', 'mean', 'std', 'var', 'min', 'max'], 3)})"]
    else:
        # (any tiny value: pandas' products of it underflow; cormorant scales them, exactly)
        tiny = min((v for v in finite if v), default=1.0)
        if big > 1e149 or tiny < 1e-150 or nonfinite:
            return None  # products overflow or underflow, or inf - inf: pandas' corr is then no reference
        atol = 1e-9
        method = rng.choice(["corr", "cov"])
        if method == "cov":
            atol = max(n, 1) * 8 * np.finfo(float).eps * big * big
        if form == "corr":
            e = f"a['f'].{method}(a['g'])"
            code = [f"r = {e}", f"r2 = {e}", "r = r if repr(r) == repr(r2) else f're-execution gave {r!r}, then {r2!r}'", NAN]
        else:
            code = [f"r = a[['f', 'g', 'i']].{method}()"]
    return Case({"a": a}, code, tol=(1e-9, atol))
