"""Reductions of date and datetime Series against pandas 3.1: counts are numbers (never read as
timestamps), min/max of a date column are datetime.date, and a missing result is what pandas
gives (NaT for datetime64, <NA> for the pyarrow date)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd

_TS = pd.Series(pd.to_datetime(["2018-03-01 09:00", None, "2018-03-01 09:00", "2020-07-01 00:00"])).astype(
    "datetime64[us]")
SERIES = {
    "naive": _TS,
    "aware": _TS.dt.tz_localize("US/Eastern"),
    "date": _TS.dt.date.astype(pd.ArrowDtype(pa.date32())),
}
SLICES = {"all": slice(None), "empty": slice(0, 0), "missing_only": slice(1, 2)}


@pytest.mark.parametrize("func", ["count", "nunique", "min", "max"])
@pytest.mark.parametrize("rows", list(SLICES))
@pytest.mark.parametrize("kind", list(SERIES))
def test_reduction_follows_pandas(kind, rows, func):
    s = SERIES[kind].iloc[SLICES[rows]]
    expected = getattr(s, func)()
    got = getattr(cpd.read_pandas(s), func)()
    assert type(got) is type(expected) or (func in ("count", "nunique") and got == expected and isinstance(got, int))
    if pd.isna(expected):
        assert got is expected
    else:
        assert got == expected


def test_groupby_nunique_of_timestamps_is_a_count():
    pdf = pd.DataFrame({"k": ["a", "a", "b", "b"], "t": SERIES["aware"]})
    got = cpd.read_pandas(pdf).groupby("k")["t"].nunique().to_pandas()
    assert got.tolist() == pdf.groupby("k")["t"].nunique().tolist()
