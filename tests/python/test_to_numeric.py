"""cpd.to_numeric against pandas 3.1's to_numeric: text parsed in the engine (integers, floats,
inf, whitespace, empty strings, what cannot be parsed), the result dtype pandas picks from the
values, errors="raise"/"coerce", numbers and booleans unchanged; both ordering modes, twice."""

from __future__ import annotations

import random

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same, id_frame, in_order

CASES = {
    "integers": ["1", "-2", "+3", "0007", "-0", None],
    "floats": ["1", "2.5", None, "1e3", ".5", "5.", "1.e3", "-1E-2"],
    "infinities": ["inf", "-Infinity", "+INF", "infinity", "1e400", "-1e400", "1e-400"],
    "whitespace": [" 3 ", "\t4\n", "\x0b5\x0c", "\r6"],
    "empty_string": ["1", "", None],
    "only_missing": [None, None],
    "no_rows": [],
    "int64_ends": ["9223372036854775807", "-9223372036854775808"],
    "past_int64_with_floats": ["9223372036854775808", "1.5", "-99999999999999999999"],
    "unparsable": ["1", "x", "nan", "1_000", "0x1A", "\u0663", "\xa01", "1 2", "- 1", "e3", "1e", None],
    "unparsable_only": ["x", None],
    "nan_and_integers": ["NaN", "1"],
}




@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("errors", ["raise", "coerce"])
@pytest.mark.parametrize("name", list(CASES))
def test_strings_parse_as_pandas(name, errors, mode):
    pdf = id_frame(CASES[name])
    try:
        expected = pd.to_numeric(pdf["s"], errors=errors)
    except ValueError as e:
        with cpd.option_context("session.ordering_mode", mode):
            with pytest.raises(exceptions.InvalidArgumentError) as info:
                cpd.to_numeric(cpd.read_pandas(pdf)["s"], errors=errors)
        if mode == "strict":
            assert str(info.value) == str(e)
        else:  # without an order, any value that cannot be parsed, and no position
            assert str(info.value).startswith("Unable to parse string '") and "position" not in str(info.value)
        assert isinstance(info.value, ValueError)
        return
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        result = cpd.to_numeric(cdf["s"], errors=errors)
        assert result.dtype == expected.dtype
        for _ in range(2):  # re-execution
            pd.testing.assert_series_equal(in_order(cdf, result, mode), expected.rename("r"))


def test_index_and_name_are_kept():
    p = pd.Series(["1", "2.5", None], dtype="string", name="v", index=pd.Index([10, 10, 3], dtype="Int64"))
    assert_same(cpd.to_numeric(cpd.read_pandas(p.to_frame())["v"]), pd.to_numeric(p))


def test_random_text_parses_as_pandas():
    """4,000 strings of digits, signs, points, exponents (past the doubles' range too), inf and
    other letters: the engine's parse equals pandas' float for float (correctly rounded)."""
    rng = random.Random(7)
    alphabet = "0123456789" * 3 + ".eE+- \tinfINFtyx_"

    def text():
        k = rng.random()
        if k < 0.3:
            return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        if k < 0.6:
            return f"{rng.uniform(-1e6, 1e6):.{rng.randint(0, 20)}g}"
        if k < 0.8:
            digits = lambda n: "".join(rng.choice("0123456789") for _ in range(n))  # noqa: E731
            return (digits(rng.randint(1, 25)) + ("." + digits(rng.randint(0, 25)) if rng.random() < 0.7 else "")
                    + (f"e{rng.randint(-330, 310)}" if rng.random() < 0.5 else ""))
        return repr(rng.uniform(-1, 1) * 10 ** rng.randint(-320, 308))

    p = pd.Series([text() for _ in range(4000)] + [None], dtype="string", name="s")
    assert_same(cpd.to_numeric(cpd.read_pandas(p.to_frame())["s"], errors="coerce"), pd.to_numeric(p, errors="coerce"))


def test_numbers_and_booleans_come_back_unchanged():
    pdf = pd.DataFrame({"i": pd.array([1, None], dtype="Int64"), "f": pd.array([1.5, None], dtype="Float64"),
                        "b": pd.array([True, None], dtype="boolean")})
    cdf = cpd.read_pandas(pdf)
    for column in pdf:
        assert_same(cpd.to_numeric(cdf[column]), pd.to_numeric(pdf[column]))


def test_python_data_goes_to_pandas():
    assert cpd.to_numeric("1.5") == pd.to_numeric("1.5")
    assert list(cpd.to_numeric(["1", "2"])) == list(pd.to_numeric(["1", "2"]))


def test_refusals_are_typed():
    pdf = pd.DataFrame({"s": pd.array(["1", "99999999999999999999"], dtype="string"),
                        "t": pd.to_datetime(["2024-01-01", None])})
    cdf = cpd.read_pandas(pdf)
    with pytest.raises(exceptions.UnsupportedError, match="beyond Int64"):
        cpd.to_numeric(cdf["s"])  # pandas: object
    with pytest.raises(exceptions.InvalidArgumentError, match="downcasting"):
        cpd.to_numeric(cdf["s"], downcast="small")
    with pytest.raises(exceptions.InvalidArgumentError, match="error value"):
        cpd.to_numeric(cdf["s"], errors="ignore")
    with pytest.raises(ValueError):
        pd.to_numeric(pdf["s"], errors="ignore")
    with pytest.raises(exceptions.DTypeError, match="'t'.*datetime64"):
        cpd.to_numeric(cdf["t"])
    with pytest.raises(exceptions.UnsupportedError, match="dtype_backend"):
        cpd.to_numeric(cdf["s"], dtype_backend="pyarrow")


DOWNCAST_CASES = {**CASES, "bytes_range": ["1", "-128", "127", None], "short_range": ["-129", "200"],
                  "unsigned_range": ["0", "255", "256"], "big": ["100000", "-3"], "integral_floats": ["1.0", "2"],
                  "large": ["1e10", "3"]}


@pytest.mark.parametrize("downcast", ["integer", "signed", "unsigned", "float"])
@pytest.mark.parametrize("name", [n for n in DOWNCAST_CASES if not n.startswith(("unparsable", "past_int64", "nan_and"))])
def test_downcast_as_pandas(name, downcast):
    """downcast: pandas' narrowest dtype holding the values (Int8 ... UInt64, Float32), its dtype
    before the result is read too; numbers and booleans as well as text."""
    pdf = id_frame(DOWNCAST_CASES[name])
    cdf = cpd.read_pandas(pdf)
    expected = pd.to_numeric(pdf["s"], downcast=downcast)
    got = cpd.to_numeric(cdf["s"], downcast=downcast)
    assert got.dtype == expected.dtype
    pd.testing.assert_series_equal(got.to_pandas(), expected, check_index_type=False)
    pd.testing.assert_series_equal(got.to_pandas(), expected, check_index_type=False)  # re-execution
    numbers = cpd.to_numeric(cdf["s"])
    assert_same(numbers, pd.to_numeric(pdf["s"]))
    assert cpd.to_numeric(numbers, downcast=downcast).dtype == pd.to_numeric(pd.to_numeric(pdf["s"]), downcast=downcast).dtype
    pb = pd.Series([True, None, False], dtype="boolean")
    assert cpd.to_numeric(cpd.read_pandas(pb.to_frame("b"))["b"], downcast=downcast).to_pandas().equals(
        pd.to_numeric(pb, downcast=downcast))
