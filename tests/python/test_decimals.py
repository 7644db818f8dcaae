"""decimal128(38, 9)[pyarrow] columns against pandas 3.1: sorting, comparisons with decimals and
integers, negation and abs, sum/min/max/mean/count/nunique (Series, frames, groupby, with the
exact Decimal pandas gives: scale 9, mean rounded half away from zero), groupby keys, merge
keys and duplicates, with missing values, empty frames, both ordering modes and re-execution.
What pandas itself cannot compute for this dtype (+ - * / with decimals or integers: pyarrow's
precision passes 38) raises DTypeError, and so do the operations whose pandas result is a
float or pyarrow dtype cormorant does not hold (arithmetic with floats, median, std, ...)."""

from __future__ import annotations

import decimal
import operator

import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same, nullable

DEC = pd.ArrowDtype(pa.decimal128(38, 9))
D = decimal.Decimal


def decimals(values) -> pd.Series:
    return pd.Series([None if v is None else D(v) for v in values], dtype=DEC)


def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "d": decimals(["1.5", None, "-2.25", "0.000000001", "1.5", "99999999999999999999.999999999", None,
                       "-0.000000002"]).array,
        "e": decimals(["1.5", "3", None, "-1", "0.000000001", "2", None, "-0.000000002"]).array,
        "k": pd.array(["a", "b", "a", None, "c", "b", "c", "a"], dtype="string"),
        "n": pd.array([1, 2, None, 0, 1, -5, 3, 0], dtype="Int64"),
    })


def same_scalar(got, want) -> None:
    """Scalars equal, a Decimal with pandas' exponent too (scale 9), <NA> as <NA>."""
    if want is pd.NA:
        assert got is pd.NA, got
        return
    if isinstance(want, decimal.Decimal):
        assert type(got) is decimal.Decimal and str(got) == str(want), (got, want)
    else:  # counts: an int (pandas: numpy's)
        assert got == want, (got, want)


def same_elementwise(got, want, mode: str) -> None:
    """An elementwise result equals pandas': exactly in strict mode; in partial mode (no index
    to line rows up by) the same dtype and the same values in any order."""
    if mode == "strict":
        assert_same(got, want)
        return
    result = got.to_pandas()
    assert result.dtype == nullable(want).dtype
    assert sorted(map(str, result.tolist())) == sorted(map(str, nullable(want).tolist()))


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("rows", ["all", "none", "missing"])
def test_reductions_match_pandas(mode, rows):
    pdf = frame()
    pdf = {"all": pdf, "none": pdf.head(0), "missing": pdf[pdf["d"].isna()]}[rows]
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        for func in ["sum", "min", "max", "mean", "count", "nunique"]:
            for _ in range(2):  # re-execution
                same_scalar(getattr(df["d"], func)(), getattr(pdf["d"], func)())
        for func in ["sum", "mean", "max"]:  # (a pandas Series, as pandas gives it)
            pd.testing.assert_series_equal(getattr(df[["d", "e"]], func)(), getattr(pdf[["d", "e"]], func)())


