"""mean, median and quantile of datetime and timedelta Series, columns and groups, and describe()
of datetime columns (issue 13, step 3), as pandas 3.1 gives them: a Timestamp (in the column's
zone) or a Timedelta, computed on microseconds since the epoch and truncated toward zero; NaT
skipped, or NaT for no values. pandas is the oracle for every case, computed twice."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd

ZONES = [None, "UTC", "America/New_York", "Asia/Kolkata"]
TIMES = ["2024-03-10 01:30:00.000001", "2024-03-10 03:30:00.000002", None, "2024-03-11 00:00:00.000002",
         "1969-12-31 23:59:59.999999", "1969-12-31 23:59:59.999998", "2024-11-03 01:30:00"]


def frame(tz) -> pd.DataFrame:
    t = pd.Series(pd.to_datetime(pd.Series(TIMES), format="ISO8601").astype("datetime64[us]"))
    if tz:
        t = t.dt.tz_localize("UTC").dt.tz_convert(tz)
    return pd.DataFrame({"k": pd.array([1, 1, 2, 2, 3, 3, 3], dtype="Int64"), "t": t,
                         "d": t - t.iloc[0], "x": pd.array(range(7), dtype="Float64")})


def same_scalar(got, expected, what):
    assert type(got) is type(expected) or (pd.isna(got) and pd.isna(expected)), (what, got, expected)
    assert (pd.isna(got) and pd.isna(expected)) or got == expected, (what, got, expected)
    if isinstance(expected, pd.Timestamp):
        assert str(got.tz) == str(expected.tz), what


@pytest.mark.parametrize("tz", ZONES)
def test_series_mean_median_quantile_as_pandas(tz):
    pdf = frame(tz)
    df = cpd.read_pandas(pdf)
    for col in ["t", "d"]:
        for rows in [slice(None), slice(0, 2), slice(2, 3), slice(0, 0), slice(4, 6)]:
            ps, s = pdf[col].iloc[rows], df[col].iloc[rows]
            for what, call in [("mean", lambda x: x.mean()), ("median", lambda x: x.median()),
                               ("quantile", lambda x: x.quantile(0.3)), ("quantile 0.75", lambda x: x.quantile(0.75)),
                               ("min", lambda x: x.min())]:
                for _ in range(2):
                    same_scalar(call(s), call(ps), f"{col} {what} {rows}")
            pd.testing.assert_series_equal(s.quantile([0.25, 0.5]), ps.quantile([0.25, 0.5]),
                                           check_index_type=False)


@pytest.mark.parametrize("tz", ZONES)
def test_frame_and_group_means_as_pandas(tz):
    pdf = frame(tz)
    df = cpd.read_pandas(pdf)
    for f in ["mean", "median"]:
        got = getattr(df.groupby("k")[["t", "d"]], f)()
        expected = getattr(pdf.groupby("k")[["t", "d"]], f)()
        assert dict(got.dtypes) == dict(expected.dtypes), f
        for _ in range(2):
            pd.testing.assert_frame_equal(got.to_pandas(), expected, check_index_type=False)
    got = df.groupby("k")["t"].quantile(0.3).to_pandas()
    pd.testing.assert_series_equal(got, pdf.groupby("k")["t"].quantile(0.3), check_index_type=False)


@pytest.mark.parametrize("tz", ZONES)
def test_describe_of_datetime_columns_as_pandas(tz):
    pdf = frame(tz)
    df = cpd.read_pandas(pdf)
    for _ in range(2):
        pd.testing.assert_series_equal(df["t"].describe(), pdf["t"].describe())
        # (a timedelta's std is exact here, pandas' float64 one may be a microsecond off: not compared)
        pd.testing.assert_frame_equal(df[["k", "t", "x"]].describe(), pdf[["k", "t", "x"]].describe())
        pd.testing.assert_frame_equal(df[["t"]].describe(percentiles=[0.1, 0.9]), pdf[["t"]].describe(percentiles=[0.1, 0.9]))
    empty = pdf.iloc[:0]
    pd.testing.assert_series_equal(cpd.read_pandas(empty)["t"].describe(), empty["t"].describe())
