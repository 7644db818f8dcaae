"""skew and kurt (Series, DataFrame columns, groups, rows: axis=1) of values far from zero and
close together, and of huge values, against pandas 3.1 on both engines.

The DuckDB engine's skewness/kurtosis take power sums of the values themselves: 1e6 plus
SPREAD gave skew 0.0 and kurt 1.1e8 for pandas' 0.7235 and 0.0063 (near 1e12: NaN), and
[1, 1e52, 3, 4, 5] a skew of 0.0 for pandas' 2.236; a value of 1e300 raised "SKEW is out of
range" (a row of them: "VARPOP is out of range"). Central moments (engine/exact_aggregates.cpp: cormorant_skew,
cormorant_kurt; Spark's row form updates them item by item the same way) match pandas; where
pandas' moments overflow (1e300), the result is <NA> as pandas'. On Spark, the column and group
forms are Spark's skewness/kurtosis: central moments, but not over shifted values (looser
tolerance far from zero), and Spark's skewness was 0.0 from a spread of about 1e51 (1e60:
pandas 2.24): refused (UnsupportedError) from a spread of 1e24."""

from __future__ import annotations

import math
import warnings
from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import ENGINE

SPREAD = [1.0, 2.0, 4.0, 8.0, 3.0, 5.5, None]


def _pandas(f):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return f()


def _pandas_of(x):
    return x.to_pandas() if hasattr(x, "to_pandas") else x


def _close(got, want, rtol=1e-9):
    """Equal missing values; values within `rtol`."""
    got, want = pd.Series(_pandas_of(got)).astype("Float64"), pd.Series(want).astype("Float64")
    assert list(got.isna()) == list(want.isna()), (got, want)
    np.testing.assert_allclose(got.dropna().to_numpy(float), want.dropna().to_numpy(float), rtol=rtol, atol=0)


def _exact(values, func):
    """pandas' skew (G1) or kurt (G2) of the present values, from central moments in exact
    rational arithmetic; None under 3 (4) values."""
    xs = [F(v) for v in values if v is not None and not pd.isna(v)]
    n = len(xs)
    if n < (3 if func == "skew" else 4):
        return None
    mean = sum(xs) / n
    m2, m3, m4 = (sum((x - mean) ** k for x in xs) / n for k in (2, 3, 4))
    if func == "skew":
        return float(m3) / float(m2) ** 1.5 * math.sqrt(n * (n - 1)) / (n - 2)
    return (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * float(m4 / m2**2) - 3 * (n - 1))


@pytest.mark.parametrize("base", [0.0, 1e6, 1e8, 1e12, -1e9])
@pytest.mark.parametrize("func", ["skew", "kurt"])
def test_far_from_zero(base, func):
    """Against exact moments (far from zero pandas' own groupby and row forms lose up to 1% of
    their value, kurt of rows near 1e12; its plain Series form stays within 1e-12): cormorant
    within 1e-9, and pandas within 1e-12 of the same oracle where its forms are exact."""
    values = [base + v if v is not None else None for v in SPREAD]
    p = pd.DataFrame({"g": [1, 1, 1, 1, 2, 2, 2], "x": pd.array(values, dtype="Float64")})
    d = cpd.read_pandas(p)
    want = _exact(values, func)
    _close(pd.Series([getattr(p["x"], func)()]), [want], rtol=1e-12)
    # Spark's own moments (the column and group forms) are not shifted: they lose digits in
    # proportion to the distance from zero (kurt near 1e12: 1.4e-3 relative; README, Spark engine)
    rtol = max(1e-9, 1e-14 * abs(base)) if ENGINE == "spark" else 1e-9
    _close(pd.Series([getattr(d["x"], func)()]), [want], rtol=rtol)
    groups = [_exact(values[:4], func), _exact(values[4:], func)]
    _close(getattr(d.groupby("g")["x"], func)(), groups, rtol=rtol)
    if base == 0.0:  # (the oracle is pandas' definition; far from zero pandas' own forms drift)
        _close(_pandas(lambda: getattr(p.groupby("g")["x"], func)()), groups, rtol=1e-12)
    wide = pd.DataFrame({f"c{i}": pd.array([base + v, v, base - v], dtype="Float64") for i, v in enumerate(SPREAD[:6])})
    rows = [_exact(list(wide.iloc[r]), func) for r in range(3)]
    _close(getattr(cpd.read_pandas(wide), func)(axis=1), rows)
    if base == 0.0:
        _close(_pandas(lambda: getattr(wide, func)(axis=1)), rows, rtol=1e-12)


