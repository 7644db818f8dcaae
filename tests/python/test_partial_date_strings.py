"""loc (and []) of a date string on a DatetimeIndex, pandas' partial string indexing, against
pandas 3.1: a string coarser than the index's resolution ("2024-03" on daily or hourly times)
selects the rows of its period, as a Series or frame; one as fine as the index's resolution
names a label exactly (a scalar, or a row, when it is unique). Naive and zoned indexes (New
York across its summer-time change), unsorted and repeated labels, NaT, no rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same

KEYS = ["2024", "2024-03", "2024-03-10", "2024-03-09", "2024-03-10 01", "2024-03-10 03",
        "2024-03-10 03:00", "2024-03-10 03:00:00", "2024-02", "2023", "2025-01", "2024-03-11 00:00:00.000001",
        "not a date"]


def _index(kind, zone):
    if kind == "hourly":
        times = pd.date_range("2024-03-07 20:00", periods=24, freq="7h")
    elif kind == "daily":
        times = pd.date_range("2024-02-25", periods=20, freq="D")
    elif kind == "unsorted":
        times = pd.DatetimeIndex(["2024-03-10 05:00", "2024-02-01 00:00", "2024-03-10 01:00", "2024-03-12 00:00",
                                  "2024-03-10 05:00", None])
    else:  # repeated midnights, sorted
        times = pd.DatetimeIndex(["2024-03-09", "2024-03-10", "2024-03-10", "2024-03-11"])
    times = pd.DatetimeIndex(times.as_unit("us"), freq=None)  # (freq through selections: README, differences)
    return times.tz_localize(zone, nonexistent="shift_forward") if zone else times


def _outcome(call):
    try:
        return call(), None
    except (KeyError, ValueError, TypeError) as e:
        return None, e


def _check(got_call, expected_call):
    expected, error = _outcome(expected_call)
    if error is not None:
        with pytest.raises((ex.LabelNotFoundError, ex.InvalidArgumentError)):
            got = got_call()
            got.to_pandas() if hasattr(got, "to_pandas") else got
        return
    got = got_call()
    if isinstance(got, pd.Series):  # (one row of a frame, as pandas: a pandas Series)
        pd.testing.assert_series_equal(got, expected)
    elif isinstance(expected, (pd.Series, pd.DataFrame)):
        assert_same(got, expected)
    else:
        assert got == expected, (got, expected)


@pytest.mark.parametrize("zone", [None, "America/New_York"])
@pytest.mark.parametrize("kind", ["hourly", "daily", "unsorted", "repeated"])
def test_series_loc_and_getitem(kind, zone):
    index = _index(kind, zone)
    p = pd.Series(pd.array(range(len(index)), dtype="Int64"), index=index, name="v")
    c = cpd.read_pandas(p)
    for key in KEYS:
        _check(lambda: c.loc[key], lambda: p.loc[key])
        _check(lambda: c[key], lambda: p[key])


@pytest.mark.parametrize("zone", [None, "America/New_York"])
@pytest.mark.parametrize("kind", ["hourly", "daily", "unsorted", "repeated"])
def test_frame_loc(kind, zone):
    index = _index(kind, zone)
    p = pd.DataFrame({"v": pd.array(range(len(index)), dtype="Int64"),
                      "w": pd.array(np.arange(len(index)) / 4, dtype="Float64")}, index=index)
    c = cpd.read_pandas(p)
    for key in KEYS:
        _check(lambda: c.loc[key], lambda: p.loc[key])
        _check(lambda: c.loc[key, "w"], lambda: p.loc[key, "w"])
        _check(lambda: c.loc[key, ["w"]], lambda: p.loc[key, ["w"]])


def test_no_rows_and_re_execution():
    p = pd.Series(pd.array([], dtype="Int64"), index=pd.DatetimeIndex([], dtype="datetime64[us]"))
    c = cpd.read_pandas(p)
    for key in ("2024-03", "2024", "2024-03-10"):
        _check(lambda: c.loc[key], lambda: p.loc[key])
    p = pd.Series(pd.array(range(24), dtype="Int64"), index=_index("hourly", "America/New_York"))
    got = cpd.read_pandas(p).loc["2024-03-10"]
    assert_same(got, p.loc["2024-03-10"])
    assert_same(got, p.loc["2024-03-10"])


def test_after_a_filter_the_resolution_is_the_rows_left():
    """The index's resolution is its values': midnight-only rows left after a filter make a day
    string exact (a scalar), as pandas' index of those rows does."""
    p = pd.Series(pd.array(range(24), dtype="Int64"), index=pd.DatetimeIndex(pd.date_range("2024-03-01", periods=24, freq="6h").as_unit("us"), freq=None))
    c = cpd.read_pandas(p)
    midnights = c.iloc[::4]
    expected = p.iloc[::4]
    for key in ("2024-03-02", "2024-03"):
        _check(lambda: midnights.loc[key], lambda: expected.loc[key])
