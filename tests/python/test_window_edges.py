"""Window operations at the edges of floats and integers (found by the windows fuzz family):
infinities in rolling and expanding windows, running sums and products that come to NaN,
cummax/cummin past missing values, variances of huge values, Int64 running products past 2**53,
groupby transform('size') and shift(0). pandas 3.1 is the oracle; where pandas' answer is an
artifact of its algorithm (README, differences), the test says which and compares with pandas'
answer corrected by exactly that, or with pandas run on each window alone."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import cormorant.exceptions as cex
import cormorant.pandas as cpd
from conftest import assert_same

INF = math.inf
FLOATS = [1.0, INF, 1.0, None, 2.0, -INF, -0.0, 3.5, INF, -2.5, None, 0.5]
KEYS = [0, 0, 1, 1, 0, None, 1, 0, 0, 1, 1, 0]
WINDOWS = ["rolling(2)", "rolling(3, min_periods=1)", "rolling(2, min_periods=0)", "rolling(1)", "expanding()",
           "expanding(min_periods=2)"]
AGGS = ["sum", "mean", "min", "max", "std", "var", "median", "count"]


def _frame(dtype):
    values = FLOATS if dtype != "float64" else [np.nan if v is None else v for v in FLOATS]
    return pd.DataFrame({"v": pd.array(values, dtype=dtype), "k": pd.array(KEYS, dtype="Int64"),
                         "u": pd.array(range(len(KEYS)), dtype="Int64")})


def _same_twice(got, expected):
    assert_same(got, expected)
    assert_same(got, expected)  # re-execution


@pytest.mark.parametrize("agg", AGGS)
@pytest.mark.parametrize("window", WINDOWS)
@pytest.mark.parametrize("dtype", ["Float64", "float64", "double[pyarrow]"])
def test_windows_take_infinities_as_missing(dtype, window, agg):
    """pandas' rolling and expanding windows read inf and -inf as missing (count counts them)."""
    p = _frame(dtype)
    c = cpd.read_pandas(p)
    expected = getattr(eval(f"p['v'].{window}"), agg)()  # noqa: S307 — our own text
    got = getattr(eval(f"c['v'].{window}"), agg)()  # noqa: S307
    _same_twice(got, expected.astype("Float64"))


@pytest.mark.parametrize("agg", ["sum", "max", "std", "count"])
@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_group_and_frame_windows_take_infinities_as_missing(agg, mode):
    p = _frame("Float64")
    with cpd.option_context("session.ordering_mode", mode):
        c = cpd.read_pandas(p).sort_values("u")
        ps = p.sort_values("u")
        got = getattr(c.groupby("k")["v"].rolling(2, min_periods=1), agg)().reset_index(level=0, drop=True)
        expected = getattr(ps.groupby("k")["v"].rolling(2, min_periods=1), agg)().reset_index(level=0, drop=True)
        got_frame = getattr(c[["v", "u"]].expanding(), agg)()
        expected_frame = getattr(ps[["v", "u"]].expanding(), agg)()
        if mode == "strict":
            _same_twice(got, expected.astype("Float64"))
            _same_twice(got_frame, expected_frame.astype("Float64"))
        else:  # no labels and no order between the groups: the same values
            assert _values(got.to_pandas()) == _values(expected)
            assert _values(got_frame.to_pandas()["v"]) == _values(expected_frame["v"])


def _values(s):
    """A Series' values as a sorted list of their texts to 12 digits (missing as 'NA', -0.0 as 0.0)."""
    return sorted("NA" if pd.isna(v) else f"{float(v) + 0.0:.12g}" for v in s)


@pytest.mark.parametrize("agg", ["std", "var"])
def test_rolling_variance_of_huge_values(agg):
    """Squares past the largest double: the engine's own variance raised; each window's variance
    is pandas' variance of that window alone (pandas' running one stays NaN after an overflow)."""
    p = pd.DataFrame({"v": pd.array([1e300, 1e300, -1e300, 1.0, 2.0, 4.0, 1e200, 3.0], dtype="Float64")})
    got = getattr(cpd.read_pandas(p)["v"].rolling(3, min_periods=1), agg)().to_pandas()
    alone = [getattr(p["v"].iloc[max(0, i - 2):i + 1], agg)() for i in range(len(p))]
    expected = pd.Series(pd.array([None if pd.isna(x) else float(x) for x in alone], dtype="Float64"), name="v")
    pd.testing.assert_series_equal(got, expected, rtol=1e-12)


