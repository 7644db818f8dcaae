"""ewm (exponentially weighted windows: mean, sum, std, var) of Series, DataFrames and groupbys
against pandas 3.1, to 1e-12 relative: com/span/halflife/alpha, adjust, ignore_na and
min_periods, missing values in runs, missing group keys, repeated labels, empty input, 10**5
rows with alpha from 0.001 to 0.999; and the variance against exact rational arithmetic where
pandas' own bias correction loses digits (README, differences)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import cormorant.exceptions as cex
import cormorant.pandas as cpd
from conftest import ENGINE, check_raises, nullable, nullable_index

RTOL = 1e-12


def _close(got, expected, rtol=RTOL, atol=0.0):
    """cormorant's Series or DataFrame equals pandas' (labels, order, dtype Float64, missing
    values where pandas has NaN) with values to `rtol`. On Spark also to 1e-14 absolute: its
    ewm sums its terms in another order, so a value that cancels to about zero (10/7 - 10/7)
    differs in its last bits at the scale of the inputs (here within +-5)."""
    if ENGINE == "spark":
        atol = max(atol, 1e-14)
    g = got.to_pandas()
    e = nullable(expected)
    assert type(g) is type(e)
    g.index, e.index = nullable_index(g.index), nullable_index(e.index)
    pd.testing.assert_index_equal(g.index, e.index)
    gf = g.to_frame() if isinstance(g, pd.Series) else g
    ef = e.to_frame() if isinstance(e, pd.Series) else e
    assert list(gf.columns) == list(ef.columns)
    for col in range(gf.shape[1]):
        assert str(gf.dtypes.iloc[col]) == "Float64" == str(ef.dtypes.iloc[col])
        a = gf.iloc[:, col].to_numpy(dtype=float, na_value=np.nan)
        b = ef.iloc[:, col].to_numpy(dtype=float, na_value=np.nan)
        np.testing.assert_array_equal(np.isnan(a), np.isnan(b))
        np.testing.assert_allclose(a[~np.isnan(a)], b[~np.isnan(b)], rtol=rtol, atol=atol)


def _data(n, seed, missing=0.2, low=1.0, high=2.0):
    rng = np.random.default_rng(seed)
    v = rng.uniform(low, high, n).astype(object)
    v[rng.random(n) < missing] = None
    keys = rng.choice(["a", "b", "c", "d"], n).astype(object)
    keys[rng.random(n) < 0.05] = None
    ints = rng.integers(-5, 6, n).astype(object)
    ints[rng.random(n) < missing] = None
    return pd.DataFrame({"k": pd.array(keys, dtype="string"), "v": pd.array(v, dtype="Float64"),
                         "i": pd.array(ints, dtype="Int64"), "b": pd.array(rng.random(n) < 0.4, dtype="boolean"),
                         "u": pd.array(range(n), dtype="Int64")})


@pytest.fixture(scope="module")
def small():
    p = _data(60, 3)
    p.loc[0:2, "v"] = None  # missing values first
    p.loc[20:26, "v"] = None  # a long run
    return cpd.read_pandas(p), p


SMOOTHING = [dict(alpha=0.3), dict(alpha=1.0), dict(com=2.5), dict(span=4), dict(halflife=1.7), dict(alpha=0.999),
             dict(alpha=0.001), dict(alpha=0.5), dict(com=1), dict(span=3), dict(halflife=1)]
OPTIONS = [dict(), dict(adjust=False), dict(ignore_na=True), dict(adjust=False, ignore_na=True), dict(min_periods=3),
           dict(min_periods=0, adjust=False)]


def _aggs(options, smoothing=None):
    """The aggregates to compare with pandas: std/var need adjust, and alpha below 0.99, where
    pandas' bias correction keeps its digits (test_var_exact_where_pandas_loses_digits)."""
    if options.get("adjust", True) is False:
        return ["mean"]
    return ["mean", "sum"] if (smoothing or {}).get("alpha", 0) > 0.99 else ["mean", "sum", "std", "var"]


@pytest.mark.parametrize("options", OPTIONS, ids=str)
@pytest.mark.parametrize("smoothing", SMOOTHING, ids=str)
def test_series_ewm(small, smoothing, options):
    c, p = small
    kw = {**smoothing, **options}
    for column in ("v", "i", "b"):
        for agg in _aggs(options, smoothing):
            got = getattr(c[column].ewm(**kw), agg)()
            expected = getattr(p[column].ewm(**kw), agg)()
            _close(got, expected)
            _close(got, expected)  # re-execution


