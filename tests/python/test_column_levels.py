"""The columns axis' level names and dtypes carried by the core (DataFrame.with_column_levels)
against pandas 3.1: rename_axis(columns=...), rename_axis(index=, columns=), rename_axis(mapper,
axis=1), xs(axis=1, level=k) and droplevel(k, axis=1) keeping any levels, df.columns = a named
Index, set_axis; with missing values, repeated row labels, a non-UTC datetime column, no rows,
integer level labels, and the result used again (selection, re-execution)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same, check_raises


def _three(rows: bool = True):
    columns = pd.MultiIndex.from_tuples(
        [("a", 1, "p"), ("a", 2, "q"), ("b", 1, "q"), ("b", 2, "p")], names=["outer", "mid", None])
    p = pd.DataFrame({("a", 1, "p"): pd.array([1, None, 3], dtype="Int64"),
                      ("a", 2, "q"): pd.array([1.5, 2.5, None], dtype="Float64"),
                      ("b", 1, "q"): pd.array(["x", None, "z"], dtype="string"),
                      ("b", 2, "p"): pd.DatetimeIndex(["2024-03-10 01:30", None, "2024-11-03 00:30"],
                                                      tz="America/New_York").as_unit("us")},
                     index=pd.Index([5, 5, 6], name="k"))
    p.columns = columns
    return p if rows else p.iloc[:0]


def _flat(rows: bool = True):
    p = pd.DataFrame({"x": pd.array([1, None, 1], dtype="Int64"), "y": pd.array(["u", "v", None], dtype="string")},
                     index=pd.Index([2, 2, 3], name="k"))
    return p if rows else p.iloc[:0]


THREE = [
    pytest.param(lambda d: d.rename_axis(columns=["A", "B", "C"]), id="rename_axis_columns_list"),
    pytest.param(lambda d: d.rename_axis(columns={"outer": "O"}), id="rename_axis_columns_dict"),
    pytest.param(lambda d: d.rename_axis(columns=lambda n: f"<{n}>"), id="rename_axis_columns_function"),
    pytest.param(lambda d: d.rename_axis(["A", None, "C"], axis=1), id="rename_axis_mapper_axis1"),
    pytest.param(lambda d: d.rename_axis(index="K", columns=["A", "B", "C"]), id="rename_axis_both"),
    pytest.param(lambda d: d.droplevel(0, axis=1), id="droplevel_first"),
    pytest.param(lambda d: d.droplevel(1, axis=1), id="droplevel_middle"),
    pytest.param(lambda d: d[[("a", 1, "p"), ("b", 2, "p")]].droplevel([0, 2], axis=1), id="droplevel_keeping_middle"),
    pytest.param(lambda d: d[[("a", 1, "p"), ("b", 1, "q")]].droplevel(["outer", "mid"], axis=1), id="droplevel_by_names"),
    pytest.param(lambda d: d.droplevel(-1, axis=1), id="droplevel_last"),
    pytest.param(lambda d: d.xs(1, axis=1, level="mid"), id="xs_middle"),
    pytest.param(lambda d: d.xs("q", axis=1, level=2), id="xs_last"),
    pytest.param(lambda d: d.xs(("a", "p"), axis=1, level=[0, 2]), id="xs_two_levels"),
    pytest.param(lambda d: d.xs("b", axis=1, level=0), id="xs_first"),
    pytest.param(lambda d: d.xs(1, axis=1, level="mid")["b"], id="xs_then_select"),
    pytest.param(lambda d: d.droplevel(1, axis=1).rename_axis(columns=["P", "Q"]).reset_index(), id="droplevel_rename_reset"),
    pytest.param(lambda d: d.set_axis(pd.Index(["w", "x", "y", "z"], name="n"), axis=1), id="set_axis_named"),
    pytest.param(lambda d: d.set_axis(["w", "x", "y", "z"], axis=1), id="set_axis_plain_drops_names"),
    pytest.param(lambda d: d.set_axis(pd.MultiIndex.from_tuples([(1, "w"), (1, "x"), (2, "y"), (2, "z")], names=["i", "j"]),
                                      axis=1), id="set_axis_multiindex"),
]


@pytest.mark.parametrize("rows", [True, False], ids=["rows", "empty"])
@pytest.mark.parametrize("op", THREE)
def test_three_levels(op, rows):
    p = _three(rows)
    d = cpd.read_pandas(p)
    out = op(d)
    assert_same(out, op(p))
    assert_same(out, op(p))  # re-executed
    assert list(out.columns.names) == list(op(p).columns.names)


FLAT = [
    pytest.param(lambda d: d.rename_axis(columns="cols"), id="columns_name"),
    pytest.param(lambda d: d.rename_axis("cols", axis="columns"), id="mapper_columns"),
    pytest.param(lambda d: d.rename_axis(index="K", columns="C"), id="both"),
    pytest.param(lambda d: d.rename_axis(columns="C").rename_axis(columns=None), id="name_removed"),
    pytest.param(lambda d: d.rename_axis(columns="C")[["y"]], id="selection_keeps_name"),
    pytest.param(lambda d: d.rename_axis(columns="C").assign(z=d["x"] * 2), id="assign_keeps_name"),
    pytest.param(lambda d: d.rename_axis(columns="C").sort_values("x"), id="sort_keeps_name"),
]


@pytest.mark.parametrize("rows", [True, False], ids=["rows", "empty"])
@pytest.mark.parametrize("op", FLAT)
def test_flat(op, rows):
    p = _flat(rows)
    d = cpd.read_pandas(p)
    assert_same(op(d), op(p))
    assert op(d).columns.name == op(p).columns.name


def test_columns_setter():
    p, d = _three(), cpd.read_pandas(_three())
    for labels in (pd.Index(list("wxyz"), name="n"), list("wxyz"),
                   pd.MultiIndex.from_tuples([("a", 1), ("a", 2), ("b", 1), ("b", 2)], names=["s", None])):
        pp, dd = p.copy(), d.copy()
        pp.columns = labels
        dd.columns = labels
        assert_same(dd, pp)
        assert list(dd.columns.names) == list(pp.columns.names)
    assert list(d.columns.names) == ["outer", "mid", None]  # the frame assigned to changes, not its copies


def test_errors():
    p, d = _three(), cpd.read_pandas(_three())
    check_raises(ex.InvalidArgumentError, ValueError, "Length of names", lambda: d.rename_axis(columns=["A"]),
                 lambda: p.rename_axis(columns=["A"]))
    check_raises(ex.DTypeError, TypeError, "list-like", lambda: d.rename_axis(columns="A"),
                 lambda: p.rename_axis(columns="A"))
    check_raises(ex.LabelNotFoundError, KeyError, None, lambda: d.droplevel("nope", axis=1),
                 lambda: p.droplevel("nope", axis=1))
    check_raises(ex.IndexOutOfBoundsError, IndexError, None, lambda: d.droplevel(5, axis=1),
                 lambda: p.droplevel(5, axis=1))
    check_raises(ex.InvalidArgumentError, ValueError, None, lambda: d.droplevel([0, 1, 2], axis=1),
                 lambda: p.droplevel([0, 1, 2], axis=1))
