"""DataFrame.resample and Series.resample against pandas 3.1: fixed and calendar frequencies,
closed/label/origin/offset, empty bins, missing values, NaT keys, empty inputs, UTC and other
zones, a datetime column (on=) and the index, and re-execution. Errors are typed."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same, nullable
from cormorant.counted import _Counted


def _times(n=40, seed=7, start="2024-01-30 22:17:05", span_hours=24 * 80, zone=None, nat=True):
    rng = np.random.default_rng(seed)
    offsets = np.sort(rng.integers(0, span_hours * 3600, n))
    times = pd.Timestamp(start) + pd.to_timedelta(offsets, unit="s")
    times = pd.DatetimeIndex(times).as_unit("us")
    if zone:
        times = times.tz_localize(zone, ambiguous="NaT", nonexistent="NaT")
    out = pd.Series(times)
    if nat:
        out.iloc[[3, 11]] = pd.NaT
    return out


def _frame(zone=None, n=40, seed=7, **kwargs):
    rng = np.random.default_rng(seed + 1)
    ints = pd.array(rng.integers(-50, 50, n), dtype="Int64")
    ints[[2, 9]] = pd.NA
    floats = pd.array(rng.normal(size=n), dtype="Float64")
    floats[[5]] = pd.NA
    return pd.DataFrame({"ts": _times(n, seed, zone=zone, **kwargs), "i": ints, "f": floats})


def assert_resampled(got, expected, exact=False):
    """assert_same, where cormorant gives counts as groupby's do (groupby._Counted: int64 in
    to_pandas() where pandas has int64; `exact` asks for pandas' dtypes exactly, for inputs of
    nullable dtypes, whose other results pandas gives nullable too)."""
    assert_same(got._obj if isinstance(got, _Counted) else got, expected)
    out = got.to_pandas()
    dtypes = lambda r: r.dtypes.tolist() if hasattr(r, "columns") else [r.dtype]
    assert all(t != "int64" or u == "int64" for t, u in zip(dtypes(out), dtypes(expected))), (dtypes(out), dtypes(expected))
    if exact:
        assert dtypes(out) == dtypes(expected)


def _pandas_result(p):
    """pandas' result, its index's freq included (assert_same compares it: cormorant's resample
    results carry it too)."""
    return p


FIXED = ["h", "5min", "7h", "D", "2D", "90min", "30s"]
CALENDAR = ["W", "W-MON", "ME", "MS", "QE", "QS", "YE", "YS"]
AGGS = ["sum", "mean", "min", "max", "count", "first", "last", "median", "std", "var", "nunique", "prod", "size"]


@pytest.mark.parametrize("rule, agg", [(rule, ["sum", "mean", "count", "max", "size"][i % 5])
                                       for i, rule in enumerate(FIXED + CALENDAR)])
def test_on_column(rule, agg):
    p = _frame()
    d = cpd.read_pandas(p)
    got = getattr(d.resample(rule, on="ts"), agg)()
    assert_resampled(got, _pandas_result(getattr(p.resample(rule, on="ts"), agg)()))


@pytest.mark.parametrize("agg", AGGS)
def test_every_aggregate_on_the_index(agg):
    p = _frame().dropna(subset=["ts"]).set_index("ts")
    d = cpd.read_pandas(p)
    assert_resampled(getattr(d.resample("6h"), agg)(), _pandas_result(getattr(p.resample("6h"), agg)()))
    assert_resampled(getattr(d["f"].resample("W"), agg)(), _pandas_result(getattr(p["f"].resample("W"), agg)()))


@pytest.mark.parametrize("zone", ["UTC", "America/New_York", "Asia/Kolkata"])
@pytest.mark.parametrize("rule", ["45min", "D", "W", "ME"])
def test_zones(zone, rule):
    # DST changes fall inside the span (2024-03-10 and 2024-11-03 in New York).
    p = _frame(zone, n=60, start="2024-03-08 20:00", span_hours=24 * 250)
    d = cpd.read_pandas(p)
    for agg in ("sum", "count"):
        assert_resampled(getattr(d.resample(rule, on="ts"), agg)(), _pandas_result(getattr(p.resample(rule, on="ts"), agg)()))


@pytest.mark.parametrize("options", [dict(closed="right"), dict(label="right"), dict(closed="right", label="right"),
                                     dict(origin="epoch"), dict(origin="start"), dict(offset="2h"),
                                     dict(origin=pd.Timestamp("2024-01-01 00:03")), dict(origin="start", offset="-5min")])
@pytest.mark.parametrize("rule", ["7h", "D"])
def test_fixed_options(rule, options):
    p = _frame()
    d = cpd.read_pandas(p)
    assert_resampled(d.resample(rule, on="ts", **options).sum(), _pandas_result(p.resample(rule, on="ts", **options).sum()))


def test_timestamps_on_bin_edges():
    # Values exactly on an edge go left or right as `closed` says.
    times = pd.Series(pd.to_datetime(["2024-01-01 00:00", "2024-01-01 01:00", "2024-01-01 01:00", "2024-01-01 03:00",
                                      "2024-01-31 00:00", "2024-02-29 23:59"]).as_unit("us"))
    p = pd.DataFrame({"ts": times, "v": [1, 2, 3, 4, 5, 6]})
    d = cpd.read_pandas(p)
    for rule in ("h", "2h", "ME", "W"):
        for closed in ((None, "right") if rule in ("h", "2h") else (None,)):
            assert_resampled(d.resample(rule, on="ts", closed=closed).sum(),
                        _pandas_result(p.resample(rule, on="ts", closed=closed).sum()))


def test_agg_forms_and_series():
    p = _frame()
    d = cpd.read_pandas(p)
    assert_resampled(d.resample("D", on="ts").agg("mean"), _pandas_result(p.resample("D", on="ts").agg("mean")))
    assert_resampled(d.resample("D", on="ts").agg({"i": "sum", "f": "max"}),
                _pandas_result(p.resample("D", on="ts").agg({"i": "sum", "f": "max"})))
    ps, s = p.set_index("ts")["i"].dropna(), d.set_index("ts")["i"].dropna()
    ps = ps[ps.index.notna()]
    s = s[s.index.notna()]
    assert_resampled(s.resample("3D").agg(["sum", "min", "count"]), _pandas_result(ps.resample("3D").agg(["sum", "min", "count"])))
    assert_resampled(s.resample("3D").sum(), _pandas_result(ps.resample("3D").sum()))


def test_empty_and_all_missing():
    p = _frame().iloc[:0].set_index("ts")  # (pandas fails on an empty frame with on=)
    d = cpd.read_pandas(p)
    got = d.resample("D").sum().to_pandas()
    expected = p.resample("D").sum()
    assert len(got) == len(expected) == 0
    assert list(got.columns) == list(expected.columns)
    p = _frame()
    p["ts"] = pd.NaT
    p["ts"] = p["ts"].astype("datetime64[us]")
    got = cpd.read_pandas(p).resample("D", on="ts").count().to_pandas()
    assert len(got) == len(p.resample("D", on="ts").count()) == 0


def test_re_execution_and_partial_mode():
    p = _frame()
    d = cpd.read_pandas(p)
    r = d.resample("5h", on="ts").mean()
    first, second = r.to_pandas(), r.to_pandas()
    pd.testing.assert_frame_equal(first, second)
    with cpd.option_context("session.ordering_mode", "partial"):
        dp = cpd.read_pandas(p)
        assert_resampled(dp.resample("5h", on="ts").mean(), _pandas_result(p.resample("5h", on="ts").mean()))
        with pytest.raises(ex.NullIndexError):
            dp["i"].resample("h")


def test_errors():
    p = _frame()
    d = cpd.read_pandas(p)
    with pytest.raises(ex.DTypeError, match="'i'"):
        d.resample("h", on="i")
    with pytest.raises(ex.DTypeError, match="the index"):
        d.resample("h")
    with pytest.raises(ex.InvalidArgumentError, match="not a frequency"):
        d.resample("fortnight", on="ts")
    # (refused before pandas' own bin edges were used: test_resample_anchored.py has the rest)
    zoned_p = _frame("Europe/Paris")
    zoned = cpd.read_pandas(zoned_p)
    for frame, pdf, rule, kw in ((d, p, "B", {}), (d, p, "QE-NOV", {}), (d, p, "SME", {}), (d, p, "2QE-NOV", {}),
                                 (zoned, zoned_p, "D", {"closed": "right"}), (zoned, zoned_p, "2D", {}),
                                 (d, p, "ME", {"closed": "left"})):
        pd.testing.assert_frame_equal(frame.resample(rule, on="ts", **kw).sum().to_pandas(),
                                      pdf.resample(rule, on="ts", **kw).sum(), check_dtype=False)


def _unsorted(zone=None):
    """The frame's rows in another order than their times (pandas sorts them before it bins)."""
    p = _frame(zone).dropna(subset=["ts"])
    return p.iloc[np.random.default_rng(3).permutation(len(p))]


