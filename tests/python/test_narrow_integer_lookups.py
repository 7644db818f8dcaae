"""Int8..UInt64 (issue 13, step 2) through map, replace, rank, rolling/expanding windows and
merges on keys of mixed widths and signedness, as pandas 3.1 gives them. pandas' table of result
dtypes (pandas 3.1.1):

- map with a dict: the mapped values' dtype (Float64 when some value maps to nothing), as Int64;
- replace: the column's dtype; a value it cannot hold is pandas' OverflowError (a whole number)
  or TypeError (a fraction); a `to_replace` the dtype cannot hold matches nothing;
- rank: Float64 (average, pct), UInt64 (min, max, first, dense), as Int64; a groupby's Float64;
- rolling/expanding: float64 whatever the integer dtype;
- merge keys: inner and left keep the left key's dtype, right and outer take both keys' common
  dtype (NumPy's promotion: Int8 with UInt8 is Int16, UInt64 with a signed one float64) when
  some row has no left match (else the left's: README, differences), the keys compared in it.

pandas is the oracle for every case, computed twice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.core.dtypes.cast import find_common_type

import cormorant.pandas as cpd
from cormorant import exceptions

NARROW = ["Int8", "Int16", "Int32", "UInt8", "UInt16", "UInt32", "UInt64"]

# pandas' exception -> cormorant's (a subclass of it that names the value and the dtype)
RAISES = {OverflowError: (exceptions.ArithmeticOverflowError, exceptions.IntegerOverflowError),
          TypeError: (exceptions.DTypeError,)}


def values(dtype: str) -> list:
    """Both ends of the dtype, repeated ones, a missing value and a small one."""
    info = np.iinfo(dtype.lower())
    return [int(info.max), 1, int(info.min), None, 7, 1, int(info.max)]


def series(dtype: str) -> pd.Series:
    return pd.Series(pd.array(values(dtype), dtype=dtype), name="x")


def check(dtype: str, op, what: str, mode: str = "strict"):
    """op(series) in cormorant equals op in pandas (twice), or raises the typed counterpart of
    pandas' error."""
    ps = series(dtype)
    frame = pd.DataFrame({"id": range(len(ps)), "x": ps})
    with cpd.option_context("session.ordering_mode", mode):
        s = cpd.read_pandas(frame)["x"]
        try:
            expected = op(ps)
        except (OverflowError, TypeError) as e:
            with pytest.raises(RAISES[type(e)]):
                op(s).to_pandas()
            return
        got = op(s)
        # README, differences: map to integers is Int64 where pandas gives Float64 for a value
        # that maps to nothing (a dtype that depends on the values), as for Int64 columns
        # (and results have nullable dtypes where pandas' are NumPy's: string for str)
        cast = (what.startswith("map") and str(got.dtype) == "Int64" and str(expected.dtype) == "Float64") or \
            (str(got.dtype), str(expected.dtype)) == ("string", "str")
        assert str(got.dtype) == str(expected.dtype) or cast, what
        for _ in range(2):
            out = got.to_pandas().astype(expected.dtype) if cast else got.to_pandas()
            if mode == "partial":
                out, expected = out.sort_values().reset_index(drop=True), expected.sort_values().reset_index(drop=True)
            pd.testing.assert_series_equal(out, expected, check_index_type=False, obj=f"{dtype} {what}")


def biggest(dtype: str) -> int:
    return int(np.iinfo(dtype.lower()).max)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("dtype", NARROW)
def test_map_and_replace_as_pandas(dtype, mode):
    big = min(biggest(dtype), 2**63 - 1)  # (a constant past Int64 is refused: see below)
    if dtype == "UInt64":  # README: a UInt64 constant of 2**63 or more raises DTypeError
        s = cpd.read_pandas(series(dtype).to_frame())["x"]
        for call in [lambda: s.map({2**64 - 1: 1}), lambda: s.replace(2**63, 1), lambda: s.replace(1, 2**63)]:
            with pytest.raises(exceptions.DTypeError, match="'x' of dtype UInt64"):
                call().to_pandas()
    ops = [
        ("map ints", lambda s: s.map({1: 10, 7: -70})), ("map all", lambda s: s.map({1: 1, 7: 7, big: 0})),
        ("map text", lambda s: s.map({1: "a", 7: "b"})), ("map floats", lambda s: s.map({1: 1.5})),
        ("map a float key", lambda s: s.map({7.0: 1})), ("map ignore", lambda s: s.map({1: 2}, na_action="ignore")),
        ("replace", lambda s: s.replace(1, 10)), ("replace dict", lambda s: s.replace({1: 5, 7: 6})),
        ("replace negative", lambda s: s.replace(1, -1)), ("replace 300", lambda s: s.replace(1, 300)),
        ("replace 2**40", lambda s: s.replace(7, 2**40)), ("replace to None", lambda s: s.replace(1, None)),
        ("replace fraction", lambda s: s.replace(1, 1.5)), ("replace by a float", lambda s: s.replace(1.0, 3)),
        ("replace past the dtype", lambda s: s.replace(300, 3)), ("replace -1", lambda s: s.replace(-1, 3)),
        ("replace a list", lambda s: s.replace([1, 7], 0)), ("replace the max", lambda s: s.replace(big, 0)),
    ]
    for what, op in ops:
        check(dtype, op, what, mode)


