"""Idioms of pandas' "10 minutes to pandas" against pandas 3.1: slices by labels in [] (a text
or datetime index), partial date strings in slices ("2013-01", "20130102") on naive and zoned
indexes, df[df > 0], agg of a function, NumPy reductions of a Series (np.mean(s)), and
sort_index(axis=1)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same


def _frame(zone=None):
    rng = np.random.default_rng(0)
    times = pd.date_range("2012-12-30 18:00", periods=12, freq="9h", tz=zone).as_unit("us")
    values = rng.standard_normal((12, 4))
    values[3, 1] = np.nan
    frame = pd.DataFrame(values, index=times, columns=list("CADB")).astype("Float64")
    return frame


CASES = [
    pytest.param(lambda d: d["20130102":"20130104"], id="getitem_date_strings"),
    pytest.param(lambda d: d["2013-01-02 09:00":"2013-01-03"], id="getitem_time_to_day"),
    pytest.param(lambda d: d["2013-01":"2013-01"], id="getitem_month"),
    pytest.param(lambda d: d.loc["2013-01-01":"2013-01-02", ["A", "B"]], id="loc_date_range_columns"),
    pytest.param(lambda d: d.loc[:"2013-01-01"], id="loc_open_start"),
    pytest.param(lambda d: d.loc["2013-01-03":], id="loc_open_stop"),
    pytest.param(lambda d: d.A["2013-01-02":"2013-01-02"], id="series_one_day"),
    pytest.param(lambda d: d[pd.Timestamp("2013-01-01"):pd.Timestamp("2013-01-02 12:00")] if getattr(d.index.dtype, "tz", None) is None
                 else d[pd.Timestamp("2013-01-01", tz="Asia/Tokyo"):pd.Timestamp("2013-01-02 12:00", tz="Asia/Tokyo")],
                 id="getitem_timestamps"),
    pytest.param(lambda d: d[d > 0], id="mask_of_a_frame"),
    pytest.param(lambda d: d.agg(lambda x: np.mean(x) * 5.6), id="agg_function"),
    pytest.param(lambda d: d.apply(np.mean), id="apply_numpy_mean"),
    pytest.param(lambda d: d.sort_index(axis=1), id="sort_columns"),
    pytest.param(lambda d: d.sort_index(axis=1, ascending=False), id="sort_columns_descending"),
]


@pytest.mark.parametrize("zone", [None, "Asia/Tokyo"])
@pytest.mark.parametrize("pick", CASES)
def test_tutorial_idioms(pick, zone):
    p = _frame(zone)
    d = cpd.read_pandas(p)
    got, expected = pick(d), pick(p)
    assert_same(got, expected)  # (the index's freq too: date_range's, kept as pandas keeps it)


def test_text_index_label_slices_and_numpy_reductions():
    p = pd.DataFrame({"x": pd.array([1.5, 2.0, None, 4.0], dtype="Float64")}, index=pd.Index(list("abcd"), dtype="string"))
    d = cpd.read_pandas(p)
    assert_same(d["b":"c"], p["b":"c"])
    assert_same(d.x["a":"c"], p.x["a":"c"])
    assert_same(d[1:3], p[1:3])  # ints: positions
    for f in (np.mean, np.sum, np.max, np.min, np.std, np.var):
        assert abs(f(d.x) - f(p.x)) < 1e-12, f


def test_errors():
    d = cpd.read_pandas(_frame())
    with pytest.raises(ex.InvalidArgumentError, match="not a date"):
        d["not a date":"2013-01-02"].to_pandas()
    mixed = cpd.read_pandas(pd.DataFrame({"a": [1], 2: [3]}))
    with pytest.raises(ex.DTypeError, match="do not order"):
        mixed.sort_index(axis=1)
