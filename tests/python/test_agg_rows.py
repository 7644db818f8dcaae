"""DataFrame.agg(func, axis=1) against pandas 3.1 (issue 13; it was refused): one reduction name
(each row's, a Series) and a list of names (a frame with a column each), Int64/Float64/boolean
columns with missing values, repeated index labels, no rows, re-execution; typed refusals."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame():
    return pd.DataFrame(
        {
            "a": pd.array([3, None, 1, 3, 2], dtype="Int64"),
            "f": pd.array([1.5, None, -2.0, None, 0.25], dtype="Float64"),
            "g": pd.array([0.5, 2.0, None, 2.0, 1.0], dtype="Float64"),
        },
        index=pd.Index([10, 11, 11, 13, 14], name="i"),
    )


@pytest.mark.parametrize("rows", ["all", "none"])
@pytest.mark.parametrize("func", ["sum", "mean", "min", "max", "count", "median", "std", "var", "prod", "sem",
                                  ["sum", "mean"], ["min", "max", "count"], ("std",)])
def test_agg_rows(rows, func):
    pdf = _frame() if rows == "all" else _frame().head(0)
    cdf = cpd.read_pandas(pdf)
    names = [func] if isinstance(func, str) else list(func)
    # pandas' agg along rows gives object values (it goes through apply); its reductions' own dtypes are
    # cormorant's (README): the values are compared after giving pandas' result those dtypes
    dtypes = {name: getattr(pdf, name)(axis=1).dtype for name in names}
    for axis in (1, "columns"):
        got = cdf.agg(func, axis=axis)
        want = pdf.agg(func if isinstance(func, str) else names, axis=axis)
        want = want.astype(dtypes[func]) if isinstance(func, str) else want.astype(dtypes)
        assert_same(got, want)
        assert_same(got, want)  # again
        if isinstance(func, str):
            assert_same(got, getattr(pdf, func)(axis=1))


def test_agg_rows_refusals():
    cdf = cpd.read_pandas(_frame())
    with pytest.raises(exceptions.UnsupportedError, match="reduction names"):
        cdf.agg("nunique", axis=1)
    # (a function of each row is pandas' apply(axis=1): test_plain_functions has those)
    assert_same(cdf.agg(lambda r: r.sum(), axis=1), _frame().agg(lambda r: r.sum(), axis=1))
    with pytest.raises(exceptions.InvalidArgumentError, match="unique"):
        cdf.agg(["sum", "sum"], axis=1)
    with pytest.raises(exceptions.InvalidArgumentError, match="axis"):
        cdf.agg("sum", axis=2)