@pytest.mark.parametrize("op", ["cumsum", "cumprod"])
@pytest.mark.parametrize("dtype", ["Float64", "double[pyarrow]"])
def test_running_nan_is_missing(op, dtype):
    """inf - inf and inf * 0 in a running sum or product: <NA> (isna, count, fillna and dropna
    see it), as pandas' Float64 arithmetic and its groupby cumsum/cumprod give it; pandas' Series
    cumsum/cumprod leave that NaN unmasked (README, differences), so the oracle masks it."""
    p = pd.DataFrame({"v": pd.array([INF, -INF, 1.0, None, 3.0, 0.0, 2.0], dtype=dtype)})
    c = cpd.read_pandas(p)
    raw = getattr(p["v"], op)()
    expected = raw.astype("Float64").mask(np.isnan(raw.to_numpy(dtype="float64", na_value=np.nan)))
    got = getattr(c["v"], op)()
    _same_twice(got, expected)
    assert_same(got.isna(), expected.isna())
    assert got.count() == expected.count()
    assert_same(got.fillna(9.0), expected.fillna(9.0))
    assert_same(got.dropna(), expected.dropna())
    grouped = getattr(p.groupby(pd.Series([0] * len(p)))["v"], op)()  # pandas masks it there
    assert_same(getattr(c.assign(g=0).groupby("g")["v"], op)(), grouped.astype("Float64"))


@pytest.mark.parametrize("op", ["cummax", "cummin"])
def test_running_extreme_after_a_missing_value(op):
    """pandas' Float64 cummax (cummin) starts from the most negative (positive) finite float, so
    -inf (inf) after a missing value came out as that float (README, differences); NumPy
    float64, whose running max pandas starts from the first value, is the oracle."""
    values = [None, -INF, 1.0] if op == "cummax" else [None, INF, -1.0]
    p = pd.DataFrame({"v": pd.array(values, dtype="Float64")})
    expected = getattr(p["v"].astype("float64"), op)().astype("Float64")
    _same_twice(getattr(cpd.read_pandas(p)["v"], op)(), expected)


def test_integer_running_product():
    """Int64 cumprod is exact below 2**53 (the engine multiplies doubles) and raises past it."""
    p = pd.DataFrame({"v": pd.array([2**20 + 1, 3, None, 2**20 + 1, -1, 0, 5], dtype="Int64"),
                      "k": pd.array([0, 1, 0, 0, 1, 1, 0], dtype="Int64")})
    c = cpd.read_pandas(p)
    _same_twice(c["v"].cumprod(), p["v"].cumprod())
    _same_twice(c.groupby("k")["v"].cumprod(), p.groupby("k")["v"].cumprod())
    big = cpd.read_pandas(pd.DataFrame({"v": pd.array([3037000499, 3037000499, 1], dtype="Int64")}))
    with pytest.raises(cex.ArithmeticOverflowError, match="cumprod of integers"):
        big["v"].cumprod().to_pandas()


@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize("columns", [["v"], ["v", "u"], None])
def test_groupby_transform_size_is_one_series(columns, dropna):
    p = _frame("Float64")
    c = cpd.read_pandas(p)
    g, pg = c.groupby("k", dropna=dropna), p.groupby("k", dropna=dropna)
    got = (g[columns] if columns else g).transform("size")
    expected = (pg[columns] if columns else pg).transform("size")
    assert isinstance(got, cpd.Series) and got.name is None
    _same_twice(got, expected.astype("Int64"))


