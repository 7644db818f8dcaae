"""Int8..UInt64 (issue 13) through fillna, where/mask, clip and isin, as pandas 3.1 gives them:
the dtype kept, the values, and pandas' refusals (an int the dtype cannot hold is its
OverflowError, a fraction or a boolean its TypeError) as cormorant's typed errors. pandas is the
oracle for every case, in both ordering modes, computed twice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same

NARROW = ["Int8", "Int16", "Int32", "UInt8", "UInt16", "UInt32", "UInt64"]

# pandas' exception -> cormorant's (a subclass of it that names the value and the dtype)
RAISES = {OverflowError: (exceptions.ArithmeticOverflowError, exceptions.IntegerOverflowError),
          TypeError: (exceptions.DTypeError,), ValueError: (exceptions.InvalidArgumentError,)}


def values(dtype: str) -> list:
    """Both ends of the dtype, a zero, a missing value and a middle one."""
    info = np.iinfo(dtype.lower())
    return [int(info.max), int(info.min), 0, None, 7]


def past_int64(dtype: str, *constants) -> bool:
    """Whether a UInt64 column meets a whole number past Int64, which cormorant's constants
    cannot hold: refused (DTypeError naming the column and dtype) where pandas computes."""
    return dtype == "UInt64" and any(
        isinstance(c, (int, float)) and not isinstance(c, bool) and 2**63 <= c < 2**64 and c == int(c) for c in constants)


def check(dtype: str, mode: str, op, what: str, refused: bool = False):
    """op(series) in cormorant equals op in pandas, or raises the typed counterpart of pandas' error.
    `refused`: cormorant raises DTypeError naming the column and dtype (a known gap)."""
    ps = pd.Series(pd.array(values(dtype), dtype=dtype), name="x")
    frame = pd.DataFrame({"id": range(len(ps)), "x": ps})
    if refused:
        with cpd.option_context("session.ordering_mode", mode):
            with pytest.raises(exceptions.DTypeError, match=f"'x' of dtype {dtype}"):
                op(cpd.read_pandas(frame)["x"]).to_pandas()
        return
    try:
        expected = op(ps)
    except (OverflowError, TypeError, ValueError) as e:
        with cpd.option_context("session.ordering_mode", mode):
            s = cpd.read_pandas(frame)["x"]
            with pytest.raises(RAISES[type(e) if type(e) in RAISES else TypeError], match=r"(?i)'x'|" + dtype):
                op(s).to_pandas()
        return
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(frame)
        for _ in range(2):
            got = df[["id"]].assign(r=op(df["x"])).to_pandas().sort_values("id")["r"].reset_index(drop=True)
            pd.testing.assert_series_equal(got, expected.rename("r"), obj=f"{dtype} {what}")


def info(dtype: str):
    return np.iinfo(dtype.lower())


FILLS = [1, 0, -1, 300, 70000, 2**40, 2.0, 1.5, True, -1.0, 256.0, pd.NA, "max"]


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("dtype", NARROW)
def test_fillna_where_mask_as_pandas(dtype, mode):
    for v in FILLS:
        v = int(info(dtype).max) if isinstance(v, str) else v
        big = past_int64(dtype, v)
        check(dtype, mode, lambda s, v=v: s.fillna(v), f"fillna({v!r})", big)
        check(dtype, mode, lambda s, v=v: s.where(s > 0, v), f"where(s > 0, {v!r})", big)
        check(dtype, mode, lambda s, v=v: s.mask(s > 0, v), f"mask(s > 0, {v!r})", big)
    check(dtype, mode, lambda s: s.where(s > 0), "where(s > 0)")


BOUNDS = [(1, 5), (0, None), (None, 100), (-1, 300), (-300, 300), (-1.5, 300.5), (2.0, 3.0), (1.5, 5), (True, 5),
          (-(2**40), 2**40), (5, 1)]


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("dtype", NARROW)
def test_clip_as_pandas(dtype, mode):
    bounds = BOUNDS + [(int(info(dtype).max) - 1, None), (None, int(info(dtype).min) + 1)]
    for lower, upper in bounds:
        check(dtype, mode, lambda s, lo=lower, hi=upper: s.clip(lo, hi), f"clip({lower!r}, {upper!r})",
              past_int64(dtype, lower, upper))


ISIN = [[7, 300, -1, 0.0], [5.0, 2.0**64], [True], ["7", 7], [None], [pd.NA], [np.nan], [2**70, 7], [-1],
        [2.0**63], [], [7.5, 0]]


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("dtype", NARROW)
def test_isin_as_pandas(dtype, mode):
    lists = ISIN + [[int(info(dtype).max)], [int(info(dtype).min), float(info(dtype).max)], list(range(-3, 3000))]
    for items in lists:
        check(dtype, mode, lambda s, items=items: s.isin(items), f"isin({items[:5]!r})", past_int64(dtype, *items))


# -- arithmetic: // % ** -------------------------------------------------------------------

OTHERS = NARROW + ["Int64", "Float64"]


def operands(dtype: str) -> list:
    """Values that overflow both ways, zeros (division by zero), small powers and a missing one."""
    if dtype == "Float64":
        return [2.5, -1.0, 0.0, 3.0, None, 7.0, 2.0, 0.0]
    i = info(dtype)
    return [int(i.max), int(i.min), 0, 3, None, 7, 2, int(i.max) // 2 + 3]


@pytest.mark.parametrize("left", NARROW)
def test_floordiv_mod_pow_as_pandas(left):
    """// % ** of every pair of dtypes (NumPy's result dtype, wrapped around as pandas wraps; //0
    and %0 are 0; ** of a negative exponent is pandas' ValueError, a power past 2**53 that
    pandas wraps is refused)."""
    pdf = pd.DataFrame({d: pd.array(operands(d), dtype=d) for d in OTHERS})
    df = cpd.read_pandas(pdf)
    for right in OTHERS:
        for op in ["__floordiv__", "__mod__"]:
            got = getattr(df[left], op)(df[right]).to_pandas()
            pd.testing.assert_series_equal(got, getattr(pdf[left], op)(pdf[right]), check_names=False,
                                           obj=f"{left} {op} {right}")
    small = pd.DataFrame({d: pd.array([2, 3, 0, 1, None, 5], dtype=d) for d in OTHERS})
    exponents = pd.DataFrame({d: pd.array([7, 2, 0, 9, 3, None], dtype=d) for d in OTHERS})
    sdf, edf = cpd.read_pandas(small), cpd.read_pandas(exponents)
    for right in OTHERS:
        expected = small[left] ** exponents[right]
        pd.testing.assert_series_equal((sdf[left] ** edf[right]).to_pandas(), expected, check_names=False,
                                       obj=f"{left} ** {right}")


@pytest.mark.parametrize("dtype", NARROW)
def test_floordiv_mod_pow_of_scalars_as_pandas(dtype):
    for scalar in [2, -1, 0, 3, 300, 2.5, 0.5]:
        for op in ["__floordiv__", "__mod__"]:
            check(dtype, "strict", lambda s, op=op, v=scalar: getattr(s, op)(v), f"{op}({scalar})")
        for op in ["__rfloordiv__", "__rmod__"]:  # (divisors without 0: see below)
            check(dtype, "strict", lambda s, op=op, v=scalar: getattr(s.clip(1, None), op)(v), f"{op}({scalar})")
    # 2 // s with a 0 in s: pandas makes the whole result Float64, a dtype the values decide
    s = cpd.read_pandas(pd.DataFrame({"x": pd.array([3, 0], dtype=dtype)}))["x"]
    for op in ["__rfloordiv__", "__rmod__"]:
        assert str(getattr(pd.Series(pd.array([3, 0], dtype=dtype)), op)(2).dtype) == "Float64"
        with pytest.raises(exceptions.UnsupportedError, match="depends on the values"):
            getattr(s, op)(2).to_pandas()
    for scalar in [0, 1, 2, 3, 7, -1, 2.0]:
        check(dtype, "strict", lambda s, v=scalar: s.clip(0, 2) ** v, f"clip(0, 2) ** {scalar}")
        check(dtype, "strict", lambda s, v=scalar: v ** s.clip(0, 5), f"{scalar} ** clip(0, 5)")


def test_negative_exponents_and_inexact_powers_raise():
    ps = pd.Series(pd.array([2, -1, None], dtype="Int8"), name="x")
    s = cpd.read_pandas(ps.to_frame())["x"]
    with pytest.raises(ValueError, match="negative integer powers"):
        (ps ** ps).tolist()
    with pytest.raises(exceptions.InvalidArgumentError, match="negative integer powers"):
        (s ** s).to_pandas()
    pbig = pd.DataFrame({"x": pd.array([3, 2], dtype="Int32")})
    big = cpd.read_pandas(pbig)["x"]
    assert_same(big ** 40, pbig["x"] ** 40)  # (exact below 2**65, wrapped as pandas)
    with pytest.raises(exceptions.ArithmeticOverflowError, match=r"3 \*\* 50 is past 2\*\*65"):
        (big ** 50).to_pandas()
    got = (big[big == 2] ** 40).to_pandas()  # an even base to 32 or more bits: 0, as pandas
    pd.testing.assert_series_equal(got.reset_index(drop=True), pd.Series(pd.array([0], dtype="Int32"), name="x"))


# -- running windows ----------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["strict"])  # (running windows need an order)
@pytest.mark.parametrize("dtype", NARROW)
def test_windows_as_pandas(dtype, mode):
    """cumsum (Int64/UInt64: a UInt64's wraps at 2**64), cumprod, cummin/cummax (the dtype), diff
    (wrapped in the dtype), pct_change, shift, ffill; a groupby's diff and cummax."""
    for name, op in [("cumsum", lambda s: s.cumsum()), ("cumprod", lambda s: s.clip(0, 3).cumprod()),
                     ("cummin", lambda s: s.cummin()), ("cummax", lambda s: s.cummax()), ("diff", lambda s: s.diff()),
                     ("diff(-2)", lambda s: s.diff(-2)), ("pct_change", lambda s: s.pct_change()),
                     ("shift", lambda s: s.shift(2)), ("ffill", lambda s: s.ffill())]:
        check(dtype, mode, op, name)
    ps = pd.Series(pd.array(values(dtype) * 2, dtype=dtype), name="x")
    pdf = pd.DataFrame({"id": range(10), "k": [1, 2] * 5, "x": ps})
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        for op in ["diff", "cummax", "cummin"]:
            got = getattr(df.groupby("k")["x"], op)().to_pandas()
            pd.testing.assert_series_equal(got, getattr(pdf.groupby("k")["x"], op)(), obj=f"groupby {op}")


@cpd.udf(transpile=False)
def _plus_one(x: int) -> int:
    return None if x is None else x + 1


@pytest.mark.parametrize("dtype", ["Int8", "Int32", "UInt32"])
def test_a_udf_takes_them_as_python_ints(dtype):
    """An int parameter takes Int8..UInt32 values exactly (pandas' apply hands Python ints); the
    UDF's result is its declared Int64."""
    ps = pd.Series(pd.array(values(dtype), dtype=dtype), name="x")
    got = cpd.read_pandas(ps.to_frame())["x"].apply(_plus_one).to_pandas()
    expected = ps.astype(object).where(ps.notna(), None).apply(_plus_one).astype("Int64")
    pd.testing.assert_series_equal(got, expected)


@pytest.mark.parametrize("numeric_only", [False, True])
def test_row_reductions_refuse_rather_than_leave_them_out(numeric_only):
    """DataFrame.sum(axis=1) and the like: pandas counts Int8..UInt64 as numbers, so numeric_only
    must not drop them (that gave the other columns' sums); they are refused by dtype for now."""
    pdf = pd.DataFrame({"a": pd.array([1, 2, None], dtype="Int8"), "c": pd.array([1, 2, 3], dtype="Int64"),
                        "s": ["x", "y", "z"]})
    df = cpd.read_pandas(pdf if numeric_only else pdf[["a", "c"]])
    for func in ["sum", "max", "mean"]:
        with pytest.raises(exceptions.DTypeError, match="Int8"):
            getattr(df, func)(axis=1, numeric_only=numeric_only).to_pandas()
    expected = pdf.count(axis=1, numeric_only=numeric_only) if numeric_only else pdf[["a", "c"]].count(axis=1)
    pd.testing.assert_series_equal(df.count(axis=1, numeric_only=numeric_only).to_pandas(), expected,
                                   check_dtype=False)


DOWNCASTS = [("Int64", [1, 2, None]), ("Int64", [-1, 200]), ("Int64", [0, 70000]), ("Int64", []), ("Int64", [None]),
             ("Int64", [2**40]), ("Int64", [-(2**40)]), ("UInt8", [1, 200]), ("UInt8", [1, 2]), ("Int16", [1, 200]),
             ("UInt64", [2**63, 1]), ("UInt64", [5]), ("Float64", [1.0, 2.0, None]), ("Float64", [1.5]),
             ("Float64", [300.0]), ("Float64", [float("inf"), 1.0]), ("Float64", [-3.0]), ("Float64", []),
             ("Int32", [-5, 5]), ("UInt32", [70000]), ("Int8", [-1])]


@pytest.mark.parametrize("downcast", ["integer", "signed", "unsigned", "float"])
def test_to_numeric_downcast_gives_the_real_dtype(downcast):
    """to_numeric(downcast=) of numbers: pandas' dtype and values; an integer downcast is a real
    Int8..UInt64 Series (its dtype in the plan, before anything runs to_pandas)."""
    for dtype, vals in DOWNCASTS:
        ps = pd.Series(pd.array(vals, dtype=dtype), name="x")
        expected = pd.to_numeric(ps, downcast=downcast)
        got = cpd.to_numeric(cpd.read_pandas(ps.to_frame())["x"], downcast=downcast)
        assert str(got.dtype) == str(expected.dtype), (dtype, vals)
        if downcast != "float":
            assert got._core.dtype == str(expected.dtype), (dtype, vals)
        for _ in range(2):
            pd.testing.assert_series_equal(got.to_pandas(), expected, check_index_type=False, obj=f"{dtype} {vals}")
