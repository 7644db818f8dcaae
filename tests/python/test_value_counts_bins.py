"""Series.value_counts(bins=...) against pandas 3.1 (issue 13; it was refused): a number of bins
and bin edges, normalize, sort, ascending, dropna, Int64 and Float64 with missing values and
values outside the edges, no rows, all missing; bins of text raise as pandas does."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions


def _series():
    return pd.DataFrame({
        "f": pd.array([1.5, None, -2.0, 1.25, 0.0, 4.0, 4.0, 9.5], dtype="Float64"),
        "a": pd.array([3, None, 1, 3, 2, 7, 7, -1], dtype="Int64"),
        "s": pd.array(["x", "y", None, "x", "z", "w", "v", "u"], dtype="string"),
    }, index=pd.Index([10, 11, 11, 13, 14, 14, 16, 17], name="i"))


@pytest.mark.parametrize("bins", [1, 3, 5, [-5, 0, 2, 5], [0, 100]])
@pytest.mark.parametrize("rows", ["all", "none", "missing"])
def test_value_counts_bins(bins, rows):
    pdf = {"all": _series(), "none": _series().head(0), "missing": _series().iloc[[1]]}[rows]
    cdf = cpd.read_pandas(pdf)
    for column in ("f", "a"):
        for kwargs in (dict(), dict(normalize=True), dict(sort=False), dict(ascending=True), dict(dropna=False),
                       dict(normalize=True, dropna=False)):
            try:
                want = pdf[column].value_counts(bins=bins, **kwargs)
            except ValueError as error:  # no values to make bins of
                with pytest.raises(ValueError, match=str(error)[:20]):
                    cdf[column].value_counts(bins=bins, **kwargs)
                continue
            got = cdf[column].value_counts(bins=bins, **kwargs)
            pd.testing.assert_series_equal(got, want)
            pd.testing.assert_series_equal(cdf[column].value_counts(bins=bins, **kwargs), want)  # again


def test_value_counts_bins_of_text():
    pdf = _series()
    with pytest.raises(TypeError):
        pdf["s"].value_counts(bins=3)
    with pytest.raises(exceptions.DTypeError):
        cpd.read_pandas(pdf)["s"].value_counts(bins=3)
