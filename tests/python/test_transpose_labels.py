"""T / transpose() of frames whose index is not text, against pandas 3.1: the index values become
the column labels as pandas gives them (Timestamps with their zone, Timedeltas, dates, numbers,
booleans), the columns axis keeps the index's dtype, NaT included; the labels select columns, survive
a round trip (T.T) and name the columns in CSV. Also the core's Label of those values."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same

_VALUES = {"a": pd.array([1, None, 3], dtype="Int64"), "b": pd.array([4, 5, None], dtype="Int64")}
INDEXES = {
    "paris": pd.DatetimeIndex(["2024-03-31 01:00", "2024-03-31 03:00", "2024-10-27 02:30"]).tz_localize(
        "Europe/Paris", ambiguous=[True, False, True]).as_unit("us"),
    "utc": pd.DatetimeIndex(["2024-01-01", "2024-01-02 12:30:00.000001", "1969-12-31 23:59"], tz="UTC").as_unit("us"),
    "naive": pd.DatetimeIndex(["2024-01-01", "2024-01-02 12:30", "1900-02-28"]).as_unit("us"),
    "with_nat": pd.DatetimeIndex(["2024-01-01", None, "2024-01-03"]).tz_localize("America/New_York").as_unit("us"),
    "named": pd.DatetimeIndex(["2024-01-01", "2024-01-02", "2024-01-03"], name="when").as_unit("us"),
    "timedelta": pd.TimedeltaIndex(["1D", "-2h", "3us"]).as_unit("us"),
    "date": pd.Index(pd.array([datetime.date(2024, 1, 1), datetime.date(1969, 7, 20), datetime.date(2000, 2, 29)],
                              dtype="date32[pyarrow]")),
}


@pytest.mark.parametrize("index", INDEXES)
def test_transpose_of_a_temporal_index_like_pandas(index):
    pdf = pd.DataFrame(_VALUES, index=INDEXES[index])
    got = cpd.read_pandas(pdf).T
    want = pdf.T
    assert_same(got, want)
    pd.testing.assert_index_equal(got.columns, want.columns, exact=True)
    pd.testing.assert_index_equal(got.to_pandas().columns, want.columns, exact=True)
    assert_same(got.T, want.T)  # and back: the labels become the index again
    assert got.to_csv() == want.to_csv()


@pytest.mark.parametrize("index", ["paris", "timedelta", "date"])
def test_temporal_labels_select_and_combine(index):
    pdf = pd.DataFrame(_VALUES, index=INDEXES[index])
    got, want = cpd.read_pandas(pdf).T, pdf.T
    label = want.columns[2]
    assert_same(got[label], want[label])
    assert_same(got[[want.columns[1], label]], want[[want.columns[1], label]])
    assert_same(got + got, want + want)
    renamed, expected = got.add_suffix("_x"), want.add_suffix("_x")
    if index == "date":  # (pandas' text of date32[pyarrow] labels is string[pyarrow], cormorant's pandas' str)
        expected.columns = expected.columns.astype("str")
    assert_same(renamed, expected)


def test_transpose_of_no_rows_keeps_the_index_dtype():
    pdf = pd.DataFrame(_VALUES, index=INDEXES["paris"]).head(0)
    got = cpd.read_pandas(pdf).T.to_pandas()
    assert got.shape == pdf.T.shape
    pd.testing.assert_index_equal(got.columns, pdf.T.columns, exact=True)


def test_finer_than_a_microsecond_is_refused_by_name():
    cdf = cpd.read_pandas(pd.DataFrame(_VALUES))
    for label in (pd.Timestamp("2024-01-01 00:00:00.000000001"), pd.Timedelta(1, unit="ns")):
        with pytest.raises(exceptions.UnsupportedError, match="finer than a microsecond"):
            cdf.rename(columns={"a": label})
    assert_same(cdf.rename(columns={"a": pd.Timestamp("2024-01-01", tz="Asia/Tokyo")}),
                pd.DataFrame(_VALUES).rename(columns={"a": pd.Timestamp("2024-01-01", tz="Asia/Tokyo")}))