@pytest.mark.parametrize("dropna", [True, False])
def test_groupby_shift_zero_keeps_every_row(dropna):
    """pandas' shift(0) gives the values themselves, rows without a group (dropna) included."""
    p = _frame("Float64")
    c = cpd.read_pandas(p)
    _same_twice(c.groupby("k", dropna=dropna)["v"].shift(0), p.groupby("k", dropna=dropna)["v"].shift(0))
    _same_twice(c.groupby("k", dropna=dropna)[["v", "u"]].shift(0), p.groupby("k", dropna=dropna)[["v", "u"]].shift(0))


@pytest.mark.parametrize("op", ["diff(0)", "pct_change(0)", "diff(1)"])
@pytest.mark.parametrize("dropna", [True, False])
def test_groupby_diff_zero(op, dropna):
    """diff(0) subtracts shift(0), so rows without a group are 0 too; pct_change(0) leaves them missing."""
    p = _frame("Float64")
    c = cpd.read_pandas(p)
    _same_twice(eval(f"c.groupby('k', dropna=dropna)['v'].{op}"), eval(f"p.groupby('k', dropna=dropna)['v'].{op}"))  # noqa: S307


@pytest.mark.parametrize("op,dtype", [(op, dtype) for op in ["cumsum", "cumprod", "cummin", "cummax"]
                                      for dtype in ["Float64", "Int64", "datetime"] if dtype != "datetime" or op in ("cummin", "cummax")])
@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_cumulative_without_skipping_missing_values(op, dtype, mode):
    """skipna=False: missing from a column's first missing value on, in both ordering modes."""
    values = {"Float64": [2.0, -1.5, None, 3.0, INF], "Int64": [2, -1, 3, None, 4],
              "datetime": [pd.Timestamp("2024-03-10 02:00"), pd.Timestamp("2024-03-09"), None,
                           pd.Timestamp("2024-03-11"), pd.Timestamp("2024-01-01")]}[dtype]
    p = pd.DataFrame({"v": pd.array(values, dtype=dtype if dtype != "datetime" else "datetime64[us]"),
                      "w": pd.array([1.0, None, 2.0, 3.0, 4.0], dtype="Float64"),
                      "u": pd.array([4, 3, 2, 1, 0], dtype="Int64")}, index=[3, 3, 1, 0, 1])
    with cpd.option_context("session.ordering_mode", mode):
        c = cpd.read_pandas(p if mode == "strict" else p.reset_index(drop=True)).sort_values("u")
        ps = p.sort_values("u") if mode == "strict" else p.reset_index(drop=True).sort_values("u")
        got_s = getattr(c["v"], op)(skipna=False)
        got_f = getattr(c[["v", "w"]], op)(skipna=False)
        want_s, want_f = getattr(ps["v"], op)(skipna=False), getattr(ps[["v", "w"]], op)(skipna=False)
        if mode == "strict":
            _same_twice(got_s, want_s)
            _same_twice(got_f, want_f)
        else:  # no index: the values in the sorted order
            assert got_s.to_pandas().tolist() == want_s.tolist()
            assert got_f.to_pandas().reset_index(drop=True).astype(object).equals(want_f.reset_index(drop=True).astype(object))


@pytest.mark.parametrize("op,dtype", [(op, dtype) for op in ["cumsum", "cumprod", "cummin", "cummax"]
                                      for dtype in ["Float64", "Int64", "datetime"] if dtype != "datetime" or op in ("cummin", "cummax")])
