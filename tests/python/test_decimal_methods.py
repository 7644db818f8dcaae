"""decimal128(38, 9)[pyarrow] Series methods against pandas 3.1 (issue 13, dtypes): isin, fillna,
where/mask, astype to Float64, string and Int64 and from Int64, clip, abs and round, with pandas'
result dtype and value exactly (round: half to even at any number of digits; astype to string:
Python's str of the Decimal, 1E-9 and 0E-9 included; to Float64: the nearest double), missing
values, no rows, both ordering modes and re-execution. Where pandas fails (floats and booleans
as values, round below -28 digits, fractions to Int64) or computes what the
engine cannot (floats to decimals, text to decimals) the refusal is typed."""

from __future__ import annotations

import decimal

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import nullable
from test_decimals import D, DEC, decimals, same_elementwise

VALUES = ["1.5", None, "-2.25", "0.000000001", "2.5", "-0.5", "99999999999999999999.5", None, "-0.000000002",
          "0.125", "-15000000000000000000", "0.0000012", "-0.00000012", "0", "3", "1E+3", "0.000976562"]


@pytest.fixture(params=["all", "none", "missing"])
def series(request) -> pd.Series:
    s = decimals(VALUES).rename("d")
    return {"all": s, "none": s.iloc[:0], "missing": s[s.isna()]}[request.param]


def check(series, mode, f):
    """f of cormorant's Series equals f of pandas', twice."""
    want = f(series)
    with cpd.option_context("session.ordering_mode", mode):
        got = f(cpd.read_pandas(series.to_frame())["d"])
        for _ in range(2):
            same_elementwise(got, want, mode)


CASES = {
    "fillna Decimal": lambda s: s.fillna(D("7.25")),
    "fillna int": lambda s: s.fillna(0),
    "where": lambda s: s.where(s > 0),
    "where Decimal": lambda s: s.where(s > 0, D("-1.5")),
    "where int": lambda s: s.where(s > 0, 9),
    "mask": lambda s: s.mask(s > 0),
    "mask int": lambda s: s.mask(s < 1, -3),
    "where Series": lambda s: s.where(s > 0, -s),
    "clip": lambda s: s.clip(D("-1"), D("2.5")),
    "clip ints": lambda s: s.clip(-1, 2),
    "clip reversed": lambda s: s.clip(D("2.5"), -1),
    "clip lower": lambda s: s.clip(lower=0),
    "clip upper": lambda s: s.clip(upper=D("0.000000001")),
    "abs": lambda s: s.abs(),
    "round": lambda s: s.round(),
    "astype Float64": lambda s: s.astype("Float64"),
    "astype string": lambda s: s.astype("string"),
    "isin Decimal": lambda s: s.isin([D("1.5"), D("-0.000000002"), D("0")]),
    "isin int": lambda s: s.isin([3, 0, 1000]),
    "isin float": lambda s: s.isin([1.5, 0.125, 1 / 1024, 0.1 + 0.2, 1e-10]),
    "isin missing": lambda s: s.isin([None, D("2.5")]),
    "isin NaN": lambda s: s.isin([float("nan")]),
    "isin pd.NA": lambda s: s.isin([pd.NA, 3]),
    "isin nothing": lambda s: s.isin([]),
}


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("case", list(CASES))
def test_methods_as_pandas(series, mode, case):
    check(series, mode, CASES[case])


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("digits", [9, 12, 8, 3, 2, 1, 0, -1, -2, -19, -20, -28])
def test_round_half_to_even_at_every_digit(series, mode, digits):
    check(series, mode, lambda s: s.round(digits))


def test_astype_string_as_python_writes_decimals():
    """Every magnitude around Python's switch to an exponent (below 1e-6), both signs."""
    texts = [f"{sign}{units}E-9" for sign in ("", "-") for units in (0, 1, 9, 10, 12, 99, 100, 120, 999, 1000, 1200, 123456789)]
    s = decimals(texts).rename("d")
    got = cpd.read_pandas(s.to_frame())["d"].astype("string").to_pandas()
    pd.testing.assert_series_equal(got, s.astype("string"))


