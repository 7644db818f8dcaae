"""astype("string") of dates and timestamps against pandas 3.1, which formats a whole column at
one precision (seconds, milliseconds or microseconds: the largest any value needs; a naive
column of midnights as dates) and aware values as wall times in their zone with the offset."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from conftest import assert_same


def _ts(values):
    return pd.Series(pd.to_datetime(values, format="ISO8601")).astype("datetime64[us]")


CASES = {
    "midnights": _ts(["2018-03-01", None, "1969-12-31"]),
    "seconds": _ts(["2018-03-01 09:00", "2018-03-01", None]),
    "milliseconds": _ts(["2018-03-01 09:00:00.5", "2018-03-01"]),
    "microseconds": _ts(["2018-03-01 09:00:00.000001", "1969-12-31 23:59:59.999999"]),
    "missing_only": _ts([None, None]),
    "empty": _ts([]),
    "aware_midnight": _ts(["2018-03-01", None]).dt.tz_localize("US/Eastern"),
    "aware": _ts(["2018-03-01 09:00", "2018-07-01 09:00", None]).dt.tz_localize("US/Eastern"),
    "aware_fraction": _ts(["2018-03-01 09:00:00.25", None]).dt.tz_localize("Asia/Kolkata"),
    "utc": _ts(["2018-03-01 09:00", None]).dt.tz_localize("UTC"),
    "date": pd.Series([dt.date(2018, 3, 1), None], dtype=pd.ArrowDtype(pa.date32())),
}


@pytest.mark.parametrize("case", list(CASES))
def test_series_astype_string_follows_pandas(case):
    s = CASES[case]
    assert_same(cpd.read_pandas(s).astype("string"), s.astype("string"))


def test_frame_astype_string_and_precision_of_the_filtered_rows():
    df = pd.DataFrame({"t": CASES["milliseconds"], "a": CASES["aware"].iloc[:2], "v": pd.array([1, 2], dtype="Int64")})
    c = cpd.read_pandas(df)
    assert_same(c.astype("string"), df.astype("string"))
    assert_same(c.astype({"t": "string"}), df.astype({"t": "string"}))
    # The precision is that of the Series astype sees: here, after the filter.
    assert_same(c[c["v"] > 1]["t"].astype("string"), df[df["v"] > 1]["t"].astype("string"))


def test_astype_string_in_partial_mode():
    s = CASES["aware_fraction"]
    with _partial():
        session = cpd.Session()
        got = session.read_pandas(s).astype("string").to_pandas()
    assert sorted(got.dropna().tolist()) == sorted(s.astype("string").dropna().tolist())


class _partial:
    def __enter__(self):
        self.old = cpd.options.session.ordering_mode
        cpd.options.session.ordering_mode = "partial"

    def __exit__(self, *exc):
        cpd.options.session.ordering_mode = self.old