@pytest.mark.parametrize("dropna", [True, False])
def test_groupby_cumulative_without_skipping_missing_values(op, dtype, dropna):
    """groupby cum*(skipna=False): missing from the group's first missing value on, each group
    apart (a Series' and a frame's selection, keys with missing values). It was ignored (the
    values after a missing one kept running); found by the windows fuzz family."""
    values = {"Float64": [2.0, -1.5, None, 3.0, INF, 0.5, None], "Int64": [2, -1, 3, None, 4, 5, None],
              "datetime": [pd.Timestamp("2024-03-10 02:00"), pd.Timestamp("2024-03-09"), None,
                           pd.Timestamp("2024-03-11"), pd.Timestamp("2024-01-01"), None, pd.Timestamp("2024-02-01")]}[dtype]
    p = pd.DataFrame({"v": pd.array(values, dtype=dtype if dtype != "datetime" else "datetime64[us]"),
                      "w": pd.array([1.0, None, 2.0, 3.0, 4.0, -1.0, 2.0], dtype="Float64"),
                      # (README, differences: pandas takes NaT as a value when some group key is missing)
                      "k": pd.array([1, 2, 1, 2, 1, None if dtype != "datetime" else 1, 2], dtype="Int64")},
                     index=[3, 3, 1, 0, 1, 7, 8])
    c = cpd.read_pandas(p)
    for cols in ("v", ["v", "w"]):
        _same_twice(getattr(c.groupby("k", dropna=dropna)[cols], op)(skipna=False),
                    getattr(p.groupby("k", dropna=dropna)[cols], op)(skipna=False))
        _same_twice(getattr(c.groupby("k", dropna=dropna)[cols], op)(), getattr(p.groupby("k", dropna=dropna)[cols], op)())


@pytest.mark.parametrize("method", ["average", "min", "max", "first", "dense"])
@pytest.mark.parametrize("na_option", ["keep", "top", "bottom"])
@pytest.mark.parametrize("pct", [False, True])
@pytest.mark.parametrize("ascending", [True, False])
def test_rank_na_option_and_pct(method, na_option, pct, ascending):
    """rank's na_option (missing values kept missing, or ranked first or last, tied) and pct (the
    rank over the number of ranked values; dense: of distinct ones), of a Series of numbers,
    strings and times, a DataFrame and a groupby, with repeated labels, twice."""
    p = pd.DataFrame({"f": pd.array([2.0, None, -1.0, 2.0, None, INF, 0.0], dtype="Float64"),
                      "s": pd.array(["b", None, "a", "b", "c", None, "a"], dtype="string"),
                      "t": pd.array([pd.Timestamp("2024-03-10"), None, pd.Timestamp("2024-01-01"), None,
                                     pd.Timestamp("2024-03-10"), pd.Timestamp("2023-12-31"), None], dtype="datetime64[us]"),
                      "k": pd.array([1, 1, 2, 2, 1, None, 1], dtype="Int64")}, index=[3, 3, 1, 0, 1, 2, 2])
    c = cpd.read_pandas(p)
    kw = dict(method=method, na_option=na_option, pct=pct, ascending=ascending)
    for col in ["f", "s", "t"]:
        _same_twice(c[col].rank(**kw), p[col].rank(**kw))
    _same_twice(c[["f", "t"]].rank(**kw), p[["f", "t"]].rank(**kw))
    _same_twice(c.groupby("k")["f"].rank(**kw), p.groupby("k")["f"].rank(**kw))


def test_rank_na_option_is_checked():
    c = cpd.read_pandas(pd.DataFrame({"f": pd.array([1.0, None], dtype="Float64")}))
    with pytest.raises(ValueError, match="na_option"):
        c["f"].rank(na_option="first")


@pytest.mark.parametrize("window", [1, 2, 3, 4, 5])
@pytest.mark.parametrize("min_periods", [None, 0, 1])
@pytest.mark.parametrize("agg", ["sum", "mean", "max", "count", "std"])
def test_centred_rolling_windows(window, min_periods, agg):
    """rolling(n, center=True): the window ends (n - 1) // 2 rows after the row, as pandas centres it,
    of a Series, a frame and a groupby, with missing values, inf and repeated labels, twice."""
    p = _frame("Float64")
    c = cpd.read_pandas(p)
    kw = dict(min_periods=min_periods, center=True)
    _same_twice(getattr(c["v"].rolling(window, **kw), agg)(), getattr(p["v"].rolling(window, **kw), agg)().astype("Float64"))
    _same_twice(getattr(c[["v", "u"]].rolling(window, **kw), agg)(),
                getattr(p[["v", "u"]].rolling(window, **kw), agg)().astype("Float64"))
    _same_twice(getattr(c.groupby("k")["v"].rolling(window, **kw), agg)(),
                getattr(p.groupby("k")["v"].rolling(window, **kw), agg)().astype("Float64"))
