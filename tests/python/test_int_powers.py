"""Integer powers are exact, as pandas' (NumPy's) integer power is: cormorant computed
Int64 ** Int64 as CAST(pow(a, b) AS BIGINT) in doubles, so 3 ** 35 was 50031545098999704
(pandas 50031545098999707). pandas is the oracle for every value; a power past the dtype's
range (pandas wraps around) fails the query with ArithmeticOverflowError, as Int64 `*` does.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.exceptions as ex
import cormorant.pandas as cpd
from conftest import ENGINE, assert_same

# Bases and exponents whose powers fit Int64, many past 2**53 (where a double loses digits),
# with missing values on either side, 0 ** 0, negative bases, -1 to an odd exponent past 2**53.
BASES = [3, -3, 2, -2, 0, None, 1, -1, 7, 10, 3037000499, -3037000499, 2**53 + 1, None, 5, -1, 0, 13, 6]
EXPONENTS = [35, 35, 62, 63, 0, 0, None, 2**53 + 1, 22, 18, 2, 2, 1, 3, None, None, 7, 17, 24]


@pytest.fixture(scope="module")
def frames():
    p = pd.DataFrame({"a": pd.array(BASES, dtype="Int64"), "b": pd.array(EXPONENTS, dtype="Int64")})
    return cpd.read_pandas(p), p


def test_int64_column_powers(frames):
    c, p = frames
    assert_same(c.a ** c.b, p.a ** p.b)
    assert_same(c.a.pow(c.b), p.a.pow(p.b))
    assert_same(c.b.rpow(c.a), p.b.rpow(p.a))


@pytest.mark.parametrize("exponent", [0, 1, 2, 3, 35, 39])
def test_column_to_a_scalar(exponent):
    p = pd.DataFrame({"a": pd.array([3, -3, None, 0, 1, -1, 2], dtype="Int64")})
    c = cpd.read_pandas(p)
    assert_same(c.a ** exponent, p.a ** exponent)
    assert_same(c.a.pow(exponent), p.a.pow(exponent))
    assert_same(c[["a"]] ** exponent, p[["a"]] ** exponent)


@pytest.mark.parametrize("base", [3, -3, 2, 0, 1, -1])
def test_scalar_to_a_column(base):
    p = pd.DataFrame({"b": pd.array([35, 0, None, 39, 1, 2, 63 if base in (0, 1, -1) else 30], dtype="Int64")})
    c = cpd.read_pandas(p)
    assert_same(base ** c.b, base ** p.b)
    assert_same(c.b.rpow(base), p.b.rpow(base))
    assert_same(c.b.__rpow__(base), p.b.__rpow__(base))
    assert_same(c[["b"]].rpow(base), p[["b"]].rpow(base))


def test_frame_to_a_scalar_past_2_53():
    p = pd.DataFrame({"x": pd.array([3037000499, -94906265, None, 2**31], dtype="Int64"),
                      "y": pd.array([2, 3, 3037000499, None], dtype="Int64")})
    c = cpd.read_pandas(p)
    assert_same(c ** 2, p ** 2)
    assert_same(c.pow(2), p.pow(2))


NARROW = [
    # (base dtype, bases, exponent dtype, exponents): pandas wraps around in the result dtype
    ("UInt32", [3, 65536, 7, None, 2], "UInt8", [20, 2, 11, 3, 40]),
    ("UInt64", [3, 2**32 - 1, 3, 2**63 + 1, 0], "UInt64", [40, 2, 35, 1, 0]),
    ("Int32", [3, -3, 46341, None, -2], "Int32", [19, 21, 2, 0, 31]),
    ("Int8", [3, -2, 5, -1, 2], "Int8", [5, 7, 3, 101, 9]),
    ("Int32", [3, -3, 7], "Int64", [35, 35, 22]),
    ("UInt8", [3, 255, 2], "Int64", [35, 7, 64]),
]


@pytest.mark.parametrize("base_dtype,bases,exponent_dtype,exponents", NARROW)
def test_narrow_integer_powers(base_dtype, bases, exponent_dtype, exponents):
    if ENGINE == "spark" and "UInt" in base_dtype + exponent_dtype:
        pytest.skip("Spark has no unsigned integers: read_pandas of one fails (ExecutionError) on Spark")
    p = pd.DataFrame({"a": pd.array(bases, dtype=base_dtype), "b": pd.array(exponents, dtype=exponent_dtype)})
    c = cpd.read_pandas(p)
    assert_same(c.a ** c.b, p.a ** p.b)


def test_negative_exponents_raise_as_pandas():
    p = pd.DataFrame({"a": pd.array([2, None, 1], dtype="Int64"), "b": pd.array([1, -1, 2], dtype="Int64"),
                      "n": pd.array([2, 3, 1], dtype="Int32")})
    c = cpd.read_pandas(p)
    for run in (lambda d: d.a ** d.b, lambda d: d.a ** -1, lambda d: d.n ** -2, lambda d: d.n ** d.b):
        with pytest.raises(ValueError, match="Integers to negative integer powers are not allowed"):
            run(p)
        with pytest.raises(ex.InvalidArgumentError, match="Integers to negative integer powers are not allowed"):
            run(c).to_pandas()


@pytest.mark.parametrize("base,exponent", [(3, 40), (2, 63), (-3, 41), (3037000500, 2), (10, 19)])
def test_int64_overflow_raises(base, exponent):
    """pandas wraps around past Int64 (NumPy); cormorant fails the query as it does for Int64 `*`."""
    p = pd.DataFrame({"a": pd.array([base, 2], dtype="Int64"), "b": pd.array([exponent, 2], dtype="Int64")})
    wrapped = (p.a ** p.b)[0]
    assert wrapped != base**exponent  # (pandas' value is wrapped around)
    c = cpd.read_pandas(p)
    with pytest.raises(ex.ArithmeticOverflowError, match=rf"Int64 overflow in power \({base} \*\* {exponent}\)"):
        (c.a ** c.b).to_pandas()
    assert_same(c.a.head(0) ** c.b.head(0), p.a.head(0) ** p.b.head(0))


def test_narrow_power_past_2_65_raises():
    p = pd.DataFrame({"a": pd.array([3, 2], dtype="Int8"), "b": pd.array([50, 50], dtype="Int8")})
    c = cpd.read_pandas(p)
    with pytest.raises(ex.ArithmeticOverflowError, match=r"the power 3 \*\* 50 is past 2\*\*65"):
        (c.a ** c.b).to_pandas()
    assert_same(c.a.tail(1) ** c.b.tail(1), p.a.tail(1) ** p.b.tail(1))  # (an even base: 0 in both)
    assert np.int8(3) ** np.int8(50) == (p.a ** p.b)[0]
