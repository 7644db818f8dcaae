"""cov(ddof=) of Series and frames and DataFrame.corrwith(method="spearman"/"kendall", min_periods=) against
pandas 3.1 (issue 13): NumPy's cov over the rows where both are present (a frame's ddof only
when no value is missing, as pandas), ddof past the rows (inf or NaN), missing values, no rows."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same


def _frame():
    return pd.DataFrame({"a": pd.array([1, 2, None, 4, 7, 3], dtype="Int64"),
                         "b": pd.array([2.0, None, 1.0, 3.5, 2.0, -1.0], dtype="Float64"),
                         "c": pd.array([0.5, 1.5, 2.5, 4.0, 1.0, 2.0], dtype="Float64")}, index=[4, 4, 2, 1, 0, 9])


def _quiet(fn):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return fn()


@pytest.mark.parametrize("ddof", [0, 1, 2, 4, 5, 7])
def test_series_cov_ddof(ddof):
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    for x, y in (("a", "b"), ("b", "c"), ("a", "c")):
        for rows in (slice(None), slice(0, 1), slice(0, 0), slice(3, 5)):
            want = _quiet(lambda: pdf[x].iloc[rows].cov(pdf[y].iloc[rows], ddof=ddof))
            got = cdf[x].iloc[rows].cov(cdf[y].iloc[rows], ddof=ddof)
            assert (np.isnan(got) and np.isnan(want)) or got == pytest.approx(want, rel=1e-12), (x, y, rows, got, want)
        for min_periods in (3, 6):
            want = _quiet(lambda: pdf[x].cov(pdf[y], ddof=ddof, min_periods=min_periods))
            got = cdf[x].cov(cdf[y], ddof=ddof, min_periods=min_periods)
            assert (np.isnan(got) and np.isnan(want)) or got == pytest.approx(want, rel=1e-12)


@pytest.mark.parametrize("ddof", [0, 1, 2, 6, 8])
def test_frame_cov_ddof(ddof):
    pdf = _frame()
    complete = pdf[["a", "c"]].dropna()
    for frame in (pdf, complete, complete.head(1), complete.head(0)):
        for min_periods in (None, 2, 9):
            want = _quiet(lambda: frame.cov(ddof=ddof, min_periods=min_periods))
            got = cpd.read_pandas(frame).cov(ddof=ddof, min_periods=min_periods)
            pd.testing.assert_frame_equal(got, want, check_dtype=False, rtol=1e-12)


def test_corrwith_spearman_and_min_periods():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    other = pdf["c"] * 2 - pdf["a"]
    cother = cdf["c"] * 2 - cdf["a"]
    for min_periods in (None, 1, 4, 5):
        # pandas' Series.corr(method="spearman") needs SciPy, which is not installed: the oracle is
        # pandas' own DataFrame.corr(method="spearman") of each pair
        want = pd.Series({c: pd.concat([pdf[c], other], axis=1).corr("spearman", min_periods=min_periods or 1).iloc[0, 1]
                          for c in pdf.columns}, dtype="float64")
        pd.testing.assert_series_equal(cdf.corrwith(cother, method="spearman", min_periods=min_periods), want,
                                       rtol=1e-12)
        pd.testing.assert_series_equal(cdf.corrwith(cdf, min_periods=min_periods),
                                       pdf.corrwith(pdf, min_periods=min_periods), rtol=1e-12)
        pd.testing.assert_series_equal(cdf.corrwith(cother, min_periods=min_periods),
                                       pdf.corrwith(other, min_periods=min_periods), rtol=1e-12)


@pytest.mark.parametrize("min_periods", [None, 1, 3, 5, 7])
@pytest.mark.parametrize("rows", ["all", "none", "one"])
def test_corrwith_kendall(min_periods, rows):
    """pandas' corrwith(method="kendall") (SciPy's tau-b): with a Series, with a frame (its
    same-labelled columns; a label on one side only gives NaN), ties and missing values."""
    pdf = {"all": _frame(), "none": _frame().head(0), "one": _frame().head(1)}[rows]
    pdf = pdf.assign(d=pd.array([1, 1, 2, 2, 2, None][:len(pdf)], dtype="Int64"))
    cdf = cpd.read_pandas(pdf)
    other, cother = pdf["c"] * 2 - pdf["a"], cdf["c"] * 2 - cdf["a"]
    kwargs = {} if min_periods is None else {"min_periods": min_periods}
    pd.testing.assert_series_equal(cdf.corrwith(cother, method="kendall", **kwargs),
                                   pdf.corrwith(other, method="kendall", **kwargs), rtol=1e-15)
    theirs = pdf[["b", "a"]].rename(columns={"b": "d"}).assign(e=1.0)
    # (of two frames pandas gives float64 for Spearman and Kendall, and leaves min_periods unused)
    for method in ("kendall", "spearman"):
        for drop in (False, True):
            pd.testing.assert_series_equal(cdf.corrwith(cpd.read_pandas(theirs), method=method, drop=drop, **kwargs),
                                           pdf.corrwith(theirs, method=method, drop=drop, **kwargs), rtol=1e-12)
