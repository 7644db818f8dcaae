"""Sums and means of integers whose running sums pass Int64 on the way to a total that fits:
an engine's own sum of BIGINT over a window may overflow there (Spark's does, in ANSI mode),
and its avg may sum in doubles (Spark's does: [2**62, 2**62, -2**62, -2**62, 5] averaged 0.0,
not 1.0). Against pandas 3.1 where its float sums are exact (values of ±2**62 and 0), and
against the exact means of pandas' object-dtype (Python int) sums where pandas' own float
means lose the small values (cormorant's integer means are exact). Also the mean of
datetimes, whose microseconds since the epoch pass Int64 when summed over ~5,400 rows.
Missing values, no rows, repeated labels, and the same object run twice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same, assert_same_scalar

BIG = 2**62


def _frame(rows: str, small: int = 0) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "g": pd.array(["a", "a", "a", "a", "b", "b", "a", "b", "b"], dtype="string"),
            "x": pd.array([BIG, BIG, -BIG, -BIG, small, None, small, BIG, -BIG], dtype="Int64"),
            "n": pd.array([2**30, 2**30, -(2**30), None, 3, 4, 5, 6, 7], dtype="Int32"),
        },
        index=pd.Index([1, 2, 2, 3, 4, 5, 5, 6, 7], name="i"),  # (repeated labels)
    )
    return {"all": frame, "none": frame.head(0), "one": frame.head(1)}[rows]


CALLS = {
    "mean": lambda d: d["x"].mean(),
    "narrow mean": lambda d: d["n"].mean(),
    "sum": lambda d: d["x"].sum(),
    "groupby mean": lambda d: d.groupby("g")["x"].mean(),
    "agg mean": lambda d: d.groupby("g").agg(m=("x", "mean"), s=("x", "sum")),
    "transform sum": lambda d: d.groupby("g")["x"].transform("sum"),
    "transform mean": lambda d: d.groupby("g")["x"].transform("mean"),
    "narrow transform sum": lambda d: d.groupby("g")["n"].transform("sum"),
    "rolling sum": lambda d: d["x"].rolling(3).sum(),
    "rolling mean": lambda d: d["x"].rolling(2, min_periods=1).mean(),
    "expanding sum": lambda d: d["x"].expanding().sum(),
    "expanding mean": lambda d: d["x"].expanding().mean(),
    "group rolling sum": lambda d: d.groupby("g")["x"].rolling(3, min_periods=1).sum(),
    "group expanding mean": lambda d: d.groupby("g")["x"].expanding().mean(),
}


@pytest.mark.parametrize("rows", ["all", "none", "one"])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_integer_sums_past_int64_on_the_way(call, rows):
    pdf = _frame(rows)
    cdf = cpd.read_pandas(pdf)
    want = CALLS[call](pdf)
    got = CALLS[call](cdf)
    for _ in range(2):  # the same object again
        if isinstance(want, (pd.Series, pd.DataFrame)):
            assert_same(got, want)
        else:
            assert_same_scalar(got, want)


MEANS = {
    "mean": lambda d: d["x"].mean(),
    "groupby mean": lambda d: d.groupby("g")["x"].mean(),
    "transform mean": lambda d: d.groupby("g")["x"].transform("mean"),
    "expanding mean": lambda d: d["x"].expanding().mean(),
}


def _exact_mean(call: str, pdf: pd.DataFrame):
    """pandas' means of Python ints (object dtype: exact sums), as Float64."""
    exact = pdf.astype({"x": object})
    x, n = exact["x"], exact["x"].notna().astype(int)
    if call == "mean":
        return sum(v for v in x if v is not pd.NA) / n.sum()
    if call == "expanding mean":
        sums = x.fillna(0).cumsum()
        return (sums.astype(float) / n.cumsum()).astype("Float64")
    sums, counts = x.fillna(0).groupby(exact["g"]).sum(), n.groupby(exact["g"]).sum()
    means = (sums.astype(float) / counts).astype("Float64")
    if call == "groupby mean":
        return means
    return pd.Series(means.loc[exact["g"]].to_numpy(), index=pdf.index, name="x", dtype="Float64")


@pytest.mark.parametrize("call", sorted(MEANS))
def test_integer_means_are_exact(call):
    pdf = _frame("all", small=5)
    want = _exact_mean(call, pdf)
    assert str(want) != str(MEANS[call](pdf))  # (pandas' float mean loses the small values here)
    got = MEANS[call](cpd.read_pandas(pdf))
    for _ in range(2):
        if isinstance(want, pd.Series):
            assert_same(got, want)
        else:
            assert_same_scalar(got, want)


@pytest.mark.parametrize("zone", [None, "America/New_York"])
def test_datetime_mean_of_many_rows(zone):
    # 8,000 instants near 2020 (6,857 present): their microseconds since the epoch sum past Int64
    stamps = pd.Series(pd.date_range("2020-01-01", periods=8000, freq="37min", tz=zone, unit="us"))
    stamps[::7] = pd.NaT
    pdf = pd.DataFrame({"t": stamps, "g": np.arange(8000) % 3})
    cdf = cpd.read_pandas(pdf)
    assert_same_scalar(cdf["t"].mean(), pdf["t"].mean())
    assert_same(cdf.groupby("g")["t"].mean(), pdf.groupby("g")["t"].mean())