@pytest.mark.parametrize("magnitude", [1e40, 1e60, 1e120, 1e300])
@pytest.mark.parametrize("func", ["skew", "kurt"])
def test_huge_values(magnitude, func):
    """Values whose powers overflow: <NA> where pandas' moments overflow, its value elsewhere
    (no engine error)."""
    values = [1.0, magnitude, 3.0, 4.0, 5.0]
    p = pd.DataFrame({"g": [1] * 5, "x": pd.array(values, dtype="Float64")})
    d = cpd.read_pandas(p)
    want = _pandas(lambda: getattr(p["x"], func)())
    if ENGINE == "spark" and func == "skew" and 1e24 < magnitude < 1e150:
        # Spark's skewness overflows (0.0) from a spread of about 1e51: refused from 1e24
        with pytest.raises(exceptions.UnsupportedError, match="Spark's skewness overflows"):
            d["x"].skew()
        with pytest.raises(exceptions.UnsupportedError, match="Spark's skewness overflows"):
            d.groupby("g")["x"].skew().to_pandas()
    else:
        _close(pd.Series([getattr(d["x"], func)()]), pd.Series([want]))
        _close(getattr(d.groupby("g")["x"], func)(), _pandas(lambda: getattr(p.groupby("g")["x"], func)()))
    row = pd.DataFrame([values], columns=list("abcde")).astype("Float64")
    _close(getattr(cpd.read_pandas(row), func)(axis=1), _pandas(lambda: getattr(row, func)(axis=1)))


def test_row_of_opposite_huge_values():
    """The case found: a row holding +-1e300 raised the engine's "VARPOP is out of range"."""
    p = pd.DataFrame({"a": [1.0, 1e300, 2.0], "b": [2.0, -1e300, 3.0], "c": [3.0, 1.0, 1e300],
                      "d": [4.0, 5.0, 6.0]}).astype("Float64")
    d = cpd.read_pandas(p)
    for func in ("skew", "kurt"):
        _close(getattr(d, func)(axis=1), _pandas(lambda: getattr(p, func)(axis=1)))
        _close(getattr(d, func)(), _pandas(lambda: getattr(p, func)()))
    for func in ("var", "std", "sem"):  # (inf, as pandas)
        _close(getattr(d, func)(axis=1), _pandas(lambda: getattr(p, func)(axis=1)))
        _close(getattr(d, func)(), _pandas(lambda: getattr(p, func)()))


EDGES = {
    "none": [], "one": [2.0], "two": [1.0, 3.0], "three": [1.0, 2.0, 4.0], "four": [1.0, 2.0, 4.0, 8.0],
    "constant": [3.0] * 5, "missing": [1.0, None, 2.0, 4.0, None, 8.0, 3.0], "all missing": [None, None, None, None],
    "inf": [1.0, 2.0, np.inf, 4.0, 5.0], "-inf": [-np.inf, 1.0, 2.0, 4.0, 5.0], "spread": [-1e15, 3.0, 1e-3, 7e14, 2.0],
    "near 1e6": [1e6 + 0.5, 1e6 - 1.25, 1e6 + 3.0, 1e6, 1e6 + 0.75, 1e6 - 2.0],
}


@pytest.mark.parametrize("dtype", ["Float64", "Int64", "float64"])
@pytest.mark.parametrize("func", ["skew", "kurt"])
def test_edges_against_pandas(func, dtype):
    """0 to 4 values, constant, missing (<NA>, NaN), infinite, wide-spread values: the Series,
    the DataFrame along both axes and several groups in one query, each as pandas', twice."""
    def fits(v):
        return v is None or (dtype != "Int64" or (math.isfinite(v) and v == int(v)))

    cases = {k: v for k, v in EDGES.items() if all(fits(x) for x in v)}
    na = np.nan if dtype == "float64" else None

    def array(values):
        return pd.array([na if v is None else (int(v) if dtype == "Int64" else v) for v in values], dtype=dtype)

    width = max(len(v) for v in cases.values())
    wide = pd.DataFrame({k: array(v + [None] * (width - len(v))) for k, v in cases.items()})
    long = pd.DataFrame({"g": [k for k, v in cases.items() for _ in v],
                         "x": array([x for v in cases.values() for x in v])})
    d_wide, d_long = cpd.read_pandas(wide), cpd.read_pandas(long)
    for _ in range(2):
        for k in cases:
            _close(pd.Series([getattr(d_wide[k], func)()]), pd.Series([_pandas(lambda: getattr(wide[k], func)())]))
        _close(getattr(d_wide, func)(), _pandas(lambda: getattr(wide, func)()))
        _close(getattr(d_wide, func)(axis=1), _pandas(lambda: getattr(wide, func)(axis=1)))
        tall = wide.T.reset_index(drop=True)
        _close(getattr(cpd.read_pandas(tall), func)(axis=1), _pandas(lambda: getattr(tall, func)(axis=1)))
        _close(getattr(d_long.groupby("g")["x"], func)(), _pandas(lambda: getattr(long.groupby("g")["x"], func)()))
