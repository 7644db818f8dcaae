"""Plots (cormorant.plotting) against pandas' plots of the same data: the same bars (position,
width, height), lines, points and titles on the matplotlib axes. Histograms are counted in the
engine; the other kinds draw the whole result, or a stated uniform sample of it."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import ENGINE

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


def _close(a, b) -> bool:
    """Equal nested lists/tuples of numbers and text, floats within 1e-12 of each other (NaN
    equal to NaN)."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b))
    if isinstance(a, (float, np.floating)) and isinstance(b, (float, np.floating)):
        return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return type(a) is type(b) and a == b


def same(a, b):
    """Both draws equal (NaN equal to NaN); on Spark floats within 1e-12 of each other (its
    float sums and means may differ from pandas' in the last bits: README, Spark engine)."""
    if ENGINE == "spark":
        assert _close(drawn(a), drawn(b)), (drawn(a), drawn(b))
    else:
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
    with pytest.raises(exceptions.UnsupportedError, match="stone"):
        c.hist(bins="stone")
    with pytest.raises(exceptions.InvalidArgumentError, match="not a valid estimator"):
        c.hist(bins="nope")
    with pytest.raises(exceptions.UnsupportedError, match="plot.hist"):
        c.plot.hist(bins="auto")
    with pytest.raises(exceptions.ColumnNotFoundError, match="nope"):
        c.hist(by="nope")
    with pytest.raises(exceptions.UnsupportedError, match="boolean column 'b'"):
        c.hist(by="g")  # pandas draws booleans as numbers there
    with pytest.raises(exceptions.InvalidArgumentError, match="layout"):
        c["f"].hist(layout=(2, 2))
    with pytest.raises(exceptions.InvalidArgumentError, match="figure"):
        c["f"].hist(by=c["g"], figure=plt.figure())
    with pytest.raises(exceptions.InvalidArgumentError, match="nothing to plot"):
        c[["g", "b"]].hist()
    with_dates = cpd.read_pandas(pd.DataFrame({"t": pd.to_datetime(["2024-01-01", "2024-02-01"])}))
    with pytest.raises(exceptions.UnsupportedError, match="datetime column 't'"):
        with_dates.hist()


RULES = ["auto", "fd", "doane", "scott", "rice", "sturges", "sqrt"]


@pytest.mark.parametrize("rule", RULES)
def test_string_bins_are_numpys(data, rule):
    """NumPy's named rules, from statistics computed in the engine: the same edges as NumPy's on
    the values (Float64 with missing values, Int64 whose bins are at least 1 wide, a narrow
    integer range, one value, no values), drawn as pandas draws them, with and without range."""
    c, p = both(data.assign(small=pd.array(np.arange(500) % 4, dtype="Int64"),
                            one=pd.array([3.5] * 500, dtype="Float64")))
    for label in ("f", "i", "small", "one"):
        values = p[label].dropna().to_numpy(dtype=float if label in ("f", "one") else "int64")
        got = c[label].hist(bins=rule)
        edges = [patch.get_x() for patch in got.patches] + [got.patches[-1].get_x() + got.patches[-1].get_width()]
        np.testing.assert_allclose(edges, np.histogram_bin_edges(values, rule), rtol=1e-12)
        plt.close("all")
        same(got, p[label].hist(bins=rule))
        plt.close("all")
    _hist_frames(c, p, bins=rule)
    plt.close("all")
    _hist_frames(c, p, bins=rule, range=(0, 12))
    plt.close("all")
    _hist_frames(c[c["i"] > 1000], p[p["i"] > 1000], column=["f"], bins=rule)


def _hist_by(c_axes, p_axes):
    """The same grid of axes (positions in the figure), and each drawn the same."""
    c_axes, p_axes = np.atleast_1d(c_axes), np.atleast_1d(p_axes)
    assert c_axes.shape == p_axes.shape
    for x, y in zip(c_axes.ravel(), p_axes.ravel()):
        same(x, y)
        assert x.get_position().bounds == pytest.approx(y.get_position().bounds)
        assert [t.get_rotation() for t in x.get_xticklabels()] == [t.get_rotation() for t in y.get_xticklabels()]
        assert x.get_visible() == y.get_visible()
    assert c_axes.ravel()[0].figure.get_size_inches() == pytest.approx(p_axes.ravel()[0].figure.get_size_inches())


@pytest.mark.parametrize("kw", [{}, {"bins": 5}, {"column": "f"}, {"column": ["f", "i"], "bins": 4},
                                {"column": "i", "bins": "auto"}, {"column": "f", "layout": (3, 1), "sharex": True},
                                {"column": ["i"], "figsize": (6, 4), "legend": True, "xrot": 30},
                                {"column": "f", "range": (5, 15), "bins": "sturges"}])
def test_frame_hist_by(data, kw):
    """DataFrame.hist(by=) as pandas draws it: an axes per group (sorted, missing keys left out),
    titled by key; several columns on one axes share edges over their rows missing none."""
    p = data.drop(columns=["b"])
    p.loc[[5, 9], "g"] = pd.NA
    c = cpd.read_pandas(p)
    got = c.hist(by="g", **kw)
    plt.close("all")
    _hist_by(got, p.hist(by="g", **kw))
    plt.close("all")
    keys = p.assign(h=pd.array(np.arange(500) % 2, dtype="Int64"))
    if "layout" in kw:  # too small for 6 groups: pandas' ValueError, typed
        with pytest.raises(ValueError, match="Layout of 3x1"):
            keys.hist(by=["g", "h"], **kw)
        with pytest.raises(exceptions.InvalidArgumentError, match="Layout of 3x1"):
            cpd.read_pandas(keys).hist(by=["g", "h"], **kw)
        return
    got = cpd.read_pandas(keys).hist(by=["g", "h"], **kw)
    plt.close("all")
    _hist_by(got, keys.hist(by=["g", "h"], **kw))


def test_hist_by_keys_drawn_and_series(data):
    """A numeric key column is drawn too (pandas draws each group's numeric columns); a Series'
    hist by a Series of keys; by a list of one key (titles of tuples)."""
    p = data.drop(columns=["b", "g"]).assign(k=pd.array(np.arange(500) % 3, dtype="Int64"))
    c = cpd.read_pandas(p)
    got = c.hist(by="k")
    plt.close("all")
    _hist_by(got, p.hist(by="k"))
    plt.close("all")
    got = c.hist(by=["k"], column="f")
    plt.close("all")
    _hist_by(got, p.hist(by=["k"], column="f"))
    plt.close("all")
    for kw in ({}, {"bins": "fd"}, {"legend": True, "layout": (1, 3)}):
        got = c["f"].hist(by=c["k"], **kw)
        plt.close("all")
        _hist_by(got, p["f"].hist(by=p["k"], **kw))
        plt.close("all")
    one = c[c["k"] == 1]
    got = one["i"].hist(by=one["k"])  # one group: the axes itself
    plt.close("all")
    want = p[p["k"] == 1]["i"].hist(by=p[p["k"] == 1]["k"])
    assert not isinstance(got, np.ndarray) and not isinstance(want, np.ndarray)
    _hist_by(got, want)
