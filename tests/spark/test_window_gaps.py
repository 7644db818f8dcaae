"""Families once refused on Spark (issue 14), now on both engines: cumprod (a running product:
Spark SQL has no product, so the window's values are collected and multiplied in row order),
groupby prod, and first/last after sorting by keys of both directions (min_by/max_by take one
direction: the group's records sorted by a comparator). Each result is compared with pandas
3.1 running the same program (the oracle) through the Python suite's assert_same: values,
labels, order and exact dtypes; missing values, empty groups and duplicate labels included.
"""

from __future__ import annotations

import pandas as pd
import pytest

from cormorant import exceptions
from conftest import assert_same

ENGINES = ["duckdb", "spark"]


@pytest.fixture(params=ENGINES)
def session(request, sessions):
    return sessions[request.param]


def _frame() -> pd.DataFrame:
    """Duplicate labels, missing values in keys and values, a group whose values are all missing."""
    return pd.DataFrame({
        "g": pd.array(["a", "b", "a", None, "b", "a", "c", "b", "c", "a"], dtype="string"),
        "n": pd.array([2, -3, None, 5, 0, 4, None, 7, None, -1], dtype="Int64"),
        "x": pd.array([1.5, None, -2.0, 0.5, float("inf"), 3.0, None, -0.25, None, 1e-3], dtype="Float64"),
        "k": pd.array(["q", "z", None, "q", "a", "z", "m", None, "m", "q"], dtype="string"),
    }, index=pd.Index([3, 3, 1, 0, 2, 2, 9, 8, 8, 5]))


@pytest.mark.parametrize("column", ["n", "x"])
def test_cumprod(session, column):
    """Series.cumprod and groupby cumprod (skipping missing values, pandas' running product)."""
    pdf = _frame()
    df = session.read_pandas(pdf)
    assert_same(df[column].cumprod(), pdf[column].cumprod())
    assert_same(df.groupby("g")[column].cumprod(), pdf.groupby("g")[column].cumprod())
    assert_same(df.groupby("g", dropna=False)[[column]].cumprod(), pdf.groupby("g", dropna=False)[[column]].cumprod())
    empty = pdf[pdf["n"] > 100]
    assert_same(session.read_pandas(empty).groupby("g")[column].cumprod(), empty.groupby("g")[column].cumprod())


def test_cumprod_of_integers_past_2_53_is_refused(session):
    """A running Int64 product past 2**53 (where products of doubles are no longer exact) is an
    ArithmeticOverflowError on both engines, never a rounded value; below it, exact."""
    big = pd.DataFrame({"n": pd.array([3] * 33 + [None], dtype="Int64")})  # 3**33 < 2**53 < 3**34
    assert_same(session.read_pandas(big)["n"].cumprod(), big["n"].cumprod())
    over = pd.DataFrame({"n": pd.array([3] * 34, dtype="Int64")})
    with pytest.raises(exceptions.ArithmeticOverflowError):
        session.read_pandas(over)["n"].cumprod().to_pandas()


def test_groupby_prod(session):
    """groupby prod: 1 for a group without values (pandas' min_count=0), missing keys dropped
    or kept."""
    pdf = _frame()
    df = session.read_pandas(pdf)
    assert_same(df.groupby("g")[["n", "x"]].prod(), pdf.groupby("g")[["n", "x"]].prod())
    assert_same(df.groupby("g", dropna=False)["n"].prod(), pdf.groupby("g", dropna=False)["n"].prod())


@pytest.mark.parametrize("how", ["first", "last"])
@pytest.mark.parametrize("ascending", [False, [False, True], [True, False]])
def test_first_last_after_a_sort_of_both_directions(session, how, ascending):
    """groupby first/last after sort_values descending (then the rows' order, ascending) or by two
    keys of opposite directions: the first/last value present in that order, per group."""
    pdf = _frame()
    df = session.read_pandas(pdf)
    by = "k" if ascending is False else ["k", "n"]
    want = getattr(pdf.sort_values(by, ascending=ascending, kind="stable").groupby("g", sort=False)[["n", "x"]], how)()
    got = getattr(df.sort_values(by, ascending=ascending, kind="stable").groupby("g", sort=False)[["n", "x"]], how)()
    assert_same(got, want)
    want = getattr(pdf.sort_values(by, ascending=ascending, kind="stable").groupby("g", dropna=False)["k"], how)()
    got = getattr(df.sort_values(by, ascending=ascending, kind="stable").groupby("g", dropna=False)["k"], how)()
    assert_same(got, want)


def test_cov_and_corr(session):
    """DataFrame.cov/corr (pairwise: rows with a missing side skipped), Series.cov/corr, and a
    column without spread (corr NaN) or with fewer than two pairs (NaN): Spark's covar_samp and
    corr against pandas within the suite's tolerance; DuckDB's exact sums."""
    pdf = pd.DataFrame({
        "a": pd.array([1.5, None, -2.0, 0.5, 4.25, 3.0, None, -0.25, 7.0, 1e-3], dtype="Float64"),
        "b": pd.array([2, -3, None, 5, 0, 4, None, 7, 1, -1], dtype="Int64"),
        "c": pd.array([10.5, 9.75, 10, None, 13, 8, 11, None, 10, 10.75], dtype="Float64"),
        "k": pd.array([2.0] * 10, dtype="Float64"),
        "o": pd.array([None] * 9 + [1.0], dtype="Float64"),
    }, index=pd.Index([3, 3, 1, 0, 2, 2, 9, 8, 8, 5]))
    df = session.read_pandas(pdf)
    for how in ("cov", "corr"):
        got, want = getattr(df, how)(), getattr(pdf, how)()
        if not isinstance(got, pd.DataFrame):
            got = got.to_pandas()
        pd.testing.assert_frame_equal(got.astype("float64"), want.astype("float64"), rtol=1e-9)
    for x, y in [("a", "b"), ("a", "c"), ("b", "k"), ("a", "o")]:
        for how in ("cov", "corr"):
            got, want = getattr(df[x], how)(df[y]), getattr(pdf[x], how)(pdf[y])
            assert (pd.isna(got) and pd.isna(want)) or abs(got - want) <= 1e-9 * abs(want), (x, y, how, got, want)


@pytest.mark.parametrize("how", ["first", "last"])
def test_transform_first_last_skip_missing_values(session, how):
    """groupby transform('first'/'last'): the group's first/last value present (first_value/
    last_value IGNORE NULLS, which Spark takes as a second argument), missing keys dropped."""
    pdf = _frame()
    df = session.read_pandas(pdf)
    for column in ("n", "x", "k"):
        assert_same(df.groupby("g")[column].transform(how), pdf.groupby("g")[column].transform(how))
