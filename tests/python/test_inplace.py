"""pandas' inplace=True against pandas 3.1: the method returns None and the object itself
changes; objects made from it before do not (copy-on-write); missing values, repeated labels
and no rows; a Series cannot become a DataFrame in place (pandas' TypeError)."""

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
            "a": pd.array([3, None, 1, 3, 2], dtype="Int64"),
            "b": pd.array(["x", "y", None, "x", "z"], dtype="string"),
            "f": pd.array([1.5, None, -2.0, 1.5, 0.0], dtype="Float64"),
        },
        index=[10, 11, 11, 13, 14],
    )


def _same_return(pandas_out, pandas_obj, got, obj):
    """pandas 3.1 returns None in place, or the object itself where it deprecates inplace."""
    assert (pandas_out is None) == (got is None)
    assert pandas_out is None or (pandas_out is pandas_obj and got is obj)


FRAME_CALLS = {
    "drop_columns": lambda d, **kw: d.drop(columns=["b"], **kw),
    "drop_rows": lambda d, **kw: d.drop(index=[11], **kw),
    "rename": lambda d, **kw: d.rename(columns={"a": "A"}, **kw),
    "fillna": lambda d, **kw: d.fillna({"a": 0, "f": -1.0}, **kw),
    "sort_values": lambda d, **kw: d.sort_values("a", kind="stable", **kw),
    "sort_index": lambda d, **kw: d.sort_index(ascending=False, kind="stable", **kw),
    "reset_index": lambda d, **kw: d.reset_index(**kw),
    "reset_index_drop": lambda d, **kw: d.reset_index(drop=True, **kw),
    "set_index": lambda d, **kw: d.set_index("b", **kw),
    "replace": lambda d, **kw: d.replace({"a": {3: 30}}, **kw),
    "dropna": lambda d, **kw: d.dropna(**kw),
    "drop_duplicates": lambda d, **kw: d.drop_duplicates(**kw),
    "rename_axis": lambda d, **kw: d.rename_axis("idx", **kw),
    "interpolate": lambda d, **kw: d.interpolate(**kw),
}


@pytest.mark.parametrize("rows", ["all", "none"])
@pytest.mark.parametrize("name", sorted(FRAME_CALLS))
def test_frame_inplace(name, rows):
    call = FRAME_CALLS[name]
    if name in ("drop_rows", "drop_duplicates") and rows == "none":
        return  # (no label to drop; pandas' drop_duplicates of no rows returns a copy even in place)
    pdf = _frame() if rows == "all" else _frame().head(0)
    if name == "interpolate":
        pdf = pdf[["a", "f"]].astype("Float64")
    initial = pdf.copy()
    cdf = cpd.read_pandas(pdf)
    before = cdf[cdf.columns[0]]  # made before: keeps its own values
    expected_before = pdf[pdf.columns[0]].copy()
    _same_return(call(pdf, inplace=True), pdf, call(cdf, inplace=True), cdf)
    for _ in range(2):
        assert_same(cdf, pdf)
    assert_same(before, expected_before)
    assert_same(call(cpd.read_pandas(initial), inplace=False), call(initial.copy(), inplace=False))


SERIES_CALLS = {
    "drop": lambda s, **kw: s.drop([11], **kw),
    "rename": lambda s, **kw: s.rename("z", **kw),
    "fillna": lambda s, **kw: s.fillna(0.5, **kw),
    "sort_values": lambda s, **kw: s.sort_values(ascending=False, kind="stable", **kw),
    "sort_index": lambda s, **kw: s.sort_index(ascending=False, kind="stable", **kw),
    "reset_index_drop": lambda s, **kw: s.reset_index(drop=True, **kw),
    "replace": lambda s, **kw: s.replace(1.5, 9.0, **kw),
    "dropna": lambda s, **kw: s.dropna(**kw),
    "drop_duplicates": lambda s, **kw: s.drop_duplicates(**kw),
    "rename_axis": lambda s, **kw: s.rename_axis("idx", **kw),
    "clip": lambda s, **kw: s.clip(-1.0, 1.0, **kw),
    # (pandas' where/mask in place keep the value where the condition is missing, and replace
    # it otherwise: a condition without missing values here)
    "where": lambda s, **kw: s.where(s.fillna(0) > 0, -9.0, **kw),
    "mask": lambda s, **kw: s.mask(s.fillna(0) > 0, **kw),
    "ffill": lambda s, **kw: s.ffill(**kw),
    "bfill": lambda s, **kw: s.bfill(**kw),
    "interpolate": lambda s, **kw: s.interpolate(**kw),
}


@pytest.mark.parametrize("name", sorted(SERIES_CALLS))
def test_series_inplace(name):
    call = SERIES_CALLS[name]
    ps = _frame()["f"]
    cs = cpd.read_pandas(_frame())["f"]
    before = cs + 0
    _same_return(call(ps, inplace=True), ps, call(cs, inplace=True), cs)
    for _ in range(2):
        assert_same(cs, ps)
    assert_same(before, _frame()["f"] + 0)


def test_inplace_errors():
    ps, cs = _frame()["f"], cpd.read_pandas(_frame())["f"]
    with pytest.raises(TypeError, match="Cannot reset_index inplace on a Series"):
        ps.reset_index(inplace=True)
    with pytest.raises(exceptions.DTypeError, match="Cannot reset_index inplace on a Series"):
        cs.reset_index(inplace=True)
    with pytest.raises(ValueError, match='For argument "inplace" expected type bool'):
        _frame().dropna(inplace="yes")
    with pytest.raises(exceptions.InvalidArgumentError, match='For argument "inplace" expected type bool'):
        cpd.read_pandas(_frame()).dropna(inplace="yes")
    assert cpd.read_pandas(_frame()).dropna(inplace=np.False_) is not None