@pytest.mark.parametrize("dtype", NARROW)
def test_rank_as_pandas(dtype):
    for method in ["average", "min", "max", "first", "dense"]:
        check(dtype, lambda s, m=method: s.rank(method=m), f"rank({method})")
        check(dtype, lambda s, m=method: s.rank(method=m, ascending=False, na_option="top"), f"rank({method}) top")
    check(dtype, lambda s: s.rank(pct=True), "rank(pct=True)")
    ps = series(dtype)
    pdf = pd.DataFrame({"k": pd.array([1, 2, 1, 2, 1, 2, 1], dtype="Int64"), "x": ps, "y": pd.array(range(7), dtype="Int64")})
    df = cpd.read_pandas(pdf)
    for _ in range(2):
        pd.testing.assert_series_equal(df.groupby("k")["x"].rank().to_pandas(), pdf.groupby("k")["x"].rank())
        # (pandas' DataFrame.rank is float64, cormorant's the nullable Float64: README, differences)
        pd.testing.assert_frame_equal(df.rank().to_pandas(), pdf.rank().astype("Float64"))
        pd.testing.assert_frame_equal(df.rank(numeric_only=True, method="min").to_pandas(),
                                      pdf.rank(numeric_only=True, method="min").astype("Float64"))


@pytest.mark.parametrize("dtype", NARROW)
def test_rolling_and_expanding_as_pandas(dtype):
    ps = pd.Series(pd.array([1, 2, None, 100, 7, 0, 3], dtype=dtype), name="x")
    if dtype != "UInt64":  # (the dtype's ends: sums past 2**53 would round differently in a float)
        ps = series(dtype)
    s = cpd.read_pandas(ps.to_frame())["x"]
    for agg in ["sum", "mean", "min", "max", "count", "std", "var", "median"]:
        for window in [lambda x: x.rolling(2), lambda x: x.rolling(3, min_periods=1, center=True),
                       lambda x: x.expanding()]:
            # (pandas' float64 with NaN is cormorant's Float64 with <NA>: README, differences)
            expected = getattr(window(ps), agg)().astype("Float64")
            got = getattr(window(s), agg)()
            assert str(got.dtype) == "Float64"
            for _ in range(2):
                pd.testing.assert_series_equal(got.to_pandas(), expected, obj=f"{dtype} {agg}")


KEYS = ["Int8", "UInt8", "Int16", "UInt32", "Int64", "UInt64", "Float64"]


def keys(dtype: str) -> list:
    if dtype.startswith("U"):
        return [1, 2, None, 200, 7, 2]
    return [1, -2, None, -100, 7, 2]


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("left", KEYS)
def test_merge_on_keys_of_other_widths_as_pandas(left, mode):
    for right in KEYS:
        if left == right == "Float64":
            continue
        a = pd.DataFrame({"k": pd.array(keys(left), dtype=left), "x": pd.array(range(6), dtype="Int64")})
        b = pd.DataFrame({"k": pd.array(keys(right)[::-1], dtype=right), "y": pd.array(range(6), dtype="Int64")})
        with cpd.option_context("session.ordering_mode", mode):
            ca, cb = cpd.read_pandas(a), cpd.read_pandas(b)
            for how in ["inner", "left", "right", "outer"]:
                expected = a.merge(b, on="k", how=how)
                if how in ("right", "outer"):
                    # README, differences: the common dtype, where pandas keeps the left key's dtype
                    # when every row has a left match (a dtype that depends on the values)
                    expected = expected.astype({"k": find_common_type([a["k"].dtype, b["k"].dtype])})
                got = ca.merge(cb, on="k", how=how)
                assert str(got.dtypes["k"]) == str(expected.dtypes["k"]), (left, right, how)
                for _ in range(2):
                    out = got.to_pandas()
                    if mode == "partial":
                        out = out.sort_values(["x", "y"]).reset_index(drop=True)
                        exp = expected.sort_values(["x", "y"]).reset_index(drop=True)
                    else:
                        exp = expected
                    pd.testing.assert_frame_equal(out, exp, check_index_type=False, obj=f"{left} {right} {how}")
            expected = a.merge(b.rename(columns={"k": "j"}), left_on="k", right_on="j")
            got = ca.merge(cb.rename(columns={"k": "j"}), left_on="k", right_on="j").to_pandas()
            if mode == "partial":
                got = got.sort_values(["x", "y"]).reset_index(drop=True)
                expected = expected.sort_values(["x", "y"]).reset_index(drop=True)
            pd.testing.assert_frame_equal(got, expected, check_index_type=False, obj=f"{left} {right} left_on")


def test_merge_keys_compare_in_the_common_dtype():
    """UInt64 with Int64 keys compare as float64 in pandas (2**53 and 2**53 + 1 are one key there),
    Int8 -1 never equals UInt8 255."""
    a = pd.DataFrame({"k": pd.array([2**53, 5], dtype="Int64")})
    b = pd.DataFrame({"k": pd.array([2**53 + 1, 5], dtype="UInt64")})
    pd.testing.assert_frame_equal(cpd.read_pandas(a).merge(cpd.read_pandas(b), on="k").to_pandas(),
                                  a.merge(b, on="k"), check_index_type=False)
    a = pd.DataFrame({"k": pd.array([-1, 1], dtype="Int8")})
    b = pd.DataFrame({"k": pd.array([255, 1], dtype="UInt8")})
    for how in ["inner", "outer"]:
        pd.testing.assert_frame_equal(cpd.read_pandas(a).merge(cpd.read_pandas(b), on="k", how=how).to_pandas(),
                                      a.merge(b, on="k", how=how), check_index_type=False)


def test_merge_of_narrow_keys_with_text_raises():
    a = cpd.read_pandas(pd.DataFrame({"k": pd.array([1], dtype="Int8")}))
    b = cpd.read_pandas(pd.DataFrame({"k": ["1"]}))
    with pytest.raises(exceptions.DTypeError, match="different dtypes"):
        a.merge(b, on="k")
