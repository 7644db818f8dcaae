"""GroupBy.describe(include=, exclude=) of frame and Series groupbys, compared with pandas 3.1:
numbers, text, booleans, categoricals, naive and Asia/Kolkata datetimes, timedeltas; missing
values in keys and values, dropna, sort=False, as_index=False, several keys, repeated row labels,
MultiIndex rows and columns, observed=False, no rows, ties of the most frequent value,
re-execution. A description holding text, dates or timedeltas is a pandas DataFrame of object
columns as pandas gives it; one of numbers only stays a cormorant DataFrame."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import nullable_index


def _frame(index=None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "k": pd.array(["a", "b", "a", "b", "c", None, "a", "c"], dtype="string"),
            "j": pd.array([1, 1, 1, 2, 2, 2, None, 1], dtype="Int64"),
            "x": pd.array([1, 2, None, 4, 5, 6, 7, None], dtype="Int64"),
            "f": pd.array([0.5, None, -1.5, 2.0, 3.0, 1.0, 1.0, 4.5], dtype="Float64"),
            "s": pd.array(["u", "v", "u", None, None, "w", "v", "v"], dtype="string"),
            "t": pd.to_datetime(["2020-01-01", "2020-01-02", None, "2020-01-04", "2020-01-05", "2021-01-01",
                                 "2020-03-08 02:30", None], format="ISO8601").tz_localize("Asia/Kolkata"),
            "n": pd.to_datetime(["2020-01-01", "2020-01-02", None, "2020-01-04", "2020-01-05", "2021-01-01",
                                 "2020-01-01 12:00", None], format="ISO8601"),
            "d": pd.to_timedelta(["1D", "2D", None, "4h", "5s", "1s", "-3h", None]),
            "b": pd.array([True, False, None, True, None, False, False, None], dtype="boolean"),
            "c": pd.Categorical(["p", "q", "q", None, "p", "r", "p", None], categories=["q", "p", "r", "z"]),
        },
        index=index,
    )


def _pair(index=None):
    p = _frame(index)
    return cpd.read_pandas(p), p


def _same(got, want):
    """The description equals pandas' exactly (values, labels, dtypes); a numeric one is a
    cormorant DataFrame, one with other statistics pandas' own object columns."""
    if isinstance(got, cpd.DataFrame):
        got = got.to_pandas()
    if isinstance(want, pd.Series):  # (pandas' result of no groups from rows of missing keys only)
        pd.testing.assert_series_equal(got, want)
        return
    assert isinstance(got, pd.DataFrame), type(got)
    got.index, want.index = nullable_index(got.index), nullable_index(want.index)
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-9)


