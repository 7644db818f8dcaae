"""Operations on the index levels of a frame with MultiIndex columns, against pandas 3.1 (they were
UnsupportedErrors: the flattened frame's placeholder columns now carry padded tuple labels, as
pandas' reset_index pads them): loc and xs by level labels, swaplevel, reorder_levels,
reset_index(level=), rename(index=), droplevel, tz_convert of a level, set_index(verify_integrity=);
missing values, repeated labels, no rows, named column levels and a time zone other than UTC."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame(rows: str = "all"):
    index = pd.MultiIndex.from_arrays([pd.array(["a", "b", "a", "d", None, "b"], dtype="string"),
                                       pd.array([1, 2, 3, 1, 5, 2], dtype="Int64"),
                                       pd.DatetimeIndex(["2024-03-31 01:00", "2024-03-31 03:00", "2024-01-01", None,
                                                         "2024-10-27 12:00", "2024-06-01"]).tz_localize(
                                           "Europe/Paris").as_unit("us")], names=["k", "n", "t"])
    columns = pd.MultiIndex.from_tuples([("p", "x"), ("p", "y"), ("q", "x")], names=["outer", "inner"])
    pdf = pd.DataFrame({("p", "x"): pd.array([1, 2, None, 4, 5, 6], dtype="Int64"),
                        ("p", "y"): pd.array([0.5, 1.5, 2.5, None, 4.5, 5.5], dtype="Float64"),
                        ("q", "x"): pd.array(["u", None, "w", "x", "y", "z"], dtype="string")}, index=index)
    pdf.columns = columns
    return pdf if rows == "all" else pdf.head(0)


OPS = {
    "loc-label": lambda d: d.loc["a"],
    "loc-list": lambda d: d.loc[["b", "a"]],
    "loc-partial": lambda d: d.loc[("a", 3)],
    "loc-levels": lambda d: d.loc[(slice(None), [2, 1]), :],
    "loc-columns": lambda d: d.loc["b", ("p", "y")],
    "xs": lambda d: d.xs("b"),
    "xs-level": lambda d: d.xs(2, level="n"),
    "xs-keep": lambda d: d.xs(("a", 1), level=["k", "n"], drop_level=False),
    "swaplevel": lambda d: d.swaplevel(),
    "swaplevel-named": lambda d: d.swaplevel("k", "t"),
    "reorder_levels": lambda d: d.reorder_levels(["t", "k", "n"]),
    "reset_index-level": lambda d: d.reset_index(level="n"),
    "reset_index-levels": lambda d: d.reset_index(level=[0, 2]),
    "reset_index-drop": lambda d: d.reset_index(level="t", drop=True),
    "droplevel": lambda d: d.droplevel("n"),
    "droplevel-two": lambda d: d.droplevel([0, 2]),
    "rename-index": lambda d: d.rename(index={"a": "z", 2: 20}),
    "rename-level": lambda d: d.rename(index={1: 10}, level="n"),
    "tz_convert": lambda d: d.tz_convert("Asia/Tokyo", level="t"),
    "set_index-verified": lambda d: d.droplevel("t").set_index(("p", "x"), append=True, verify_integrity=True),
}


@pytest.mark.parametrize("op", OPS)
def test_index_level_operations_like_pandas(op):
    pdf = _frame()
    assert_same(OPS[op](cpd.read_pandas(pdf)), OPS[op](pdf))


@pytest.mark.parametrize("op", ["swaplevel", "reorder_levels", "reset_index-level", "droplevel", "rename-index",
                                "reset_index-drop"])
def test_index_level_operations_of_no_rows_like_pandas(op):
    pdf = _frame("none")
    assert_same(OPS[op](cpd.read_pandas(pdf)), OPS[op](pdf))


def test_full_key_row_and_missing_labels_as_pandas():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    key = pdf.index[1]
    pd.testing.assert_series_equal(cdf.loc[key], pdf.loc[key])
    for call in (lambda d: d.loc["zz"], lambda d: d.xs(9, level="n")):
        with pytest.raises(exceptions.LabelNotFoundError):
            call(cdf)
        with pytest.raises(KeyError):
            call(pdf)


def test_still_refused_by_name():
    cdf = cpd.read_pandas(_frame())
    with pytest.raises(exceptions.UnsupportedError, match="MultiIndex columns"):
        cdf.unstack()
    with pytest.raises(exceptions.UnsupportedError, match="MultiIndex columns"):
        cdf.loc[[("a", 1), ("b", 2)]]
