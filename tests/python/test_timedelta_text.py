"""Timedeltas against pandas 3.1: astype(str) (pandas' text as its array formats it: whole days
alone, the clock when some value has a part of a day, the fraction on every value when some
value has one) of Series, frames and dicts of dtypes; .dt.floor/ceil/round, as_unit, freq,
to_pytimedelta; missing values, no rows, negative values and values far past pandas'
nanosecond range; both ordering modes, twice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same, in_order

TEXT_CASES = {
    "mixed": ["1 days 02:00:00", "-1 days +23:00:00", "0s", None],
    "fractions": ["1s", "500ms", "-1us", "1us"],
    "whole_days": ["100000 days", None, "-3 days", "0 days"],
    "fraction_and_whole_days": ["-1ms", "1 days"],
    "seconds_and_days": ["1s", "1 days"],
    "negative_fraction": ["-3 days +00:00:01.5", "-0.5s"],
    "only_missing": [None, None],
    "no_rows": [],
}


def _series(values, name="t"):
    return pd.Series(pd.to_timedelta(pd.Series(values, dtype=object)).astype("timedelta64[us]"), name=name)



@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("name", list(TEXT_CASES))
def test_astype_str_as_pandas(name, mode):
    t = _series(TEXT_CASES[name])
    pdf = pd.DataFrame({"id": range(len(t)), "t": t})
    expected = pdf["t"].astype(str).astype("string")
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        for dtype in (str, "string", "str"):
            result = cdf["t"].astype(dtype)
            for _ in range(2):
                pd.testing.assert_series_equal(in_order(cdf, result, mode), expected.rename("r"))


def test_values_past_the_nanosecond_range():
    t = pd.Series(np.array([2**62, -(2**62), 10**17 + 123456, 0], dtype="timedelta64[us]"), name="t")
    assert_same(cpd.read_pandas(t.to_frame())["t"].astype(str), t.astype(str))


def test_frame_astype_str_formats_each_column():
    pdf = pd.DataFrame({"a": _series(["1 days", "2 days", None]), "b": _series(["1s", "500ms", "1h"]),
                        "n": pd.array([1, None, 3], dtype="Int64"), 5: _series(["-1us", "0s", "1 days"])})
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf.astype(str), pdf.astype(str))
    assert_same(cdf.astype({"b": "string", "n": "Float64"}), pdf.astype({"b": "string", "n": "Float64"}))
    assert_same(cdf.astype({5: str}), pdf.astype({5: str}))


FREQS = ["h", "15min", "s", "D", "2D", "1ms", "us", "7s", "2500ms", "500ns"]
ROUNDED = ["1 days 02:30:45.5", "-1h", None, "2.5s", "3.5s", "-2.5s", "-1us", "-36h", "12h", "-7s", "0s"]


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("how", ["floor", "ceil", "round"])
@pytest.mark.parametrize("freq", FREQS)
def test_floor_ceil_round_as_pandas(freq, how, mode):
    t = _series(ROUNDED)
    pdf = pd.DataFrame({"id": range(len(t)), "t": t})
    expected = getattr(pdf["t"].dt, how)(freq)
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        result = getattr(cdf["t"].dt, how)(freq)
        assert result.dtype == expected.dtype
        for _ in range(2):
            pd.testing.assert_series_equal(in_order(cdf, result, mode), expected.rename("r"))


def test_rounding_of_no_rows():
    t = _series([])
    assert_same(cpd.read_pandas(t.to_frame())["t"].dt.round("h"), t.dt.round("h"))


def test_unit_properties_and_python_values():
    t = _series(ROUNDED)
    c = cpd.read_pandas(t.to_frame())["t"]
    assert c.dt.freq is None and t.dt.freq is None
    assert_same(c.dt.as_unit("us"), t.dt.as_unit("us"))
    got, expected = c.dt.to_pytimedelta(), t.array.to_pytimedelta()
    assert isinstance(got, np.ndarray) and list(got) == list(expected)


def test_refusals_are_typed():
    t = _series(ROUNDED)
    c = cpd.read_pandas(t.to_frame())["t"]
    with pytest.raises(exceptions.UnsupportedError, match="timedelta64"):
        c.dt.as_unit("ms")
    with pytest.raises(exceptions.UnsupportedError, match="microseconds"):
        c.dt.floor("3ns")
    for freq in ("ME", "x"):
        with pytest.raises(exceptions.InvalidArgumentError):
            c.dt.floor(freq)
        with pytest.raises(ValueError):
            t.dt.floor(freq)
