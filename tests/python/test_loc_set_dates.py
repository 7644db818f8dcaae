"""Setting through date strings on a DatetimeIndex, as pandas 3.1 (issue 13): s.loc["2024-03"] = v,
df.loc["2024-03-10", "c"] = v, df.loc["2024-03":"2024-04"] = v. A partial date names the rows of
its period (in the index's zone); text as fine as the index names one label; a period a sorted
index (either way) lies outside of, or an absent label, is pandas' setting with enlargement
(cormorant's LabelNotFoundError); a slice over an unsorted index needs both bounds in it."""

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions


def _frames(tz):
    idx = pd.date_range("2024-02-27", periods=8, freq="11D", tz=tz)
    values = {"c": pd.array(np.arange(8.0), dtype="Float64"), "d": pd.array(np.arange(8), dtype="Int64")}
    base = pd.DataFrame(values, index=idx)
    hourly = pd.DataFrame(values, index=pd.date_range("2024-03-10 22:00", periods=8, freq="90min", tz=tz))
    odd = pd.DatetimeIndex(["2024-03-09", None, "2024-03-09", "2024-04-11", "2024-02-27"]).tz_localize(tz)
    dups = pd.DataFrame({"c": pd.array(np.arange(5.0), dtype="Float64"), "d": pd.array(np.arange(5), dtype="Int64")},
                        index=odd)
    return {"sorted": base, "hourly": hourly, "unsorted": base.iloc[[3, 1, 2, 0, 7, 5, 4, 6]],
            "duplicates and NaT": dups, "decreasing": base.iloc[::-1]}


def _set_series(key, value):
    def f(obj):
        s = obj["c"]
        s.loc[key] = value
        obj["c"] = s
    return f


def _set_frame(key, value):
    def f(obj):
        obj.loc[key] = value
    return f


def _set_item(key, value):
    def f(obj):
        s = obj["c"]
        s[key] = value
        obj["c"] = s
    return f


CASES = {
    "s.loc[month]": _set_series("2024-03", 0.5),
    "s[month]": _set_item("2024-03", 0.5),
    "df.loc[month, c]": _set_frame(("2024-03", "c"), -1.0),
    "df.loc[day, c]": _set_frame(("2024-03-20", "c"), 99.0),
    "df.loc[hour, d]": _set_frame(("2024-03-11 01", "d"), -7),
    "df.loc[year]": _set_frame("2024", 1),
    "df.loc[slice of months]": _set_frame(slice("2024-03", "2024-04"), 0),
    "df.loc[slice of days, c]": _set_frame((slice("2024-03-09", "2024-04-11"), "c"), 5.5),
    "df.loc[open slice, d]": _set_frame((slice("2024-04", None), "d"), -9),
    "df.loc[slice to, c]": _set_frame((slice(None, "2024-03-20"), "c"), 2.5),
    "absent month": _set_frame("2025-03", 1),
    "absent day": _set_frame("2024-03-11", 7),
}


@pytest.mark.parametrize("tz", [None, "Europe/Paris"])
@pytest.mark.parametrize("frame", ["sorted", "hourly", "unsorted", "duplicates and NaT", "decreasing"])
@pytest.mark.parametrize("case", list(CASES))
def test_setting_through_date_strings(tz, frame, case):
    pdf = _frames(tz)[frame]
    expected, df = pdf.copy(), cpd.read_pandas(pdf)
    step = CASES[case]
    try:
        step(expected)
    except KeyError:
        with pytest.raises(exceptions.LabelNotFoundError):
            step(df)
            df.to_pandas()
        return
    if len(expected) > len(pdf) or expected.index.dtype != pdf.index.dtype:
        # pandas' setting with enlargement: cormorant refuses it, saying so
        with pytest.raises(exceptions.LabelNotFoundError, match="enlargement"):
            step(df)
        return
    step(df)
    pd.testing.assert_frame_equal(df.to_pandas(), expected, check_freq=False)


def test_reading_a_month_past_a_decreasing_index_raises_as_pandas():
    pdf = _frames(None)["decreasing"]
    with pytest.raises(KeyError):
        pdf.loc["2025-03"]
    with pytest.raises(exceptions.LabelNotFoundError):
        cpd.read_pandas(pdf).loc["2025-03"]


def test_setting_a_slice_of_other_labels_still_refused():
    df = cpd.read_pandas(pd.DataFrame({"c": [1.0, 2.0]}, index=pd.Index(["a", "b"])))
    with pytest.raises(exceptions.UnsupportedError):
        df.loc["a":"b"] = 0
