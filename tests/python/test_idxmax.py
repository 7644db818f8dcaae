"""idxmax / idxmin (DataFrame and Series) and argmax / argmin, compared with pandas 3.1: ties
(the first row in order wins), missing values with skipna, every orderable dtype, label dtypes
(strings, ints, dates, naive and zoned timestamps), duplicate labels, re-execution, and the
errors pandas raises (no rows, all missing, skipna=False with a missing value), typed."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex


def _frame(index) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "i": pd.array([2, 7, None, 7, -1], dtype="Int64"),
            "f": pd.array([0.5, None, -3.0, 9.25, -3.0], dtype="Float64"),
            "s": pd.array(["b", "é", None, "a", "é"], dtype="string"),
            "b": pd.array([False, True, None, True, False], dtype="boolean"),
            "t": pd.to_datetime(["2024-03-10 01:30", None, "2021-01-01 00:00", "2024-03-10 01:30", "2020-05-05 00:00"]),
        },
        index=index,
    )


INDEXES = {
    "strings": pd.Index(["v", "w", "x", "y", "z"]),
    "ints, unsorted": pd.Index([30, 10, 50, 20, 40]),
    "duplicate labels": pd.Index(["p", "q", "p", "q", "r"]),
    "zoned stamps": pd.date_range("2024-11-03 00:30", periods=5, freq="30min", tz="America/New_York"),
    "naive stamps": pd.date_range("2024-01-01", periods=5, freq="D"),
    "default": None,
}


@pytest.mark.parametrize("index", list(INDEXES))
@pytest.mark.parametrize("func", ["idxmax", "idxmin"])
def test_frame_idx_like_pandas(index, func):
    pdf = _frame(INDEXES[index])
    cdf = cpd.read_pandas(pdf)
    expected = getattr(pdf, func)()
    for _ in range(2):  # runs again
        got = getattr(cdf, func)()
        pd.testing.assert_series_equal(got, expected, check_dtype=False, check_index_type=False)
    for column in pdf.columns:
        assert getattr(cdf[column], func)() == getattr(pdf[column], func)()


@pytest.mark.parametrize("func", ["argmax", "argmin"])
def test_series_positions_like_pandas(func):
    pdf = _frame(INDEXES["ints, unsorted"])
    cdf = cpd.read_pandas(pdf)
    for column in pdf.columns:
        assert getattr(cdf[column], func)() == getattr(pdf[column], func)(), column
    sorted_c, sorted_p = cdf.sort_values("f", kind="stable"), pdf.sort_values("f", kind="stable")
    assert getattr(sorted_c["i"], func)() == getattr(sorted_p["i"], func)()


def test_after_filter_and_numeric_only():
    pdf = _frame(INDEXES["strings"])
    cdf = cpd.read_pandas(pdf)
    pd.testing.assert_series_equal(cdf[cdf.i > 0].idxmin(numeric_only=True), pdf[pdf.i > 0].idxmin(numeric_only=True),
                                   check_dtype=False, check_index_type=False)


def _raises_like_pandas(cormorant_call, pandas_call, match):
    with pytest.raises(ValueError):
        pandas_call()
    with pytest.raises(ex.InvalidArgumentError, match=match):
        cormorant_call()


def test_errors_like_pandas():
    pdf = _frame(INDEXES["strings"])
    cdf = cpd.read_pandas(pdf)
    _raises_like_pandas(lambda: cdf.i.idxmax(skipna=False), lambda: pdf.i.idxmax(skipna=False),
                        "column 'i'.*skipna=False")
    _raises_like_pandas(lambda: cdf.f.argmin(skipna=False), lambda: pdf.f.argmin(skipna=False), "skipna=False")
    none = cdf[cdf.i > 100]
    _raises_like_pandas(lambda: none.i.idxmax(), lambda: pdf[pdf.i > 100].i.idxmax(), "no rows")
    missing = cpd.read_pandas(pd.DataFrame({"m": pd.array([None, None], dtype="Int64")}))
    _raises_like_pandas(lambda: missing.m.idxmin(), lambda: pd.Series([None, None], dtype="Int64").idxmin(),
                        "every value is missing")
    with pytest.raises(ex.UnsupportedError, match="axis"):
        cdf.idxmax(axis=1)


def test_partial_ordering_mode():
    pdf = _frame(INDEXES["strings"])
    session = cpd.Session(ordering_mode="partial")
    try:
        cdf = session.read_pandas(pdf)
        with pytest.raises(ex.NullIndexError, match="idxmax"):
            cdf.reset_index(drop=True).idxmax()
        with pytest.raises(ex.OrderRequiredError, match="argmax"):
            cdf.i.reset_index(drop=True).argmax()
        # with an index, the label's own order breaks ties: rows 'w' and 'y' both hold 7
        assert cdf.i.idxmax() == "w"
    finally:
        session.close()
