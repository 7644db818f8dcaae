"""loc, [] and xs on a MultiIndex of rows against pandas 3.1: full keys (one row gives the row,
several keep every level), partial keys (the matched levels dropped), tuples of per-level keys
(labels, lists in their order, slice(None) / pd.IndexSlice), lists of labels and of tuples,
(rows, columns) keys, and xs by level with drop_level; repeated labels, missing labels in a
level, a non-UTC datetime level, no rows, re-execution. Missing keys are KeyErrors."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same, check_raises


def _frame():
    idx = pd.MultiIndex.from_tuples(
        [("b", 1), ("a", 2), ("a", 1), ("b", 3), ("a", 2), ("b", 2), (None, 1), ("c", 5)], names=["k", "n"])
    return pd.DataFrame({"x": pd.array([1, 2, 3, 4, None, 6, 7, 8], dtype="Int64"),
                         "y": pd.array([5.0, 6, None, 8, 9, 10, 11, 12], dtype="Float64"),
                         "s": pd.array(list("pqrstuvw"), dtype="string")}, index=idx)


def _three_levels():
    times = pd.DatetimeIndex(["2024-03-10 01:00", "2024-03-10 03:00", "2024-03-10 01:00", "2024-11-03 00:30"],
                             tz="America/New_York").as_unit("us")
    idx = pd.MultiIndex.from_arrays([pd.array([1, 1, 2, 2], dtype="Int64"), times,
                                     pd.array(["u", "v", "u", "v"], dtype="string")], names=["i", "t", "s"])
    return pd.DataFrame({"v": pd.array([1.5, 2.5, 3.5, 4.5], dtype="Float64")}, index=idx)


def _same(got, expected):
    if isinstance(got, (pd.DataFrame, pd.Series)):  # one row: pandas' own Series, as pandas gives it
        pd.testing.assert_series_equal(got, expected, check_dtype=False)
    elif isinstance(expected, (pd.DataFrame, pd.Series)):
        assert_same(got, expected)
    elif pd.isna(expected):
        assert pd.isna(got), got
    else:
        assert got == expected, (got, expected)


FRAME_KEYS = [
    pytest.param(lambda d: d.loc[("a", 2)], id="full_key_repeated"),
    pytest.param(lambda d: d.loc[("a", 2), "x"], id="full_key_repeated_column"),
    pytest.param(lambda d: d.loc[("b", 3), "x"], id="full_key_one_row_column"),
    pytest.param(lambda d: d.loc["a"], id="partial_key"),
    pytest.param(lambda d: d.loc["a", "x"], id="partial_key_column"),
    pytest.param(lambda d: d.loc["a", ["y", "s"]], id="partial_key_columns"),
    pytest.param(lambda d: d.loc["a", :], id="partial_key_all_columns"),
    pytest.param(lambda d: d.loc[[("b", 3), ("a", 2)]], id="list_of_tuples_in_list_order"),
    pytest.param(lambda d: d.loc[["b", "a"]], id="list_of_labels_in_list_order"),
    pytest.param(lambda d: d.loc[["b", "a"], "x"], id="list_of_labels_column"),
    pytest.param(lambda d: d.loc[(["b", "a"], 2), :], id="tuple_list_and_label"),
    pytest.param(lambda d: d.loc[(["b", "a"], [2]), :], id="tuple_of_lists"),
    pytest.param(lambda d: d.loc[("a", [2, 1]), :], id="tuple_label_and_list_order"),
    pytest.param(lambda d: d.loc[("a", slice(None)), :], id="tuple_label_and_slice"),
    pytest.param(lambda d: d.loc[(slice(None), [3, 1]), :], id="tuple_slice_and_list"),
    pytest.param(lambda d: d.loc[pd.IndexSlice[:, 1], :], id="index_slice"),
    pytest.param(lambda d: d.loc[pd.IndexSlice[:, 1], "y"], id="index_slice_column"),
    pytest.param(lambda d: d[d.x > 2].loc["b"], id="after_a_filter"),
    pytest.param(lambda d: d.xs("a"), id="xs_first_level"),
    pytest.param(lambda d: d.xs(2, level="n"), id="xs_level_by_name"),
    pytest.param(lambda d: d.xs(1, level=1), id="xs_level_by_position"),
    pytest.param(lambda d: d.xs(("a", 2)), id="xs_full_key_repeated"),
    pytest.param(lambda d: d.xs("a", drop_level=False), id="xs_keep_level"),
    pytest.param(lambda d: d.xs(2, level="n", drop_level=False), id="xs_level_keep_level"),
    pytest.param(lambda d: d.xs(("a", 2), level=["k", "n"]), id="xs_every_level"),
    pytest.param(lambda d: d.xs("x", axis=1), id="xs_column"),
]


@pytest.mark.parametrize("pick", FRAME_KEYS)
def test_frame_keys(pick):
    p = _frame()
    d = cpd.read_pandas(p)
    _same(pick(d), pick(p))
    _same(pick(d), pick(p))  # re-executed


def test_full_key_of_one_row_is_the_row():
    p = _frame()
    d = cpd.read_pandas(p)
    got, expected = d.loc[("b", 3)], p.loc[("b", 3)]
    assert isinstance(got, pd.Series) and got.name == expected.name == ("b", 3)
    assert got.tolist() == expected.tolist()
    got, expected = d.xs(("c", 5)), p.xs(("c", 5))
    assert got.name == expected.name and got.tolist() == expected.tolist()


SERIES_KEYS = [
    pytest.param(lambda s: s.loc[("a", 1)], id="full_key_value"),
    pytest.param(lambda s: s[("b", 3)], id="getitem_full_key"),
    pytest.param(lambda s: s["b", 3], id="getitem_labels"),
    pytest.param(lambda s: s.loc[("a", 2)], id="full_key_repeated"),
    pytest.param(lambda s: s.loc["b"], id="partial_key"),
    pytest.param(lambda s: s["a"], id="getitem_partial_key"),
    pytest.param(lambda s: s.loc[["c", "a"]], id="list_of_labels"),
    pytest.param(lambda s: s.loc[[("c", 5), ("b", 1)]], id="list_of_tuples"),
    pytest.param(lambda s: s.loc[(["b", "a"], 2)], id="tuple_list_and_label"),
    pytest.param(lambda s: s.loc[("a", slice(None))], id="tuple_label_and_slice"),
    pytest.param(lambda s: s.loc[pd.IndexSlice[:, 2]], id="index_slice"),
    pytest.param(lambda s: s.xs(1, level=1), id="xs_level"),
    pytest.param(lambda s: s.xs("b"), id="xs_first_level"),
    pytest.param(lambda s: s.xs("b", drop_level=False), id="xs_keep_level"),
]


@pytest.mark.parametrize("pick", SERIES_KEYS)
def test_series_keys(pick):
    p = _frame()
    d = cpd.read_pandas(p)
    _same(pick(d.y), pick(p.y))
    _same(pick(d.s), pick(p.s))


THREE_LEVEL_KEYS = [
    pytest.param(lambda d: d.loc[1], id="first_level"),
    pytest.param(lambda d: d.loc[(2, pd.Timestamp("2024-03-10 01:00", tz="America/New_York"))], id="two_levels"),
    pytest.param(lambda d: d.loc[(slice(None), slice(None), "u"), :], id="last_level"),
    pytest.param(lambda d: d.xs("v", level="s"), id="xs_last_level"),
    pytest.param(lambda d: d.xs((1, "u"), level=["i", "s"]), id="xs_two_levels"),
    pytest.param(lambda d: d.loc[[(2, pd.Timestamp("2024-11-03 00:30", tz="America/New_York"), "v"),
                                  (1, pd.Timestamp("2024-03-10 01:00", tz="America/New_York"), "u")]], id="list_of_tuples"),
]


@pytest.mark.parametrize("pick", THREE_LEVEL_KEYS)
def test_three_levels_with_a_zoned_datetime_level(pick):
    p = _three_levels()
    _same(pick(cpd.read_pandas(p)), pick(p))


def test_no_rows():
    p = _frame().iloc[:0]
    d = cpd.read_pandas(p)
    check_raises(ex.LabelNotFoundError, KeyError, None, lambda: d.loc["a"], lambda: p.loc["a"])
    _same(d.loc[pd.IndexSlice[:, :], :], p.loc[pd.IndexSlice[:, :], :])


MISSING = [
    pytest.param(lambda d: d.loc["z"], id="label"),
    pytest.param(lambda d: d.loc[("a", 7)], id="full_key"),
    pytest.param(lambda d: d.loc[("a", 3)], id="full_key_of_present_labels"),
    pytest.param(lambda d: d.loc[[("b", 3), ("z", 2)]], id="tuple_in_list"),
    pytest.param(lambda d: d.loc[["b", "z"]], id="label_in_list"),
    pytest.param(lambda d: d.loc[("z", slice(None)), :], id="label_in_tuple"),
    pytest.param(lambda d: d.loc[5], id="label_of_another_kind"),
    pytest.param(lambda d: d.xs("z"), id="xs"),
    pytest.param(lambda d: d.xs(9, level="n"), id="xs_level"),
    pytest.param(lambda d: d.x.loc[("a", 9)], id="series_full_key"),
]


@pytest.mark.parametrize("pick", MISSING)
def test_missing_keys_are_key_errors(pick):
    p = _frame().iloc[:6]  # (with a missing label in a level pandas finds no KeyError in a list)
    # (a full key no row has is then read as (rows, column) as pandas does: a missing column)
    check_raises((ex.LabelNotFoundError, ex.ColumnNotFoundError), KeyError, None, lambda: pick(cpd.read_pandas(p)), lambda: pick(p))


def test_errors():
    p = _frame()
    d = cpd.read_pandas(p)
    check_raises(ex.IndexOutOfBoundsError, Exception, "Too many indexers", lambda: d.loc[("a", 2, 3)],
                 lambda: p.loc[("a", 2, 3)])
    with pytest.raises(ex.UnsupportedError, match="slice"):
        d.loc["a":"b"]
    with pytest.raises(ex.UnsupportedError, match="slice"):
        d.loc[(slice("a", "b"), 1), :]
    with pytest.raises(ex.InvalidArgumentError, match="axis"):
        d.x.xs("a", axis=1)


def test_int_column_labels_in_loc():
    p = pd.DataFrame({5: pd.array([1, 2], dtype="Int64"), 6: pd.array([3, 4], dtype="Int64")})
    d = cpd.read_pandas(p)
    assert d.loc[0, 5] == p.loc[0, 5]
    assert_same(d.loc[:, 5], p.loc[:, 5])
    assert_same(d.loc[[1], 6], p.loc[[1], 6])
    check_raises(ex.ColumnNotFoundError, KeyError, None, lambda: d.loc[:, 7], lambda: p.loc[:, 7])


def _column_frame():
    columns = pd.MultiIndex.from_tuples([("a", "x"), ("a", "y"), ("b", "z")], names=["u", "v"])
    return pd.DataFrame([[1, 2, None], [4, 5, 6]], columns=columns, index=[7, 7]).astype("Int64")


COLUMN_KEYS = [
    pytest.param(lambda d: d.loc[:, ("a", "x")], id="loc_column_tuple"),
    pytest.param(lambda d: d.loc[:, "a"], id="loc_column_partial"),
    pytest.param(lambda d: d[("b", "z")], id="getitem_tuple"),
    pytest.param(lambda d: d.xs("a", axis=1, level=0), id="xs_columns_level"),
    pytest.param(lambda d: d.xs("a", axis=1, level="u"), id="xs_columns_level_name"),
    pytest.param(lambda d: d.xs("a", axis=1), id="xs_columns_first_level"),
    pytest.param(lambda d: d.xs(("a", "y"), axis=1), id="xs_columns_full_key"),
    pytest.param(lambda d: d.xs("x", axis=1, level=1, drop_level=False), id="xs_columns_keep_level"),
    pytest.param(lambda d: d.xs("x", axis=1, level=1, drop_level=False), id="xs_columns_inner_level_kept"),
    pytest.param(lambda d: d.droplevel(0, axis=1), id="droplevel_columns"),
    pytest.param(lambda d: d.droplevel("u", axis=1), id="droplevel_columns_by_name"),
    pytest.param(lambda d: d[[("a", "x"), ("b", "z")]].droplevel("v", axis=1), id="droplevel_columns_keeping_first"),
    pytest.param(lambda d: d.xs("x", axis=1, level=1), id="xs_columns_keeping_first"),
]


@pytest.mark.parametrize("pick", COLUMN_KEYS)
def test_multiindex_columns(pick):
    p = _column_frame()
    assert_same(pick(cpd.read_pandas(p)), pick(p))


def test_multiindex_columns_errors():
    p = _column_frame()
    d = cpd.read_pandas(p)
    check_raises(ex.LabelNotFoundError, KeyError, None, lambda: d.xs("z", axis=1), lambda: p.xs("z", axis=1))
    with pytest.raises(ex.InvalidArgumentError):
        cpd.read_pandas(pd.DataFrame({"a": [1]})).droplevel(0, axis=1)
    check_raises(ex.LabelNotFoundError, KeyError, None, lambda: d.droplevel("w", axis=1),
                 lambda: p.droplevel("w", axis=1))
