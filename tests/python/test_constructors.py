"""pandas' DataFrame(...) and Series(...) constructors, DataFrame.from_dict and from_records:
Python data (dicts, lists, records, NumPy arrays, pandas objects) and cormorant objects (lazy:
index reindexes, columns selects, dtype casts, name renames), compared with pandas 3.1 on the
same arguments, with missing values, empty data and time zones; errors are typed."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same

_STAMPS = [datetime.datetime(2024, 3, 10, 1, 30), None, datetime.datetime(2024, 11, 3, 1, 30)]

FRAME_DATA = {
    "dict of lists": (({"a": [1, 2, None], "b": ["x", None, "z"], "c": [True, False, True]},), {}),
    "dict with index": (({"a": [1.5, np.nan, -2.0]},), {"index": [10, 20, 30]}),
    "dict, columns subset": (({"a": [1, 2], "b": [3, 4], "c": [5, 6]},), {"columns": ["c", "a"]}),
    "dict, dtype": (({"a": [1, 2], "b": [3, 4]},), {"dtype": "float64"}),
    "list of lists": (([[1, "p"], [2, None], [None, "r"]],), {"columns": ["n", "s"]}),
    "list of dicts": (([{"a": 1, "b": 2.5}, {"a": 3}, {"b": -1.0}],), {}),
    "numpy 2d": ((np.arange(6).reshape(3, 2),), {"columns": ["p", "q"], "index": ["r", "s", "t"]}),
    "zoned stamps": (({"t": pd.to_datetime(_STAMPS).tz_localize("America/New_York", ambiguous=True)},), {}),
    "naive stamps": (({"t": _STAMPS},), {}),
    "no rows, typed": ((), {"columns": ["a", "b"], "dtype": "Int64"}),
    "scalar broadcast": (({"a": 1, "b": "k"},), {"index": [0, 1, 2]}),
    "duplicate index": (({"a": [1, 2, 3]},), {"index": [5, 5, 4]}),
}


@pytest.mark.parametrize("case", list(FRAME_DATA))
def test_dataframe_from_python_data(case):
    args, kwargs = FRAME_DATA[case]
    got = cpd.DataFrame(*args, **kwargs)
    assert_same(got, pd.DataFrame(*args, **kwargs))
    assert_same(got, pd.DataFrame(*args, **kwargs))  # runs again


SERIES_DATA = {
    "list": (([1, None, 3],), {"name": "n"}),
    "floats with NaN": (([1.5, np.nan, 2.0],), {"index": ["a", "b", "c"]}),
    "strings": ((["x", None, "é"],), {}),
    "dict": (({"b": 1, "a": 2},), {"name": ("t", 1)}),
    "scalar with index": ((7,), {"index": [3, 1, 2]}),
    "dtype": (([1, 2, 3],), {"dtype": "Float64"}),
    "typed empty": ((), {"dtype": "Int64"}),
    "zoned": ((pd.date_range("2024-03-09", periods=3, freq="D", tz="Asia/Kolkata"),), {}),
    "numpy": ((np.array([True, False, True]),), {"name": "flag"}),
}


@pytest.mark.parametrize("case", list(SERIES_DATA))
def test_series_from_python_data(case):
    args, kwargs = SERIES_DATA[case]
    assert_same(cpd.Series(*args, **kwargs), pd.Series(*args, **kwargs))


def test_from_pandas_objects():
    pdf = pd.DataFrame({"a": [3, 1, 2], "b": ["x", "y", None]}, index=[9, 8, 7])
    assert_same(cpd.DataFrame(pdf), pdf)
    assert_same(cpd.DataFrame(pdf, columns=["b"]), pd.DataFrame(pdf, columns=["b"]))
    assert_same(cpd.Series(pdf["a"]), pdf["a"])
    assert_same(cpd.Series(pdf["a"], name="z"), pd.Series(pdf["a"], name="z"))


def test_from_dict_and_records():
    data = {"r1": {"a": 1, "b": 2.0}, "r2": {"a": None, "b": 4.5}}
    for orient in ("columns", "index"):
        assert_same(cpd.DataFrame.from_dict(data, orient=orient), pd.DataFrame.from_dict(data, orient=orient))
    records = [(1, "a", 2.5), (2, None, None)]
    kwargs = {"columns": ["i", "s", "f"], "index": "i"}
    assert_same(cpd.DataFrame.from_records(records, **kwargs), pd.DataFrame.from_records(records, **kwargs))


def _lazy_pair():
    pdf = pd.DataFrame({"a": [1, None, 3, 4], "b": [0.5, 1.5, None, -2.0]}, index=[4, 2, 9, 1])
    return cpd.read_pandas(pdf), pdf


def test_from_cormorant_frame_stays_lazy():
    cdf, pdf = _lazy_pair()
    assert_same(cpd.DataFrame(cdf), pd.DataFrame(pdf))
    assert_same(cpd.DataFrame(cdf, columns=["b", "z"]), pd.DataFrame(pdf, columns=["b", "z"]))
    assert_same(cpd.DataFrame(cdf, index=[1, 4, 5]), pd.DataFrame(pdf, index=[1, 4, 5]))
    # pandas' own DataFrame(frame, dtype="Float64") raises (a pandas bug); astype is the oracle
    assert_same(cpd.DataFrame(cdf, dtype="Float64"), pdf.astype("Float64"))
    assert cpd.DataFrame(cdf[cdf.a > 1]).sql == cdf[cdf.a > 1].sql  # no copy: the same plan
    assert_same(cpd.DataFrame(cdf[cdf.a > 1]), pd.DataFrame(pdf[pdf.a > 1]))


def test_from_cormorant_series():
    cdf, pdf = _lazy_pair()
    assert_same(cpd.Series(cdf.a, name="q"), pd.Series(pdf.a, name="q"))
    assert_same(cpd.Series(cdf.b, index=[2, 1, 7]), pd.Series(pdf.b, index=[2, 1, 7]))
    assert_same(cpd.Series(cdf.a, dtype="Float64"), pd.Series(pdf.a, dtype="Float64"))
    assert_same(cpd.DataFrame(cdf.a), pd.DataFrame(pdf.a))


@pytest.mark.parametrize("same_index", [True, False])
def test_dict_of_cormorant_series_aligns_like_pandas(same_index):
    left = pd.Series([1, 2, None], index=[3, 1, 2], dtype="Int64")
    right = pd.Series([5.5, None, 7.0], index=[3, 1, 2] if same_index else [2, 0, 3], dtype="Float64")
    expected = pd.DataFrame({"r": right, "l": left, "k": "c"})
    assert_same(cpd.DataFrame({"r": cpd.Series(right), "l": cpd.Series(left), "k": "c"}), expected)


def test_constructor_errors_are_typed():
    with pytest.raises(ex.DTypeError, match="pass dtype="):
        cpd.Series()
    with pytest.raises(ex.DTypeError, match="column 'a'.*pass dtype="):
        cpd.DataFrame(columns=["a"])
    with pytest.raises(ex.DTypeError, match="DataFrame"):
        cpd.DataFrame({"a": [1, 2], "b": [1]})
    cdf, _ = _lazy_pair()
    with pytest.raises(ex.UnsupportedError, match="'b'"):
        cpd.DataFrame({"a": cdf.a, "b": [1, 2, 3, 4]})
    with pytest.raises(ex.DTypeError, match="DataFrame"):
        cpd.Series(cdf)


def test_no_data():
    got = cpd.DataFrame().to_pandas()
    assert got.shape == (0, 0)


def test_session_argument():
    session = cpd.Session()
    try:
        frame = cpd.DataFrame({"a": [1, 2]}, session=session)
        assert_same(frame, pd.DataFrame({"a": [1, 2]}))
    finally:
        session.close()
    with pytest.raises(ex.CormorantError):  # the frame lived in that session, now closed
        frame.to_pandas()
