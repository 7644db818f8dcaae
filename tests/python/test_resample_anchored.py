"""resample by the anchored rules the calendar path lacks (issue 13): B, SME/SMS, QE-NOV/QS-FEB,
YE-JUN/YS-JUL, BME, BMS, BQE, BYE, W-WED with multiples, and closed/label/origin/offset on calendar
rules, binned by pandas' own edges (resample.py's _bin_by_edges); naive, Paris and UTC times,
NaT rows, Series, upsampling, all against pandas 3.1 (freq of the result index included)."""

import warnings

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd

RULES = [("B", {}), ("3B", {}), ("SME", {}), ("SMS", {}), ("2SME", {}), ("QE-NOV", {}), ("QS-FEB", {}),
         ("YE-JUN", {}), ("YS-JUL", {}), ("BME", {}), ("BMS", {}), ("BQE", {}), ("BYE", {}), ("BQS", {}),
         ("2W-WED", {}), ("W-WED", {"closed": "left"}), ("W-WED", {"label": "left"}),
         ("ME", {"closed": "left", "label": "left"}), ("MS", {"closed": "right"}), ("MS", {"label": "right"}),
         ("QE", {"offset": "2h"}), ("D", {"closed": "right"}), ("2D", {}), ("D", {"offset": "6h"}),
         ("W-SUN", {"origin": "end"}), ("MS", {"origin": "end"}), ("B", {"closed": "right", "label": "right"})]


def _frame(tz, n=60, seed=0):
    rng = np.random.default_rng(seed)
    times = pd.Timestamp("2023-10-25 07:13", tz=tz) + pd.to_timedelta(np.sort(rng.integers(0, 400 * 24 * 60, n)),
                                                                       unit="min")
    return pd.DataFrame({"v": pd.array(rng.integers(-5, 20, n), dtype="Int64"),
                         "w": pd.array(rng.normal(size=n), dtype="Float64")},
                        index=pd.DatetimeIndex(times).as_unit("us"))


def _ids(rules):
    return [f"{r}-{'-'.join(f'{k}={v}' for k, v in kw.items())}" for r, kw in rules]


@pytest.mark.parametrize("tz", [None, "Europe/Paris", "UTC"])
@pytest.mark.parametrize("rule,kw", RULES, ids=_ids(RULES))
def test_aggregates_as_pandas(rule, kw, tz):
    pdf = _frame(tz)
    df = cpd.read_pandas(pdf)
    for agg in ("sum", "mean", "count", "first"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = getattr(pdf.resample(rule, **kw), agg)()
        got = getattr(df.resample(rule, **kw), agg)().to_pandas()
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)


NAT_RULES = [("B", {}), ("SME", {}), ("SMS", {}), ("BME", {}), ("QE-NOV", {}), ("D", {"closed": "right"}),
             ("2W-WED", {"label": "left"})]


@pytest.mark.parametrize("rule,kw", NAT_RULES, ids=_ids(NAT_RULES))
def test_nat_rows_dst_and_series(rule, kw):
    # around Paris' spring DST change, with NaT rows
    idx = pd.DatetimeIndex(["2024-03-29 10:00", None, "2024-03-31 01:30", "2024-03-31 03:30", "2024-04-02 23:59",
                            "2024-04-15 12:00", None, "2024-05-31 23:00"]).tz_localize("Europe/Paris").as_unit("us")
    pdf = pd.DataFrame({"v": pd.array([1, 2, 3, 4, 5, 6, 7, 8], dtype="Int64")}, index=idx)
    df = cpd.read_pandas(pdf)
    for agg in ("sum", "count", "max"):
        expected = getattr(pdf.resample(rule, **kw), agg)()
        pd.testing.assert_frame_equal(getattr(df.resample(rule, **kw), agg)().to_pandas(), expected,
                                      check_dtype=False)
    pd.testing.assert_series_equal(df["v"].resample(rule, **kw).sum().to_pandas(),
                                   pdf["v"].resample(rule, **kw).sum(), check_dtype=False)


@pytest.mark.parametrize("rule", ["B", "SME", "BMS", "YS-JUL"])
@pytest.mark.parametrize("method", ["asfreq", "ffill"])
def test_upsampling(rule, method):
    pdf = _frame("Europe/Paris", n=12, seed=3)
    expected = getattr(pdf.resample(rule), method)()
    got = getattr(cpd.read_pandas(pdf).resample(rule), method)().to_pandas()
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_too_many_bins_refused():
    from cormorant import exceptions

    pdf = pd.DataFrame({"v": [1, 2]}, index=pd.DatetimeIndex(["1990-01-01", "2030-01-01"]))
    with pytest.raises(exceptions.UnsupportedError, match="bins"):
        cpd.read_pandas(pdf).resample("B").sum().to_pandas()
