"""reindex / reindex_like with method ("ffill"/"pad", "bfill"/"backfill", "nearest"), limit and
tolerance (cormorant.reindexing) against pandas 3.1: rows of frames and Series, columns, a
decreasing index, a Europe/Paris DatetimeIndex with Timedelta, string and list-like tolerances,
missing values in the matched rows, fill_value, no rows; pandas' errors, typed."""

from __future__ import annotations

import itertools
import warnings

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"a": pd.array([1, None, 3, 4], dtype="Int64"),
                         "s": pd.array(["x", "y", None, "w"], dtype="string")},
                        index=pd.Index([10, 20, 30, 40], name="n"))


TARGET = [5, 15, 20, 35, 40, 45, 12]
SORTED = [5, 12, 15, 20, 35, 40, 45]


@pytest.mark.parametrize("method", ["ffill", "pad", "bfill", "backfill", "nearest"])
def test_rows_every_method(method):
    p = _frame()
    c = cpd.read_pandas(p)
    for tolerance in (None, 5, [1, 5, 1, 5, 10, 3, 0]):
        assert_same(c.reindex(TARGET, method=method, tolerance=tolerance),
                    p.reindex(TARGET, method=method, tolerance=tolerance))
        assert_same(c["a"].reindex(TARGET, method=method, tolerance=tolerance),
                    p["a"].reindex(TARGET, method=method, tolerance=tolerance))
    for limit in (1, 2):  # pandas: limit needs a monotonic target
        assert_same(c.reindex(SORTED, method=method, limit=limit), p.reindex(SORTED, method=method, limit=limit))
        assert_same(c["s"].reindex(SORTED, method=method, limit=limit),
                    p["s"].reindex(SORTED, method=method, limit=limit))
    assert_same(c.iloc[::-1].reindex(TARGET, method=method), p.iloc[::-1].reindex(TARGET, method=method))
    assert_same(c[["a"]].reindex(TARGET, method=method, fill_value=0),
                p[["a"]].reindex(TARGET, method=method, fill_value=0))
    assert_same(c.reindex([], method=method), p.reindex([], method=method))
    assert_same(c.head(0).reindex([1, 2], method=method), p.head(0).reindex([1, 2], method=method))


@pytest.mark.parametrize("method", ["ffill", "bfill", "nearest"])
def test_time_zone_index_and_tolerances(method):
    index = pd.DatetimeIndex(["2024-03-31 00:00", "2024-03-31 01:00", "2024-03-31 03:00", "2024-03-31 04:30"],
                             tz="Europe/Paris", name="at").as_unit("us")
    p = _frame().set_axis(index)
    c = cpd.read_pandas(p)
    target = pd.DatetimeIndex(["2024-03-30 23:00", "2024-03-31 00:30", "2024-03-31 03:59", "2024-03-31 05:00"],
                              tz="Europe/Paris").as_unit("us")
    for tolerance in (None, "30min", pd.Timedelta("1h"), ["1min", "1h", "2h", "1s"]):
        assert_same(c.reindex(target, method=method, tolerance=tolerance),
                    p.reindex(target, method=method, tolerance=tolerance))
        assert_same(c["s"].reindex(list(target), method=method, tolerance=tolerance),
                    p["s"].reindex(list(target), method=method, tolerance=tolerance))


def test_columns_by_method():
    p, c = _frame(), cpd.read_pandas(_frame())
    assert_same(c.reindex(columns=["b", "t", "a", "zz"], method="ffill"),
                p.reindex(columns=["b", "t", "a", "zz"], method="ffill"))
    assert_same(c.reindex(index=[5, 25], columns=["b", "t"], method="bfill"),
                p.reindex(index=[5, 25], columns=["b", "t"], method="bfill"))
    assert_same(c.reindex(["b"], axis=1, method="pad"), p.reindex(["b"], axis=1, method="pad"))


def test_reindex_like_by_method():
    p = _frame()
    q = p.reindex([5, 15, 20, 35])
    c, cq = cpd.read_pandas(p), cpd.read_pandas(q)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pandas 3.1 deprecates reindex_like(method=)
        assert_same(c.reindex_like(cq, method="ffill", limit=1), p.reindex_like(q, method="ffill", limit=1))
        assert_same(c["a"].reindex_like(cq["a"], method="nearest", tolerance=4),
                    p["a"].reindex_like(q["a"], method="nearest", tolerance=4))


ERRORS = [
    (lambda o: o.iloc[[1, 0, 2]].reindex([5, 15], method="ffill"), ex.InvalidArgumentError, "monotonic"),
    (lambda o: o.iloc[[0, 0, 1]].reindex([5, 15], method="ffill"), ex.InvalidArgumentError, "duplicate"),
    (lambda o: o.reindex([5, 15], method="foo"), ex.InvalidArgumentError, "Invalid fill method"),
    (lambda o: o.reindex([5, 15], limit=1), ex.InvalidArgumentError, "limit argument only valid"),
    (lambda o: o.reindex([5, 15], tolerance=1), ex.InvalidArgumentError, "tolerance argument only valid"),
    (lambda o: o.reindex([15, 5], method="ffill", limit=1), ex.InvalidArgumentError, "monotonic"),
    (lambda o: o.reindex([5, 15], method="ffill", tolerance="x"), ex.InvalidArgumentError, "numeric"),
    (lambda o: o.reindex([5, 15], method="ffill", limit=-1), ex.InvalidArgumentError, "greater than 0"),
]


@pytest.mark.parametrize("call, error, match", ERRORS)
def test_errors_as_pandas(call, error, match):
    with pytest.raises(Exception) as expected:
        call(_frame())
    assert issubclass(error, type(expected.value))
    with pytest.raises(error, match=match):
        call(cpd.read_pandas(_frame())).to_pandas()
    with pytest.raises(error, match=match):
        call(cpd.read_pandas(_frame())["a"]).to_pandas()


def test_multiindex_by_method_refused():
    p = _frame().set_axis(pd.MultiIndex.from_tuples([(1, "a"), (1, "b"), (2, "a"), (2, "b")]))
    with pytest.raises(ex.UnsupportedError, match="MultiIndex"):
        cpd.read_pandas(p).reindex([(1, "a"), (1, "c")], method="ffill")
