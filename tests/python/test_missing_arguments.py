"""pandas 3.1's missing-data arguments (issue 13): dropna(axis=1) with how, thresh and
ignore_index; Series.dropna(how=) (unused, as in pandas); fillna(limit=) of Series and frames
(with a dict too) and fillna(axis=1). Missing values, repeated index labels, no rows, text and
datetimes in another zone than UTC, re-execution; typed errors."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame():
    return pd.DataFrame(
        {
            "a": pd.array([3, None, 1, None, 2, None], dtype="Int64"),
            "f": pd.array([None, None, -2.0, 1.5, None, 4.0], dtype="Float64"),
            "s": pd.array(["x", "y", None, "z", "w", "v"], dtype="string"),
            "n": pd.array([None] * 6, dtype="Float64"),
            "t": pd.to_datetime(["2020-03-29 01:30", None, "2020-10-25 02:30", None, None, "2021-01-01 00:00"])
            .tz_localize("Europe/Berlin", ambiguous=True),
            "full": pd.array([1, 2, 3, 4, 5, 6], dtype="Int64"),
        },
        index=pd.Index([10, 11, 11, 13, 14, 14], name="k"),
    )


CASES = [dict(), dict(how="all"), dict(thresh=5), dict(thresh=2), dict(thresh=0), dict(how="any", ignore_index=True)]


@pytest.mark.parametrize("rows", ["all", "none", "one"])
@pytest.mark.parametrize("kwargs", CASES, ids=range(len(CASES)))
def test_dropna_columns(rows, kwargs):
    pdf = {"all": _frame(), "none": _frame().head(0), "one": _frame().head(1)}[rows]
    cdf = cpd.read_pandas(pdf)
    for axis in (1, "columns"):
        got, want = cdf.dropna(axis=axis, **kwargs), pdf.dropna(axis=axis, **kwargs)
        if len(want.columns) == 0:  # the empty labels' Index is object here, pandas keeps 'str' (README)
            want.columns = pd.Index([], dtype=object)
        assert_same(got, want)
        assert_same(got, want)  # again


def test_dropna_columns_inplace_and_errors():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    assert cdf.dropna(axis=1, inplace=True) is None
    assert pdf.dropna(axis=1, inplace=True) is None
    assert_same(cdf, pdf)
    with pytest.raises(exceptions.UnsupportedError, match="subset"):
        cpd.read_pandas(_frame()).dropna(axis=1, subset=[10])
    with pytest.raises(exceptions.InvalidArgumentError, match="axis"):
        cpd.read_pandas(_frame()).dropna(axis=2)


def test_series_dropna_how():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    for how in (None, "any", "all"):
        assert_same(cdf["f"].dropna(how=how), pdf["f"].dropna(how=how))
    assert_same(cdf["f"].dropna(axis=0, ignore_index=True), pdf["f"].dropna(axis=0, ignore_index=True))


@pytest.mark.parametrize("limit", [1, 2, 10])
@pytest.mark.parametrize("rows", ["all", "none"])
def test_fillna_limit(limit, rows):
    pdf = _frame() if rows == "all" else _frame().head(0)
    cdf = cpd.read_pandas(pdf)
    for column, value in (("a", 0), ("f", 9.5), ("s", "q"), ("t", pd.Timestamp("2000-01-01", tz="Europe/Berlin"))):
        assert_same(cdf[column].fillna(value, limit=limit), pdf[column].fillna(value, limit=limit))
    numbers, pnumbers = cdf[["a", "f", "n"]], pdf[["a", "f", "n"]]
    got = numbers.fillna(0, limit=limit)
    assert_same(got, pnumbers.fillna(0, limit=limit))
    assert_same(got, pnumbers.fillna(0, limit=limit))  # again
    assert_same(cdf.fillna({"a": 7, "s": "q"}, limit=limit), pdf.fillna({"a": 7, "s": "q"}, limit=limit))
    # a filtered frame: the running count follows the remaining rows
    assert_same(numbers[numbers["a"].isna()].fillna(1, limit=limit),
                pnumbers[pnumbers["a"].isna()].fillna(1, limit=limit))


def test_fillna_axis():
    pdf = _frame()[["a", "f", "n"]]
    cdf = cpd.read_pandas(pdf)
    for axis in (0, "index", 1, "columns"):
        assert_same(cdf[["f", "n"]].fillna(5, axis=axis), pdf[["f", "n"]].fillna(5, axis=axis))
        assert_same(cdf[["a"]].fillna(5, axis=axis), pdf[["a"]].fillna(5, axis=axis))
        # Int64 with Float64: pandas fills along rows through object columns (README); the values agree
        assert_same(cdf.fillna(5, axis=axis), pdf.fillna(5, axis=axis).astype({"a": "Int64", "f": "Float64", "n": "Float64"}))
    with pytest.raises(exceptions.UnsupportedError, match="axis=1"):
        cdf.fillna({"a": 1}, axis=1)
    with pytest.raises(exceptions.UnsupportedError, match="limit"):
        cdf.fillna(1, axis=1, limit=1)


def test_fillna_limit_errors():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    for limit, message in ((0, "greater than 0"), (-1, "greater than 0"), (1.5, "integer")):
        with pytest.raises(ValueError, match=message):
            pdf["a"].fillna(1, limit=limit)
        with pytest.raises(exceptions.InvalidArgumentError, match=message):
            cdf["a"].fillna(1, limit=limit)
    with pytest.raises(TypeError):
        pdf["a"].fillna(1.5, limit=1)
    with pytest.raises(exceptions.DTypeError):
        cdf["a"].fillna(1.5, limit=1).to_pandas()