@pytest.mark.parametrize("where", ["on", "index", "level", "series", "selected"])
@pytest.mark.parametrize("agg", ["first", "last", "agg"])
def test_first_and_last_are_in_time_order(where, agg):
    """first/last of a bin are its earliest/latest rows by time, whatever the row order."""
    p = _unsorted("America/New_York")
    p.loc[p.index[:3], "ts"] = p["ts"].iloc[5]  # ties: pandas keeps them in row order
    d = cpd.read_pandas(p)

    def run(x):
        if where == "on":
            r = x.resample("W", on="ts")
        elif where == "index":
            r = x.set_index("ts").resample("12h", offset="2h")
        elif where == "level":
            r = x.set_index(["i", "ts"])[["f"]].resample("ME", level="ts")
        elif where == "series":
            r = x.set_index("ts")["f"].resample("6h", closed="right", label="right")
        else:
            r = x.resample("D", on="ts")["i"]
        if agg == "agg":
            return r.agg(["first", "sum", "last"]) if where in ("series", "selected") else r.agg({"f": "last"})
        return getattr(r, agg)()

    assert_resampled(run(d), _pandas_result(run(p)))


@pytest.mark.parametrize("agg", AGGS)
def test_no_rows_keep_their_dtypes(agg):
    """pandas' resample of no rows returns them as they are (its dtypes), counts as int64."""
    p = _frame("Asia/Kolkata").iloc[:0]
    d = cpd.read_pandas(p)
    for pick in (lambda x: x.set_index("ts").resample("h"), lambda x: x.set_index("ts")["i"].resample("W")):
        got, expected = getattr(pick(d), agg)().to_pandas(), getattr(pick(p), agg)()
        assert len(got) == len(expected) == 0
        got_dtypes = got.dtypes.tolist() if hasattr(got, "columns") else [got.dtype]
        expected_dtypes = expected.dtypes.tolist() if hasattr(expected, "columns") else [expected.dtype]
        kinds = [str(nullable(pd.Series([], dtype=t)).dtype) for t in expected_dtypes]
        assert kinds == [str(nullable(pd.Series([], dtype=t)).dtype) for t in got_dtypes]


