"""sem (standard error of the mean) of Series, DataFrames (each column, each row) and groupbys
against pandas 3.1: missing values, ddof at and past the count, skipna=False, no rows, repeated
index labels, missing group keys, as_index=False, and running the same object twice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same, assert_same_scalar


def _frame():
    return pd.DataFrame(
        {
            "k": pd.array(["x", "y", None, "x", "z", "x", "y"], dtype="string"),
            "a": pd.array([3, None, 1, 3, 2, 7, None], dtype="Int64"),
            "f": pd.array([1.5, None, -2.0, 1.25, 0.0, None, 4.0], dtype="Float64"),
            "b": pd.array([True, False, None, True, True, False, False], dtype="boolean"),
        },
        index=pd.Index([10, 11, 11, 13, 14, 14, 16], name="i"),
    )


@pytest.mark.parametrize("rows", ["all", "none", "one"])
@pytest.mark.parametrize("ddof", [0, 1, 2, 1.5])
@pytest.mark.parametrize("skipna", [True, False])
def test_series_sem(rows, ddof, skipna):
    pdf = {"all": _frame(), "none": _frame().head(0), "one": _frame().head(1)}[rows]
    cdf = cpd.read_pandas(pdf)
    for column in ("a", "f", "b"):
        series = cdf[column]
        for _ in range(2):  # the same object again
            got, want = series.sem(ddof=ddof, skipna=skipna), pdf[column].sem(ddof=ddof, skipna=skipna)
            assert_same_scalar(got, want)
            assert (got is pd.NA) == (want is pd.NA), (got, want)  # <NA> of a nullable dtype, not NaN


@pytest.mark.parametrize("rows", ["all", "none", "one"])
@pytest.mark.parametrize("ddof", [0, 1, 3])
@pytest.mark.parametrize("skipna", [True, False])
def test_frame_sem(rows, ddof, skipna):
    pdf = {"all": _frame(), "none": _frame().head(0), "one": _frame().head(1)}[rows]
    cdf = cpd.read_pandas(pdf)
    numbers, pnumbers = cdf[["a", "f", "b"]], pdf[["a", "f", "b"]]
    pd.testing.assert_series_equal(numbers.sem(ddof=ddof, skipna=skipna), pnumbers.sem(ddof=ddof, skipna=skipna))
    pd.testing.assert_series_equal(cdf.sem(ddof=ddof, skipna=skipna, numeric_only=True),
                                   pdf.sem(ddof=ddof, skipna=skipna, numeric_only=True))
    assert_same(numbers[["a", "f"]].sem(axis=1, ddof=ddof, skipna=skipna),
                pnumbers[["a", "f"]].sem(axis=1, ddof=ddof, skipna=skipna))


def test_frame_sem_of_text_raises_as_pandas():
    pdf = _frame()
    with pytest.raises(TypeError):
        pdf.sem()
    with pytest.raises(TypeError):
        cpd.read_pandas(pdf).sem()


@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize("ddof", [0, 1, 2])
def test_groupby_sem(dropna, ddof):
    _check_groupby_sem(dropna, ddof, {})


@pytest.mark.parametrize("dropna", [True, False])
def test_groupby_sem_skipna(dropna):
    _check_groupby_sem(dropna, 1, {"skipna": False})


def _check_groupby_sem(dropna, ddof, kwargs):
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    g, pg = cdf.groupby("k", dropna=dropna), pdf.groupby("k", dropna=dropna)
    assert_same(g[["a", "f"]].sem(ddof=ddof, **kwargs), pg[["a", "f"]].sem(ddof=ddof, **kwargs))
    assert_same(g["f"].sem(ddof=ddof, **kwargs), pg["f"].sem(ddof=ddof, **kwargs))
    assert_same(g.sem(ddof=ddof, numeric_only=True, **kwargs), pg.sem(ddof=ddof, numeric_only=True, **kwargs))
    flat, pflat = cdf.groupby("k", dropna=dropna, as_index=False), pdf.groupby("k", dropna=dropna, as_index=False)
    assert_same(flat[["a", "f"]].sem(ddof=ddof, **kwargs), pflat[["a", "f"]].sem(ddof=ddof, **kwargs))
    # by index labels that repeat, and by a Series' groupby
    assert_same(cdf["f"].groupby(level="i").sem(ddof=ddof, **kwargs), pdf["f"].groupby(level="i").sem(ddof=ddof, **kwargs))
    empty, pempty = cpd.read_pandas(pdf.head(0)), pdf.head(0)
    assert_same(empty.groupby("k")[["a", "f"]].sem(ddof=ddof, **kwargs), pempty.groupby("k")[["a", "f"]].sem(ddof=ddof, **kwargs))


def test_sem_refusals():
    cdf = cpd.read_pandas(_frame())
    with pytest.raises(exceptions.DTypeError, match="ddof"):
        cdf["f"].sem(ddof="1")
    with pytest.raises(exceptions.UnsupportedError, match="negative ddof"):
        cdf.groupby("k")["f"].sem(ddof=-1)
    assert cpd.read_pandas(_frame().head(0))["f"].sem() is pd.NA  # as pandas' Float64


_FEW = pd.DataFrame(
    {
        "a": pd.array([1, 1, 3], dtype="Int64"),
        "f": pd.array([1.0, 1.0, 2.5], dtype="Float64"),
        "b": pd.array([True, True, False], dtype="boolean"),
        "u": pd.array([1, 1, 2], dtype="UInt8"),
        "n": pd.array([None, None, None], dtype="Int64"),
    }
)


@pytest.mark.parametrize("rows", [0, 1, 2, 3])
@pytest.mark.parametrize("method", ["std", "var", "sem", "skew", "kurt", "mean"])
@pytest.mark.parametrize("skipna", [True, False])
def test_moments_of_few_values(rows, method, skipna):
    """std/var/sem/skew/kurt/mean of no, one, two and three values of every nullable dtype: the
    value, and the kind of missing value (<NA>, as pandas gives for these dtypes, not NaN)."""
    pdf = _FEW.head(rows)
    cdf = cpd.read_pandas(pdf)
    for column in pdf.columns:
        got = getattr(cdf[column], method)(skipna=skipna)
        want = getattr(pdf[column], method)(skipna=skipna)
        assert_same_scalar(got, want)
        assert (got is pd.NA) == (want is pd.NA), (column, got, want)
