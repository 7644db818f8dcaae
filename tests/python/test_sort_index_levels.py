"""sort_index(level=, ascending=[...], sort_remaining=, key=, na_position=) of frames and Series
against pandas 3.1 (issue 13): MultiIndex levels by position and name, missing labels, repeated
labels (the sort is stable: pandas' kind="stable"), no rows, and along the columns."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame(rows: str = "all"):
    index = pd.MultiIndex.from_arrays(
        [pd.array(["b", "a", "b", None, "a", "b", "a"], dtype="string"),
         pd.array([2, 1, 1, 3, None, 2, 1], dtype="Int64")], names=["k", "n"])
    pdf = pd.DataFrame({"v": pd.array([0, 1, 2, 3, 4, 5, 6], dtype="Int64"),
                        "t": pd.array(["p", None, "q", "r", "s", "t", "u"], dtype="string")}, index=index)
    return pdf if rows == "all" else pdf.head(0)


CASES = [
    dict(level=0), dict(level="n"), dict(level=1, ascending=False), dict(level=[1, 0]),
    dict(level=["n"], sort_remaining=False), dict(level=1, ascending=False, sort_remaining=False),
    dict(level=[1, "k"], ascending=[False, True]), dict(level=1, ascending=[False]),
    dict(level=0, na_position="first"), dict(level="n", ascending=False, na_position="first"),
    dict(ascending=[False, True]), dict(ascending=[True, False], na_position="first"),
    dict(level=0, ignore_index=True),
]


@pytest.mark.parametrize("rows", ["all", "none"])
@pytest.mark.parametrize("case", CASES, ids=str)
def test_levels_of_a_multiindex(case, rows):
    pdf = _frame(rows)
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf.sort_index(**case), pdf.sort_index(kind="stable", **case))
    assert_same(cdf["v"].sort_index(**case), pdf["v"].sort_index(kind="stable", **case))


@pytest.mark.parametrize("case", [dict(), dict(level=0), dict(level="k", ascending=False),
                                  dict(level=[1, 0], ascending=[True, False])], ids=str)
def test_key_maps_the_sorted_levels(case):
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    # the key is given each sorted level: a pandas Index there, a cormorant Series here
    ours = lambda s: s.str.upper() if s.name == "k" else -s  # noqa: E731
    pandas_key = ours
    assert_same(cdf.sort_index(key=ours, **case), pdf.sort_index(key=pandas_key, kind="stable", **case))
    assert_same(cdf["t"].sort_index(key=ours, **case), pdf["t"].sort_index(key=pandas_key, kind="stable", **case))


def test_single_level_index():
    pdf = pd.DataFrame({"v": pd.array([1, 2, None, 4, 5], dtype="Int64")},
                       index=pd.Index(["b", "a", None, "B", "a"], dtype="string", name="x"))
    cdf = cpd.read_pandas(pdf)
    for case in (dict(level=0), dict(level="x", ascending=False), dict(level=0, ascending=[False]),
                 dict(ascending=[False]), dict(key=lambda i: i.str.lower()),
                 dict(key=lambda i: i.str.lower(), ascending=False, na_position="first")):
        assert_same(cdf.sort_index(**case), pdf.sort_index(kind="stable", **case))
        assert_same(cdf["v"].sort_index(**case), pdf["v"].sort_index(kind="stable", **case))


def test_along_the_columns():
    pdf = pd.DataFrame([[1, 2, 3, 4]], columns=pd.MultiIndex.from_tuples(
        [("b", 2), ("a", 3), ("b", 1), ("a", 1)]))
    cdf = cpd.read_pandas(pdf)
    for case in (dict(), dict(level=1), dict(level=1, sort_remaining=False), dict(ascending=[False, True]),
                 dict(key=lambda i: i.str.upper() if i.dtype == object or i.dtype == "str" else -i)):
        assert_same(cdf.sort_index(axis=1, **case), pdf.sort_index(axis=1, kind="stable", **case))
    flat = pd.DataFrame({"b": [1], "A": [2], "c": [3]})
    assert_same(cpd.read_pandas(flat).sort_index(axis=1, key=lambda i: i.str.lower()),
                flat.sort_index(axis=1, key=lambda i: i.str.lower()))


def test_inplace_and_reexecution():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    out = cdf.sort_index(level=1, ascending=False)
    assert_same(out, pdf.sort_index(level=1, ascending=False, kind="stable"))
    assert_same(out, pdf.sort_index(level=1, ascending=False, kind="stable"))
    copy = cdf.copy()
    assert copy.sort_index(level="n", inplace=True) is None
    assert_same(copy, pdf.sort_index(level="n", kind="stable"))
    assert_same(cdf, pdf)


def test_errors():
    cdf = cpd.read_pandas(_frame())
    with pytest.raises(exceptions.InvalidArgumentError, match="same length as ascending"):
        cdf.sort_index(level=[0, 1], ascending=[False])
    with pytest.raises(exceptions.LabelNotFoundError, match="Level 'zz' not found"):
        cdf.sort_index(level="zz")
    with pytest.raises(exceptions.InvalidArgumentError, match="ascending"):
        cdf.sort_index(ascending="no")
    with pytest.raises(exceptions.InvalidArgumentError, match="cormorant Series"):
        cdf.sort_index(key=lambda s: [1] * 7)
    with pytest.raises(exceptions.InvalidArgumentError, match="No axis named 1 for object type Series"):
        cdf["v"].sort_index(axis=1)
    wide = cpd.read_pandas(_frame().set_axis(pd.MultiIndex.from_tuples([("p", "x"), ("q", "y")]), axis=1))
    with pytest.raises(exceptions.UnsupportedError, match="MultiIndex columns"):
        wide.sort_index(level="n")
    assert_same(wide.sort_index(), _frame().set_axis(pd.MultiIndex.from_tuples([("p", "x"), ("q", "y")]), axis=1)
                .sort_index(kind="stable"))
