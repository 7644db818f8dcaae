"""quantile(interpolation=...) of Series and DataFrames against pandas 3.1 (issue 13; it was
refused): lower, higher, nearest (halves to even) and midpoint, scalar and list q, Int64 and
Float64 with and without missing values, ties, one value, all missing, no rows, repeated index
labels, re-execution; its dtype rules (Int64 kept where pandas keeps it)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same_scalar

QS = [0.0, 0.1, 0.25, 0.3, 0.5, 0.625, 0.75, 0.9, 1.0]
METHODS = ["lower", "higher", "nearest", "midpoint", "linear"]


def _frame():
    return pd.DataFrame(
        {
            "a": pd.array([3, None, 1, 3, 2, 7, 8, -4, 11], dtype="Int64"),
            "c": pd.array([3, 9, 1, 3, 2, 7, 8, -4, 12], dtype="Int64"),
            "f": pd.array([1.5, None, -2.0, 1.5, 0.25, 4.0, None, 9.5, -7.0], dtype="Float64"),
            "n": pd.array([None] * 9, dtype="Int64"),
        },
        index=pd.Index([10, 11, 11, 13, 14, 14, 16, 17, 18], name="i"),
    )


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("rows", [9, 5, 4, 1, 0])
def test_series_quantile(method, rows):
    pdf = _frame().head(rows)
    cdf = cpd.read_pandas(pdf)
    for column in ("a", "c", "f", "n"):
        for q in QS:
            assert_same_scalar(cdf[column].quantile(q, interpolation=method),
                               pdf[column].quantile(q, interpolation=method))
        got = cdf[column].quantile(QS, interpolation=method)
        pd.testing.assert_series_equal(got, pdf[column].quantile(QS, interpolation=method))


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("rows", [9, 4, 1, 0])
def test_frame_quantile(method, rows):
    pdf = _frame().head(rows)
    cdf = cpd.read_pandas(pdf)
    for columns in (["a", "c", "f", "n"], ["a", "c"], ["c"]):
        for q in (0.3, 0.5, [0.1, 0.5, 0.75]):
            want = pdf[columns].quantile(q, interpolation=method)
            got = cdf[columns].quantile(q, interpolation=method)
            check = pd.testing.assert_frame_equal if isinstance(want, pd.DataFrame) else pd.testing.assert_series_equal
            check(got, want, check_index_type=False)
            check(cdf[columns].quantile(q, interpolation=method), want, check_index_type=False)  # again


def test_refusals():
    cdf = cpd.read_pandas(_frame())
    with pytest.raises(exceptions.InvalidArgumentError, match="interpolation"):
        cdf["a"].quantile(0.5, interpolation="cubic")
    pdf = _frame()  # (groupby quantile takes interpolation since session 20)
    pd.testing.assert_series_equal(cdf.groupby("c")["a"].quantile(0.5, interpolation="lower").to_pandas(),
                                   pdf.groupby("c")["a"].quantile(0.5, interpolation="lower"))
    text = cpd.read_pandas(pd.DataFrame({"s": pd.array(["a", "b"], dtype="string")}))
    with pytest.raises(exceptions.DTypeError, match="only of numbers"):
        text["s"].quantile(0.5, interpolation="lower")