def test_astype_float64_is_the_nearest_double():
    rng = np.random.default_rng(0)
    units = rng.integers(-10**18, 10**18, 3000) * rng.integers(1, 10**6, 3000).astype(object)
    s = decimals([decimal.Decimal(int(u)).scaleb(-9) for u in units] + [None]).rename("d")
    got = cpd.read_pandas(s.to_frame())["d"].astype("Float64").to_pandas()
    pd.testing.assert_series_equal(got, s.astype("Float64"), check_exact=True)


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_int64_to_decimal_and_isin_across(mode):
    pdf = pd.DataFrame({"n": pd.array([1, None, -5, 2**62, 0], dtype="Int64"),
                        "d": decimals(["1", "2.5", None, "4611686018427387904", "0"]).array})
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        for f in [lambda d: d["n"].astype(DEC), lambda d: d["d"].isin(d["n"]), lambda d: d["n"].isin(d["d"]),
                  lambda d: d["n"].isin([D("1"), D("-5.5")]), lambda d: d["d"].isin(d["d"])]:
            for _ in range(2):
                same_elementwise(f(cdf), f(pdf), mode)


def test_frame_methods():
    pdf = pd.DataFrame({"d": decimals(VALUES).array, "n": pd.array(range(len(VALUES)), dtype="Int64")})
    cdf = cpd.read_pandas(pdf)
    for f in [lambda d: d.fillna(0), lambda d: d.astype({"d": "Float64"}), lambda d: d.round(2),
              lambda d: d.isin([3, D("1.5")]), lambda d: d[["d"]].abs()]:
        want = f(pdf)
        pd.testing.assert_frame_equal(f(cdf).to_pandas(), nullable(want))


REFUSED = [
    ("fillna float", lambda s: s.fillna(0.5), exceptions.DTypeError),
    ("fillna text", lambda s: s.fillna("x"), exceptions.DTypeError),
    ("where float", lambda s: s.where(s > 0, 9.5), exceptions.DTypeError),
    ("clip float", lambda s: s.clip(-1.5, 2.5), exceptions.DTypeError),
    ("clip text", lambda s: s.clip("0", "1"), exceptions.DTypeError),
    ("round -29", lambda s: s.round(-29), exceptions.InvalidArgumentError),
    ("isin text", lambda s: s.isin(["x"]), exceptions.DTypeError),
    ("isin bool", lambda s: s.isin([True]), exceptions.DTypeError),
    ("astype boolean", lambda s: s.astype("boolean"), exceptions.DTypeError),
    # integers past Int64 (pandas: OverflowError boxing the list as int64), 2**63 to past 29 digits
    ("isin 2**63", lambda s: s.isin([2**63]), exceptions.IntegerOverflowError),
    ("isin 2**64", lambda s: s.isin([2**64, None]), exceptions.IntegerOverflowError),
    ("isin below Int64", lambda s: s.isin([1, -(2**63) - 1]), exceptions.IntegerOverflowError),
    ("isin 10**30", lambda s: s.isin([10**30]), exceptions.IntegerOverflowError),
]


@pytest.mark.parametrize("name,f,error", REFUSED, ids=[r[0] for r in REFUSED])
def test_what_pandas_refuses_is_refused(name, f, error):
    s = decimals(VALUES).rename("d")
    with pytest.raises(Exception):  # noqa: B017 - pandas' TypeError, ArrowInvalid, ArrowTypeError, ...
        f(s)
    with pytest.raises(error):
        f(cpd.read_pandas(s.to_frame())["d"]).to_pandas()


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_constants_of_38_digits(mode):
    """Decimal constants of more than 28 significant digits that decimal128(38, 9) holds (the
    dtype's ends) work as pandas' (they raised UnsupportedError: the check took abs() in
    Python's default 28-digit context, which rounded them to 1E+29); 10**29 is still refused."""
    big, small = D("-99999999999999999999999999999.999999999"), D("99999999999999999999999999999.5")
    s = decimals([str(big), None, "1.5", str(small)]).rename("d")
    with cpd.option_context("session.ordering_mode", mode):
        c = cpd.read_pandas(s.to_frame())["d"]
        for f in [lambda x: x.fillna(small), lambda x: x.isin([big, D("1.5")]), lambda x: x.clip(big, small),
                  lambda x: x.where(x > 0, big), lambda x: x == small, lambda x: x.mask(x.isna(), big)]:
            same_elementwise(f(c), f(s), mode)
    with pytest.raises(exceptions.UnsupportedError, match="does not fit"):
        c.fillna(D(10**29))