@pytest.mark.parametrize("values", [
    ["0.000000001", "0.000000002"], ["-0.000000001", "-0.000000002"], ["0.000000001", "0.000000004"],
    ["0.000000001", "0", "0.000000001"], ["-0.000000001", "0", "-0.000000001"], ["0.000000005", "0", "0", "0"],
    ["-0.000000005", "0", "0", "0"], ["99999999999999999999.999999999", "99999999999999999999.999999998"],
    ["-7", "0.000000001"], ["-7.000000001", "3", "0.000000001"], ["12345678901234567890.123456789"] * 3,
])
def test_mean_rounds_as_pandas(values):
    ps = decimals(values)
    s = cpd.read_pandas(ps.to_frame("d"))["d"]
    same_scalar(s.mean(), ps.mean())
    same_scalar(s.sum(), ps.sum())


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_sorting_and_comparisons_match_pandas(mode):
    pdf = frame()
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        if mode == "strict":
            for kwargs in [{}, {"ascending": False}, {"na_position": "first"}]:
                assert_same(df.sort_values("d", **kwargs), pdf.sort_values("d", kind="stable", **kwargs))
                assert_same(df["d"].sort_values(**kwargs), pdf["d"].sort_values(kind="stable", **kwargs))
            assert_same(df.sort_values(["d", "n"]), pdf.sort_values(["d", "n"], kind="stable"))
            assert_same(df.nlargest(3, "n")["d"], pdf.nlargest(3, "n")["d"])
        for op in [operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne]:
            for got, want in [(op(df["d"], df["e"]), op(pdf["d"], pdf["e"])), (op(df["d"], 1), op(pdf["d"], 1)),
                              (op(df["d"], df["n"]), op(pdf["d"], pdf["n"])), (op(2, df["d"]), op(2, pdf["d"])),
                              (op(df["d"], D("1.5")), op(pdf["d"], D("1.5")))]:
                for _ in range(2):
                    same_elementwise(got, want, mode)
        same_elementwise(df[df["d"] > df["e"]]["d"], pdf[pdf["d"] > pdf["e"]]["d"], mode)
        same_elementwise(-df["d"], -pdf["d"], mode)
        same_elementwise(abs(df["d"]), abs(pdf["d"]), mode)
        same_elementwise(df["d"].abs(), pdf["d"].abs(), mode)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("rows", ["all", "none"])
def test_groupby_keys_and_aggregates_match_pandas(mode, rows):
    pdf = frame() if rows == "all" else frame().head(0)
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        for _ in range(2):
            for func in ["sum", "min", "max", "mean", "count", "first", "last"]:
                if func in ("first", "last") and mode == "partial":
                    continue  # no row order to take the first of
                got, want = getattr(df.groupby("k")["d"], func)(), getattr(pdf.groupby("k")["d"], func)()
                assert_same(got, want)
            got = df.groupby("k")["d"].nunique().to_pandas()  # int64 as pandas (assert_same would want Int64)
            want = pdf.groupby("k")["d"].nunique()
            pd.testing.assert_series_equal(got, want, check_index_type=False)
            assert_same(df.groupby("k")[["d", "e"]].agg(["sum", "mean"]), pdf.groupby("k")[["d", "e"]].agg(["sum", "mean"]))
            assert_same(df.groupby("d")["n"].sum(), pdf.groupby("d")["n"].sum())
            assert_same(df.groupby("d", dropna=False)["n"].count(), pdf.groupby("d", dropna=False)["n"].count())
            assert_same(df.groupby(["k", "d"])["e"].max(), pdf.groupby(["k", "d"])["e"].max())
            if mode == "strict":  # (ties in any order in partial mode)
                assert_same(df["d"].value_counts(), pdf["d"].value_counts())
            assert_same(df["d"].value_counts().sort_index(), pdf["d"].value_counts().sort_index())


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_merge_and_duplicates_match_pandas(mode):
    pdf = frame()
    right = pd.DataFrame({"d": decimals(["1.5", "-2.25", None, "7"]).array,
                          "r": pd.array([10, 20, 30, 40], dtype="Int64")})
    with cpd.option_context("session.ordering_mode", mode):
        df, dr = cpd.read_pandas(pdf), cpd.read_pandas(right)
        for how in ["inner", "left", "outer"]:
            got = df.merge(dr, on="d", how=how).to_pandas()
            want = pdf.merge(right, on="d", how=how)
            order = ["d", "n", "r", "k", "e"]
            got = got.sort_values(order, ignore_index=True)
            want = want.sort_values(order, ignore_index=True)
            pd.testing.assert_frame_equal(got, want)
        got = df.drop_duplicates("d").to_pandas()
        want = pdf.drop_duplicates("d")
        if mode == "partial":
            got, want = got.sort_values("d", ignore_index=True), want.sort_values("d", ignore_index=True)
        pd.testing.assert_frame_equal(got, want)


