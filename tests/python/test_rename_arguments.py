"""rename_axis(index=...) (a name, a list, a dict or a function of the names) and
Series.rename(index=<dict>) against pandas 3.1 (issue 13): one level and a MultiIndex, repeated
labels, no rows, inplace; typed errors where pandas raises or cormorant refuses (the columns'
axis name)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame():
    return pd.DataFrame(
        {
            "a": pd.array([3, None, 1, 3], dtype="Int64"),
            "b": pd.array(["x", "y", None, "x"], dtype="string"),
            "f": pd.array([1.5, None, -2.0, 0.5], dtype="Float64"),
        },
        index=pd.Index([10, 11, 11, 13], name="k"),
    )


def _pairs(rows="all"):
    pdf = _frame() if rows == "all" else _frame().head(0)
    cdf = cpd.read_pandas(pdf)
    return [(cdf, pdf), (cdf.set_index("b", append=True), pdf.set_index("b", append=True)),
            (cdf["f"], pdf["f"]), (cdf.set_index("b", append=True)["f"], pdf.set_index("b", append=True)["f"])]


@pytest.mark.parametrize("rows", ["all", "none"])
def test_rename_axis_index(rows):
    for ours, theirs in _pairs(rows):
        levels = theirs.index.nlevels
        names = ["p", "q"][:levels]
        calls = [dict(index=names), dict(index={"k": "K", "zz": "y"}), dict(index=str.upper),
                 dict(index=lambda n: None), dict(mapper=names), dict(mapper=names, axis="index")]
        if levels == 1:
            calls += [dict(index="only"), dict(index=None), dict(mapper="m"), dict(mapper=None)]
        for kwargs in calls:
            assert_same(ours.rename_axis(**kwargs), theirs.rename_axis(**kwargs))


def test_rename_axis_errors_and_inplace():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    two, ptwo = cdf.set_index("b", append=True), pdf.set_index("b", append=True)
    with pytest.raises(TypeError, match="list-like"):
        ptwo.rename_axis("x")
    with pytest.raises(exceptions.DTypeError, match="list-like"):
        two.rename_axis("x")
    with pytest.raises(ValueError, match="Length of names"):
        ptwo.rename_axis(index=["x"])
    with pytest.raises(exceptions.InvalidArgumentError, match="Length of names"):
        two.rename_axis(index=["x"])
    with pytest.raises(ValueError, match="Use `.rename`"):
        pdf.rename_axis({"k": "K"})
    with pytest.raises(exceptions.InvalidArgumentError, match="Use `.rename`"):
        cdf.rename_axis({"k": "K"})
    assert_same(cdf.rename_axis("x", index="y"), pdf.rename_axis("x", index="y"))  # the mapper wins
    assert_same(cdf.rename_axis(columns="cols"), pdf.rename_axis(columns="cols"))
    assert_same(cdf.rename_axis("cols", axis=1), pdf.rename_axis("cols", axis=1))
    derived = cdf[["a"]]
    assert cdf.rename_axis(index="z", inplace=True) is None
    assert pdf.rename_axis(index="z", inplace=True) is None
    assert_same(cdf, pdf)
    assert derived.index.name == "k"


@pytest.mark.parametrize("rows", ["all", "none"])
def test_series_rename_index(rows):
    for ours, theirs in _pairs(rows)[2:]:
        for kwargs in (dict(index={11: 99, 13: 7}), dict(index={11: 99}, level=0), dict(index=pd.Series({10: 1})),
                       dict(index="name"), dict(index=None), dict(index=("t", 1)), dict(index={"x": "X"}, level="b")
                       if theirs.index.nlevels > 1 else dict(index={}, axis=0)):
            assert_same(ours.rename(**kwargs), theirs.rename(**kwargs))
    ours, theirs = _pairs(rows)[2]
    if rows == "all":
        with pytest.raises(KeyError):
            theirs.rename({99: 1}, errors="raise")
        with pytest.raises(exceptions.LabelNotFoundError):
            ours.rename({99: 1}, errors="raise")
    assert ours.rename({10: 5}, inplace=True) is None  # pandas 3.1: None for new labels, the object for a name
    assert theirs.rename({10: 5}, inplace=True) is None
    assert ours.rename("v", inplace=True) is ours
    assert theirs.rename("v", inplace=True) is theirs
    assert_same(ours, theirs)
