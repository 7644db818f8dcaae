"""level= on a MultiIndex against pandas 3.1 (issue 13): drop(labels, level=), the arithmetic
and comparison methods' level= (a Series of one level's labels broadcast onto the rows, or onto
MultiIndex columns), align(level=) with every join; missing values, labels the other side
lacks, repeated labels, no rows; Series either way round."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame(rows: str = "all"):
    index = pd.MultiIndex.from_arrays([pd.array(["a", "b", "a", "d", "c"], dtype="string"),
                                       pd.array([1, 2, 3, 4, 5], dtype="Int64")], names=["k", "n"])
    pdf = pd.DataFrame({"x": pd.array([1, 2, None, 4, 5], dtype="Int64"),
                        "y": pd.array([0.5, 1.5, 2.5, None, 4.5], dtype="Float64")}, index=index)
    return pdf if rows == "all" else pdf.head(0)


def _labels():
    """Values by labels of level "k": one the frame lacks ("z"), one missing value ("c")."""
    return pd.Series(pd.array([10, 20, 30, None], dtype="Int64"), index=pd.Index(["a", "b", "z", "c"], dtype="string",
                                                                                 name="k"))


def _ours(ps):
    return cpd.read_pandas(ps.to_frame("v"))["v"].rename(ps.name)


OPS = ["add", "sub", "mul", "truediv", "floordiv", "mod", "pow", "radd", "rsub", "rtruediv", "eq", "ne", "lt", "ge"]


@pytest.mark.parametrize("rows", ["all", "none"])
@pytest.mark.parametrize("op", OPS)
def test_frame_arithmetic_by_level(op, rows):
    pdf, ps = _frame(rows), _labels()
    cdf, cs = cpd.read_pandas(pdf), _ours(ps)
    for level in ("k", 0):
        assert_same(getattr(cdf, op)(cs, axis=0, level=level), getattr(pdf, op)(ps, axis=0, level=level))
    assert_same(getattr(cdf["x"], op)(cs, level="k"), getattr(pdf["x"], op)(ps, level="k"))
    assert_same(getattr(cs, op)(cdf["y"], level="k"), getattr(ps, op)(pdf["y"], level="k"))


def test_fill_value_and_scalars():
    pdf, ps = _frame(), _labels()
    cdf, cs = cpd.read_pandas(pdf), _ours(ps)
    assert_same(cdf.add(cs, axis=0, level="k", fill_value=0), pdf.add(ps, axis=0, level="k", fill_value=0))
    assert_same(cdf["x"].sub(cs, level="k", fill_value=1), pdf["x"].sub(ps, level="k", fill_value=1))
    assert_same(cdf.mul(3, level="k"), pdf.mul(3, level="k"))  # a scalar: pandas ignores level


def test_repeated_labels_broadcast_each_row():
    # pandas refuses a frame's level= arithmetic when the MultiIndex repeats a label; the oracle is
    # pandas with a third level that makes the labels unique, dropped afterwards.
    pdf = pd.concat([_frame(), _frame().head(2)])
    ps = _labels()
    cdf, cs = cpd.read_pandas(pdf), _ours(ps)
    unique = pdf.set_index(pd.Index(range(len(pdf)), name="u"), append=True)
    want = unique.add(ps, axis=0, level="k").droplevel("u")
    assert_same(cdf.add(cs, axis=0, level="k"), want)


def test_columns_level():
    columns = pd.MultiIndex.from_tuples([("a", 1), ("b", 1), ("a", 2), ("c", 3)])
    pdf = pd.DataFrame([[1, 2, 3, 4], [5, 6, None, 8]], columns=columns).astype("Float64")
    cdf = cpd.read_pandas(pdf)
    ps = pd.Series([10, 20], index=["a", "b"])
    for kwargs in (dict(level=0), dict(level=0, fill_value=0)):
        assert_same(cdf.add(ps, axis=1, **kwargs), pdf.add(ps, axis=1, **kwargs))
        assert_same(cdf.mul(_ours(ps), axis=1, **kwargs), pdf.mul(ps, axis=1, **kwargs))
    assert_same(cdf.drop(columns="a", level=0), pdf.drop(columns="a", level=0))
    assert_same(cdf.drop([1], axis=1, level=1), pdf.drop([1], axis=1, level=1))
    with pytest.raises(exceptions.LabelNotFoundError):
        cdf.drop(columns=[9], level=1)


@pytest.mark.parametrize("join", ["outer", "inner", "left", "right"])
def test_align_by_level(join):
    pdf, ps = _frame(), _labels()
    cdf, cs = cpd.read_pandas(pdf), _ours(ps)
    for got, want in ((cdf.align(cs, axis=0, level="k", join=join), pdf.align(ps, axis=0, level="k", join=join)),
                      (cdf["x"].align(cs, level=0, join=join), pdf["x"].align(ps, level=0, join=join)),
                      (cs.align(cdf["x"], level="k", join=join), ps.align(pdf["x"], level="k", join=join)),
                      (cdf.align(cs, axis=0, level="k", join=join, fill_value=0),
                       pdf.align(ps, axis=0, level="k", join=join, fill_value=0))):
        assert_same(got[0], want[0])
        assert_same(got[1], want[1])


@pytest.mark.parametrize("rows", ["all", "none"])
def test_drop_by_level(rows):
    pdf = _frame(rows)
    cdf = cpd.read_pandas(pdf)
    cases = [(("a",), dict(level="k")), (([1, 5],), dict(level=1)), ((), dict(index=["b"], level=0))]
    cases = [(a, dict(k, errors="ignore")) for a, k in cases] if rows == "none" else cases  # see below
    for args, kwargs in cases + [((["a", "q"],), dict(level="k", errors="ignore"))]:
        assert_same(cdf.drop(*args, **kwargs), pdf.drop(*args, **kwargs))
        assert_same(cdf["x"].drop(*args, **kwargs), pdf["x"].drop(*args, **kwargs))


def test_drop_by_level_missing_labels():
    # pandas raises for a label the level lacks when the MultiIndex is unique, but its levels keep
    # the labels of rows filtered away (so of no rows, it raises for none); cormorant follows
    # pandas' rule for a MultiIndex that repeats a label: it raises only when no row has any
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    with pytest.raises(exceptions.LabelNotFoundError, match="not found in axis"):
        cdf.drop(["q"], level="k")
    repeated = pd.concat([pdf, pdf.head(1)])
    crepeated = cpd.read_pandas(repeated)
    assert_same(crepeated.drop(["a", "q"], level="k"), repeated.drop(["a", "q"], level="k"))
    with pytest.raises(exceptions.LabelNotFoundError, match="not found in axis"):
        crepeated.drop(["q"], level="k")
    nulls = pdf.set_axis(pd.MultiIndex.from_arrays([pd.array(["a", None, "b", None, "c"], dtype="string"),
                                                    list(range(5))], names=["k", "n"]))
    assert_same(cpd.read_pandas(nulls).drop([None], level="k"), nulls.drop([None], level="k"))


def test_errors():
    cdf = cpd.read_pandas(_frame())
    single = cpd.read_pandas(_frame().reset_index("n"))
    with pytest.raises(exceptions.InvalidArgumentError, match="MultiIndex"):
        single.drop("a", level=0)
    with pytest.raises(exceptions.LabelNotFoundError, match="Level 'zz' not found"):
        cdf.add(_ours(_labels()), axis=0, level="zz")
    with pytest.raises(exceptions.UnsupportedError, match="with a DataFrame"):
        cdf.add(cdf, level="k")
    with pytest.raises(exceptions.UnsupportedError, match="two DataFrames"):
        cdf.align(cdf, level="k")
    # MultiIndex columns beside a MultiIndex of rows: a typed refusal (it was a raw ValueError)
    wide = cpd.read_pandas(_frame().set_axis(pd.MultiIndex.from_tuples([("p", "x"), ("q", "y")]), axis=1))
    with pytest.raises(exceptions.UnsupportedError, match="MultiIndex columns"):
        wide.drop("a", level="k")
    with pytest.raises(exceptions.UnsupportedError, match="MultiIndex columns"):
        wide.add(_ours(_labels()), axis=0, level="k")
    # (the older operations on index levels take such a frame: tests/python/test_column_levels_index_ops.py)