def test_what_pandas_cannot_compute_is_refused():
    pdf = frame()
    df = cpd.read_pandas(pdf)
    for pandas_call in [lambda s, t: s + t, lambda s, t: s - t, lambda s, t: s * t, lambda s, t: s / t,
                        lambda s, t: s + 1, lambda s, t: s * 2]:
        with pytest.raises(pa.ArrowInvalid):  # pandas: precision past 38
            pandas_call(pdf["d"], pdf["e"])
        with pytest.raises(exceptions.DTypeError, match="'d'|decimal"):
            pandas_call(df["d"], df["e"]).to_pandas()
    with pytest.raises(exceptions.DTypeError, match="'d'|decimal"):  # pandas: double[pyarrow]
        (df["d"] + 1.5).to_pandas()
    with pytest.raises(exceptions.DTypeError, match="'d'|decimal"):  # pandas: compares as doubles
        (df["d"] < 1.5).to_pandas()
    for func in ["median", "std", "var", "prod"]:  # pandas: floats (or a product cut to scale 9)
        with pytest.raises(exceptions.DTypeError, match="'d'|decimal"):
            getattr(df["d"], func)()
        with pytest.raises(exceptions.DTypeError, match="'d'|decimal"):
            getattr(df.groupby("k")["d"], func)().to_pandas()
    with pytest.raises(exceptions.DTypeError):
        df["d"].cumsum().to_pandas()
    with pytest.raises(TypeError):
        pdf["d"].cumsum()
    with pytest.raises(exceptions.UnsupportedError, match="0.0000000001|1E-10"):  # finer than the dtype holds
        (df["d"] < D("0.0000000001")).to_pandas()
    # (isin, fillna, where, astype: test_decimal_methods)


NUMERIC_ONLY = {  # pandas keeps decimal columns in numeric_only's selection, then computes or raises
    "groupby quantile": lambda f: f.groupby("k").quantile(numeric_only=True),
    "groupby idxmax": lambda f: f.groupby("k").idxmax(numeric_only=True),
    "groupby idxmin": lambda f: f.groupby("k").idxmin(numeric_only=True),
    "groupby corr": lambda f: f.groupby("k").corr(numeric_only=True),
    "quantile": lambda f: f.quantile(numeric_only=True),
    "corr": lambda f: f.corr(numeric_only=True),
    "cov": lambda f: f.cov(numeric_only=True),
    "rank": lambda f: f.rank(numeric_only=True),
    "corrwith": lambda f: f.corrwith(f["n"], numeric_only=True),
}


@pytest.mark.parametrize("what", list(NUMERIC_ONLY))
def test_numeric_only_keeps_decimals(what):
    """numeric_only=True counts decimals as numbers in pandas: cormorant raises DTypeError naming
    the column where it left it out (a result with fewer columns than pandas')."""
    pdf = frame().drop(columns="e")
    try:
        want = NUMERIC_ONLY[what](pdf)
    except (TypeError, NotImplementedError):
        pass  # pandas raises on the decimal column
    else:
        assert "d" in (want.columns if isinstance(want, pd.DataFrame) else want.index)
    with pytest.raises(exceptions.DTypeError, match="decimal column 'd'"):
        out = NUMERIC_ONLY[what](cpd.read_pandas(pdf))
        out.to_pandas() if hasattr(out, "to_pandas") else out


@pytest.mark.parametrize("method", ["nlargest", "nsmallest"])
def test_nlargest_of_decimals(method):
    """pandas cannot choose among decimals (TypeError); cormorant refuses, naming the column, and
    gives pandas' sorted rows when every row is taken."""
    pdf = frame()
    df = cpd.read_pandas(pdf)
    with pytest.raises(TypeError):
        getattr(pdf["d"], method)(2)
    with pytest.raises(exceptions.DTypeError, match="decimal column 'd'"):
        getattr(df["d"], method)(2).to_pandas()
    with pytest.raises(exceptions.DTypeError, match="decimal column 'd'"):
        getattr(df, method)(2, "d").to_pandas()
    assert_same(getattr(df["d"], method)(len(pdf)), getattr(pdf["d"], method)(len(pdf)))


BIG, NEG = D("99999999999999999999999999999.999999999"), D("-99999999999999999999999999999.999999999")


@pytest.mark.parametrize("values", [[BIG, NEG, BIG], [NEG, D("-0.5"), D("0.5")], [NEG, None, D("0.000000001")],
                                    [D("-0.000000005"), D("0")], [D("0.000000005"), D("0"), None]])
