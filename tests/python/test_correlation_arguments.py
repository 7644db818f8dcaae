"""DataFrame.corr(method='spearman'/'kendall', min_periods=) and cov(min_periods=) against pandas 3.1
(issue 13; they were refused), and numeric_only=False with a column pandas would convert (or fail
to): Int64, Float64 and boolean columns with missing values, ties, no rows, one row, repeated index
labels, re-execution."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

RTOL = 1e-12


def _frame():
    return pd.DataFrame(
        {
            "a": pd.array([3, None, 1, 3, 2, 7, 7, -1], dtype="Int64"),
            "f": pd.array([1.5, None, -2.0, 1.25, None, 4.0, 4.0, 0.0], dtype="Float64"),
            "g": pd.array([0.5, 2.0, None, 2.0, 1.0, None, 3.5, 9.0], dtype="Float64"),
            "b": pd.array([True, False, None, True, True, False, False, True], dtype="boolean"),
        },
        index=pd.Index([10, 11, 11, 13, 14, 14, 16, 17], name="i"),
    )


def _complete():
    return pd.DataFrame({"a": pd.array([3, 5, 1, 3, 2, 7], dtype="Int64"),
                         "f": pd.array([1.5, 0.5, -2.0, 1.25, 3.0, 4.0], dtype="Float64")})


def _same(got, want):
    pd.testing.assert_frame_equal(got, want, rtol=RTOL, check_index_type=False, check_column_type=False)


@pytest.mark.parametrize("data", ["missing", "complete", "none", "one"])
@pytest.mark.parametrize("min_periods", [None, 1, 2, 4, 7, 100])
def test_corr_and_cov(data, min_periods):
    pdf = {"missing": _frame(), "complete": _complete(), "none": _frame().head(0), "one": _frame().head(1)}[data]
    cdf = cpd.read_pandas(pdf)
    for method in ("pearson", "spearman", "kendall"):
        kwargs = {} if min_periods is None else {"min_periods": min_periods}
        _same(cdf.corr(method=method, **kwargs), pdf.corr(method=method, **kwargs))
        _same(cdf.corr(method=method, **kwargs), pdf.corr(method=method, **kwargs))  # again
    _same(cdf.cov(min_periods=min_periods), pdf.cov(min_periods=min_periods))


def test_numeric_only():
    pdf = _frame().assign(s=pd.array(["x", "y", "z", None, "q", "r", "s", "t"], dtype="string"),
                          t=pd.to_datetime(["2020-01-01"] * 8).tz_localize("Asia/Tokyo"))
    cdf = cpd.read_pandas(pdf)
    for method in ("pearson", "spearman", "kendall"):
        _same(cdf.corr(method=method, numeric_only=True), pdf.corr(method=method, numeric_only=True))
    _same(cdf.drop(columns="t").cov(numeric_only=True), pdf.drop(columns="t").cov(numeric_only=True))
    with pytest.raises(ValueError):
        pdf.corr()
    for call in (lambda: cdf.corr(), lambda: cdf.cov(), lambda: cdf[["a", "t"]].corr()):
        with pytest.raises(exceptions.DTypeError, match="numeric_only=True"):
            call()


def test_refusals():
    cdf = cpd.read_pandas(_frame())
    with pytest.raises(exceptions.UnsupportedError, match="method"):
        cdf.corr(method=lambda x, y: 0.0)
    with pytest.raises(exceptions.DTypeError, match="min_periods"):
        cdf.corr(min_periods=1.5)
    assert np.isnan(cdf[["a", "g"]].corr(min_periods=50).iloc[0, 1])


@pytest.mark.parametrize("data", ["missing", "complete", "none", "one"])
@pytest.mark.parametrize("min_periods", [None, 1, 2, 4, 100])
def test_series_corr_and_cov(data, min_periods):
    pdf = {"missing": _frame(), "complete": _complete(), "none": _frame().head(0), "one": _frame().head(1)}[data]
    cdf = cpd.read_pandas(pdf.reset_index(drop=True))
    pdf = pdf.reset_index(drop=True)
    for a, b in (("a", "f"), ("f", "a"), ("a", "a")):
        x, y, px, py = cdf[a], cdf[b], pdf[a], pdf[b]
        kwargs = {} if min_periods is None else {"min_periods": min_periods}
        for got, want in ((x.corr(y, **kwargs), px.corr(py, **kwargs)), (x.cov(y, **kwargs), px.cov(py, **kwargs)),
                          # pandas' Series.corr needs SciPy for Spearman's: its DataFrame.corr of the pair
                          (x.corr(y, method="spearman", **kwargs),
                           pd.DataFrame({"x": px, "y": py}).corr(method="spearman", **kwargs).iloc[0, 1]),
                          (x.corr(y, method="kendall", **kwargs), px.corr(py, method="kendall", **kwargs))):
            assert (np.isnan(got) and np.isnan(want)) or got == pytest.approx(want, rel=RTOL), (got, want)
    with pytest.raises(exceptions.UnsupportedError, match="method"):
        cdf["a"].corr(cdf["f"], method="tau")
    got, want = x.cov(y, ddof=0, **kwargs), px.cov(py, ddof=0, **kwargs)  # (test_cov_ddof_corrwith.py)
    assert (np.isnan(got) and np.isnan(want)) or got == pytest.approx(want, rel=RTOL), (got, want)
