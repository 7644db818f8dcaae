"""Int8, Int16, Int32, UInt8, UInt16, UInt32 and UInt64 as pandas 3.1 has them (issue 13):
read_pandas, read_parquet and warehouse tables keep them (NumPy's int8..uint64
become the nullable ones, as int64 becomes Int64), to_pandas gives them back; astype to and
from them wraps around as pandas' does; they compare with numbers exactly as pandas compares;
what is not supported yet raises DTypeError. pandas is the oracle throughout, in both ordering
modes, computed twice."""

from __future__ import annotations

import operator

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same
from cormorant import exceptions

NARROW = ["Int8", "Int16", "Int32", "UInt8", "UInt16", "UInt32", "UInt64"]


def edges(dtype: str) -> list:
    """The least and greatest values of `dtype`, a middle one and a missing one."""
    info = np.iinfo(dtype.lower())
    return [int(info.min), int(info.max), 7, None]


def frame_of(dtype: str) -> pd.DataFrame:
    return pd.DataFrame({"id": pd.array(range(4), dtype="Int64"), "x": pd.array(edges(dtype), dtype=dtype)})


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("dtype", NARROW)
def test_read_pandas_keeps_the_dtype(dtype, mode):
    pdf = frame_of(dtype)
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        assert str(df["x"].dtype) == dtype
        for _ in range(2):
            got = df.to_pandas().sort_values("id", ignore_index=True)
            pd.testing.assert_frame_equal(got, pdf, check_dtype=True)


@pytest.mark.parametrize("dtype", [d.lower() for d in NARROW])
def test_numpy_integers_become_the_nullable_ones(dtype):
    """As numpy int64 becomes Int64: uint8 -> UInt8 (values, no missing)."""
    info = np.iinfo(dtype)
    pdf = pd.DataFrame({"x": np.array([info.min, info.max, 3], dtype=dtype)})
    got = cpd.read_pandas(pdf).to_pandas()
    pd.testing.assert_frame_equal(got, pdf.astype(dtype.capitalize() if dtype[0] == "i" else "U" + dtype[1:].capitalize()))


def test_selection_filters_and_isna_keep_the_dtype():
    pdf = pd.DataFrame({"u": pd.array([2**64 - 1, None, 5, 2**63], dtype="UInt64"),
                        "i": pd.array([-128, 127, None, 0], dtype="Int8")})
    df = cpd.read_pandas(pdf)
    for _ in range(2):
        assert_same(df[df["u"] > 2**63 - 1], pdf[pdf["u"] > 2**63 - 1])
        assert_same(df.head(2), pdf.head(2))
        assert_same(df["i"].isna(), pdf["i"].isna())


@pytest.mark.parametrize("dtype", NARROW)
def test_parquet_read(dtype, tmp_path):
    """(On Spark, a Parquet UINT64 is a DECIMAL(20,0), which comes back as UInt64.)"""
    frame_of(dtype).to_parquet(tmp_path / "f.parquet")
    got = cpd.read_parquet(str(tmp_path / "f.parquet")).to_pandas()
    pd.testing.assert_frame_equal(got, pd.read_parquet(tmp_path / "f.parquet"), check_dtype=True)


@pytest.mark.parametrize("dtype", NARROW)
def test_parquet_round_trip(dtype, tmp_path):
    """cormorant's own to_parquet, read back by pandas."""
    pdf = frame_of(dtype)
    cpd.read_pandas(pdf).to_parquet(str(tmp_path / "g.parquet"))
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "g.parquet", dtype_backend="numpy_nullable"), pdf)


@pytest.mark.parametrize("dtype", NARROW)
def test_warehouse_round_trip_and_filters(dtype, tmp_path):
    session = cpd.Session(tmp_path / "wh")
    try:
        pdf = pd.DataFrame({"x": pd.array(edges(dtype)[:3] * 20, dtype=dtype)})
        session.read_pandas(pdf).to_table("ds.t", cluster_by=["x"], row_group_size=20)
        got = session.read_table("ds.t").to_pandas()
        assert str(got["x"].dtype) == dtype
        assert sorted(got["x"].tolist()) == sorted(pdf["x"].tolist())
        compare = {">=": operator.ge, "==": operator.eq, "<": operator.lt}
        for op, value in [(">=", 7), ("==", min(int(np.iinfo(dtype.lower()).max), 2**63 - 1)), ("<", 8)]:
            kept = session.read_table("ds.t", filters=[("x", op, value)], index_col=cpd.enums.DefaultIndexKind.NULL)
            expected = pdf[compare[op](pdf["x"], value)]
            assert sorted(kept.to_pandas()["x"].tolist()) == sorted(expected["x"].tolist())
    finally:
        session.close()