CASES = {
    "default": lambda g: g.describe(),
    "all": lambda g: g.describe(include="all"),
    "string": lambda g: g.describe(include=["string"]),
    "bool and category": lambda g: g.describe(include=["boolean", "category"]),
    "number": lambda g: g.describe(include=[np.number]),
    "number string": lambda g: g.describe(include="number"),
    "exclude number": lambda g: g.describe(exclude=[np.number]),
    "exclude text": lambda g: g.describe(exclude=["string", "category"], percentiles=[0.1, 0.9]),
    "datetimes": lambda g: g.describe(include=["datetime", "datetimetz"]),
    "timedelta": lambda g: g.describe(include="timedelta", percentiles=[]),
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("options", [{}, {"dropna": False}, {"sort": False}, {"as_index": False}])
def test_describe_include(case, options):
    c, p = _pair()
    _same(CASES[case](c.groupby("k", **options)), CASES[case](p.groupby("k", **options)))


@pytest.mark.parametrize("case", ["default", "all", "exclude number"])
def test_describe_several_keys_and_labels(case):
    index = ["r", "s", "r", "s", "r", "t", "t", "r"]  # repeated row labels
    c, p = _pair(index)
    _same(CASES[case](c.groupby(["k", "j"], dropna=False)), CASES[case](p.groupby(["k", "j"], dropna=False)))
    mi = pd.MultiIndex.from_arrays([list("aabbccdd"), range(8)], names=["g", "i"])
    c, p = _pair(mi)
    _same(CASES[case](c.groupby(level="g")), CASES[case](p.groupby(level="g")))
    # (a Series that is not a column: pandas leaves out a key that is the frame's own column,
    # cormorant does not yet; see the report of session 21)
    _same(CASES[case](c.groupby(c["j"].rename("q"))), CASES[case](p.groupby(p["j"].rename("q"))))


@pytest.mark.parametrize("column", ["x", "f", "s", "t", "n", "d", "b", "c"])
def test_describe_series_groupby(column):
    c, p = _pair()
    for options in ({}, {"dropna": False}, {"sort": False}):
        got = c.groupby("k", **options)[column].describe()
        _same(got, p.groupby("k", **options)[column].describe())
    # pandas ignores include/exclude of a Series, with its deprecation warning
    with pytest.warns(pd.errors.Pandas4Warning, match="no effect on Series"):
        got = c.groupby("k")[column].describe(include="all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pd.errors.Pandas4Warning)
        _same(got, p.groupby("k")[column].describe(include="all"))


def test_describe_multiindex_columns():
    c, p = _pair()
    p = p[["k", "x", "s", "t"]]
    p.columns = pd.MultiIndex.from_tuples([("key", ""), ("num", "x"), ("txt", "s"), ("time", "t")])
    c = cpd.read_pandas(p)
    for case in ("default", "all", "string"):
        _same(CASES[case](c.groupby(("key", ""))), CASES[case](p.groupby(("key", ""))))


def test_describe_top_ties():
    """Equal counts: the value seen first in the group (pandas' value_counts is stable), a
    categorical's first category; more values than NumPy sorts by insertion."""
    rng = np.random.default_rng(7)
    values = [f"v{i}" for i in rng.integers(0, 40, 600)]
    p = pd.DataFrame({"k": pd.array(rng.integers(0, 5, 600), dtype="Int64"), "s": pd.array(values, dtype="string"),
                      "c": pd.Categorical(values, categories=sorted(set(values), reverse=True)),
                      "b": pd.array(rng.integers(0, 2, 600) == 1, dtype="boolean")})
    c = cpd.read_pandas(p)
    _same(c.groupby("k").describe(), p.groupby("k").describe())
    for _ in range(2):  # re-execution
        _same(c.groupby("k").describe(include="all"), p.groupby("k").describe(include="all"))


def test_describe_observed_false():
    c, p = _pair()
    p = p.assign(k=p["c"]).drop(columns=["c"])
    c = cpd.read_pandas(p)
    _same(c.groupby("k", observed=False).describe(include=["string", "boolean"]),
          p.groupby("k", observed=False).describe(include=["string", "boolean"]))
    _same(c.groupby("k", observed=False)[["x"]].describe(), p.groupby("k", observed=False)[["x"]].describe())


@pytest.mark.parametrize("case", ["default", "all", "string"])
def test_describe_no_groups(case):
    """No rows, or keys that are all missing: pandas' own (object) result of these dtypes."""
    c, p = _pair()
    for keep in (c["x"] > 100, c["k"].isna()):
        picked = p[keep.to_pandas().fillna(False).to_numpy()]
        _same(CASES[case](c[keep].groupby("k")), CASES[case](picked.groupby("k")))


def test_describe_errors():
    c, p = _pair()
    with pytest.raises(ValueError, match="No columns match"):
        p.groupby("k").describe(include="object")
    with pytest.raises(ex.InvalidArgumentError, match="No columns match"):
        c.groupby("k").describe(include="object")
    with pytest.raises(ValueError, match="exclude must be None"):
        p.groupby("k").describe(include="all", exclude=["string"])
    with pytest.raises(ex.InvalidArgumentError, match="exclude must be None"):
        c.groupby("k").describe(include="all", exclude=["string"])
    with pytest.raises(ValueError, match="percentiles"):
        c.groupby("k").describe(percentiles=[1.5])