def test_sums_and_means_at_the_ends_of_the_dtype(values):
    """Sums and means whose values reach the dtype's 29 integer digits equal pandas' (the mean of
    [-99999999999999999999999999999.999999999, -0.5, 0.5] raised the engine's cast error)."""
    pdf = pd.DataFrame({"k": [1] * len(values), "d": decimals(values).array})
    df = cpd.read_pandas(pdf)
    same_scalar(df["d"].sum(), pdf["d"].sum())
    same_scalar(df["d"].mean(), pdf["d"].mean())
    assert_same(df.groupby("k")["d"].mean(), pdf.groupby("k")["d"].mean())


@pytest.mark.parametrize("values", [[BIG, BIG, BIG], [BIG, D("0.000000001")], [NEG, NEG]])
def test_a_sum_past_the_dtype_is_refused_naming_the_column(values):
    """pandas' (pyarrow's) sum wraps around past 38 digits (or shows 39): not the exact sum.
    cormorant raises ArithmeticOverflowError naming the column, not the engine's text."""
    pdf = pd.DataFrame({"k": [1] * len(values), "d": decimals(values).array})
    with decimal.localcontext() as ctx:
        ctx.prec = 80
        exact = sum(values, D(0))
        assert abs(exact) >= D(10) ** 29  # past what decimal128(38, 9) holds
    df = cpd.read_pandas(pdf)
    for call in [lambda f: f["d"].sum(), lambda f: f["d"].mean(), lambda f: f.groupby("k")["d"].sum().to_pandas(),
                 lambda f: f.sum()]:
        with pytest.raises(exceptions.ArithmeticOverflowError, match="column 'd'") as raised:
            call(df)
        assert "HUGEINT" not in str(raised.value) and "Int64" not in str(raised.value)


@pytest.mark.parametrize("values", [
    ["12345678901234567890.123456789"] * 3 + ["-0.000000001"],
    ["-99999999999999999999.999999999", "-99999999999999999999.999999998", "-1"],
    ["-12345678901234567890123456789.123456789", "7.000000001", "0.5"],
    ["98765432109876543210987654321.987654321", "-1.000000001"],
])
def test_means_of_sums_past_int64_units(values):
    """Means whose sum is past 2**63 units of 1e-9 (Spark's DIV gives a BIGINT and wrapped them
    around; its abs of a negative decimal rounds past 34 digits): whole column, groupby and a
    frame's, equal to pandas', negative values and 38-digit sums included."""
    pdf = pd.DataFrame({"k": ["a", "b"] * (len(values) // 2) + ["a"] * (len(values) % 2),
                        "d": decimals(values).array})
    df = cpd.read_pandas(pdf)
    same_scalar(df["d"].mean(), pdf["d"].mean())
    same_scalar(df["d"].sum(), pdf["d"].sum())
    assert_same(df.groupby("k")["d"].mean(), pdf.groupby("k")["d"].mean())
    assert_same(df.groupby("k")["d"].sum(), pdf.groupby("k")["d"].sum())
    pd.testing.assert_series_equal(df[["d"]].mean(), pdf[["d"]].mean())


@pytest.mark.parametrize("values", [
    ["-12345678901234567890123456789.123456789", "12345678901234567890123456789.123456789", None],
    ["99999999999999999999999999999.999999999", "-0.000000001", "0", "-0.5"],
    ["1.000000001", "-1234567.890123456", None, "-99999999999999999999999999999.999999999"],
])
def test_negation_and_abs_of_38_digit_values(values):
    """-x and abs(x) of decimals of up to 38 digits are exact, as pandas' (Spark's own unary
    minus and abs round to 34 digits); missing values stay missing."""
    pdf = pd.DataFrame({"d": decimals(values).array})
    df = cpd.read_pandas(pdf)
    assert_same(-df["d"], -pdf["d"])
    assert_same(abs(df["d"]), abs(pdf["d"]))
    assert_same(df["d"].abs(), pdf["d"].abs())
    assert_same((-df["d"]).abs(), (-pdf["d"]).abs())
