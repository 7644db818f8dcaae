"""prod/product, skew, kurt/kurtosis, any and all of Series, DataFrames and groups against
pandas 3.1 (nullable dtypes): missing values with skipna True and False, empty input, too few
values, no spread, booleans, and an Int64 product past exactness refused rather than rounded."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
import cormorant.exceptions as ex
from conftest import assert_same_scalar, nullable, nullable_index

VALUES = {
    "ints": pd.array([3, -1, None, 7, 2, 2], dtype="Int64"),
    "floats": pd.array([0.5, None, -2.25, 8.0, 1.0, 3.5], dtype="Float64"),
    "bools": pd.array([True, None, False, True, True, False], dtype="boolean"),
    "constant": pd.array([4, 4, None, 4, 4, 4], dtype="Int64"),
    "zeros": pd.array([0, 0, 0, None, 0, 0], dtype="Int64"),
    "missing": pd.array([None] * 6, dtype="Float64"),
}
ROWS = {"all": slice(None), "none": slice(0, 0), "two": slice(0, 2), "three": slice(0, 4), "first_five": slice(0, 5)}
FUNCS = ["prod", "product", "skew", "kurt", "kurtosis", "any", "all"]


@pytest.mark.parametrize("skipna", [True, False])
@pytest.mark.parametrize("rows", list(ROWS))
@pytest.mark.parametrize("kind", list(VALUES))
@pytest.mark.parametrize("func", FUNCS)
def test_series_reduction(func, kind, rows, skipna):
    s = pd.Series(VALUES[kind], name="x").iloc[ROWS[rows]]
    want = getattr(s, func)(skipna=skipna)
    got = getattr(cpd.read_pandas(s), func)(skipna=skipna)
    assert_same_scalar(got, want)


@pytest.mark.parametrize("skipna", [True, False])
@pytest.mark.parametrize("func", FUNCS)
def test_frame_reduction(func, skipna):
    pdf = pd.DataFrame({k: v for k, v in VALUES.items()})
    want = getattr(pdf, func)(skipna=skipna)
    got = getattr(cpd.read_pandas(pdf), func)(skipna=skipna)
    pd.testing.assert_series_equal(got, want, check_exact=False, rtol=1e-12)


@pytest.mark.parametrize("func", ["any", "all"])
def test_frame_bool_only(func):
    # pandas' bool_only takes numpy bool columns (and skips its nullable boolean ones); cormorant
    # reads numpy bool as boolean, so it takes its boolean columns: the result pandas gives
    # on the frame the user read in.
    pdf = pd.DataFrame({"b": [True, False, True], "c": [True, True, True], "i": [0, 1, 2], "s": ["x", "", "z"]})
    want = nullable(getattr(pdf, func)(bool_only=True))
    got = getattr(cpd.read_pandas(pdf), func)(bool_only=True)
    pd.testing.assert_series_equal(got, want)


@pytest.mark.parametrize("func", ["prod", "skew", "kurt"])
def test_groupby(func):
    pdf = pd.DataFrame({
        "k": ["a", "b", "a", "b", "a", "c", "a", "b", "b", "a"],
        "x": pd.array([1, 2, None, 4, 5, 6, 7, 8, -9, 10], dtype="Int64"),
        "y": pd.array([0.5, 1.5, 2.5, None, -1.0, 2.0, 3.0, 3.0, 3.0, 9.75], dtype="Float64"),
    })
    for want, got in (
        (getattr(pdf.groupby("k"), func)(), getattr(cpd.read_pandas(pdf).groupby("k"), func)()),
        (pdf.groupby("k").agg({"x": func, "y": "sum"}), cpd.read_pandas(pdf).groupby("k").agg({"x": func, "y": "sum"})),
    ):
        want = nullable(want)
        want.index = nullable_index(want.index)
        pd.testing.assert_frame_equal(got.to_pandas(), want, check_exact=False, rtol=1e-12)


def test_int_product_exact_up_to_2_53_and_refused_past_it():
    exact = pd.Series([2**26, 2**26, -2, 1], dtype="Int64")  # -(2**53)
    assert cpd.read_pandas(exact).prod() == exact.prod() == -(2**53)
    big = pd.Series([2**40, 2**30], dtype="Int64")  # pandas wraps around to 0
    with pytest.raises(ex.ArithmeticOverflowError, match="product of column 'x'|product"):
        cpd.read_pandas(big.rename("x")).prod()
    # 2**53 + 1 reads as 2**53 in a double: refused, never returned one off
    for rounded in ([2**53 + 1], [2**52 + 1, 2, 1]):
        with pytest.raises(ex.ArithmeticOverflowError):
            cpd.read_pandas(pd.Series(rounded, dtype="Int64")).prod()
    # a zero gives 0 whatever the other values' product is
    with_zero = pd.Series([2**40, 2**30, 0], dtype="Int64")
    assert cpd.read_pandas(with_zero).prod() == 0


def test_string_any_is_a_typed_error():
    s = pd.Series(["a", None], dtype="string")
    with pytest.raises(ex.DTypeError):
        cpd.read_pandas(s).any()


def test_rolling_prod_is_refused_clearly():
    s = cpd.read_pandas(pd.Series([1, 2, 3], dtype="Int64"))
    with pytest.raises((ex.UnsupportedError, AttributeError, NotImplementedError)):
        s.rolling(2).agg("prod").to_pandas()


def test_hasnans_uses_any():
    assert cpd.read_pandas(pd.Series(VALUES["ints"])).hasnans is True
    assert cpd.read_pandas(pd.Series([1, 2], dtype="Int64")).hasnans is False
