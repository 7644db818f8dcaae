"""DataFrame reductions along each row (axis=1) against pandas 3.1: sum, prod, min, max,
count, mean, median, std, var, any, all with skipna both ways and numeric_only / bool_only,
Int64, Float64 and boolean columns (pandas' result dtypes), missing values, rows with nothing
to reduce, no rows, repeated index labels, both ordering modes and re-execution."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same

FUNCS = ["sum", "prod", "min", "max", "count", "mean", "median", "std", "var", "any", "all"]


@pytest.fixture(name="pdf")
def frame() -> pd.DataFrame:
    return pd.DataFrame({
        "i": pd.array([1, None, 3, None, -7, 0, 2**40], dtype="Int64"),
        "j": pd.array([4, None, 5, 6, None, 0, 3], dtype="Int64"),
        "f": pd.array([0.5, None, None, 2.0, 1e300, -0.0, 0.1], dtype="Float64"),
        "g": pd.array([1.5, None, -2.25, None, 1e300, 3.0, 0.2], dtype="Float64"),
        "b": pd.array([True, None, False, True, None, False, True], dtype="boolean"),
        "c": pd.array([False, None, False, None, True, False, True], dtype="boolean"),
        "s": pd.array(["x", None, "y", "z", None, "w", "v"], dtype="string"),
    }, index=pd.Index([10, 11, 10, 12, 13, 11, 14], name="k"))  # repeated labels


def pandas_result(pdf, func, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return getattr(pdf, func)(axis=1, **kwargs)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("columns", [["i", "j"], ["i", "f"], ["f", "g"], ["b", "c"], ["i"], ["f", "i", "g", "j"]])
@pytest.mark.parametrize("func", FUNCS)
def test_row_reductions(pdf, mode, columns, func):
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)[columns]
        for skipna in ((True,) if func == "count" else (True, False)):
            kwargs = {} if func == "count" else {"skipna": skipna}
            expected = pandas_result(pdf[columns], func, **kwargs)
            got = getattr(cdf, func)(axis=1, **kwargs)
            for _ in range(2):  # re-execution
                if mode == "partial":  # no index: the same values
                    pd.testing.assert_series_equal(
                        got.to_pandas().sort_values().reset_index(drop=True),
                        pd.Series(expected.array, dtype=got.dtype).sort_values().reset_index(drop=True),
                        check_names=False, rtol=1e-12)
                else:
                    assert_same(got, expected)


@pytest.mark.parametrize("func", ["sum", "mean", "max", "count", "std"])
def test_row_reductions_numeric_only_and_positional_axis(pdf, func):
    pdf = pdf.drop(columns=["b", "c"])  # booleans with numbers: pandas' object Series (refused below)
    cdf = cpd.read_pandas(pdf)
    assert_same(getattr(cdf, func)(1, numeric_only=True), pandas_result(pdf, func, numeric_only=True)
                if func != "count" else pdf.count(1, numeric_only=True))
    assert_same(getattr(cdf[["i", "f"]], func)(axis="columns"), pandas_result(pdf[["i", "f"]], func))


@pytest.mark.parametrize("func", ["any", "all"])
def test_row_truth_of_booleans_and_numbers(pdf, func):
    """pandas' any/all(axis=1) of booleans with numbers: numpy bool; boolean here."""
    cdf = cpd.read_pandas(pdf)
    got = getattr(cdf[["i", "b", "f"]], func)(axis=1)
    assert_same(got, pandas_result(pdf[["i", "b", "f"]], func).astype("boolean"))
    # bool_only: pandas takes NumPy bool columns (which read_pandas reads as boolean), not its
    # nullable boolean ones
    numpy_bools = pd.DataFrame({"i": pdf["i"], "b": [True, False, False, True, False, False, True],
                                "c": [False, False, True, True, False, False, True]}, index=pdf.index)
    assert_same(getattr(cpd.read_pandas(numpy_bools), func)(axis=1, bool_only=True),
                pandas_result(numpy_bools, func, bool_only=True).astype("boolean"))


def test_row_reductions_of_no_rows(pdf):
    empty = pdf.head(0)[["i", "f"]]
    cdf = cpd.read_pandas(empty)
    for func in ("sum", "mean", "min", "count", "std", "any"):
        expected = pandas_result(empty, func)
        got = getattr(cdf, func)(axis=1).to_pandas()
        assert len(got) == 0
        pd.testing.assert_index_equal(got.index, cpd.read_pandas(empty).to_pandas().index)


@pytest.mark.parametrize("columns", [["i", "j"], ["i", "f"], ["f", "g", "i"], ["b", "c"], ["i"]])
def test_row_reductions_min_count_and_ddof(pdf, columns):
    """min_count (sum, prod: <NA> where a row has fewer values) and ddof (std, var: n - ddof,
    <NA> where n <= ddof, 0 for one value; a float ddof truncated, as pandas) along rows."""
    cdf = cpd.read_pandas(pdf)[columns]
    for skipna in (True, False):
        for func in ("sum", "prod"):
            for min_count in (0, 1, 2, 3, 5):
                kwargs = dict(skipna=skipna, min_count=min_count)
                assert_same(getattr(cdf, func)(axis=1, **kwargs), pandas_result(pdf[columns], func, **kwargs))
        if columns == ["b", "c"]:
            continue  # (pandas' var of booleans along rows: an object ndarray error)
        for func in ("std", "var"):
            for ddof in (0, 2, 3, -1, 1.5):
                kwargs = dict(skipna=skipna, ddof=ddof)
                got = getattr(cdf, func)(axis=1, **kwargs)
                for _ in range(2):
                    assert_same(got, pandas_result(pdf[columns], func, **kwargs))


def test_row_reductions_refused(pdf):
    cdf = cpd.read_pandas(pdf)
    with pytest.raises(exceptions.DTypeError, match="'string'"):
        cdf.sum(axis=1)  # pandas: TypeError for the text column
    with pytest.raises(exceptions.DTypeError, match="object Series"):
        cdf[["i", "b"]].sum(axis=1)  # pandas: an object Series
    with pytest.raises(exceptions.DTypeError, match="skipna=False"):
        cdf[["i", "b"]].any(axis=1, skipna=False)  # pandas: TypeError
    with pytest.raises(exceptions.UnsupportedError, match="axis=None"):
        cdf[["i"]].sum(axis=None)
    with pytest.raises(exceptions.UnsupportedError, match="without columns"):
        cdf[[]].sum(axis=1)
    # count takes every dtype
    assert_same(cdf.count(axis=1), pdf.count(axis=1))