ASTYPE = [  # (from, values, to): every pair pandas converts, wrap-around included
    ("Int64", [200, None, -1], "Int8"), ("Int64", [300, 44], "UInt8"), ("Int64", [-1, 5], "UInt8"),
    ("Int64", [-1, None], "UInt64"), ("UInt8", [200, 5], "Int8"), ("UInt64", [2**63, 2**64 - 1, None], "Int64"),
    ("UInt64", [2**64 - 1, 3], "Float64"), ("Float64", [1.5, -0.5], "UInt8"), ("Float64", [300.0, -1.0], "UInt8"),
    ("Float64", [2.0, None], "UInt8"), ("string", ["7", None], "UInt8"), ("boolean", [True, False, None], "UInt8"),
    ("UInt8", [7, 0, None], "string"), ("UInt8", [7, 0, None], "boolean"), ("Int8", [-7, None], "Float64"),
    ("Int64", [2**40, 2**31], "Int32"), ("Int32", [5, None], "Int64"), ("Int8", [-1, None], "UInt32"),
    ("UInt32", [4000000000, None], "Int32"), ("UInt16", [65535, None], "UInt64"), ("Int16", [-32768, None], "Int8"),
    ("UInt32", [4000000000, None], "int16"), ("Int64", [-5, None], "uint16"),
]


@pytest.mark.parametrize("source, values, to", ASTYPE)
def test_astype_as_pandas(source, values, to):
    s = pd.Series(values, dtype=source, name="x")
    # numpy names: pandas refuses missing values there, cormorant's are the nullable dtypes
    expected = s.astype(to if to[0] not in "iu" else to.capitalize() if to[0] == "i" else "U" + to[1:].capitalize())
    got = cpd.read_pandas(s.to_frame())["x"].astype(to)
    for _ in range(2):
        pd.testing.assert_series_equal(got.to_pandas(), expected)


@pytest.mark.parametrize("text, to", [("300", "UInt8"), ("-1", "UInt8"), ("1.5", "Int8")])
def test_astype_of_text_out_of_range_raises(text, to):
    s = pd.Series([text, "1"], dtype="string", name="x")
    with pytest.raises(ValueError):  # pandas: ArrowInvalid
        s.astype(to)
    with pytest.raises(exceptions.InvalidArgumentError, match=f"'{text}'.*'x'.*{to}"):
        cpd.read_pandas(s.to_frame())["x"].astype(to).to_pandas()


def test_astype_of_non_finite_floats_raises():
    s = pd.Series([1.0, float("inf")], dtype="Float64", name="x")
    with pytest.raises(exceptions.InvalidArgumentError, match="non-finite"):
        cpd.read_pandas(s.to_frame())["x"].astype("UInt8").to_pandas()


def test_comparisons_as_pandas():
    pdf = pd.DataFrame({"u": pd.array([2**63, 2**64 - 1, 5, None, 2**53 + 1], dtype="UInt64"),
                        "i": pd.array([2**63 - 1, -1, 5, 1, 2**53], dtype="Int64"),
                        "f": pd.array([1.0, 2.0, 5.0, 1.0, 2.0**53], dtype="Float64"),
                        "b": pd.array([200, 0, 5, None, 255], dtype="UInt8"),
                        "c": pd.array([-56, 0, 5, 1, -1], dtype="Int8")})
    df = cpd.read_pandas(pdf)
    pairs = [("u", "i"), ("u", "f"), ("i", "u"), ("b", "c"), ("b", "u"), ("c", "i"), ("b", "f")]
    for _ in range(2):
        for a, b in pairs:
            for op in ["__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"]:
                pd.testing.assert_series_equal(getattr(df[a], op)(df[b]).to_pandas(), getattr(pdf[a], op)(pdf[b]),
                                               check_names=False, obj=f"{a} {op} {b}")
        for scalar in [300, -1, 200, 200.0, 200.5, 0]:
            for op in ["__eq__", "__lt__", "__ge__"]:
                pd.testing.assert_series_equal(getattr(df["b"], op)(scalar).to_pandas(), getattr(pdf["b"], op)(scalar),
                                               obj=f"b {op} {scalar}")


ALL = NARROW + ["Int64", "Float64"]


