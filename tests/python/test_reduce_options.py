"""pandas' arguments of reductions against pandas 3.1: min_count (sum, prod; groupby min, max,
first, last), ddof (std, var: NumPy's n - ddof for Series and DataFrames, <NA> where n <= ddof
for groups), skipna=False in groupbys (any/all by Kleene logic, first/last taking the row's
value), numeric_only and axis. Missing values, empty input, single values, infinities, the
observed=False groups of categoricals, both ordering modes, each run twice."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
import cormorant.exceptions as ex
from conftest import assert_same_scalar, nullable, nullable_index

VALUES = {
    "ints": pd.array([3, -1, None, 7, 2, 2], dtype="Int64"),
    "floats": pd.array([0.5, None, -2.25, 8.0, 1.0, 3.5], dtype="Float64"),
    "bools": pd.array([True, None, False, True, True, False], dtype="boolean"),
    "infs": pd.array([np.inf, 1.0, None, 2.0, 2.0, 2.0], dtype="Float64"),
    "constant": pd.array([4, 4, None, 4, 4, 4], dtype="Int64"),
    "missing": pd.array([None] * 6, dtype="Float64"),
}
ROWS = {"all": slice(None), "none": slice(0, 0), "one": slice(0, 1), "two": slice(0, 2), "last_four": slice(2, 6)}


@pytest.mark.parametrize("rows", list(ROWS))
@pytest.mark.parametrize("kind", list(VALUES))
@pytest.mark.parametrize("func", ["sum", "prod"])
@pytest.mark.parametrize("min_count", [0, 1, 2, 5])
def test_series_min_count(func, kind, rows, min_count):
    s = pd.Series(VALUES[kind], name="x").iloc[ROWS[rows]]
    c = cpd.read_pandas(s)
    for skipna in (True, False):
        want = getattr(s, func)(skipna=skipna, min_count=min_count)
        for _ in range(2):
            assert_same_scalar(getattr(c, func)(skipna=skipna, min_count=min_count), want)


@pytest.mark.parametrize("rows", list(ROWS))
@pytest.mark.parametrize("kind", list(VALUES))
@pytest.mark.parametrize("func", ["std", "var"])
@pytest.mark.parametrize("ddof", [0, 1, 2, 3, -1])
def test_series_ddof(func, kind, rows, ddof):
    s = pd.Series(VALUES[kind], name="x").iloc[ROWS[rows]]
    c = cpd.read_pandas(s)
    with np.errstate(all="ignore"):
        want = getattr(s, func)(ddof=ddof)
    for _ in range(2):
        assert_same_scalar(getattr(c, func)(ddof=ddof), want)


@pytest.mark.parametrize("rows", list(ROWS))
def test_frame_min_count_and_ddof(rows):
    pdf = pd.DataFrame(dict(VALUES)).iloc[ROWS[rows]]
    pdf["s"] = pd.array(["a", None, "c", "d", "e", None], dtype="string")[ROWS[rows]]
    c = cpd.read_pandas(pdf)
    with np.errstate(all="ignore"):
        cases = [
            (pdf.sum(numeric_only=True, min_count=2), c.sum(numeric_only=True, min_count=2)),
            (pdf.prod(numeric_only=True, min_count=1), c.prod(numeric_only=True, min_count=1)),
            (pdf.std(numeric_only=True, ddof=0), c.std(numeric_only=True, ddof=0)),
            (pdf.var(numeric_only=True, ddof=2), c.var(numeric_only=True, ddof=2)),
            (pdf.sum(numeric_only=True, skipna=False, min_count=1), c.sum(numeric_only=True, skipna=False, min_count=1)),
        ]
    for want, got in cases:
        pd.testing.assert_series_equal(got, nullable(want), check_exact=False, rtol=1e-12)


def _frame():
    return pd.DataFrame({
        "k": ["a", "b", "a", "b", "a", "c", "a", "b", "d", "a", "d"],
        "x": pd.array([1, 2, None, 4, 5, 6, 7, 8, None, 10, None], dtype="Int64"),
        "y": pd.array([0.5, 1.5, 2.5, None, -1.0, 2.0, 3.0, 3.0, np.inf, 9.75, 1.0], dtype="Float64"),
        "b": pd.array([True, None, False, True, None, None, True, False, None, True, None], dtype="boolean"),
        "s": pd.array(["p", "q", None, "r", "s", "t", "u", None, "v", "w", None], dtype="string"),
    })


GROUP_CASES = [
    ("sum", dict(numeric_only=True)),
    ("sum", dict(numeric_only=True, min_count=2)),
    ("sum", dict(numeric_only=True, skipna=False)),
    ("sum", dict(numeric_only=True, skipna=False, min_count=1)),
    ("prod", dict(numeric_only=True, min_count=3)),
    ("prod", dict(numeric_only=True, skipna=False)),
    ("mean", dict(numeric_only=True)),
    ("mean", dict(numeric_only=True, skipna=False)),
    ("median", dict(numeric_only=True, skipna=False)),
    ("min", dict(min_count=2)),
    ("max", dict(skipna=False)),
    ("max", dict(numeric_only=True, min_count=3, skipna=False)),
    ("std", dict(numeric_only=True, ddof=0)),
    ("std", dict(numeric_only=True, ddof=2)),
    ("var", dict(numeric_only=True, ddof=0, skipna=False)),
    ("var", dict(numeric_only=True, ddof=3)),
    # pandas' groupby kernels take an int ddof: 1.5 divides by n - 1, 0.5 by n (cormorant divided by n - 1.5)
    ("var", dict(numeric_only=True, ddof=1.5)),
    ("std", dict(numeric_only=True, ddof=0.5)),
    ("first", dict(skipna=False)),
    ("first", dict(min_count=2)),
    ("last", dict(skipna=False)),
    ("last", dict(numeric_only=True, min_count=3)),
    ("skew", dict(numeric_only=True, skipna=False)),
    ("any", dict(skipna=False)),
    ("all", dict(skipna=False)),
]


def _expected(want):
    want = nullable(want)
    if isinstance(want, pd.DataFrame):
        want.index = nullable_index(want.index)
    else:
        want.index = nullable_index(want.index)
    return want


@pytest.mark.parametrize("func, kwargs", GROUP_CASES, ids=[f"{f}-{'-'.join(f'{k}={v}' for k, v in kw.items())}"
                                                          for f, kw in GROUP_CASES])
def test_groupby_options(func, kwargs):
    pdf = _frame()
    if func in ("any", "all"):
        pdf = pdf.drop(columns="s")  # (cormorant refuses any/all of text)
    c = cpd.read_pandas(pdf)
    want = _expected(getattr(pdf.groupby("k"), func)(**kwargs))
    for _ in range(2):
        got = getattr(c.groupby("k"), func)(**kwargs).to_pandas()
        pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)
    # a Series' groupby
    column = "y" if kwargs.get("numeric_only") or func not in ("any", "all") else "b"
    want = _expected(getattr(pdf.groupby("k")[column], func)(**kwargs))
    got = getattr(c.groupby("k")[column], func)(**kwargs).to_pandas()
    pd.testing.assert_series_equal(got, want, check_exact=False, rtol=1e-12)


@pytest.mark.parametrize("func, kwargs", [("sum", dict(min_count=1)), ("sum", dict()), ("prod", dict(min_count=1)),
                                          ("max", dict(min_count=1)), ("std", dict(ddof=0))])
def test_groupby_options_of_unobserved_categories(func, kwargs):
    pdf = _frame()[["k", "x", "y"]]
    pdf["k"] = pd.Categorical(pdf["k"], categories=["a", "b", "c", "d", "e"])
    want = _expected(getattr(pdf.groupby("k", observed=False), func)(**kwargs))
    got = getattr(cpd.read_pandas(pdf).groupby("k", observed=False), func)(**kwargs).to_pandas()
    want.index = got.index  # (the categorical index itself: test_categorical)
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)


def test_groupby_options_in_partial_mode():
    pdf = _frame()
    session = cpd.Session(ordering_mode="partial")
    try:
        c = session.read_pandas(pdf)
        for func, kwargs in (("sum", dict(numeric_only=True, min_count=2)), ("std", dict(numeric_only=True, ddof=0)),
                             ("max", dict(skipna=False))):
            want = _expected(getattr(pdf.groupby("k"), func)(**kwargs))
            got = getattr(c.groupby("k"), func)(**kwargs).to_pandas()
            pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)
    finally:
        session.close()


def test_numeric_only_drops_text_where_pandas_raises_without_it():
    pdf = _frame()
    with pytest.raises(TypeError):
        pdf.groupby("k").mean()
    with pytest.raises(TypeError):
        cpd.read_pandas(pdf).groupby("k").mean().to_pandas()
    # a Series' numeric_only changes nothing in pandas 3.1
    assert cpd.read_pandas(pdf)["x"].sum(numeric_only=True) == pdf["x"].sum(numeric_only=True)
    with pytest.raises(TypeError):
        pdf.groupby("k")["s"].sum(numeric_only=True)
    with pytest.raises(ex.DTypeError):
        cpd.read_pandas(pdf).groupby("k")["s"].sum(numeric_only=True)


def test_bad_arguments_are_refused_as_pandas_does():
    s = pd.Series([1, 2], dtype="Int64")
    c = cpd.read_pandas(s)
    for call in (lambda x: x.sum(axis=1), lambda x: x.sum(skipna="yes")):
        with pytest.raises(ValueError):
            call(s)
        with pytest.raises(ValueError):
            call(c)
    assert c.sum(axis=0) == s.sum(axis=0) and c.sum(axis="index") == s.sum(axis="index")
    with pytest.raises(ex.UnsupportedError, match="ddof"):
        cpd.read_pandas(_frame()).groupby("k").var(numeric_only=True, ddof=-1)
    with pytest.raises(ex.UnsupportedError, match="engine"):
        cpd.read_pandas(_frame()).groupby("k").sum(engine="numba")
    with pytest.raises(ex.DTypeError, match="min_count"):
        c.sum(min_count=1.5)


@pytest.mark.parametrize("func", ["skew", "kurt"])
def test_skew_and_kurt_of_infinities_are_missing(func):
    # the engine's moments raised 'VARPOP is out of range!' on an infinity; pandas gives <NA>
    pdf = pd.DataFrame({"k": [1, 1, 1, 1, 1, 2, 2, 2, 2, 2],
                        "y": pd.array([np.inf, 1, 2, 3, 5, -1, 2, 3, 4, 9], dtype="Float64")})
    c = cpd.read_pandas(pdf)
    for rows in (slice(None), slice(0, 5), slice(5, 10)):
        assert_same_scalar(getattr(c["y"].iloc[rows], func)(), getattr(pdf["y"].iloc[rows], func)())
    want = _expected(getattr(pdf.groupby("k"), func)())
    pd.testing.assert_frame_equal(getattr(c.groupby("k"), func)().to_pandas(), want, check_exact=False, rtol=1e-12)


def test_counts_compared_with_nan_as_numpy():
    # pandas' nunique/size/count of groups are NumPy int64, whose comparisons with NaN are False
    # (!= True); their std of one group is NaN (found by the reuse fuzz family, seed 16000044)
    pdf = pd.DataFrame({"k": pd.array(["q", "r", "r"], dtype="string"), "x": pd.array([-2, 1, 1], dtype="Int64")})
    for rows in (slice(0, 1), slice(None)):
        want_g = pdf.iloc[rows].groupby("k").agg(t=("x", "nunique")).reset_index()["t"]
        got_g = cpd.read_pandas(pdf.iloc[rows]).groupby("k").agg(t=("x", "nunique")).reset_index()["t"]
        for m in (want_g.std(), np.nan):
            for op in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
                want = getattr(want_g, op)(m)
                got = getattr(got_g, op)(m)
                assert got[got].count() == want[want].count(), (rows, m, op)
                assert list(got.to_pandas()) == list(want), (rows, m, op)


@pytest.mark.parametrize("func", ["mean", "max", "std", "first"])
def test_groupby_numeric_only_keeps_narrow_integers(func):
    # numeric_only keeps Int8..UInt64 columns, as pandas (leaving them out would be silently wrong)
    pdf = _frame()[["k", "x", "s"]]
    pdf["n"] = pd.array([1, 2, 3, None, 5, 6, 7, 8, 9, 10, 11], dtype="Int32")
    pdf["u"] = pd.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2**40], dtype="UInt64")
    want = _expected(getattr(pdf.groupby("k"), func)(numeric_only=True))
    got = getattr(cpd.read_pandas(pdf).groupby("k"), func)(numeric_only=True).to_pandas()
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-12)