@pytest.mark.parametrize("options", OPTIONS, ids=str)
def test_frame_and_groupby_ewm(small, options):
    c, p = small
    kw = dict(alpha=0.4, **options)
    for agg in _aggs(options):
        _close(getattr(c[["v", "i"]].ewm(**kw), agg)(), getattr(p[["v", "i"]].ewm(**kw), agg)())
        _close(getattr(c.groupby("k")["v"].ewm(**kw), agg)(), getattr(p.groupby("k")["v"].ewm(**kw), agg)())
        _close(getattr(c.groupby("k")[["v", "i"]].ewm(**kw), agg)(), getattr(p.groupby("k")[["v", "i"]].ewm(**kw), agg)())
        _close(getattr(c.groupby("k", dropna=False)["v"].ewm(**kw), agg)(),
               getattr(p.groupby("k", dropna=False)["v"].ewm(**kw), agg)())


@pytest.mark.parametrize("view", ["sorted", "filtered", "repeated_labels"])
def test_ewm_in_row_order(small, view):
    c, p = small
    views = {
        "sorted": lambda d: d.sort_values("v", ascending=False, kind="stable"),
        "filtered": lambda d: d[d["u"] % 4 != 1],
        "repeated_labels": lambda d: pd.concat([d, d]) if isinstance(d, pd.DataFrame) else cpd.concat([d, d]),
    }
    cv, pv = views[view](c), views[view](p)
    for agg in ("mean", "sum", "std", "var"):
        _close(getattr(cv["v"].ewm(span=5), agg)(), getattr(pv["v"].ewm(span=5), agg)())
    _close(cv["v"].ewm(alpha=0.2, adjust=False).mean(), pv["v"].ewm(alpha=0.2, adjust=False).mean())


def test_ewm_of_no_rows_and_of_missing_values_only(small):
    c, p = small
    ce, pe = c[c["u"] < 0], p[p["u"] < 0]
    for agg in ("mean", "sum", "std", "var"):
        _close(getattr(ce["v"].ewm(alpha=0.5), agg)(), getattr(pe["v"].ewm(alpha=0.5), agg)())
    pn = pd.DataFrame({"v": pd.array([None, None, None], dtype="Float64")})
    _close(cpd.read_pandas(pn)["v"].ewm(alpha=0.5).mean(), pn["v"].ewm(alpha=0.5).mean())


def test_ewm_partial_ordering_mode(small):
    """In partial ordering mode a sorted frame has an order, so its windows run (as rolling)."""
    _, p = small
    with cpd.option_context("session.ordering_mode", "partial"):
        c = cpd.read_pandas(p).sort_values("u")
        got = c["v"].ewm(alpha=0.3).mean().to_pandas().to_numpy(dtype=float, na_value=np.nan)
    expected = p.sort_values("u")["v"].ewm(alpha=0.3).mean().to_numpy(dtype=float, na_value=np.nan)
    np.testing.assert_allclose(got, expected, rtol=RTOL)


# -- long series ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def long():
    p = _data(100_000, 5)
    return cpd.read_pandas(p), p


@pytest.mark.parametrize("alpha", [0.001, 0.0137, 0.3, 0.5, 0.9, 0.999])
@pytest.mark.parametrize("ignore_na", [False, True])
@pytest.mark.parametrize("adjust", [True, False])
def test_long_series_mean(long, alpha, adjust, ignore_na):
    """10**5 rows (20% missing): no powers of 1 / (1 - alpha) overflow, and the result is pandas'
    to 1e-12 on every row; also per group (four groups of 25,000)."""
    c, p = long
    kw = dict(alpha=alpha, adjust=adjust, ignore_na=ignore_na)
    _close(c["v"].ewm(**kw).mean(), p["v"].ewm(**kw).mean())
    _close(c.groupby("k")["v"].ewm(**kw).mean(), p.groupby("k")["v"].ewm(**kw).mean())
    if adjust:
        _close(c["v"].ewm(**kw).sum(), p["v"].ewm(**kw).sum())


@pytest.mark.parametrize("alpha", [0.001, 0.0137, 0.3, 0.5])
@pytest.mark.parametrize("ignore_na", [False, True])
def test_long_series_var(long, alpha, ignore_na):
    """Variances where pandas' bias correction keeps its digits (alpha up to 0.5: the weights'
    sum squared minus their sum of squares is at least 2 * (1 - alpha)**gap, gaps of a few rows)."""
    c, p = long
    kw = dict(alpha=alpha, ignore_na=ignore_na)
    _close(c["v"].ewm(**kw).var(), p["v"].ewm(**kw).var(), rtol=1e-10)
    _close(c["v"].ewm(**kw).std(), p["v"].ewm(**kw).std(), rtol=1e-10)


