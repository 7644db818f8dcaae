"""Rolling windows by a time offset (`rolling("2D", on="t")`, `rolling("1D")` over a
DatetimeIndex), `closed=` of windows of rows, and rolling/expanding `std`/`var` with `ddof`,
against pandas 3.1: ties and gaps in the time column, missing values, time zones other than
UTC across a change of clocks, decreasing times, empty frames, repeated index labels,
re-execution and both ordering modes; pandas' errors as typed ones.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same

AGGS = ("sum", "mean", "count", "min", "max", "std", "var", "median")
CLOSED = (None, "right", "both", "left", "neither")


def _frame(zone=None, n=40, seed=3):
    """Times with ties and gaps (some exactly a window apart), numbers with missing values."""
    rng = np.random.default_rng(seed)
    steps = rng.choice([0, 0, 3600, 5400, 43200, 86400, 86400, 129600, 172800, 200000], n)  # seconds
    steps[0] = 0
    base = pd.Timestamp("2024-03-08 20:00:00")  # America/New_York's clocks go forward on 03-10
    t = pd.DatetimeIndex(base + pd.to_timedelta(np.cumsum(steps), unit="s")).as_unit("us")
    if zone is not None:
        t = t.tz_localize(zone)
    ints = rng.integers(-5, 6, n).astype(object)
    ints[rng.random(n) < 0.2] = None
    floats = np.round(rng.normal(0, 3, n), 2).astype(object)
    floats[rng.random(n) < 0.2] = None
    return pd.DataFrame({"i": pd.array(ints, dtype="Int64"), "t": t, "f": pd.array(floats, dtype="Float64")})


def _check(got, expected):
    for _ in range(2):  # re-execution gives the same result
        assert_same(got, expected)


@pytest.mark.parametrize("zone", [None, "UTC", "America/New_York"])
@pytest.mark.parametrize("window", ["2D", "36h", "1D", pd.Timedelta("90min")])
@pytest.mark.parametrize("closed", CLOSED)
def test_rolling_on_a_column(zone, window, closed):
    pdf = _frame(zone)
    cdf = cpd.read_pandas(pdf)
    for agg in AGGS:
        expected = getattr(pdf.rolling(window, on="t", closed=closed), agg)()
        got = getattr(cdf.rolling(window, on="t", closed=closed), agg)()
        _check(got, expected)


@pytest.mark.parametrize("closed", CLOSED)
@pytest.mark.parametrize("min_periods", [0, 2, 5])
def test_rolling_over_a_datetime_index(closed, min_periods):
    pdf = _frame("America/New_York").set_index("t")
    cdf = cpd.read_pandas(pdf)
    for agg in AGGS:
        _check(getattr(cdf.rolling("2D", closed=closed, min_periods=min_periods), agg)(),
               getattr(pdf.rolling("2D", closed=closed, min_periods=min_periods), agg)())
        _check(getattr(cdf["f"].rolling("30h", closed=closed, min_periods=min_periods), agg)(),
               getattr(pdf["f"].rolling("30h", closed=closed, min_periods=min_periods), agg)())


@pytest.mark.parametrize("closed", CLOSED)
def test_rolling_by_decreasing_times(closed):
    pdf = _frame("UTC").iloc[::-1]
    cdf = cpd.read_pandas(pdf)
    for agg in ("sum", "count", "max", "std"):
        _check(getattr(cdf.rolling("2D", on="t", closed=closed), agg)(),
               getattr(pdf.rolling("2D", on="t", closed=closed), agg)())


def test_rolling_by_offset_after_sort_filter_and_in_partial_mode():
    pdf = _frame(None).sample(frac=1.0, random_state=1)
    cdf = cpd.read_pandas(pdf)
    csorted, psorted = cdf.sort_values("t"), pdf.sort_values("t", kind="stable")
    _check(csorted[csorted["i"] > -4].rolling("2D", on="t").mean(),
           psorted[psorted["i"] > -4].rolling("2D", on="t").mean())
    with cpd.option_context("session.ordering_mode", "partial"):
        part = cpd.read_pandas(pdf)
        with pytest.raises(exceptions.OrderRequiredError):
            part.rolling("2D", on="t").sum().to_pandas()
        got = part.sort_values(["t", "i", "f"]).rolling("2D", on="t").sum()
        expected = pdf.sort_values(["t", "i", "f"], kind="stable").rolling("2D", on="t").sum()
        assert_same(got.reset_index(drop=True), expected.reset_index(drop=True))


def test_rolling_by_offset_keeps_labels_and_types():
    pdf = _frame(None, n=12).set_axis([5, 5, 1, 2, 3, 4, 7, 7, 8, 9, 0, 1])  # repeated labels
    pdf["b"] = pd.array([True, None, False] * 4, dtype="boolean")
    pdf = pdf[["t", "i", "b", "f"]]
    cdf = cpd.read_pandas(pdf)
    _check(cdf.rolling("2D", on="t").sum(), pdf.rolling("2D", on="t").sum())
    # Timedeltas as the index
    tds = pd.Series([1.0, 2.0, None, 4.0, 5.0], index=pd.to_timedelta(["1h", "3h", "3h", "1D", "2D"]).as_unit("us"))
    _check(cpd.read_pandas(tds).rolling("1D").sum(), tds.rolling("1D").sum())
    # empty
    empty = _frame(None).head(0)
    _check(cpd.read_pandas(empty).rolling("2D", on="t").sum(), empty.rolling("2D", on="t").sum())


def test_rolling_by_offset_errors():
    pdf = _frame(None, n=8)
    cdf = cpd.read_pandas(pdf)
    order = [0, 7, 1, 2, 3, 4, 5, 6]  # the last time second: up, then down
    shuffled = cpd.read_pandas(pdf.iloc[order])
    with pytest.raises(ValueError, match="t values must be monotonic"):
        pdf.iloc[order].rolling("2D", on="t").sum()
    with pytest.raises(exceptions.InvalidArgumentError, match="t values must be monotonic"):
        shuffled.rolling("2D", on="t").sum().to_pandas()
    nat = pdf.copy()
    nat.loc[3, "t"] = pd.NaT
    with pytest.raises(ValueError, match="t values must not have NaT"):
        nat.rolling("2D", on="t").sum()
    with pytest.raises(exceptions.InvalidArgumentError, match="t values must not have NaT"):
        cpd.read_pandas(nat).rolling("2D", on="t").sum().to_pandas()
    for window in ("MS", "1W"):
        with pytest.raises(ValueError, match="non-fixed frequency"):
            pdf.rolling(window, on="t")
        with pytest.raises(exceptions.InvalidArgumentError, match="non-fixed frequency"):
            cdf.rolling(window, on="t")
    with pytest.raises(exceptions.InvalidArgumentError, match="window must be an integer 0 or greater"):
        cdf.rolling("2D").sum()  # the default index
    with pytest.raises(exceptions.InvalidArgumentError, match="window must be an integer 0 or greater"):
        cdf.rolling("2D", on="i").sum()
    with pytest.raises(exceptions.InvalidArgumentError, match="invalid on specified as zz"):
        cdf.rolling("2D", on="zz").sum()
    with pytest.raises(exceptions.InvalidArgumentError, match="closed must be"):
        cdf.rolling("2D", on="t", closed="x")
    with pytest.raises(exceptions.UnsupportedError, match="step"):
        cdf.rolling("2D", on="t", step=2)
    with pytest.raises(exceptions.UnsupportedError, match="center"):
        cdf.rolling("2D", on="t", center=True).sum()
    with pytest.raises(exceptions.InvalidArgumentError, match="window must be an integer"):  # as pandas' ValueError
        cdf.groupby("i")["f"].rolling("2D").sum()
    with pytest.raises(exceptions.InvalidArgumentError, match="Invalid frequency"):
        cdf.rolling("2 fortnights", on="t")


@pytest.mark.parametrize("closed", CLOSED)
@pytest.mark.parametrize("window,min_periods", [(1, None), (1, 0), (3, None), (3, 1), (4, 0)])
def test_rolling_rows_closed(closed, window, min_periods):
    pdf = _frame(None)[["i", "f"]]
    cdf = cpd.read_pandas(pdf)
    for agg in AGGS:
        _check(getattr(cdf.rolling(window, min_periods=min_periods, closed=closed), agg)(),
               getattr(pdf.rolling(window, min_periods=min_periods, closed=closed), agg)())


@pytest.mark.parametrize("min_periods", [None, 0])
def test_rolling_by_one_microsecond(min_periods):
    """closed="neither" of one microsecond (as rolling(1, closed="neither") of rows) is a window
    of no row: count 0, the others missing (Spark refuses the empty frame: it is written out)."""
    pdf = _frame(None)
    cdf = cpd.read_pandas(pdf)
    for closed in CLOSED:
        for agg in AGGS:
            _check(getattr(cdf.rolling("1us", on="t", closed=closed, min_periods=min_periods), agg)(),
                   getattr(pdf.rolling("1us", on="t", closed=closed, min_periods=min_periods), agg)())
    _check(cdf.set_index("t").groupby("i")["f"].rolling("1us", closed="neither", min_periods=min_periods).count(),
           pdf.set_index("t").groupby("i")["f"].rolling("1us", closed="neither", min_periods=min_periods).count())


@pytest.mark.parametrize("ddof", [0, 1, 2, 3, -1, True, 1.5])
def test_rolling_and_expanding_ddof(ddof):
    pdf = _frame(None)[["i", "f"]]
    cdf = cpd.read_pandas(pdf)
    for agg in ("std", "var"):
        for make in (lambda d: d.rolling(3), lambda d: d.rolling(4, min_periods=1), lambda d: d.expanding(),
                     lambda d: d["f"].rolling(3, min_periods=0), lambda d: d["f"].expanding(min_periods=2)):
            _check(getattr(make(cdf), agg)(ddof=ddof), getattr(make(pdf), agg)(ddof=ddof))
    timed = _frame("UTC")
    _check(cpd.read_pandas(timed).rolling("2D", on="t").var(ddof=ddof), timed.rolling("2D", on="t").var(ddof=ddof))


def test_rolling_ddof_errors():
    pdf = pd.DataFrame({"f": [1.0, 2.0]})
    cdf = cpd.read_pandas(pdf)
    for ddof in ("1", None):
        with pytest.raises(TypeError):
            pdf.rolling(2).std(ddof=ddof)
        with pytest.raises(exceptions.DTypeError, match="ddof"):
            cdf.rolling(2).std(ddof=ddof)
