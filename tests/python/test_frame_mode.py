"""DataFrame.mode against pandas 3.1 (issue 13; it was refused): columns with different numbers
of modes (padded with missing values below), dropna, numeric_only, ties, missing values, text,
booleans, datetimes in another zone than UTC, repeated index labels, no rows, re-execution."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame():
    return pd.DataFrame(
        {
            "a": pd.array([3, None, 1, 3, 2, 7, 7, None], dtype="Int64"),
            "f": pd.array([1.5, None, -2.0, 1.25, None, 4.0, 0.5, 9.0], dtype="Float64"),
            "s": pd.array(["x", "y", None, "x", "z", "y", None, None], dtype="string"),
            "b": pd.array([True, False, None, True, True, False, False, None], dtype="boolean"),
            "t": pd.to_datetime(["2020-01-01", None, "2020-01-02", "2020-01-02", None, "2020-01-01", None, None])
            .tz_localize("America/New_York"),
        },
        index=pd.Index([10, 11, 11, 13, 14, 14, 16, 17], name="i"),
    )


@pytest.mark.parametrize("rows", ["all", "none", "one"])
@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize("numeric_only", [False, True])
def test_mode(rows, dropna, numeric_only):
    pdf = {"all": _frame(), "none": _frame().head(0), "one": _frame().head(1)}[rows]
    if not dropna:  # pandas 3.1's boolean mode(dropna=False) fails (BooleanArray of an object array)
        pdf = pdf.drop(columns="b")
    cdf = cpd.read_pandas(pdf)
    want = pdf.mode(dropna=dropna, numeric_only=numeric_only)
    got = cdf.mode(dropna=dropna, numeric_only=numeric_only)
    assert_same(got, want)
    assert_same(got, want)  # again


def test_mode_refusals():
    cdf = cpd.read_pandas(_frame())
    with pytest.raises(exceptions.UnsupportedError, match="axis=1"):
        cdf.mode(axis=1)