def operand(dtype: str) -> pd.array:
    """Values that overflow the narrow dtypes both ways, a zero and a missing one."""
    if dtype == "Float64":
        return pd.array([2.5, -1.0, 0.0, 300.0, None, 7.0], dtype=dtype)
    info = np.iinfo(dtype.lower())
    return pd.array([int(info.max), int(info.min), 0, int(info.max) // 2 + 3, None, 7], dtype=dtype)


@pytest.mark.parametrize("left", NARROW)
def test_arithmetic_as_pandas(left):
    """+ - * / of every pair of dtypes: pandas' result dtype (NumPy's promotion) and its values,
    wrapped around where pandas wraps (UInt8 255 + 7 is 6)."""
    pdf = pd.DataFrame({d: operand(d) for d in ALL})
    df = cpd.read_pandas(pdf)
    for right in ALL:
        for op in ["__add__", "__sub__", "__mul__", "__truediv__"]:
            expected = getattr(pdf[left], op)(pdf[right])
            got = getattr(df[left], op)(df[right]).to_pandas()
            pd.testing.assert_series_equal(got, expected, check_names=False, obj=f"{left} {op} {right}")


@pytest.mark.parametrize("dtype", NARROW)
def test_scalars_and_unary_as_pandas(dtype):
    ps = pd.Series(operand(dtype), name="x")
    s = cpd.read_pandas(ps.to_frame())["x"]
    for _ in range(2):
        for scalar in [1, 7, 0, 2.5, -1, 300, 70000]:
            for op in ["__add__", "__sub__", "__mul__", "__rsub__", "__truediv__"]:
                try:
                    expected = getattr(ps, op)(scalar)
                except OverflowError:  # the int does not fit the dtype
                    with pytest.raises(exceptions.ArithmeticOverflowError, match="out of bounds"):
                        getattr(s, op)(scalar).to_pandas()
                    continue
                pd.testing.assert_series_equal(getattr(s, op)(scalar).to_pandas(), expected, obj=f"{dtype} {op} {scalar}")
        pd.testing.assert_series_equal((-s).to_pandas(), -ps)
        pd.testing.assert_series_equal(abs(s).to_pandas(), abs(ps))


@pytest.mark.parametrize("call", [lambda s: s.round(), lambda s: np.sqrt(s), lambda s: s.ewm(com=0.5).mean()])
def test_what_is_not_there_yet_raises_a_dtype_error(call):
    """Refusals name the column and the dtype."""
    df = cpd.read_pandas(pd.DataFrame({"x": pd.array([200, None], dtype="UInt8")}))
    with pytest.raises(exceptions.DTypeError, match="'x'.*UInt8"):
        call(df["x"]).to_pandas()
    with pytest.raises(exceptions.DTypeError, match="UInt8"):  # (the columns of a row reduction: by dtype)
        df.assign(y=df["x"]).sum(axis=1).to_pandas()


REDUCTIONS = ["sum", "prod", "min", "max", "mean", "median", "std", "var", "count", "nunique", "any", "all", "skew"]


@pytest.mark.parametrize("dtype", NARROW)
def test_reductions_as_pandas(dtype):
    big = int(np.iinfo(dtype.lower()).max)
    pdf = pd.DataFrame({"k": pd.array([1, 1, 2, 2, 3], dtype="Int64"),
                        "x": pd.array([big, 3, 1, None, None], dtype=dtype),
                        "y": pd.array([2, 0, 1, 5, None], dtype=dtype)})
    df = cpd.read_pandas(pdf)
    for _ in range(2):
        for f in REDUCTIONS:
            wrapped = dtype == "UInt64" and f in ("sum", "prod")  # (pandas wraps around at 2**64: refused)
            if f not in ("nunique", "skew") and not (dtype == "UInt64" and f in ("min", "max")) and not wrapped:
                # (a UInt64 past Int64 is no C++ Value: see test_uint64_sums_and_big_scalars)
                got, expected = getattr(df["y"], f)(), getattr(pdf["y"], f)()
                assert got == pytest.approx(expected) and type(got) is not type(pd.NA), f
            if f not in ("nunique", "skew", "any", "all") and not (dtype == "UInt64" and f in ("min", "max")) \
                    and not wrapped:
                pd.testing.assert_series_equal(getattr(df[["x", "y"]], f)(), getattr(pdf[["x", "y"]], f)(), obj=f)
            if wrapped:
                with pytest.raises(exceptions.DTypeError, match="'x' of dtype UInt64"):
                    getattr(df.groupby("k")[["x", "y"]], f)().to_pandas()
                continue
            got, expected = getattr(df.groupby("k")[["x", "y"]], f)(), getattr(pdf.groupby("k")[["x", "y"]], f)()
            pd.testing.assert_frame_equal(got.to_pandas(), expected, obj=f"groupby {f}")  # (nunique: int64 both)


def test_uint64_sums_and_big_scalars():
    pdf = pd.DataFrame({"u": pd.array([2**64 - 1, 2**63, None], dtype="UInt64")})
    df = cpd.read_pandas(pdf)
    with pytest.raises(exceptions.DTypeError, match="sum.*UInt64"):
        df["u"].sum()
    with pytest.raises(exceptions.DTypeError, match="past Int64's range"):  # a scalar of it is no C++ Value
        df["u"].max()
    pd.testing.assert_series_equal(df.mean(), pdf.mean())
    pd.testing.assert_series_equal(df.groupby("u").size().to_pandas(), pdf.groupby("u").size())


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("dtype", ["Int8", "UInt8", "UInt64"])
def test_sorting_grouping_and_duplicates_as_pandas(dtype, mode):
    values = edges(dtype)
    pdf = pd.DataFrame({"k": pd.array(values * 2 + [7], dtype=dtype),
                        "v": pd.array(range(9), dtype="Int64")})
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        for _ in range(2):
            if mode == "strict":
                assert_same(df.sort_values(["k", "v"]), pdf.sort_values(["k", "v"]))
                assert_same(df.drop_duplicates("k"), pdf.drop_duplicates("k"))
            got = df.groupby("k")["v"].sum().to_pandas()
            pd.testing.assert_series_equal(got.sort_index(), pdf.groupby("k")["v"].sum().sort_index())
            got = df["k"].value_counts(dropna=False).to_pandas()
            expected = pdf["k"].value_counts(dropna=False)
            pd.testing.assert_series_equal(got.sort_index(), expected.sort_index())


BEYOND = [2**63, -(2**63) - 1, 2**64, -(2**70), 2**70, np.uint64(2**64 - 1), np.uint64(2**63)]


@pytest.mark.parametrize("dtype", [*NARROW, "Int64"])
def test_comparisons_with_ints_past_int64_as_pandas(dtype):
    """An int past Int64 (no engine constant holds it) against an integer column: the same
    answer for every value, as pandas gives it, <NA> where missing; a UInt64 column with one it
    could hold (2**63 .. 2**64 - 1) is refused (README); a Float64 column compares its float."""
    pdf = frame_of(dtype)
    df = cpd.read_pandas(pdf)
    for c in BEYOND:
        for op in [operator.eq, operator.ne, operator.lt, operator.le, operator.gt, operator.ge]:
            for call in [lambda s: op(s, c), lambda s: op(c, s)]:
                if dtype == "UInt64" and 0 <= int(c) < 2**64:
                    with pytest.raises(exceptions.DTypeError):
                        call(df["x"]).to_pandas()
                    continue
                pd.testing.assert_series_equal(call(df["x"]).to_pandas(), call(pdf["x"]), obj=f"{op.__name__} {c!r}")
    pf = pd.DataFrame({"f": pd.array([1e20, 2.0**63, None, -(2.0**70)], dtype="Float64")})
    for c in BEYOND[:5]:
        pd.testing.assert_series_equal((cpd.read_pandas(pf)["f"] == c).to_pandas(), pf["f"] == c)
        pd.testing.assert_series_equal((cpd.read_pandas(pf)["f"] < c).to_pandas(), pf["f"] < c)


@pytest.mark.parametrize("dtype", NARROW)
def test_loc_by_labels_of_a_narrow_index(dtype):
    pdf = frame_of(dtype).set_index("x")
    df = cpd.read_pandas(frame_of(dtype)).set_index("x")
    for labels in [[7], [edges(dtype)[0], 7], 7]:  # (a UInt64 label past Int64 is refused, README)
        expected = pdf.loc[labels]
        got = df.loc[labels]
        if isinstance(expected, pd.DataFrame):
            assert_same(got, expected)
        else:
            pd.testing.assert_series_equal(got.to_pandas() if hasattr(got, "to_pandas") else got, expected)
    for absent in [300, 2.5, 8]:
        with pytest.raises((KeyError, TypeError)):  # (pandas: TypeError for 300 in a UInt8 index)
            pdf.loc[[absent]]
        with pytest.raises(exceptions.LabelNotFoundError):
            df.loc[[absent]].to_pandas()


CONCAT = ["Int8", "UInt8", "Int16", "UInt32", "Int64", "UInt64", "Float64"]


@pytest.mark.parametrize("first", CONCAT)
def test_concat_takes_the_common_dtype(first):
    """pandas' concat of integer columns of other widths, signedness, Int64 or Float64: their
    common dtype (Int8 and UInt8 are Int16, UInt64 and a signed one Float64)."""
    for second in CONCAT:
        a = pd.DataFrame({"x": pd.array([1, None, 100], dtype=first)})
        b = pd.DataFrame({"x": pd.array([2, 7, None], dtype=second), "y": pd.array([1, 2, 3], dtype="Int64")})
        for ignore_index in [True, False]:
            expected = pd.concat([a, b], ignore_index=ignore_index)
            got = cpd.concat([cpd.read_pandas(a), cpd.read_pandas(b)], ignore_index=ignore_index)
            assert str(got.dtypes["x"]) == str(expected.dtypes["x"]), (first, second)
            assert_same(got, expected)
    text = cpd.read_pandas(pd.DataFrame({"x": ["a"]}))
    with pytest.raises(exceptions.DTypeError, match="'x'"):
        cpd.concat([cpd.read_pandas(pd.DataFrame({"x": pd.array([1], dtype=first)})), text])
