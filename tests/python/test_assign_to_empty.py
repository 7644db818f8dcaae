"""Assigning a Series to a frame with no columns and no rows (DataFrame(); df["a"] = s): pandas
gives the frame the Series' index and rows; compared with pandas 3.1, with missing values, a
repeated label, a named index, a non-UTC zone, and frames that have rows (aligned as usual)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same

SERIES = {
    "ints, labels": pd.Series([1, None, 3], index=[7, 8, 9], dtype="Int64", name="v"),
    "text, repeated label": pd.Series(["x", None, "z"], index=["k", "k", "m"], dtype="string", name="v"),
    "named index": pd.Series([1.5, -2.0], index=pd.Index([3, 1], name="key"), dtype="Float64", name="v"),
    "zoned stamps": pd.Series(pd.to_datetime(["2024-03-10 01:30", None]).tz_localize("America/New_York"),
                              name="v"),
    "default index": pd.Series([True, False, None], dtype="boolean", name="v"),
    "no rows": pd.Series([], dtype="Int64", name="v"),
}


def _both(local: pd.Series):
    return cpd.read_pandas(local.to_frame()).v, local


@pytest.mark.parametrize("case", list(SERIES))
def test_setitem_on_empty_frame_takes_the_series_rows(case):
    value, local = _both(SERIES[case])
    got, want = cpd.DataFrame(), pd.DataFrame()
    got["a"] = value
    want["a"] = local
    assert_same(got, want)
    got["b"] = value.isna()  # a second column aligns on the new index
    want["b"] = local.isna()
    assert_same(got, want)


@pytest.mark.parametrize("case", ["ints, labels", "named index"])
def test_assign_on_empty_frame(case):
    value, local = _both(SERIES[case])
    assert_same(cpd.DataFrame().assign(a=value), pd.DataFrame().assign(a=local))


def test_frame_without_columns_but_with_rows_aligns():
    value, local = _both(SERIES["ints, labels"])
    got, want = cpd.DataFrame(index=[9, 7, 5]), pd.DataFrame(index=[9, 7, 5])
    got["a"] = value
    want["a"] = local
    assert_same(got, want)


def test_scalar_on_empty_frame_stays_empty():
    got, want = cpd.DataFrame(), pd.DataFrame()
    got["a"] = 5
    want["a"] = 5
    assert list(got.columns) == list(want.columns) and len(got) == len(want) == 0


def test_insert_and_loc_on_empty_frame():
    value, local = _both(SERIES["ints, labels"])
    got, want = cpd.DataFrame(), pd.DataFrame()
    got.insert(0, "a", value)
    want.insert(0, "a", local)
    assert_same(got, want)
    got, want = cpd.DataFrame(), pd.DataFrame()
    got.loc[:, "a"] = value
    want.loc[:, "a"] = local
    assert_same(got, want)


def test_concat_with_empty_frame():
    value, local = _both(SERIES["ints, labels"])
    assert_same(cpd.concat([cpd.DataFrame(), value.to_frame("a")], axis=1),
                pd.concat([pd.DataFrame(), local.to_frame("a")], axis=1))


@pytest.mark.parametrize(
    "make",
    [lambda lib: lib.DataFrame(index=range(3)), lambda lib: lib.DataFrame(index=pd.RangeIndex(4)),
     lambda lib: lib.DataFrame(index=[0, 1, 2]), lambda lib: lib.DataFrame(columns=[], index=range(2))],
    ids=["range", "range_index", "list_of_positions", "no_column_labels"],
)
def test_rows_without_columns_keep_their_rows(make):
    """A frame of rows and no columns with the default index kept no rows (read_pandas sent no
    columns, and a stream of no columns has no rows): (0, 0) where pandas has (3, 0)."""
    got, want = make(cpd), make(pd)
    assert got.shape == want.shape
    assert got.to_pandas().shape == want.shape
    assert list(got.to_pandas().index) == list(want.index)
    got["a"] = 1
    want["a"] = 1
    assert_same(got, want)
    assert_same(got.reset_index(), want.reset_index())
    assert len(cpd.read_pandas(make(pd))) == len(want)
