"""groupby by arrays of keys in row order, as pandas: `df.groupby(df.index.month)`, a NumPy array,
a pandas array, a list with a key per row, mixed with column labels; pandas 3.1 is the oracle."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.exceptions as ex
import cormorant.pandas as cpd
from conftest import check_raises, nullable, nullable_index


def _int64(index: pd.Index) -> pd.Index:
    """Integer levels as Int64: keys of int32 (pandas' index.day) come back as Int32, read as
    read_pandas reads int32, where nullable_index maps pandas' to Int64."""
    if isinstance(index, pd.MultiIndex):
        return pd.MultiIndex.from_arrays([_int64(index.get_level_values(i)) for i in range(index.nlevels)],
                                         names=index.names)
    index = nullable_index(index)
    return index.astype("Int64") if index.dtype.kind in "iu" else index


def assert_same(got, want) -> None:
    """Values, labels, order and dtypes as pandas', with nullable dtypes (conftest.nullable) and
    integers of any width as Int64 (the keys' widths and counts are compared elsewhere)."""
    got, want = got.to_pandas(), nullable(want)
    for obj in (got, want):
        obj.index = _int64(obj.index)
    if isinstance(want, pd.DataFrame):
        got = got.astype({c: "Int64" for c in got.columns if got[c].dtype == "int64"})
        pd.testing.assert_frame_equal(got, want)
    else:
        pd.testing.assert_series_equal(got.astype("Int64") if got.dtype == "int64" else got, want)


def frame() -> pd.DataFrame:
    """Missing values, a repeated value, times across the DST change in America/New_York."""
    return pd.DataFrame(
        {"v": [1.0, None, 3.0, 4.0, 5.0, 6.0], "w": [1, 2, 3, 3, 5, 6], "s": ["a", "b", None, "a", "b", "a"]},
        index=pd.date_range("2024-03-09", periods=6, freq="13h", tz="America/New_York", name="t"),
    )


KEYS = {
    "index_day": lambda d: d.index.day,
    "index_hour": lambda d: d.index.hour,
    "index_date_named": lambda d: d.index.normalize().rename("day"),
    "ndarray_float_nan": lambda d: np.array([1, 2, 1, 2, 1, None], dtype=float),
    "ndarray_str": lambda d: np.array(["x", "y", "x", "y", "y", "x"]),
    "pandas_array": lambda d: pd.array(["x", None, "x", "y", "y", "x"], dtype="string"),
    "list_per_row": lambda d: ["a", "b", "a", "b", "a", "b"],
    "column_and_array": lambda d: ["s", np.array([0, 0, 1, 1, 0, 0])],
    "array_and_column": lambda d: [d.index.day, "s"],
}

AGGS = {
    "sum": lambda g: g[["v", "w"]].sum(),
    "count": lambda g: g.count(),
    "first": lambda g: g.first(),
    "v_mean": lambda g: g["v"].mean(),
    "w_agg": lambda g: g["w"].agg(["min", "max", "size"]),
}


@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize("agg", list(AGGS))
@pytest.mark.parametrize("key", list(KEYS))
def test_frame_grouped_by_array(key, agg, dropna):
    pdf = frame()
    df = cpd.read_pandas(pdf)
    want = AGGS[agg](pdf.groupby(KEYS[key](pdf), dropna=dropna))
    assert_same(AGGS[agg](df.groupby(KEYS[key](pdf), dropna=dropna)), want)


@pytest.mark.parametrize("key", ["index_day", "ndarray_str", "list_per_row"])
def test_series_grouped_by_array(key):
    pdf = frame()
    df = cpd.read_pandas(pdf)
    assert_same(df["v"].groupby(KEYS[key](pdf)).sum(), pdf["v"].groupby(KEYS[key](pdf)).sum())


@pytest.mark.parametrize("shape", ["filtered", "sorted", "repeated_index"])
def test_array_keys_follow_the_rows_positions(shape):
    """The array's i-th key goes with the i-th row of the frame as it is (after a filter or a sort),
    whatever its index labels."""
    pdf = frame()
    if shape == "repeated_index":
        pdf.index = pd.DatetimeIndex(["2024-01-01"] * 3 + ["2024-02-01"] * 3, name="t")
    df = cpd.read_pandas(pdf)
    pick = {
        "filtered": lambda d: d[d["w"] > 2],
        "sorted": lambda d: d.sort_values("w", ascending=False, kind="stable"),
        "repeated_index": lambda d: d,
    }[shape]
    keys = np.array([1, 2, 1, 3, 2, 1])[: len(pick(pdf))]
    assert_same(pick(df).groupby(keys)["w"].agg(["first", "last", "sum"]),
                pick(pdf).groupby(keys)["w"].agg(["first", "last", "sum"]))
    assert_same(pick(df).groupby(keys)["w"].sum(), pick(pdf).groupby(keys)["w"].sum())  # run again


def test_no_rows():
    pdf = frame().iloc[:0]
    assert_same(cpd.read_pandas(pdf).groupby(np.array([], dtype="int64"))["w"].sum(),
                pdf.groupby(np.array([], dtype="int64"))["w"].sum())


def test_a_list_of_column_labels_stays_labels():
    pdf = frame()
    df = cpd.read_pandas(pdf)
    assert_same(df.groupby(["w", "s"]).v.sum(), pdf.groupby(["w", "s"]).v.sum())


def test_wrong_length_raises():
    pdf = frame()
    df = cpd.read_pandas(pdf)
    check_raises(ex.InvalidArgumentError, ValueError, "same length",
                 lambda: df.groupby(np.array([0, 1])).sum(), lambda: pdf.groupby(np.array([0, 1])).sum())
    check_raises(ex.ColumnNotFoundError, KeyError, "'x'",
                 lambda: df.groupby(["x", "w"]).sum(), lambda: pdf.groupby(["x", "w"]).sum())


def test_partial_mode_needs_an_index():
    """A NULL index (partial ordering mode) gives rows no positions for the keys to follow."""
    df = cpd.Session(ordering_mode="partial").read_pandas(frame()).reset_index(drop=True)
    with pytest.raises(ex.NullIndexError, match="array of keys"):
        df.groupby(np.arange(6)).sum()
