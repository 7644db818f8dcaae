"""The index of resample results with no times to bin (only NaT, or no rows) and with NaT among
times: its freq, zone, name and dtype as pandas 3.1's. An all-NaT index binned by W, ME, QE or YE
kept no freq in a Series (pandas keeps the rule's; a DataFrame has none), and a result whose
index column an earlier resample of the same frame had binned took that result's freq (QE gave
<Hour> after resample('h')). pandas is the oracle; the rules run in turn on one frame."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

import cormorant.pandas as cpd

RULES = ["YE", "h", "QE", "ME", "D", "W", "2D", "MS"]
AGGS = ["var", "sum", "count", "size", "first", "max"]


def _index(kind, tz):
    if kind == "nat":
        idx = pd.DatetimeIndex([pd.NaT, pd.NaT], name="t")
    elif kind == "empty":
        idx = pd.DatetimeIndex([], name="t")
    else:
        idx = pd.DatetimeIndex([pd.NaT, "2020-01-03", pd.NaT], name="t")
    idx = idx.as_unit("us")
    return idx.tz_localize(tz) if tz else idx


def _meta(index):
    return (str(getattr(index, "freq", None)), str(getattr(index, "tz", None)), index.name, len(index), str(index.dtype))


@pytest.mark.parametrize("tz", [None, "UTC", "Europe/Paris"])
@pytest.mark.parametrize("kind", ["nat", "empty", "mixed"])
def test_index_metadata_as_pandas(kind, tz):
    idx = _index(kind, tz)
    p = pd.DataFrame({"x": pd.array(range(len(idx)), dtype="Float64"), "y": pd.array(range(len(idx)), dtype="Int64")},
                     index=idx)
    c = cpd.read_pandas(p)
    for rule in RULES:
        for agg in AGGS:
            for frame in (False, True):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    want = getattr((p if frame else p.x).resample(rule), agg)()
                got = getattr((c if frame else c.x).resample(rule), agg)().to_pandas()
                assert _meta(got.index) == _meta(want.index), (rule, agg, frame)
                # (and what is computed from the result keeps pandas' freq)
                if frame and agg != "size":
                    assert _meta(getattr(c.resample(rule), agg)()["x"].to_pandas().index) == _meta(want["x"].index)