def test_long_mixed_signs(long):
    """Values of both signs: the means cancel, so they are compared to 1e-12 of the values' scale."""
    _, p = long
    q = p.assign(v=p["v"] - 1.5)
    c = cpd.read_pandas(q)
    for alpha in (0.001, 0.5, 0.999):
        _close(c["v"].ewm(alpha=alpha).mean(), q["v"].ewm(alpha=alpha).mean(), atol=1e-12)
        _close(c["v"].ewm(alpha=alpha, adjust=False).mean(), q["v"].ewm(alpha=alpha, adjust=False).mean(), atol=1e-12)


def _exact_var(values, alpha, ignore_na):
    """The bias-corrected weighted variance of each row's ewm (adjust=True) in rationals:
    weights (1 - alpha)**steps to the row, W**2 / (W**2 - sum w**2) * sum w (x - mean)**2 / W."""
    a = Fraction(alpha)
    out = []
    for t in range(len(values)):
        pts, steps = [], 0
        for i in range(t, -1, -1):
            if values[i] is not None:
                pts.append(((1 - a) ** steps, Fraction(values[i])))
            if values[i] is not None or not ignore_na:
                steps += 1
        if not pts:
            out.append(np.nan)
            continue
        W = sum(w for w, _ in pts)
        Q = sum(w * w for w, _ in pts)
        mean = sum(w * x for w, x in pts) / W
        m2 = sum(w * (x - mean) ** 2 for w, x in pts)
        out.append(np.nan if W * W == Q else float(W * m2 / (W * W - Q)))
    return np.array(out)


@pytest.mark.parametrize("alpha", [0.9, 0.999])
@pytest.mark.parametrize("ignore_na", [False, True])
def test_var_exact_where_pandas_loses_digits(alpha, ignore_na):
    """alpha near 1 with gaps: pandas' (sum w)**2 - sum w**2 cancels (pandas is off from the exact
    value by more than 1e-12 here); cormorant's variance is the exact one to 1e-12."""
    rng = np.random.default_rng(1)
    values = [None if rng.random() < 0.3 else float(np.round(rng.uniform(1, 2), 3)) for _ in range(40)]
    p = pd.DataFrame({"v": pd.array(values, dtype="Float64")})
    got = cpd.read_pandas(p)["v"].ewm(alpha=alpha, ignore_na=ignore_na).var().to_pandas()
    got = got.to_numpy(dtype=float, na_value=np.nan)
    exact = _exact_var(values, alpha, ignore_na)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(exact))
    np.testing.assert_allclose(got[~np.isnan(got)], exact[~np.isnan(exact)], rtol=RTOL)


# -- arguments ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kw", [dict(), dict(alpha=0), dict(alpha=1.5), dict(com=-1), dict(span=0.5),
                                dict(halflife=0), dict(alpha=0.5, span=3)], ids=str)
def test_ewm_arguments_checked_as_pandas(small, kw):
    c, p = small
    check_raises(ValueError, ValueError, "(?i)must|exclusive", lambda: c["v"].ewm(**kw), lambda: p["v"].ewm(**kw))


def test_ewm_refusals(small):
    c, p = small
    with pytest.raises(cex.UnsupportedError, match="adjust=False"):
        c["v"].ewm(alpha=0.5, adjust=False).sum()
    with pytest.raises(NotImplementedError):
        p["v"].ewm(alpha=0.5, adjust=False).sum()
    with pytest.raises(cex.UnsupportedError, match="adjust=False"):
        c["v"].ewm(alpha=0.5, adjust=False).var()
    with pytest.raises(cex.UnsupportedError, match="bias"):
        c["v"].ewm(alpha=0.5).std(bias=True)
    with pytest.raises(cex.UnsupportedError, match="times"):
        c["v"].ewm(halflife="1D", times=p["u"])
    with pytest.raises(cex.UnsupportedError, match="corr"):
        c["v"].ewm(alpha=0.5).corr()
    with pytest.raises(cex.DTypeError, match="ewm"):
        cpd.read_pandas(pd.DataFrame({"s": pd.array(["a", "b"], dtype="string")}))["s"].ewm(alpha=0.5).mean().to_pandas()
