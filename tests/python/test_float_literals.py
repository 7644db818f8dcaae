"""Float scalars in expressions are the exact doubles pandas uses (found by the reuse fuzz
family: `g[g == g.min()]` of a mean found no row). The engine read a literal written with 17
digits and no exponent as a DECIMAL, whose cast to DOUBLE can be off by one unit in the last
place (-0.83333333333333337), and -0.0 as the integer 0. pandas is the oracle, on values that
need all 17 digits, subnormals, the extremes and -0.0."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same

VALUES = [k / 3 for k in range(-10, 11) if k % 3] + [1 / 7, 0.1 + 0.2, -0.8333333333333334, 123456789.12345679,
                                                     9007199254740993.0, 1e-310, 5e-324, 1.7976931348623157e308,
                                                     -2.2250738585072014e-308, 0.1, -0.0, 0.0]


@pytest.fixture(scope="module")
def pair():
    pdf = pd.DataFrame({"v": pd.array(VALUES + [None], dtype="Float64"), "i": pd.array(range(len(VALUES) + 1), dtype="Int64")})
    return cpd.read_pandas(pdf), pdf


@pytest.mark.parametrize("x", VALUES, ids=repr)
def test_comparisons_and_arithmetic_with_a_float_scalar(pair, x):
    c, pdf = pair
    for op in (lambda d: d["v"] == x, lambda d: d["v"] != x, lambda d: d["v"] < x, lambda d: d["v"] >= x,
               lambda d: d[d["v"] == x], lambda d: d["v"] - x, lambda d: d["v"] * x, lambda d: d["i"] + x,
               lambda d: d["v"].fillna(x), lambda d: d["v"].where(d["v"] > 0, x)):
        assert_same(op(c), op(pdf))


def test_the_sign_of_minus_zero(pair):
    c, pdf = pair
    ones = lambda d: d["i"] * 0 + 1  # noqa: E731
    got = (ones(c) / -0.0).to_pandas()
    assert np.all(np.isneginf(got.to_numpy(dtype="float64")))
    assert_same(ones(c) / -0.0, ones(pdf) / -0.0)
    assert_same((ones(c) * -0.0).astype("Float64"), (ones(pdf) * -0.0).astype("Float64"))
    assert np.all(np.signbit((ones(c) * -0.0).to_pandas().to_numpy(dtype="float64")))


def test_a_mean_equals_its_own_minimum():
    """The fuzzer's case: a grouped mean reduced to a scalar, then compared with the same result."""
    pdf = pd.DataFrame({"j": pd.array([1, 1, 1, 2], dtype="Int64"), "y": pd.array([-2.5, 0.0, -0.0, 4.0], dtype="Float64")})
    for d in (pdf, cpd.read_pandas(pdf)):
        g = d.groupby("j")["y"].mean()
        got = g[g == g.min()]
        if d is pdf:
            expected = got
        else:
            assert_same(got, expected)