@pytest.mark.parametrize("agg", AGGS)
def test_no_rows_on_a_column_give_the_aggregates_dtypes(agg):
    """On a column (on=), pandas' resample of no rows gives each aggregate's own dtype (nunique
    int64, mean Float64), not the input's (fuzz resample seed 17100028: string for nunique)."""
    p = _frame("America/New_York").iloc[:0]
    p["s"] = pd.array([], dtype="string")
    p["b"] = pd.array([], dtype="boolean")
    d = cpd.read_pandas(p)
    for column in ("i", "f", "s", "b"):
        pick = lambda x: x[["ts", column]].resample("3h", on="ts", closed="left", offset="2h")[column]
        try:
            got = getattr(pick(d), agg)().to_pandas()
        except ex.DTypeError:  # cormorant refuses arithmetic aggregates of strings (pandas sums them)
            assert column == "s" and agg in ("sum", "prod", "mean", "median", "std", "var"), agg
            continue
        expected = getattr(pick(p), agg)()
        assert len(got) == len(expected) == 0
        assert str(nullable(got).dtype) == str(nullable(expected).dtype), (column, got.dtype, expected.dtype)


@pytest.mark.parametrize("agg", ["count", "size", "nunique"])
@pytest.mark.parametrize("rows", [0, 40])
def test_counts_keep_pandas_exact_dtype(agg, rows):
    """Counts pandas types int64 (nunique; count of strings; size; any count of no rows) stay
    int64 through the empty bins' fill, and Int64 counts of nullable columns stay Int64."""
    p = _frame().dropna(subset=["ts"]).iloc[:rows]
    p["s"] = pd.array(["a", None] * (len(p) // 2), dtype="string")
    p = p.set_index("ts")
    d = cpd.read_pandas(p)
    for pick in (lambda x: x.resample("6h"), lambda x: x["i"].resample("6h"), lambda x: x["s"].resample("6h")):
        assert_resampled(getattr(pick(d), agg)(), _pandas_result(getattr(pick(p), agg)()), exact=True)
    both = {"i": "count", "s": "nunique"}
    got, expected = d.resample("6h").agg(both).to_pandas(), p.resample("6h").agg(both)
    assert got.dtypes.tolist() == expected.dtypes.tolist()


def test_first_in_partial_mode():
    """Partial mode: rows of equal times have no order, so first/last need a sort (a typed error,
    not an internal one or an arbitrary row); after sort_values, pandas' answer."""
    p = _unsorted()
    with cpd.option_context("session.ordering_mode", "partial"):
        dp = cpd.read_pandas(p)
        for call in (lambda r: r.first(), lambda r: r.agg({"i": "last"}), lambda r: r["f"].agg(["sum", "first"])):
            with pytest.raises(ex.OrderRequiredError, match="resample first"):
                call(dp.resample("5h", on="ts"))
        assert_resampled(dp.sort_values("ts", kind="stable").resample("5h", on="ts").first(),
                    _pandas_result(p.sort_values("ts", kind="stable").resample("5h", on="ts").first()))


@pytest.mark.parametrize("origin", ["end", "end_day"])
@pytest.mark.parametrize("options", [{}, dict(label="left"), dict(closed="left"), dict(offset="30s")])
@pytest.mark.parametrize("rule, zone", [("2h", None), ("15min", "Asia/Kolkata"), ("D", None), ("45min", "America/New_York")])
def test_bins_running_back_from_the_end(origin, options, rule, zone):
    """origin='end'/'end_day' close and label bins on the right unless told otherwise, as pandas
    does (they were closed on the left: a row on an edge fell in the next bin, silently)."""
    p = _frame(zone)
    p.loc[p.index[7], "ts"] = p["ts"].max()  # a repeated last time: on the last edge
    d = cpd.read_pandas(p)
    assert_resampled(d.resample(rule, on="ts", origin=origin, **options).max(),
                _pandas_result(p.resample(rule, on="ts", origin=origin, **options).max()))
    assert_resampled(d.set_index("ts")["f"].resample(rule, origin=origin, **options).count(),
                _pandas_result(p.set_index("ts")["f"].resample(rule, origin=origin, **options).count()))


@pytest.mark.parametrize("rule", ["MS", "QS", "YS", "ME", "W"])
@pytest.mark.parametrize("origin", ["end", "end_day", "epoch", "start"])
def test_calendar_rules_and_origin(rule, origin):
    """origin='end'/'end_day' makes pandas close a period start's bins on the right (binned by
    pandas' own edges; it gave the bins closed on the left, silently, once); other origins, and
    the rules anchored at the periods' ends, give pandas' bins."""
    p = _frame("Europe/Berlin")
    d = cpd.read_pandas(p)
    assert_resampled(d.resample(rule, on="ts", origin=origin).sum(), _pandas_result(p.resample(rule, on="ts", origin=origin).sum()))


def test_column_by_attribute():
    """r.i is r["i"], as pandas' Resampler attribute access; the key and unknown names are not."""
    p = _frame(zone="Asia/Tokyo")
    d = cpd.read_pandas(p)
    assert_resampled(d.resample("D", on="ts").i.sum(), _pandas_result(p.resample("D", on="ts").i.sum()))
    assert_resampled(d.set_index("ts").resample("6h").f.mean(), _pandas_result(p.set_index("ts").resample("6h").f.mean()))
    for name in ("ts", "nope"):
        with pytest.raises(AttributeError):
            getattr(d.resample("D", on="ts"), name)


MULTIPLES = ["2ME", "3MS", "2QS", "2QE", "2YE", "2YS", "2W", "3W-WED", "5ME"]


@pytest.mark.parametrize("zone", [None, "America/New_York"])
@pytest.mark.parametrize("rule", MULTIPLES)
def test_calendar_multiples(rule, zone):
    """n periods a bin (2ME, 3MS, 2W-SUN...): pandas' labels every n periods from the first row's
    period, a row's bin the label at or after its period's end (at or before its start); times
    across DST in New York, NaT keys, missing values, the index and a column."""
    p = _frame(zone, n=80, start="2023-11-30 23:30", span_hours=24 * 500)
    d = cpd.read_pandas(p)
    for agg in ("sum", "count", "mean", "first", "max"):
        assert_resampled(getattr(d.resample(rule, on="ts"), agg)(),
                         _pandas_result(getattr(p.resample(rule, on="ts"), agg)()))
    on_index = p.dropna(subset=["ts"]).set_index("ts")
    got = cpd.read_pandas(on_index)["f"].resample(rule)
    assert_resampled(got.sum(), _pandas_result(on_index["f"].resample(rule).sum()))
    assert_resampled(got.sum(), _pandas_result(on_index["f"].resample(rule).sum()))  # run again


def test_calendar_multiples_of_one_row_and_partial_mode():
    p = _frame().iloc[[0]]
    assert_resampled(cpd.read_pandas(p).resample("3MS", on="ts").sum(), _pandas_result(p.resample("3MS", on="ts").sum()))
    p = _frame(n=50)
    d = cpd.Session(ordering_mode="partial").read_pandas(p)
    assert_resampled(d.resample("2W-MON", on="ts").count(), _pandas_result(p.resample("2W-MON", on="ts").count()))



def _upsampling_frame(zone):
    """Times off the bins' grid, across the DST change in New York, missing values of each dtype."""
    times = pd.DatetimeIndex(["2024-03-09 22:00", "2024-03-10 01:00", "2024-03-10 04:30", "2024-03-10 09:00",
                              "2024-03-11 00:00"], name="t").as_unit("us")
    return pd.DataFrame({"v": pd.array([1.0, None, 3, 4, 5], dtype="Float64"),
                         "w": pd.array([1, 2, None, 4, 5], dtype="Int64"),
                         "s": pd.array(["a", None, "c", "d", "e"], dtype="string")},
                        index=times.tz_localize(zone))


UPSAMPLING = {
    "asfreq": lambda r: r.asfreq(),
    "asfreq_fill": lambda r: r.asfreq(fill_value=0),
    "ffill": lambda r: r.ffill(),
    "ffill_limit": lambda r: r.ffill(limit=1),
    "bfill": lambda r: r.bfill(),
    "nearest": lambda r: r.nearest(),
}


@pytest.mark.parametrize("zone", [None, "America/New_York"])
@pytest.mark.parametrize("rule", ["2h", "90min", "D", "30min"])
@pytest.mark.parametrize("how", list(UPSAMPLING))
def test_upsampling(how, rule, zone):
    """asfreq/ffill/bfill/nearest: the rows at each bin's label, as pandas reindexes to them."""
    p = _upsampling_frame(zone)
    d = cpd.read_pandas(p)
    frame = ["v", "w"] if how == "asfreq_fill" else ["v", "w", "s"]
    assert_same(UPSAMPLING[how](d[frame].resample(rule)), _pandas_result(UPSAMPLING[how](p[frame].resample(rule))))
    assert_same(UPSAMPLING[how](d["w"].resample(rule)), _pandas_result(UPSAMPLING[how](p["w"].resample(rule))))


@pytest.mark.parametrize("zone", [None, "America/New_York"])
@pytest.mark.parametrize("rule", ["2h", "90min", "D"])
def test_upsampling_interpolate(rule, zone):
    """interpolate: the labels' rows and the rows between them interpolated, then the labels'."""
    p = _upsampling_frame(zone)[["v", "w"]]
    d = cpd.read_pandas(p)
    assert_same(d.resample(rule).interpolate(), _pandas_result(p.resample(rule).interpolate()))
    assert_same(d["v"].resample(rule).interpolate(limit=1),
                _pandas_result(p["v"].resample(rule).interpolate(limit=1)))


def test_upsampling_on_a_column_no_rows_and_errors():
    p = _upsampling_frame(None).reset_index()
    d = cpd.read_pandas(p)
    with pytest.raises(ex.InvalidArgumentError, match="on= selection"):  # pandas' ValueError
        d.resample("3h", on="t").ffill()
    with pytest.raises(ValueError, match="on= selection"):
        p.resample("3h", on="t").ffill()
    empty = p.iloc[:0].set_index("t")
    assert_same(cpd.read_pandas(empty).resample("3h").asfreq(), _pandas_result(empty.resample("3h").asfreq()))
    repeated = cpd.read_pandas(_upsampling_frame(None).iloc[[0, 0, 1]])
    with pytest.raises(ex.InvalidArgumentError, match="duplicate"):  # pandas' ValueError
        repeated.resample("h").ffill().to_pandas()
    with pytest.raises(ex.UnsupportedError, match="ohlc"):
        d.resample("h", on="t").ohlc()


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("options", [dict(origin="end_day", offset="-1h"), dict(origin="end"),
                                     dict(closed="right"), dict(closed="right", label="left"),
                                     dict(origin="end_day", offset="30min", closed="left")])
def test_first_time_on_the_first_edge(mode, options):
    """pandas counts a time on the first bin's left edge into that bin even when bins close on
    the right (found by the fuzzer, resample seed 19200074: its row was lost, the bin's prod 1)."""
    times = pd.Series(pd.to_datetime(["2023-12-30 23:00", "2023-12-31 01:00", "2024-01-01 07:00", None]).as_unit("us"))
    p = pd.DataFrame({"t": times, "i": pd.array([2, 3, 5, 7], dtype="Int64"), "g": [np.nan, 0.5, 3.0, 4.0]})
    session = cpd.Session(ordering_mode=mode)
    try:
        d = session.read_pandas(p)
        for agg in ("prod", "sum", "count", "min", "max", "mean", "size", "nunique", "first", "last"):
            if agg in ("first", "last") and mode == "partial":
                continue
            got = getattr(d.resample("2h", on="t", **options), agg)().to_pandas()
            expected = _pandas_result(getattr(p.resample("2h", on="t", **options), agg)())
            if mode == "partial":
                got = got.sort_index()
            compare = pd.testing.assert_frame_equal if isinstance(expected, pd.DataFrame) else pd.testing.assert_series_equal
            compare(nullable(got), nullable(expected), check_dtype=False, check_index_type=False,
                    check_freq=mode == "strict")
    finally:
        session.close()


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("agg, kwargs", [("sum", {}), ("prod", {}), ("sum", {"min_count": 1}), ("prod", {"min_count": 1}),
                                         ("sum", {"min_count": 2}), ("count", {}), ("min", {}), ("max", {}),
                                         ("mean", {}), ("nunique", {}), ("size", {}), ("std", {}), ("median", {})])
def test_empty_bins(mode, agg, kwargs):
    """Each reduction of an empty bin as pandas gives it: sum 0, prod 1, count and size 0, the
    others missing, and sum/prod missing with min_count=1 or more (it was 0 and 1)."""
    times = pd.Series(pd.to_datetime(["2024-01-01 00:10", "2024-01-01 00:20", "2024-01-01 05:00"]).as_unit("us"))
    p = pd.DataFrame({"t": times, "i": pd.array([2, None, 5], dtype="Int64"), "f": pd.array([1.5, 2.5, None], dtype="Float64")})
    session = cpd.Session(ordering_mode=mode)
    try:
        d = session.read_pandas(p)
        got = getattr(d.resample("h", on="t"), agg)(**kwargs).to_pandas()
        got = got if mode == "strict" else got.sort_index()
        expected = _pandas_result(getattr(p.resample("h", on="t"), agg)(**kwargs))
        if isinstance(expected, pd.Series):
            pd.testing.assert_series_equal(nullable(got), nullable(expected), check_dtype=False, check_index_type=False,
                                           check_freq=mode == "strict")
        else:
            pd.testing.assert_frame_equal(nullable(got), nullable(expected), check_dtype=False, check_index_type=False,
                                          check_freq=mode == "strict")
        series = getattr(d.set_index("t")["f"].resample("h"), agg)(**kwargs).to_pandas()
        series = series if mode == "strict" else series.sort_index()
        expected = _pandas_result(getattr(p.set_index("t")["f"].resample("h"), agg)(**kwargs))
        pd.testing.assert_series_equal(nullable(series), nullable(expected), check_dtype=False, check_index_type=False,
                                       check_freq=mode == "strict")
    finally:
        session.close()