@pytest.mark.parametrize("digits", [0, 2, -5, -28])
def test_round_past_the_dtype_is_refused(digits):
    """A value rounding to 10**29 or more does not fit decimal128(38, 9): pyarrow wraps it around
    (pandas gives 0E-9, a wrong number) or refuses it, depending on the other values; cormorant
    raises ArithmeticOverflowError naming round's digits and the value, not the engine's cast
    error. The values that fit round as pandas."""
    s = decimals(["99999999999999999999999999999.5", "-99999999999999999999999999999.999999999"]).rename("d")
    for wrapping in (s, pd.concat([s, decimals(["1.5"])], ignore_index=True)):
        try:
            assert (wrapping.round(digits).iloc[:2] == 0).all()  # pandas' wrapped values
        except pa.ArrowInvalid:  # "Rounded value ... does not fit in precision"
            pass
    with pytest.raises(exceptions.ArithmeticOverflowError, match=rf"round\({digits}\): the value -?9+\.") as raised:
        cpd.read_pandas(s.to_frame())["d"].round(digits).to_pandas()
    assert "DECIMAL" not in str(raised.value) and "cast" not in str(raised.value)
    fits = decimals(["12345678901234567890123456789.4", "-2.5", None, "0.000000001"]).rename("d")
    same_elementwise(cpd.read_pandas(fits.to_frame())["d"].round(max(digits, -27)), fits.round(max(digits, -27)),
                     "strict")


def test_isin_integer_past_int64_names_it_and_the_remedy():
    s = decimals(["18446744073709551616", "1"]).rename("d")
    with pytest.raises(OverflowError):
        s.isin([2**64])
    with pytest.raises(exceptions.IntegerOverflowError, match="18446744073709551616.*decimal.Decimal") as raised:
        cpd.read_pandas(s.to_frame())["d"].isin([2**64])
    assert isinstance(raised.value, OverflowError)
    # the remedy: the same value as a Decimal, as pandas takes it
    same_elementwise(cpd.read_pandas(s.to_frame())["d"].isin([D(2**64)]), s.isin([D(2**64)]), "strict")


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("values", [[2**64], [2**63], [-(2**63) - 1, 1], [2**64, None, 3], [2**70, -5]])
def test_int64_isin_of_integers_past_int64(mode, values):
    """An integer past Int64 equals no Int64 value: pandas gives False there (the list's other
    values still match); cormorant raised InvalidArgumentError."""
    p = pd.DataFrame({"n": pd.array([1, None, -5, 2**63 - 1, 3, -(2**63)], dtype="Int64")})
    with cpd.option_context("session.ordering_mode", mode):
        same_elementwise(cpd.read_pandas(p)["n"].isin(values), p["n"].isin(values), mode)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("values", [["1", None, "-3", "0", "9223372036854775807", "-9223372036854775808"], [None], []])
def test_astype_int64_of_whole_values(mode, values):
    s = decimals(values).rename("d")
    with cpd.option_context("session.ordering_mode", mode):
        got = cpd.read_pandas(s.to_frame())["d"].astype("Int64")
        for _ in range(2):
            same_elementwise(got, s.astype("Int64"), mode)


@pytest.mark.parametrize("values,error", [(["1", "1.5"], exceptions.DTypeError), ([None, "-0.000000001"], exceptions.DTypeError),
                                          (["100000000000000000000"], OverflowError)])
def test_astype_int64_fails_where_pandas_does(values, error):
    """A fraction (pandas: TypeError), a value past Int64 (OverflowError): the query fails."""
    s = decimals(values).rename("d")
    with pytest.raises((TypeError, OverflowError)):
        s.astype("Int64")
    with pytest.raises(error, match="Int64"):
        cpd.read_pandas(s.to_frame())["d"].astype("Int64").to_pandas()


@pytest.mark.parametrize("f", [lambda s: s.astype("Float64").astype(DEC), lambda s: s.astype("string").astype(DEC)],
                         ids=["Float64 to decimal", "text to decimal"])
def test_casts_not_yet_supported_are_typed(f):
    """pandas converts these by rounding a float's binary value, or parsing text by pyarrow's
    rules, which the engine does not: DTypeError."""
    s = decimals(["1", "2"]).rename("d")
    with pytest.raises(exceptions.DTypeError, match="decimal128"):
        f(cpd.read_pandas(s.to_frame())["d"]).to_pandas()
