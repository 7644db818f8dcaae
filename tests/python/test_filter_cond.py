"""pandas 3.1's filter(cond=, na=) and its positional argument (issue 13): a boolean mask of
rows (a cormorant Series aligned on the index, a callable, a column expression) or of columns
(axis=1), missing mask values as na; missing values, repeated labels, no rows; labels as before."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame(rows: str = "all"):
    pdf = pd.DataFrame({"a": pd.array([3, None, 1, 5, 2], dtype="Int64"),
                        "b": pd.array(["x", "y", None, "x", "z"], dtype="string")}, index=[4, 4, 2, 1, 0])
    return pdf if rows == "all" else pdf.head(0)


@pytest.mark.parametrize("rows", ["all", "none"])
@pytest.mark.parametrize("na", [False, True])
def test_rows(na, rows):
    pdf = _frame(rows)
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf.filter(cond=cdf["a"] > 1, na=na), pdf.filter(cond=pdf["a"] > 1, na=na))
    assert_same(cdf.filter(lambda d: d["b"] == "x", na=na), pdf.filter(lambda d: d["b"] == "x", na=na))
    assert_same(cdf.filter(cond=lambda d: d["a"] < 4, na=na, axis=0), pdf.filter(cond=lambda d: d["a"] < 4, na=na, axis=0))
    assert_same(cdf["a"].filter(cond=cdf["a"] > 1, na=na), pdf["a"].filter(cond=pdf["a"] > 1, na=na))
    assert_same(cdf.filter(cpd.col("a") > 2, na=na), pdf.filter(pd.col("a") > 2, na=na))


def test_columns_and_labels():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf.filter(cond=[True, False], axis=1), pdf.filter(cond=[True, False], axis=1))
    assert_same(cdf.filter(cond=pd.Series([False, True], index=["a", "b"]), axis=1),
                pdf.filter(cond=pd.Series([False, True], index=["a", "b"]), axis=1))
    assert_same(cdf.filter(["b"]), pdf.filter(["b"]))
    assert_same(cdf.filter(items=["b", "zz"]), pdf.filter(items=["b", "zz"]))
    assert_same(cdf.filter(like="a"), pdf.filter(like="a"))


def test_errors():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    with pytest.raises(ValueError):
        pdf.filter(cond=pdf["a"] > 1, na="raise")
    with pytest.raises(exceptions.InvalidArgumentError, match="missing"):
        cdf.filter(cond=cdf["a"] > 1, na="raise")
    assert_same(cdf.filter(cond=cdf["b"].notna(), na="raise"), pdf.filter(cond=pdf["b"].notna(), na="raise"))
    with pytest.raises(TypeError):
        pdf.filter(cond=pdf["a"] > 1, items=["a"])
    with pytest.raises(exceptions.DTypeError, match="exactly one"):
        cdf.filter(cond=cdf["a"] > 1, items=["a"])
    with pytest.raises(exceptions.DTypeError, match="boolean"):
        cdf.filter(cond=cdf["a"])
