"""Powers, roots and logarithms of negatives, infinities and zeros of both signs, as pandas 3.1
computes them with NumPy (the oracle): NumPy's x ** 0.5 of a scalar 0.5 is sqrt(x), so
(-inf) ** 0.5 is NaN (<NA>) where C's pow gives inf, and (-0.0) ** 0.5 is -0.0; a NaN result
is <NA> (isna sees it)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same

INF = math.inf
VALUES = [-INF, INF, -1.0, -0.0, 0.0, 4.0, None, -8.0, 0.25, 1.0, -1e300]
INTS = [-4, 0, 1, 9, None, -1]
EXPONENTS = [0.5, 1.5, 2.0, -1.0, 1 / 3, INF, -INF, 0.0, -0.5, 3, -2.0]


@pytest.fixture(scope="module")
def frames():
    p = pd.DataFrame({"f": pd.array(VALUES, dtype="Float64"),
                      "g": pd.array([0.5, -INF, 2.0, 0.5, -1.0, 0.5, 1.0, 1 / 3, INF, None, 0.5], dtype="Float64")})
    q = pd.DataFrame({"i": pd.array(INTS, dtype="Int64")})
    return (cpd.read_pandas(p), p), (cpd.read_pandas(q), q)


def _same(got, expected):
    assert_same(got, expected)
    assert_same(got.isna(), expected.isna())  # a NaN would be a value to isna


@pytest.mark.parametrize("exponent", EXPONENTS)
def test_power_of_a_scalar(frames, exponent):
    (c, p), (ci, q) = frames
    _same(c["f"] ** exponent, p["f"] ** exponent)
    _same(c["f"].pow(exponent), p["f"].pow(exponent))
    if isinstance(exponent, float) or exponent >= 0:
        _same(ci["i"] ** exponent, q["i"] ** exponent)


@pytest.mark.parametrize("base", [0.5, -2.0, -INF, INF, 0.0, -0.0, 1.0])
def test_scalar_to_a_power(frames, base):
    (c, p), _ = frames
    _same(base ** c["f"], base ** p["f"])


def test_power_of_series(frames):
    """A Series of exponents is NumPy's elementwise pow (no sqrt there): (-inf) ** 0.5 is inf."""
    (c, p), _ = frames
    _same(c["f"] ** c["g"], p["f"] ** p["g"])
    _same(c["g"] ** c["f"], p["g"] ** p["f"])


@pytest.mark.parametrize("ufunc", ["sqrt", "log", "log2", "log10", "log1p", "exp", "expm1", "cbrt", "square"])
def test_roots_and_logarithms(frames, ufunc):
    (c, p), (ci, q) = frames
    with np.errstate(all="ignore"):
        _same(getattr(np, ufunc)(c["f"]), getattr(np, ufunc)(p["f"]))
        _same(getattr(np, ufunc)(ci["i"]), getattr(np, ufunc)(q["i"]))
