"""Plots (cormorant.plotting) against pandas' plots of the same data: the same bars (position,
width, height), lines, points and titles on the matplotlib axes. Histograms are counted in the
engine; the other kinds draw the whole result, or a stated uniform sample of it."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
plt = pytest.importorskip("matplotlib.pyplot")


@pytest.fixture(autouse=True)
def _close_figures():
    plt.close("all")
    yield
    plt.close("all")


def bars(ax):
    """Rectangles' position and size; a pie's wedges' angles."""
    return [(p.get_x(), p.get_width(), p.get_height()) if hasattr(p, "get_x") else (p.theta1, p.theta2, p.r)
            for p in ax.patches]


def drawn(ax):
    """What an axes shows: bars, lines' points, collections' offsets, title and labels."""
    lines = [line.get_xydata().tolist() for line in ax.lines]
    offsets = [np.asarray(c.get_offsets()).tolist() for c in ax.collections]
    return bars(ax), lines, offsets, ax.get_title(), ax.get_xlabel(), ax.get_ylabel()


def same(a, b):
    """Both draws equal (NaN equal to NaN)."""
    assert repr(drawn(a)) == repr(drawn(b))


def both(pdf, session=None):
    return (cpd.read_pandas(pdf) if session is None else session.read_pandas(pdf)), pdf


@pytest.fixture
def data():
    rng = np.random.default_rng(7)
    n = 500
    pdf = pd.DataFrame({
        "f": pd.array(np.where(rng.random(n) < 0.1, np.nan, rng.normal(10, 3, n)), dtype="Float64"),
        "i": pd.array(rng.integers(-5, 40, n), dtype="Int64"),
        "g": pd.array(rng.choice(["a", "b", "c"], n), dtype="string"),
        "b": pd.array(rng.random(n) < 0.5, dtype="boolean"),
    })
    pdf.loc[3, "i"] = pd.NA
    return pdf


def _hist_frames(c, p, **kw):
    got = c.hist(**kw)
    plt.close("all")
    want = p.hist(**kw)
    assert got.shape == want.shape
    for x, y in zip(got.ravel(), want.ravel()):
        same(x, y)


@pytest.mark.parametrize("kw", [{}, {"bins": 7}, {"bins": [-5, 0, 3.5, 10, 41]}, {"bins": 4, "range": (0, 20)},
                                {"column": "f"}, {"column": ["i"], "density": True}, {"legend": True},
                                {"bins": 1}, {"cumulative": True, "bins": 5}])
def test_frame_hist(data, kw):
    _hist_frames(*both(data), **kw)


def test_frame_hist_edge_cases():
    # one value (NumPy widens the range by 0.5 each side), all missing, no rows
    pdf = pd.DataFrame({"one": pd.array([2.5, 2.5, None], dtype="Float64"),
                        "none": pd.array([None, None, None], dtype="Float64"),
                        "k": pd.array([1, 2, 3], dtype="Int64")})
    _hist_frames(*both(pdf))
    plt.close("all")
    c, p = both(pdf)
    _hist_frames(c[c.k > 5], p[p.k > 5])


def test_series_hist(data):
    c, p = both(data)
    got = c["f"].hist(bins=9, figsize=(4, 3))
    plt.close("all")
    same(got, p["f"].hist(bins=9, figsize=(4, 3)))
    plt.close("all")
    got = c["i"].hist(legend=True)
    plt.close("all")
    same(got, p["i"].hist(legend=True))


@pytest.mark.parametrize("kw", [{}, {"bins": 15, "alpha": 0.5}, {"stacked": True, "bins": 6}])
def test_plot_hist_shares_bins(data, kw):
    c, p = both(data)
    got = c.plot.hist(**kw)
    plt.close("all")
    same(got, p.plot.hist(**kw))
    plt.close("all")
    got = c["f"].plot(kind="hist", **kw)
    plt.close("all")
    same(got, p["f"].plot(kind="hist", **kw))


def test_hist_partial_mode(data):
    session = cpd.Session(ordering_mode="partial")
    try:
        c, p = both(data, session)
        _hist_frames(c, p, bins=6)
    finally:
        session.close()


@pytest.mark.parametrize("call", [
    lambda d: d.plot(),
    lambda d: d.plot(x="i", y="f"),
    lambda d: d.plot.line(y=["f", "i"]),
    lambda d: d.plot.scatter(x="i", y="f"),
    lambda d: d.plot.area(y=["i"], stacked=False),
    lambda d: d.plot.box(),
    lambda d: d.plot.hexbin(x="i", y="f", gridsize=5),
    lambda d: d.groupby("g")["i"].sum().plot.bar(),
    lambda d: d.groupby("g")["f"].mean().plot.barh(),
    lambda d: d.groupby("g").size().plot.pie(),
    lambda d: d["f"].plot(),
])
def test_other_kinds_draw_as_pandas(data, call):
    c, p = both(data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", exceptions.PlotSamplingWarning)  # 500 rows: nothing sampled
        got = call(c)
    plt.close("all")
    same(got, call(p))


def test_large_results_are_sampled_in_order():
    n = 3000
    pdf = pd.DataFrame({"x": pd.array(np.arange(n) * 0.5, dtype="Float64"),
                        "y": pd.array(np.arange(n) % 17, dtype="Int64")})
    c, p = both(pdf)
    with pytest.warns(exceptions.PlotSamplingWarning, match="200 of 3,000 rows"):
        got = c.plot(x="x", y="y", sampling_n=200, sampling_random_state=3)
    plt.close("all")
    positions = np.sort(np.random.RandomState(3).choice(n, size=200, replace=False))
    same(got, p.iloc[positions].plot(x="x", y="y"))
    plt.close("all")
    with pytest.warns(exceptions.PlotSamplingWarning):
        got = c["y"].plot()  # default sampling_n=1000, random state 0
    plt.close("all")
    positions = np.sort(np.random.RandomState(0).choice(n, size=1000, replace=False))
    same(got, p["y"].iloc[positions].plot())


def test_partial_mode_sample():
    session = cpd.Session(ordering_mode="partial")
    try:
        pdf = pd.DataFrame({"x": pd.array(np.arange(2000), dtype="Int64")})
        c = session.read_pandas(pdf)
        with pytest.warns(exceptions.PlotSamplingWarning, match="no order"):
            ax = c.plot.scatter(x="x", y="x", sampling_n=50)
        points = np.asarray(ax.collections[0].get_offsets())
        assert len(points) == 50 and set(points[:, 0]) <= set(range(2000))
    finally:
        session.close()


def test_bad_input(data):
    c, _ = both(data)
    with pytest.raises(exceptions.InvalidArgumentError, match="not a valid plot kind"):
        c.plot(kind="nope")
    with pytest.raises(exceptions.UnsupportedError, match="by="):
        c.hist(by="g")
    with pytest.raises(exceptions.UnsupportedError, match="bins='auto'"):
        c.hist(bins="auto")
    with pytest.raises(exceptions.InvalidArgumentError, match="nothing to plot"):
        c[["g", "b"]].hist()
    with_dates = cpd.read_pandas(pd.DataFrame({"t": pd.to_datetime(["2024-01-01", "2024-02-01"])}))
    with pytest.raises(exceptions.UnsupportedError, match="datetime column 't'"):
        with_dates.hist()
