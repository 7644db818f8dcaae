"""pandas' index semantics: labels that stay with their rows, alignment on the index,
positional and label selection, ordering, and reductions.

Every expectation comes from running the same operation in pandas 3.1.1 on the same data
(brought into cormorant with read_pandas, read_csv or read_sql); nothing is written out by
hand except the SQL shape checks and the errors' message phrases.
"""

from __future__ import annotations

import numbers
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import check_raises, RTOL, assert_same, nullable_index


def xfail(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


def case(case_id, fn, *marks):
    return pytest.param(fn, id=case_id, marks=list(marks))


pytestmark = pytest.mark.filterwarnings("ignore:Boolean Series key will be reindexed")


# ---------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------


def values_frame(index=None) -> pd.DataFrame:
    """Eight rows: ties and <NA> in every column for sorting, and an all-<NA> column."""
    return pd.DataFrame(
        {
            "k": pd.array([3, 1, 2, 1, None, 3, 2, 1], dtype="Int64"),
            "f": pd.array([0.5, None, 2.5, -1.0, 4.0, 0.5, None, 7.25], dtype="Float64"),
            "s": pd.array(["c", "a", None, "b", "a", "c", "d", "b"], dtype="string"),
            "b": pd.array([True, False, None, True, False, True, True, False], dtype="boolean"),
            "n": pd.array([None] * 8, dtype="Float64"),
        },
        index=index,
    )


INDEXES = {
    "default": None,
    "ints": pd.Index([13, 11, 10, 17, 12, 14, 16, 15]),  # unique, not sorted
    "dups": pd.Index([2, 0, 2, 1, 0, 3, 1, 2]),  # duplicate labels
    "strings": pd.Index(["h", "b", "g", "a", "e", "c", "f", "d"], name="key"),
    # irregular days: pandas gives a set operation's result on regular days a freq ('D'),
    # which cormorant does not track
    "dates": pd.DatetimeIndex(
        ["2024-01-09", "2024-01-02", "2024-01-17", "2024-01-01", "2024-01-04", "2024-01-13", "2024-01-07", "2024-01-11"],
        name="day",
    ),
    "multi": pd.MultiIndex.from_arrays(
        [["x", "x", "y", "y", "z", "z", "w", "w"], [1, 2, 1, 2, 1, 2, 2, 1]], names=["outer", "inner"]
    ),
}

UNIQUE_INDEXES = [k for k in INDEXES if k != "dups"]


def make_pair(kind: str):
    pdf = values_frame(INDEXES[kind])
    return cpd.read_pandas(pdf), pdf


# The shared fixtures are read once per module: operations return new objects, and the one
# test that assigns in place (df['g'] = ...) makes its own frames.


@pytest.fixture(scope="module", params=list(INDEXES))
def any_index(request):
    """(cormorant, pandas) frames with each kind of index."""
    return make_pair(request.param)


@pytest.fixture(scope="module", params=UNIQUE_INDEXES)
def unique_index(request):
    return make_pair(request.param)


@pytest.fixture(scope="module", params=["default", "strings", "multi"])
def some_indexes(request):
    """Fewer kinds, for operations whose result does not depend on the labels (reductions)."""
    return make_pair(request.param)


@pytest.fixture(scope="module")
def default_pair():
    return make_pair("default")


def to_cpd_series(ps: pd.Series):
    """A pandas Series brought into cormorant, with its name (None included) and index."""
    return cpd.read_pandas(ps.to_frame("v"))["v"].rename(ps.name)


def stable(df, **kwargs):
    """sort_values/sort_index as stable sorts: pandas needs kind='stable' (its default
    quicksort need not keep ties in order); cormorant's sorts are always stable."""
    return {"kind": "stable", **kwargs} if isinstance(df, (pd.DataFrame, pd.Series)) else kwargs


def sort_index(df, **kwargs):
    return df.sort_index(**stable(df, **kwargs))


def assert_scalar_same(got, want) -> None:
    """A scalar result equals pandas' (missing as pd.NA, numbers of the same kind)."""
    if want is pd.NA:
        assert got is pd.NA, f"expected <NA>, got {got!r}"
    elif isinstance(want, (bool, np.bool_)):
        assert isinstance(got, (bool, np.bool_)) and got == want, f"expected {want!r}, got {got!r}"
    elif isinstance(want, numbers.Integral):
        assert isinstance(got, numbers.Integral) and not isinstance(got, (bool, np.bool_)), f"expected an int, got {got!r}"
        assert got == want
    elif isinstance(want, numbers.Real):
        assert isinstance(got, numbers.Real) and not isinstance(got, numbers.Integral), f"expected a float, got {got!r}"
        assert got == pytest.approx(want, rel=RTOL)
    else:
        assert type(got) is type(want) and got == want, f"expected {want!r}, got {got!r}"


def assert_row_same(got, want: pd.Series) -> None:
    """A single row (a pandas Series labelled by the columns) equals pandas' row."""
    assert isinstance(got, pd.Series), f"expected a pandas Series for a single row, got {type(got)}"
    pd.testing.assert_series_equal(got, want, check_dtype=True, rtol=RTOL)


# ---------------------------------------------------------------------------------------
# Known differences from pandas (strict xfails; the report lists a reproduction for each)
# ---------------------------------------------------------------------------------------



# ---------------------------------------------------------------------------------------
# The exact examples from the issue (values, index, order and printing)
# ---------------------------------------------------------------------------------------


def test_issue_example_add_different_indexes():
    s1 = pd.Series([1, 2, 3], index=[0, 2, 4], dtype="Int64")
    s2 = pd.Series([4, 5, 6], index=[0, 1, 2], dtype="Int64")
    c1, c2 = to_cpd_series(s1), to_cpd_series(s2)
    assert_same(c1 + c2, s1 + s2)
    assert repr(c1 + c2) == repr(s1 + s2)
    # the same through DataFrames read with read_pandas
    f1, f2 = cpd.read_pandas(pd.DataFrame({"x": s1})), cpd.read_pandas(pd.DataFrame({"x": s2}))
    assert_same(f1.x + f2.x, pd.DataFrame({"x": s1}).x + pd.DataFrame({"x": s2}).x)
    assert repr(f1.x + f2.x) == repr(pd.DataFrame({"x": s1}).x + pd.DataFrame({"x": s2}).x)


def test_issue_example_filter_keeps_labels():
    s = pd.Series([1, 2, 3, 4, 5, 6], dtype="Int64")
    c = to_cpd_series(s)
    assert_same(c[c % 2 == 0], s[s % 2 == 0])
    assert repr(c[c % 2 == 0]) == repr(s[s % 2 == 0])
    pd.testing.assert_index_equal(c[c % 2 == 0].index, s[s % 2 == 0].index, exact="equiv")


def test_issue_example_add_two_filters():
    s = pd.Series([1, 2, 3, 4, 5, 6], dtype="Int64")
    c = to_cpd_series(s)
    got = c[c % 2 == 0] + c[(1 < c) & (c < 6)]
    want = s[s % 2 == 0] + s[(1 < s) & (s < 6)]
    assert_same(got, want)
    assert repr(got) == repr(want)
    # same source: aligned without a SQL join
    assert "JOIN" not in got.sql.upper()


# ---------------------------------------------------------------------------------------
# read_pandas keeps the index; read_csv(index_col=...)
# ---------------------------------------------------------------------------------------


def test_read_pandas_keeps_index(any_index):
    cdf, pdf = any_index
    assert_same(cdf, pdf)
    assert repr(cdf) == repr(pdf)
    pd.testing.assert_index_equal(nullable_index(cdf.index), nullable_index(pdf.index), exact=True)
    assert len(cdf) == len(pdf)
    assert cdf.shape == pdf.shape


@pytest.mark.parametrize(
    "make",
    [
        case("named_int", lambda: pd.Index([5, 3, 9], name="id")),
        case("nullable_int", lambda: pd.Index([5, None, 9], dtype="Int64")),
        case("float", lambda: pd.Index([0.5, -1.5, 2.0])),
        case("strings_with_na", lambda: pd.Index(["x", None, "z"], dtype="string")),
        case("bools", lambda: pd.Index([True, False, True])),
        case("datetimes_utc", lambda: pd.DatetimeIndex(["2024-03-01 10:00", "2023-01-01", "2024-03-01 09:00"], tz="UTC")),
        case("range_not_from_zero", lambda: pd.RangeIndex(10, 13)),
        case("range_with_step", lambda: pd.RangeIndex(0, 6, 2)),
        case("multi_three_levels", lambda: pd.MultiIndex.from_arrays([["a", "a", "b"], [1, 2, 1], [True, False, True]])),
    ],
)
def test_read_pandas_index_kinds(make):
    pdf = pd.DataFrame({"v": pd.array([1, 2, 3], dtype="Int64")}, index=make())
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf, pdf)
    assert repr(cdf) == repr(pdf)
    assert_same(cdf.v, pdf.v)


def utc_frame(tz="UTC") -> pd.DataFrame:
    """A datetime column with a time zone (and a <NA>) under a DatetimeIndex in that zone."""
    return pd.DataFrame(
        {
            "t": pd.DatetimeIndex(["2024-03-01 10:00", None, "2023-01-01 23:59:59", "2024-03-01 09:00"], tz=tz),
            "v": pd.array([1, 2, 3, 4], dtype="Int64"),
        },
        index=pd.DatetimeIndex(["2024-01-02", "2024-01-01", "2024-01-04", "2024-01-03"], tz=tz, name="day"),
    )


def test_read_pandas_utc_datetimes():
    """UTC datetimes (a column and the index) come back as pandas' datetime64[us, UTC]."""
    pdf = utc_frame()
    cdf = cpd.read_pandas(pdf)
    got = cdf.to_pandas()
    assert str(pdf.t.dtype) == str(pdf.index.dtype) == "datetime64[us, UTC]"
    assert got.t.dtype == pdf.t.dtype
    assert got.index.dtype == pdf.index.dtype
    assert cdf.t.to_pandas().dtype == pdf.t.dtype
    assert_same(cdf, pdf)
    assert repr(cdf) == repr(pdf)
    for op in (
        lambda df: df[df.v > 1],
        lambda df: df.t,
        lambda df: df.sort_values("t", **stable(df)),
        lambda df: sort_index(df),
        lambda df: df.reset_index(),
        lambda df: df.iloc[::-1],
    ):
        assert_same(op(cdf), op(pdf))


def test_read_pandas_utc_series():
    ps = utc_frame().t
    cs = cpd.read_pandas(ps)
    assert cs.to_pandas().dtype == ps.dtype
    assert_same(cs, ps)


def test_read_pandas_other_time_zone():
    pdf = utc_frame("Europe/Paris")
    assert_same(cpd.read_pandas(pdf), pdf)


_LOCAL_ZONE_SCRIPT = """
import pandas as pd
import cormorant.pandas as cpd
pdf = pd.DataFrame({"t": pd.DatetimeIndex(["2024-03-01 10:00"], tz="UTC")})
print(cpd.Session(":memory:").read_pandas(pdf).to_pandas().t.dtype)
"""


def test_read_pandas_utc_under_another_local_time_zone():
    import cormorant

    env = {**os.environ, "TZ": "America/New_York", "PYTHONPATH": str(Path(cormorant.__file__).resolve().parents[1])}
    out = subprocess.run([sys.executable, "-c", _LOCAL_ZONE_SCRIPT], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == str(utc_frame().t.dtype)


def test_read_pandas_multiindex_round_trip():
    pdf = values_frame(INDEXES["multi"])
    cdf = cpd.read_pandas(pdf)
    back = cdf.to_pandas()
    assert isinstance(back.index, pd.MultiIndex)
    assert list(back.index.names) == ["outer", "inner"]
    assert list(back.index) == list(pdf.index)
    assert_same(cdf, pdf)
    assert_same(cdf[cdf.k > 1], pdf[pdf.k > 1])
    assert_same(cdf.reset_index(), pdf.reset_index())
    assert_same(cdf.reset_index().set_index(["outer", "inner"]), pdf)
    # and back into cormorant again
    assert_same(cpd.read_pandas(back), pdf)


def test_read_pandas_empty_frame_with_index():
    pdf = values_frame(INDEXES["strings"]).iloc[:0]
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf, pdf)
    assert len(cdf) == 0
    assert_same(cdf.head(3), pdf.head(3))
    assert_same(cdf.sort_values("k"), pdf.sort_values("k"))
    assert_same(cdf.reset_index(), pdf.reset_index())


@pytest.mark.parametrize(
    "index_col",
    [
        pytest.param("species", id="name"),
        pytest.param(0, id="position"),
        pytest.param(["species", "island"], id="two_names"),
        pytest.param("year", id="int_column"),
        pytest.param([7, 1], id="two_positions"),
    ],
)
def test_read_csv_index_col(penguins_path, index_col):
    cdf = cpd.read_csv(penguins_path, index_col=index_col)
    pdf = pd.read_csv(penguins_path, index_col=index_col, dtype_backend="numpy_nullable")
    assert_same(cdf, pdf)
    assert repr(cdf) == repr(pdf)
    op = lambda df: df[df.body_mass_g > 5000].head(4)  # noqa: E731
    assert_same(op(cdf), op(pdf))


def test_read_csv_index_col_then_loc(penguins_path):
    cdf = cpd.read_csv(penguins_path, index_col="species")
    pdf = pd.read_csv(penguins_path, index_col="species", dtype_backend="numpy_nullable")
    assert_same(cdf.loc["Chinstrap"], pdf.loc["Chinstrap"])
    assert_same(cdf.loc[["Gentoo", "Chinstrap"], ["island", "year"]], pdf.loc[["Gentoo", "Chinstrap"], ["island", "year"]])


def test_read_csv_index_col_then_loc_slice(penguins_path):
    cdf = cpd.read_csv(penguins_path, index_col="species")
    pdf = pd.read_csv(penguins_path, index_col="species", dtype_backend="numpy_nullable")
    assert_same(sort_index(cdf).loc["Chinstrap":"Gentoo"].iloc[::20], sort_index(pdf).loc["Chinstrap":"Gentoo"].iloc[::20])
    assert_same(sort_index(cdf).loc["B":"D"], sort_index(pdf).loc["B":"D"])


def test_default_index(penguins_path, pd_penguins):
    """The default index is int64 (a RangeIndex while unbroken), like pandas'."""
    cdf = cpd.read_csv(penguins_path)
    for c, p in [
        (cdf, pd_penguins),
        (cdf[cdf.year == 2008], pd_penguins[pd_penguins.year == 2008]),
        (cdf.iloc[::-3], pd_penguins.iloc[::-3]),
        (cdf.sort_values("body_mass_g", kind="stable"), pd_penguins.sort_values("body_mass_g", kind="stable")),
        (cdf[cdf.year == 2008].reset_index(drop=True), pd_penguins[pd_penguins.year == 2008].reset_index(drop=True)),
    ]:
        got = c.index
        assert got.dtype == np.dtype("int64")
        pd.testing.assert_index_equal(got, p.index, exact="equiv")
        assert len(c) == len(p)
    assert isinstance(cdf.index, pd.RangeIndex)
    assert isinstance(cdf[cdf.year == 2008].reset_index(drop=True).index, pd.RangeIndex)


# ---------------------------------------------------------------------------------------
# Operations that apply to any index
# ---------------------------------------------------------------------------------------

ANY_INDEX_OPS = [
    # head / tail
    case("head_3", lambda df: df.head(3)),
    case("head_0", lambda df: df.head(0)),
    case("head_negative", lambda df: df.head(-3)),
    case("head_beyond", lambda df: df.head(20)),
    case("tail_3", lambda df: df.tail(3)),
    case("tail_0", lambda df: df.tail(0)),
    case("tail_negative", lambda df: df.tail(-3)),
    case("tail_beyond", lambda df: df.tail(20)),
    case("head_then_tail", lambda df: df.head(6).tail(2)),
    case("tail_then_head_negative", lambda df: df.tail(6).head(-4)),
    # iloc slices
    case("iloc_slice", lambda df: df.iloc[2:5]),
    case("iloc_step", lambda df: df.iloc[::2]),
    case("iloc_reversed", lambda df: df.iloc[::-1]),
    case("iloc_reversed_step", lambda df: df.iloc[6:1:-2]),
    case("iloc_reversed_step_3", lambda df: df.iloc[::-3]),
    case("iloc_negative_start", lambda df: df.iloc[-3:]),
    case("iloc_negative_stop", lambda df: df.iloc[:-2]),
    case("iloc_negative_both", lambda df: df.iloc[-5:-2]),
    case("iloc_negative_reversed", lambda df: df.iloc[-2::-2]),
    case("iloc_reversed_to_start", lambda df: df.iloc[1::-1]),
    case("iloc_clip_start", lambda df: df.iloc[-100:3]),
    case("iloc_clip_stop", lambda df: df.iloc[5:100]),
    case("iloc_all_out_of_range", lambda df: df.iloc[100:]),
    case("iloc_reversed_out_of_range", lambda df: df.iloc[100:4:-1]),
    case("iloc_empty", lambda df: df.iloc[3:3]),
    case("iloc_empty_backwards", lambda df: df.iloc[5:2]),
    case("iloc_of_iloc", lambda df: df.iloc[1:7:2].iloc[::-1]),
    # iloc lists
    case("iloc_list", lambda df: df.iloc[[0, 2]]),
    case("iloc_list_repeated_unordered", lambda df: df.iloc[[3, 0, 3]]),
    case("iloc_list_negative", lambda df: df.iloc[[-1, 0, -8]]),
    case("iloc_numpy_array", lambda df: df.iloc[np.array([5, 1])]),
    # iloc with columns
    case("iloc_rows_and_column_list", lambda df: df.iloc[1:4, [0, 2]]),
    case("iloc_all_rows_column_slice", lambda df: df.iloc[:, 1:3]),
    case("iloc_rows_one_column", lambda df: df.iloc[::-2, 2]),
    # after filters (labels stay with the rows)
    case("filter", lambda df: df[df.k > 1]),
    case("filter_na_mask", lambda df: df[df.b]),
    case("filter_all_na_column", lambda df: df[df.n > 0]),
    case("filter_then_iloc_reversed", lambda df: df[df.k > 1].iloc[::-1]),
    case("filter_then_iloc_list", lambda df: df[df.f.notna()].iloc[[1, -1]]),
    case("filter_then_iloc_negative", lambda df: df[df.s != "c"].iloc[-3:-1]),
    case("filter_then_tail", lambda df: df[df.k >= 2].tail(2)),
    case("filter_then_head", lambda df: df[df.s != "c"].head(2)),
    case("filter_twice", lambda df: (lambda f: f[f.f > 0])(df[df.k != 2])),
    case("iloc_then_filter", lambda df: (lambda f: f[f.k == 1])(df.iloc[::-1])),
    case("loc_mask", lambda df: df.loc[df.k > 1]),
    case("loc_mask_and_columns", lambda df: df.loc[df.k > 1, ["s", "f"]]),
    case("loc_all_rows_columns", lambda df: df.loc[:, ["b", "k"]]),
    case("loc_mask_one_column", lambda df: df.loc[df.f > 0, "s"]),
    # sort_values
    case("sort_one", lambda df: df.sort_values("k", **stable(df))),
    case("sort_desc", lambda df: df.sort_values("k", **stable(df, ascending=False))),
    case("sort_na_first", lambda df: df.sort_values("f", **stable(df, na_position="first"))),
    case("sort_desc_na_first", lambda df: df.sort_values("s", **stable(df, ascending=False, na_position="first"))),
    case("sort_two", lambda df: df.sort_values(["k", "f"], **stable(df))),
    case("sort_ascending_list", lambda df: df.sort_values(["k", "s"], **stable(df, ascending=[False, True]))),
    case("sort_bool", lambda df: df.sort_values(["b", "k"], **stable(df, ascending=[True, False], na_position="first"))),
    case("sort_all_na_column", lambda df: df.sort_values("n", **stable(df))),
    case("sort_ignore_index", lambda df: df.sort_values("f", **stable(df, ignore_index=True))),
    case("sort_then_filter_then_head", lambda df: (lambda d: d[d.k > 1].head(3))(df.sort_values("f", **stable(df)))),
    case("sort_then_iloc", lambda df: df.sort_values("s", **stable(df)).iloc[1:-1:2]),
    case("filter_then_sort", lambda df: df[df.f.notna()].sort_values(["k", "f"], **stable(df, ascending=[True, False]))),
    case("sort_then_tail", lambda df: df.sort_values("k", **stable(df, na_position="first")).tail(3)),
    case("sort_twice", lambda df: df.sort_values("s", **stable(df)).sort_values("k", **stable(df))),
    case("series_sort", lambda df: df.k.sort_values(**stable(df))),
    case("series_sort_desc_na_first", lambda df: df.s.sort_values(**stable(df, ascending=False, na_position="first"))),
    # sort_index
    case("sort_index", lambda df: sort_index(df)),
    case("sort_index_desc", lambda df: sort_index(df, ascending=False)),
    case("sort_values_then_sort_index", lambda df: sort_index(df.sort_values("f", **stable(df)))),
    case("series_sort_index", lambda df: sort_index(df.s[df.k > 1])),
    # reset_index
    case("reset_index", lambda df: df.reset_index()),
    case("reset_index_drop", lambda df: df.reset_index(drop=True)),
    case("filter_then_reset_index", lambda df: df[df.k > 1].reset_index()),
    case("sort_then_reset_index", lambda df: df.sort_values("f", **stable(df)).reset_index(drop=True)),
    case("series_reset_index", lambda df: df.s[df.b].reset_index()),
    case("series_reset_index_drop", lambda df: df.f.iloc[::-2].reset_index(drop=True)),
    # Series selections
    case("series_head", lambda df: df.s.head(3)),
    case("series_tail_negative", lambda df: df.f.tail(-6)),
    case("series_iloc_slice", lambda df: df.s.iloc[::-2]),
    case("series_iloc_list", lambda df: df.k.iloc[[4, -1, 4]]),
    case("series_slice_is_positional", lambda df: df.f[1:6:2]),
    case("series_filter", lambda df: df.k[df.f > 0]),
    case("series_filter_then_tail", lambda df: df.k[df.k > 1].tail(1)),
    # arithmetic within one frame (same labels)
    case("arith_same_frame", lambda df: df.k * 2 + df.f),
    case("arith_on_filtered_frame", lambda df: (lambda f: f.k - f.f)(df[df.b])),
    case("assign_on_sorted_frame", lambda df: (lambda d: d.assign(t=d.k * 10))(df.sort_values("f", **stable(df)))),
]


@pytest.mark.parametrize("op", ANY_INDEX_OPS)
def test_any_index(any_index, op):
    cdf, pdf = any_index
    assert_same(op(cdf), op(pdf))


# Alignment of same-source objects with different labels; with duplicate labels pandas
# cannot reindex, see test_duplicate_labels_*.
ALIGN_OPS = [
    case("add_two_filters", lambda df: df.k[df.k > 1] + df.f[df.f > 0]),
    case("add_filter_and_whole", lambda df: df.f + df.k[df.b]),
    case("mul_disjoint_filters", lambda df: df.k[df.k == 1] * df.k[df.k == 3]),
    case("concat_strings_of_filters", lambda df: df.s[df.b] + df.s[df.k > 1]),
    case("assign_filtered", lambda df: df.assign(g=df.f[df.k > 1])),
    case("assign_reversed", lambda df: df.assign(g=df.f.iloc[::-1])),
    case("assign_sorted", lambda df: df.assign(g=df.s.sort_values(**stable(df)))),
    case("assign_to_filtered", lambda df: df[df.k > 1].assign(g=df.s)),
    case("assign_filtered_to_sorted", lambda df: df.sort_values("f", **stable(df)).assign(g=df.k[df.b])),
    case("assign_to_reversed", lambda df: df.iloc[::-1].assign(g=df.k)),
    case("assign_to_sorted_desc", lambda df: df.sort_values("k", **stable(df, ascending=False)).assign(g=df.f, h=df.s)),
    case("assign_reversed_to_sorted", lambda df: df.sort_values("s", **stable(df)).assign(g=df.f.iloc[::-1])),
    case("assign_to_sorted_index", lambda df: sort_index(df, ascending=False).assign(g=df.k * 2)),
    case("assign_to_iloc_list", lambda df: df.iloc[[3, 0, 5]].assign(g=df.s)),
    case("assign_to_filtered_sorted", lambda df: df[df.k > 1].sort_values("f", **stable(df)).assign(g=df.b)),
    case("assign_own_column_to_sorted", lambda df: (lambda d: d.assign(g=d.k * 2))(df.sort_values("s", **stable(df)))),
    case("filter_with_superset_mask", lambda df: df[df.k > 1][df.f > 0]),
    case("filter_sorted_with_unsorted_mask", lambda df: df.sort_values("s", **stable(df))[df.k > 1]),
    case("filter_reversed_with_unsorted_mask", lambda df: df.iloc[::-1][df.f > 0]),
    case("filter_sorted_with_own_mask", lambda df: (lambda d: d[d.k > 1])(df.sort_values("s", **stable(df)))),
    case("filter_then_arith_with_whole", lambda df: df[df.k > 1].f - df.f),
    case("add_sorted_and_unsorted", lambda df: df.f.sort_values(**stable(df)) + df.k),
    case("add_reversed_and_whole", lambda df: df.k.iloc[::-1] + df.k),
    case("add_head_and_tail", lambda df: df.k.head(5) + df.k.tail(5)),
    case("add_iloc_and_filter", lambda df: df.f.iloc[::2] + df.f[df.b]),
]


@pytest.mark.parametrize("op", ALIGN_OPS)
def test_align_same_source(unique_index, op):
    cdf, pdf = unique_index
    assert_same(op(cdf), op(pdf))


@pytest.mark.parametrize("kind", UNIQUE_INDEXES)
def test_setitem_series_from_filtered_frame(kind):
    """df['g'] = Series of a filtered frame: <NA> where the filter dropped the label."""
    cdf, pdf = make_pair(kind)
    cdf["g"] = cdf[cdf.k > 1].f * 2
    pdf["g"] = pdf[pdf.k > 1].f * 2
    assert_same(cdf, pdf)
    assert repr(cdf) == repr(pdf)


REORDERINGS = [
    case("sorted", lambda df: df.sort_values("f", **stable(df))),
    case("sorted_desc", lambda df: df.sort_values(["s", "k"], **stable(df, ascending=False))),
    case("reversed", lambda df: df.iloc[::-1]),
    case("filtered_then_sorted", lambda df: df[df.b].sort_values("k", **stable(df))),
]


@pytest.mark.parametrize("reorder", REORDERINGS)
@pytest.mark.parametrize("kind", UNIQUE_INDEXES)
def test_setitem_same_source_series_keeps_frame_order(kind, reorder):
    """df2 = reordered df; df2['g'] = Series of df: aligned on the labels, in df2's order."""
    cdf, pdf = make_pair(kind)
    c, p = reorder(cdf), reorder(pdf)
    c["g"] = cdf.k * 2
    p["g"] = pdf.k * 2
    c["h"] = cdf.s[cdf.f > 0]
    p["h"] = pdf.s[pdf.f > 0]
    assert_same(c, p)
    assert repr(c) == repr(p)


def test_assign_same_source_to_sorted_penguins(frames):
    cdf, pdf = frames
    def op(df):
        return df.sort_values(["island", "body_mass_g"], **stable(df)).assign(r=df.year, m=df.bill_length_mm[df.sex == "male"])

    assert_same(op(cdf), op(pdf))
    assert_same(cdf.iloc[::-1].assign(r=cdf.species), pdf.iloc[::-1].assign(r=pdf.species))


def test_same_source_identical_labels_after_reordering_twice():
    cdf, pdf = make_pair("ints")
    for op in (lambda df: df.k + df.k.iloc[::-1].iloc[::-1], lambda df: df.k == df.k.iloc[::-1].iloc[::-1]):
        assert_same(op(cdf), op(pdf))


# ---------------------------------------------------------------------------------------
# Alignment of objects from different sources (an outer join on the labels)
# ---------------------------------------------------------------------------------------


def labelled(index, step: int, prefix: str) -> pd.DataFrame:
    n = len(index)
    return pd.DataFrame(
        {"x": pd.array([step * (i + 1) for i in range(n)], dtype="Int64"), "s": [f"{prefix}{i}" for i in range(n)]}, index=index
    )


def two_sources(index_a, index_b):
    """((cormorant, pandas), (cormorant, pandas)): two frames read separately, columns x and s."""
    pa_, pb_ = labelled(index_a, 1, "a"), labelled(index_b, 10, "b")
    return (cpd.read_pandas(pa_), pa_), (cpd.read_pandas(pb_), pb_)


DIFFERENT_SOURCES = [
    pytest.param([0, 2, 4], [0, 1, 2], id="ints_overlapping"),
    pytest.param([5, 6], [7, 8, 9], id="ints_disjoint"),
    pytest.param([3, 1, 2], [2, 9, 1], id="ints_unsorted"),
    pytest.param(["b", "a", "c"], ["c", "d"], id="strings"),
    pytest.param(pd.DatetimeIndex(["2024-01-05", "2024-01-01"]), pd.DatetimeIndex(["2024-01-01", "2024-01-12"]), id="dates"),
    pytest.param([0, 1, 1, 2], [1, 2, 3], id="duplicates_one_side"),
    pytest.param(pd.RangeIndex(4), pd.RangeIndex(6), id="default_indexes_different_lengths"),
]


@pytest.mark.parametrize("index_a,index_b", DIFFERENT_SOURCES)
def test_binary_op_different_sources(index_a, index_b):
    (ca, pa_), (cb, pb_) = two_sources(index_a, index_b)
    assert_same(ca.x + cb.x, pa_.x + pb_.x)
    assert_same(cb.x - ca.x, pb_.x - pa_.x)
    assert_same(ca.s + cb.s, pa_.s + pb_.s)
    assert repr(ca.x + cb.x) == repr(pa_.x + pb_.x)
    assert "JOIN" in (ca.x + cb.x).sql.upper()


@pytest.mark.parametrize("index_a,index_b", [
    pytest.param([1, 1, 2], [1, 1, 3], id="many_to_many"),
    pytest.param([1, 1, 2], [1, 1, 2], id="equal"),
])
def test_binary_op_different_sources_repeating_a_label_on_both_sides(index_a, index_b):
    """pandas pairs by position when the indexes are equal and by label (many to many) otherwise."""
    (ca, pa_), (cb, pb_) = two_sources(index_a, index_b)
    expected = pa_.x + pb_.x
    assert len(expected) == (3 if index_a == index_b else 6)  # the two pandas behaviours
    assert_same(ca.x + cb.x, expected)


@pytest.mark.parametrize("index_a,index_b", [p for p in DIFFERENT_SOURCES if "duplicates" not in p.id])
def test_binary_op_different_sources_after_filters(index_a, index_b):
    (ca, pa_), (cb, pb_) = two_sources(index_a, index_b)
    op = lambda a, b: a.x[a.x > 1] * b.x[b.x < 30]  # noqa: E731
    assert_same(op(ca, cb), op(pa_, pb_))


@pytest.mark.parametrize(
    "index_a,index_b",
    [
        pytest.param([0, 2, 4], [4, 1, 0], id="ints"),
        pytest.param(["b", "a", "c"], ["c", "d"], id="strings"),
        pytest.param(pd.RangeIndex(4), pd.RangeIndex(6), id="default_indexes_longer_other"),
        pytest.param(pd.RangeIndex(4), pd.RangeIndex(2), id="default_indexes_shorter_other"),
    ],
)
def test_assign_from_different_source(index_a, index_b):
    (ca, pa_), (cb, pb_) = two_sources(index_a, index_b)
    assert_same(ca.assign(w=cb.x), pa_.assign(w=pb_.x))
    ca["w"] = cb.s
    pa_["w"] = pb_.s
    assert_same(ca, pa_)


@pytest.mark.parametrize(
    "mask_index",
    [
        pytest.param([10, 11, 12, 13, 14, 15], id="superset"),
        pytest.param([14, 12, 10, 11, 13], id="same_labels_other_order"),
        pytest.param([13, 11, 10, 12, 14], id="same_labels_same_order"),
    ],
)
def test_filter_with_mask_from_different_source(mask_index):
    pdf = pd.DataFrame({"v": pd.array([1, 2, 3, 4, 5], dtype="Int64")}, index=[13, 11, 10, 12, 14])
    pmask = pd.Series(pd.array([True, False, True, None, True, False][: len(mask_index)], dtype="boolean"), index=mask_index, name="m")
    cdf, cmask = cpd.read_pandas(pdf), cpd.read_pandas(pmask.to_frame()).m
    assert_same(cdf[cmask], pdf[pmask])
    assert_same(cdf.v[cmask], pdf.v[pmask])


def test_binary_op_different_sources_equal_unsorted_indexes():
    (ca, pa_), (cb, pb_) = two_sources([13, 11, 10, 12], [13, 11, 10, 12])
    assert_same(ca.x + cb.x, pa_.x + pb_.x)


def test_binary_op_different_sources_equal_indexes_with_duplicates():
    (ca, pa_), (cb, pb_) = two_sources([10, 11, 10], [10, 11, 10])
    assert_same(ca.x + cb.x, pa_.x + pb_.x)


COMPARISON_OPS = [
    pytest.param(lambda a, b: a.x == b.x, id="eq"),
    pytest.param(lambda a, b: a.x < b.x * 2, id="lt"),
    pytest.param(lambda a, b: a.s != b.s, id="ne_strings"),
    pytest.param(lambda a, b: a[a.s != "a1"].x >= b[b.s != "a1"].x, id="ge_same_filter"),
]


@pytest.mark.parametrize("op", COMPARISON_OPS)
@pytest.mark.parametrize(
    "index",
    [
        pytest.param(pd.RangeIndex(4), id="default"),
        pytest.param([10, 11, 13, 20], id="ints_sorted"),
        pytest.param(["a", "b", "c", "d"], id="strings_sorted"),
        pytest.param([13, 11, 10, 12], id="ints_unsorted"),
    ],
)
def test_compare_different_sources_identical_labels(index, op):
    """Two sources with identical labels compare without error (pandas raises only when the labels differ)."""
    pa_ = labelled(index, 1, "a")
    pb_ = pa_.copy()
    pb_["x"] = pd.array([1, 0, 3, None], dtype="Int64")
    ca, cb = cpd.read_pandas(pa_), cpd.read_pandas(pb_)
    assert_same(op(ca, cb), op(pa_, pb_))


def test_different_sources_sql_joins_but_same_source_does_not():
    (ca, _), (cb, _) = two_sources([0, 2, 4], [0, 1, 2])
    a = ca.x
    assert "JOIN" not in (a[a > 1] + a[a < 5]).sql.upper()
    assert "JOIN" not in ca.assign(t=a[a > 1]).sql.upper()
    assert "JOIN" not in ca[a > 1].assign(t=a[a < 3] * 2).sql.upper()
    assert "JOIN" in (a + cb.x).sql.upper()


# ---------------------------------------------------------------------------------------
# Duplicate index labels
# ---------------------------------------------------------------------------------------


def test_duplicate_labels_same_filter():
    cdf, pdf = make_pair("dups")
    op = lambda df: (lambda f: f.k * f.f)(df[df.k > 1])  # noqa: E731
    assert_same(op(cdf), op(pdf))
    op = lambda df: df[df.b].assign(t=df[df.b].s + "!")  # noqa: E731
    assert_same(op(cdf), op(pdf))


def test_duplicate_labels_align_on_labels():
    ps = pd.Series(pd.array([1, 2, 3], dtype="Int64"), index=[10, 11, 10])
    cs = to_cpd_series(ps)
    assert_same(cs[cs < 3] + cs[cs > 1], ps[ps < 3] + ps[ps > 1])


def test_duplicate_labels_assign_needs_reindex():
    cdf, pdf = make_pair("dups")
    check_raises(ex.CormorantError, ValueError, "duplicate labels", lambda: cdf.assign(g=cdf.f[cdf.k > 1]).to_pandas(),
                 lambda: pdf.assign(g=pdf.f[pdf.k > 1]))


def test_duplicate_labels_assign_unique_value_labels():
    pdf = pd.DataFrame({"k": pd.array([1, 2, 3], dtype="Int64")}, index=[10, 11, 10])
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf.assign(g=cdf.k[cdf.k > 1]), pdf.assign(g=pdf.k[pdf.k > 1]))


def test_duplicate_labels_loc():
    cdf, pdf = make_pair("dups")
    assert_same(cdf.loc[2], pdf.loc[2])  # a label held by several rows gives a frame
    assert_same(cdf.loc[[1, 3]], pdf.loc[[1, 3]])
    assert_same(cdf.loc[[3, 0, 3]], pdf.loc[[3, 0, 3]])
    assert_row_same(cdf.loc[3], pdf.loc[3])  # a label held by one row gives the row
    assert_same(cdf.s.loc[0], pdf.s.loc[0])
    assert_scalar_same(cdf.s.loc[3], pdf.s.loc[3])


def test_duplicate_labels_loc_slice():
    cdf, pdf = make_pair("dups")
    assert_same(sort_index(cdf).loc[1:2], sort_index(pdf).loc[1:2])
    assert_same(sort_index(cdf, ascending=False).loc[2:1], sort_index(pdf, ascending=False).loc[2:1])
    assert_same(sort_index(cdf).s.loc[:0], sort_index(pdf).s.loc[:0])


# ---------------------------------------------------------------------------------------
# loc by label
# ---------------------------------------------------------------------------------------

LOC_CASES = {
    # kind: (a label held by one row, a list of labels, a slice in index order, a list with repeats)
    "default": (3, [5, 0, 2], slice(2, 5), [1, 1, 7]),
    "ints": (17, [12, 13], slice(11, 12), [15, 13, 15]),
    "strings": ("e", ["a", "h"], slice("b", "e"), ["d", "d", "g"]),
    "dates": (pd.Timestamp("2024-01-04"), [pd.Timestamp("2024-01-07"), pd.Timestamp("2024-01-01")],
              slice(pd.Timestamp("2024-01-02"), pd.Timestamp("2024-01-04")), [pd.Timestamp("2024-01-09")] * 2),
}


@pytest.fixture(params=list(LOC_CASES))
def loc_case(request):
    cdf, pdf = make_pair(request.param)
    return cdf, pdf, LOC_CASES[request.param]


def test_loc_label(request, loc_case):
    cdf, pdf, (label, _, _, _) = loc_case
    assert_row_same(cdf.loc[label], pdf.loc[label])
    assert_scalar_same(cdf.k.loc[label], pdf.k.loc[label])
    assert_scalar_same(cdf.loc[label, "s"], pdf.loc[label, "s"])
    assert_scalar_same(cdf.f[label], pdf.f[label])


def test_loc_list(request, loc_case):
    cdf, pdf, (_, labels, _, repeated) = loc_case
    assert_same(cdf.loc[labels], pdf.loc[labels])
    assert_same(cdf.loc[repeated], pdf.loc[repeated])
    assert_same(cdf.loc[labels, ["s", "k"]], pdf.loc[labels, ["s", "k"]])
    assert_same(cdf.loc[labels, "f"], pdf.loc[labels, "f"])
    assert_same(cdf.s.loc[repeated], pdf.s.loc[repeated])
    assert_same(cdf.loc[pd.Index(labels)], pdf.loc[pd.Index(labels)])


def test_loc_slice(request, loc_case):
    """Both ends included, in index order (the index need not be sorted when both labels exist)."""
    cdf, pdf, (_, _, sl, _) = loc_case
    assert_same(cdf.loc[sl], pdf.loc[sl])
    assert_same(cdf.loc[sl.start:], pdf.loc[sl.start:])
    assert_same(cdf.loc[:sl.stop], pdf.loc[:sl.stop])
    assert_same(cdf.loc[sl.stop:sl.start], pdf.loc[sl.stop:sl.start])  # empty
    assert_same(cdf.loc[sl, ["b"]], pdf.loc[sl, ["b"]])
    assert_same(cdf.f.loc[sl], pdf.f.loc[sl])


def test_loc_slice_sorted_index_missing_bounds():
    """On a sorted index, slice bounds need not be labels."""
    cdf, pdf = make_pair("strings")
    c, p = sort_index(cdf), sort_index(pdf)
    for sl in [slice("bb", "ee"), slice("0", "c"), slice("f", "zz"), slice("x", "z"), slice(None, "cc")]:
        assert_same(c.loc[sl], p.loc[sl])
    c, p = sort_index(cdf, ascending=False), sort_index(pdf, ascending=False)
    assert_same(c.loc["g":"c"], p.loc["g":"c"])


@xfail(
    "a label slice on a descending index with bounds that are not labels returns every row: "
    "df.sort_index(ascending=False).loc['gg':'cc'] on labels h..a; pandas gives the rows from 'g' down to 'd'"
)
def test_loc_slice_descending_index_missing_bounds():
    cdf, pdf = make_pair("strings")
    c, p = sort_index(cdf, ascending=False), sort_index(pdf, ascending=False)
    assert_same(c.loc["gg":"cc"], p.loc["gg":"cc"])


@pytest.mark.parametrize(
    "kind,labels,sl,label",
    [
        pytest.param("default", [7, 2], slice(1, 6), 3, id="default"),
        pytest.param("ints", [15, 11], slice(11, 16), 17, id="ints"),
    ],
)
def test_loc_on_filtered_frame(kind, labels, sl, label):
    cdf, pdf = make_pair(kind)
    c, p = cdf[cdf.k != 3], pdf[pdf.k != 3]
    assert_same(c.loc[sl], p.loc[sl])
    assert_same(c.loc[labels], p.loc[labels])
    assert_row_same(c.loc[label], p.loc[label])


def test_loc_multiindex_mask():
    cdf, pdf = make_pair("multi")
    assert_same(cdf.loc[cdf.k > 1, ["s"]], pdf.loc[pdf.k > 1, ["s"]])
    assert_same(cdf.loc[cdf.b, "f"], pdf.loc[pdf.b, "f"])


def test_loc_multiindex_list_of_tuples():
    cdf, pdf = make_pair("multi")
    assert_same(cdf.loc[[("z", 1), ("x", 2)]], pdf.loc[[("z", 1), ("x", 2)]])


def test_loc_multiindex_tuple_label():
    cdf, pdf = make_pair("multi")
    assert_row_same(cdf.loc[("y", 2)], pdf.loc[("y", 2)])


def test_loc_multiindex_partial_key():
    cdf, pdf = make_pair("multi")
    assert_same(cdf.loc["x"], pdf.loc["x"])


# ---------------------------------------------------------------------------------------
# iloc single positions
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("position", [3, 7, -8])
def test_iloc_int(any_index, position):
    cdf, pdf = any_index
    assert_row_same(cdf.iloc[position], pdf.iloc[position])
    assert_scalar_same(cdf.k.iloc[position], pdf.k.iloc[position])
    assert_scalar_same(cdf.s.iloc[position], pdf.s.iloc[position])
    assert_scalar_same(cdf.n.iloc[position], pdf.n.iloc[position])


def test_iloc_int_on_filtered_frame(any_index):
    cdf, pdf = any_index
    c, p = cdf[cdf.k > 1], pdf[pdf.k > 1]
    for position in (0, 2, -1, -4):
        assert_row_same(c.iloc[position], p.iloc[position])
        assert_scalar_same(c.f.iloc[position], p.f.iloc[position])
    assert_scalar_same(c.iloc[1, 2], p.iloc[1, 2])


# ---------------------------------------------------------------------------------------
# set_index / reset_index
# ---------------------------------------------------------------------------------------

SET_INDEX_OPS = [
    case("strings_with_na_and_repeats", lambda df: df.set_index("s")),
    case("ints_with_na", lambda df: df.set_index("k")),
    case("two_columns", lambda df: df.set_index(["s", "k"])),
    case("keep_column", lambda df: df.set_index("s", drop=False)),
    case("append", lambda df: df.set_index("k", append=True)),
    case("then_loc", lambda df: df.set_index("s").loc["c"]),
    case("then_loc_list", lambda df: df.set_index("s").loc[["a", "d"]]),
    case("then_loc_list_columns", lambda df: df.set_index("s").loc[["b", "a"], ["f", "k"]]),
    case("then_sort_index", lambda df: sort_index(df.set_index("s"))),
    case("then_sort_index_slice", lambda df: sort_index(df.set_index("s")).loc["b":"c"]),
    case("then_filter", lambda df: (lambda d: d[d.f > 0])(df.set_index("s"))),
    case("then_reset", lambda df: df.set_index("s").reset_index()),
    case("then_reset_drop", lambda df: df.set_index(["s", "b"]).reset_index(drop=True)),
    case("then_arith", lambda df: (lambda d: d.k + d.f)(df.set_index("s"))),
    case("on_filtered", lambda df: df[df.k > 1].set_index("s")),
    case("on_sorted", lambda df: df.sort_values("f", **stable(df)).set_index("f")),
    case("twice", lambda df: df.set_index("s").set_index("k")),
    case("filtered_reset_renumbers", lambda df: df[df.k > 1].reset_index()),
    case("sorted_reset_renumbers", lambda df: df.sort_values("s", **stable(df)).reset_index()),
]


@pytest.mark.parametrize("op", SET_INDEX_OPS)
def test_set_and_reset_index(default_pair, op):
    cdf, pdf = default_pair
    assert_same(op(cdf), op(pdf))


def test_reset_index_after_filter(default_pair):
    """The default index is renumbered 0..n-1 and the old labels become column 'index'."""
    cdf, pdf = default_pair
    c, p = cdf[cdf.k > 1].reset_index(), pdf[pdf.k > 1].reset_index()
    assert_same(c, p)
    assert list(c.columns)[0] == "index"
    pd.testing.assert_index_equal(c.index, p.index, exact=True)
    assert isinstance(c.index, pd.RangeIndex)
    assert repr(c) == repr(p)


def test_reset_index_of_string_index_keeps_its_name():
    cdf, pdf = make_pair("strings")
    assert_same(cdf[cdf.b].reset_index(), pdf[pdf.b].reset_index())
    assert list(cdf.reset_index().columns)[0] == "key"


def test_set_index_repr(default_pair):
    cdf, pdf = default_pair
    for op in (lambda df: df.set_index("s"), lambda df: df.set_index(["s", "k"]), lambda df: df[df.b].set_index("k")):
        assert repr(op(cdf)) == repr(op(pdf))


# ---------------------------------------------------------------------------------------
# Sorting: stability and NA placement on the penguins
# ---------------------------------------------------------------------------------------

PENGUIN_SORTS = [
    case("one_column_ties", lambda df: df.sort_values("year", **stable(df))),
    case("desc_ties", lambda df: df.sort_values("island", **stable(df, ascending=False))),
    case("na_first", lambda df: df.sort_values("sex", **stable(df, na_position="first"))),
    case("na_last_desc", lambda df: df.sort_values("bill_length_mm", **stable(df, ascending=False))),
    case("three_columns", lambda df: df.sort_values(["species", "sex", "body_mass_g"], **stable(df, ascending=[True, False, True]))),
    case("sort_filter_head", lambda df: (lambda d: d[d.year > 2007].head(10))(df.sort_values("body_mass_g", **stable(df)))),
    case("filter_sort_tail", lambda df: df[df.species == "Gentoo"].sort_values("flipper_length_mm", **stable(df)).tail(7)),
    case("sort_then_sort_index", lambda df: sort_index(df.sort_values("bill_depth_mm", **stable(df))).head(20)),
    case("sort_then_iloc", lambda df: df.sort_values("island", **stable(df)).iloc[100:120:3]),
    case("sort_series_ties", lambda df: df.island.sort_values(**stable(df))),
]


@pytest.mark.parametrize("op", PENGUIN_SORTS)
def test_penguin_sorts(frames, op):
    cdf, pdf = frames
    assert_same(op(cdf), op(pdf))


def test_sort_with_ties_is_stable_without_kind(frames):
    """cormorant's default sort keeps ties in their order: pandas' kind='stable' result."""
    cdf, pdf = frames
    assert_same(cdf.sort_values("species"), pdf.sort_values("species", kind="stable"))
    assert_same(cdf.sort_values(["island", "year"], ascending=False), pdf.sort_values(["island", "year"], ascending=False, kind="stable"))


# ---------------------------------------------------------------------------------------
# len and .index
# ---------------------------------------------------------------------------------------

SUBJECTS = [
    case("whole", lambda df: df),
    case("filtered", lambda df: df[df.k > 1]),
    case("empty", lambda df: df[df.k > 100]),
    case("iloc", lambda df: df.iloc[::-3]),
    case("sorted", lambda df: df.sort_values("f", **stable(df))),
    case("series_filtered", lambda df: df.s[df.b]),
    case("series_aligned", lambda df: df.k[df.k > 1] + df.f[df.f > 0]),
]


@pytest.mark.parametrize("subject", SUBJECTS)
def test_len_and_index(unique_index, subject):
    cdf, pdf = unique_index
    c, p = subject(cdf), subject(pdf)
    assert len(c) == len(p)
    pd.testing.assert_index_equal(nullable_index(c.index), nullable_index(p.index), exact=True)


# ---------------------------------------------------------------------------------------
# Reductions
# ---------------------------------------------------------------------------------------

SERIES_REDUCED = [
    case("ints_with_na", lambda df: df.k),
    case("floats_with_na", lambda df: df.f),
    case("bools_with_na", lambda df: df.b),
    case("all_na", lambda df: df.n),
    case("empty", lambda df: df.k.head(0)),
    case("filtered", lambda df: df.f[df.k > 1]),
    case("filtered_to_no_na", lambda df: df.k[df.k.notna()]),
    case("aligned", lambda df: df.k[df.k > 1] + df.f[df.b]),
    case("expression", lambda df: df.k * 2 - df.f),
]


@pytest.mark.parametrize("func", ["sum", "mean", "min", "max"])
@pytest.mark.parametrize("skipna", [True, False])
@pytest.mark.parametrize("subject", SERIES_REDUCED)
def test_series_reduction(default_pair, subject, func, skipna):
    cdf, pdf = default_pair
    c, p = subject(cdf), subject(pdf)
    assert_scalar_same(getattr(c, func)(skipna=skipna), getattr(p, func)(skipna=skipna))


@pytest.mark.parametrize("subject", SERIES_REDUCED)
def test_series_count(default_pair, subject):
    cdf, pdf = default_pair
    assert_scalar_same(subject(cdf).count(), subject(pdf).count())


@pytest.mark.parametrize("func", ["min", "max", "count"])
def test_series_reduction_strings(default_pair, func):
    cdf, pdf = default_pair
    assert_scalar_same(getattr(cdf.s, func)(), getattr(pdf.s, func)())
    assert_scalar_same(getattr(cdf.s[cdf.k > 1], func)(), getattr(pdf.s[pdf.k > 1], func)())


@pytest.mark.parametrize("tz", [None, "UTC"], ids=["naive", "utc"])
@pytest.mark.parametrize("func", ["min", "max"])
def test_series_reduction_datetimes(func, tz):
    ps = utc_frame(tz).t
    assert_scalar_same(getattr(cpd.read_pandas(ps), func)(), getattr(ps, func)())


def test_reduction_of_all_na():
    """sum of nothing is 0, mean/min/max of nothing is <NA>, count is 0."""
    p = values_frame().n
    c = cpd.read_pandas(values_frame()).n
    assert_scalar_same(c.sum(), p.sum())
    assert_scalar_same(c.sum(), 0.0)
    assert_scalar_same(c.mean(), p.mean())
    assert c.mean() is pd.NA
    assert_scalar_same(c.count(), 0)


FRAME_REDUCTIONS = [
    case("sum_numeric_only", lambda df: df.sum(numeric_only=True)),
    case("sum_numeric_only_no_skipna", lambda df: df.sum(numeric_only=True, skipna=False)),
    case("mean_numeric_only", lambda df: df.mean(numeric_only=True)),
    case("mean_numeric_only_no_skipna", lambda df: df.mean(numeric_only=True, skipna=False)),
    case("min_numeric_only", lambda df: df.min(numeric_only=True)),
    case("max_numeric_only_no_skipna", lambda df: df.max(numeric_only=True, skipna=False)),
    case("count", lambda df: df.count()),
    case("count_numeric_only", lambda df: df.count(numeric_only=True)),
    case("min_all_columns", lambda df: df.min()),
    case("max_all_columns", lambda df: df.max()),
    case("sum_numeric_columns", lambda df: df[["k", "f", "n"]].sum()),
    case("mean_ints_and_floats", lambda df: df[["k", "f"]].mean()),
    case("sum_filtered", lambda df: df[df.b].sum(numeric_only=True)),
    case("mean_empty", lambda df: df.head(0).mean(numeric_only=True)),
    case("sum_empty", lambda df: df.head(0).sum(numeric_only=True)),
    case("count_empty", lambda df: df.head(0).count()),
    # (the counts themselves, whatever the dtype of the labels)
    case("count_values", lambda df: df.count().set_axis(list(df.columns))),
    case(
        "sum_all_columns",
        lambda df: df.sum(),
        xfail("DataFrame.sum() with a string column raises DTypeError 'cannot compute sum of dtype string'; "
              "pandas concatenates the strings (s -> 'cabacdb', an object result)"),
    ),
]


@pytest.mark.parametrize("op", FRAME_REDUCTIONS)
def test_frame_reduction(some_indexes, op):
    cdf, pdf = some_indexes
    got, want = op(cdf), op(pdf)
    assert isinstance(got, pd.Series)
    pd.testing.assert_series_equal(got, want, check_dtype=True, rtol=RTOL)


@pytest.mark.parametrize(
    "op",
    [
        case("count", lambda df: df.count()),
        case("count_numeric_only", lambda df: df.count(numeric_only=True)),
        case("count_empty", lambda df: df.head(0).count()),
        case("count_filtered", lambda df: df[df.b].count()),
        case("count_one_column", lambda df: df[["s"]].count()),
    ],
)
def test_frame_count_index(some_indexes, op):
    """DataFrame.count() is labelled by the column names with pandas' index dtype ('str'), not object."""
    cdf, pdf = some_indexes
    got, want = op(cdf), op(pdf)
    assert got.index.dtype == want.index.dtype
    pd.testing.assert_index_equal(got.index, want.index, exact=True)
    pd.testing.assert_series_equal(got, want, check_dtype=True)


def test_frame_count_index_penguins(frames):
    cdf, pdf = frames
    pd.testing.assert_series_equal(cdf.count(), pdf.count(), check_dtype=True, check_index_type=True)
    pd.testing.assert_series_equal(cdf[cdf.year > 2008].count(numeric_only=True), pdf[pdf.year > 2008].count(numeric_only=True))


def test_frame_reduction_penguins(frames):
    cdf, pdf = frames
    for op in (lambda df: df.sum(numeric_only=True), lambda df: df.mean(numeric_only=True),
               lambda df: df[df.species == "Gentoo"].max(numeric_only=True), lambda df: df.min()):
        pd.testing.assert_series_equal(op(cdf), op(pdf), check_dtype=True, rtol=RTOL)


# ---------------------------------------------------------------------------------------
# Determinism
# ---------------------------------------------------------------------------------------

DUPLICATE_ROWS = [(1, "a"), (1, "a"), (2, "b"), (pd.NA, "c"), (2, pd.NA)]
DUPLICATE_ROWS_SQL = "SELECT * FROM (VALUES (1, 'a'), (1, 'a'), (2, 'b'), (NULL, 'c'), (2, NULL)) t(x, y)"
ISSUE_SQL = "SELECT * FROM (VALUES (1,'a'),(1,'a'),(2,'b')) t(x,y)"


def test_evaluating_twice_gives_the_same_rows(frames):
    cdf, _ = frames
    subjects = [
        cdf.sort_values("island"),
        cdf[cdf.year > 2007].sort_values(["sex", "year"], ascending=[False, True]).head(50),
        cdf.body_mass_g[cdf.sex == "male"] + cdf.flipper_length_mm[cdf.year == 2008],
        cdf.iloc[::-7],
    ]
    for subject in subjects:
        first, second = subject.to_pandas(), subject.to_pandas()
        if isinstance(first, pd.DataFrame):
            pd.testing.assert_frame_equal(first, second)
        else:
            pd.testing.assert_series_equal(first, second)
        pd.testing.assert_index_equal(subject.index, subject.index, exact=True)


def test_read_sql_is_deterministic_with_duplicate_rows():
    session = cpd.get_global_session()
    frame = session.read_sql(DUPLICATE_ROWS_SQL)
    first, second = frame.to_pandas(), frame.to_pandas()
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(session.read_sql(DUPLICATE_ROWS_SQL).to_pandas(), first)
    # the rows of the query, each once per occurrence, under the default index
    rows = sorted(map(repr, first.astype(object).itertuples(index=False, name=None)))
    assert rows == sorted(map(repr, DUPLICATE_ROWS))
    assert isinstance(first.index, pd.RangeIndex) and len(first) == 5
    # and later operations see the same order
    assert_same(frame.iloc[::-1], first.iloc[::-1])
    assert_same(frame[frame.x == 1], first[first.x == 1])


@pytest.mark.parametrize("query", [ISSUE_SQL, DUPLICATE_ROWS_SQL], ids=["issue", "with_nulls"])
def test_read_sql_order_is_the_same_in_two_sessions(query, tmp_path):
    first = cpd.Session(":memory:").read_sql(query).to_pandas()
    second = cpd.Session(tmp_path / "other-warehouse").read_sql(query).to_pandas()
    pd.testing.assert_frame_equal(first, second)
    pd.testing.assert_frame_equal(cpd.get_global_session().read_sql(query).to_pandas(), first)
    assert len(first) == query.count("),") + 1


ISSUE_ROWS = [(1, "a"), (1, "a"), (2, "b")]


def test_read_sql_module_function():
    """cpd.read_sql(query) uses the global session."""
    assert "read_sql" in cpd.__all__
    got = cpd.read_sql(ISSUE_SQL)
    assert isinstance(got, cpd.DataFrame)
    pd.testing.assert_frame_equal(got.to_pandas(), cpd.get_global_session().read_sql(ISSUE_SQL).to_pandas())
    pd.testing.assert_frame_equal(got.to_pandas(), got.to_pandas())
    # the query's rows (in the order read_sql gives them), as pandas holds them; the engine's
    # INTEGER keeps its 32 bits (DuckDB run directly says so), as a Parquet int32 does in pandas
    assert duckdb.sql(ISSUE_SQL).arrow().schema.field("x").type == pa.int32()
    want = pd.DataFrame(ISSUE_ROWS, columns=["x", "y"]).astype({"x": "Int32"})
    key = lambda df: df.sort_values(["x", "y"], **stable(df)).reset_index(drop=True)  # noqa: E731
    assert_same(key(got), key(want))
    assert_same(got[got.x > 1], key(want)[key(want).x > 1].set_axis(got[got.x > 1].index))
    assert isinstance(got.index, pd.RangeIndex) and len(got) == len(want)


def test_execute_sql_returns_arrow_with_canonical_types():
    """Session.execute_sql runs SQL as it is and returns a pyarrow Table with the engine's types:
    its INTEGER is int32, as DuckDB run directly gives it."""
    query = "SELECT * FROM (VALUES (1,'a')) t(x,y)"
    engine_type = duckdb.sql(query).arrow().schema.field("x").type
    assert engine_type == pa.int32()
    for session in (cpd.get_global_session(), cpd.Session(":memory:")):
        table = session.execute_sql(query)
        assert isinstance(table, pa.Table)
        assert table.schema.field("x").type == engine_type
        assert pa.types.is_string(table.schema.field("y").type) or pa.types.is_large_string(table.schema.field("y").type)
        assert table.to_pylist() == [{"x": 1, "y": "a"}]
        pd.testing.assert_frame_equal(table.to_pandas(), pd.DataFrame({"x": np.array([1], dtype="int32"), "y": ["a"]}))
        assert_same(session.read_sql(query), pd.DataFrame({"x": pd.array([1], dtype="Int32"), "y": ["a"]}))


# ---------------------------------------------------------------------------------------
# Errors: the cormorant class, the builtin pandas raises, and a phrase of the message
# ---------------------------------------------------------------------------------------

ERRORS = [
    pytest.param(ex.IndexOutOfBoundsError, IndexError, "single positional indexer is out-of-bounds", lambda df: df.iloc[8], id="iloc_int"),
    pytest.param(ex.IndexOutOfBoundsError, IndexError, "single positional indexer is out-of-bounds", lambda df: df.iloc[-9], id="iloc_negative_int"),
    pytest.param(ex.IndexOutOfBoundsError, IndexError, "single positional indexer is out-of-bounds", lambda df: df.k.iloc[8], id="series_iloc_int"),
    pytest.param(ex.IndexOutOfBoundsError, IndexError, "single positional indexer is out-of-bounds",
                 lambda df: df[df.k > 1].iloc[4], id="iloc_int_on_filtered"),
    pytest.param(ex.IndexOutOfBoundsError, IndexError, "out-of-bounds", lambda df: df.iloc[[0, 8]], id="iloc_list"),
    pytest.param(ex.IndexOutOfBoundsError, IndexError, "out-of-bounds", lambda df: df.iloc[[-9]], id="iloc_list_negative"),
    pytest.param(ex.IndexOutOfBoundsError, IndexError, "out-of-bounds", lambda df: df.s.iloc[[1, 100]], id="series_iloc_list"),
    pytest.param(ex.LabelNotFoundError, KeyError, "99", lambda df: df.loc[99], id="loc_label"),
    pytest.param(ex.LabelNotFoundError, KeyError, "99", lambda df: df.k.loc[99], id="series_loc_label"),
    pytest.param(ex.LabelNotFoundError, KeyError, "3", lambda df: df[df.k > 2].loc[3], id="loc_label_filtered_out"),
    pytest.param(ex.LabelNotFoundError, KeyError, "99", lambda df: df.loc[[1, 99]], id="loc_list"),
    pytest.param(ex.LabelNotFoundError, KeyError, "99", lambda df: df.loc[[1, 99], ["s"]], id="loc_list_with_columns"),
    pytest.param(ex.UnalignableError, pd.errors.IndexingError, "Unalignable boolean Series",
                 lambda df: df[df[df.k > 1].k > 2], id="mask_not_covering"),
    pytest.param(ex.UnalignableError, pd.errors.IndexingError, "Unalignable boolean Series",
                 lambda df: df.loc[df.head(3).k > 2], id="loc_mask_not_covering"),
    pytest.param(ex.UnalignableError, pd.errors.IndexingError, "Unalignable boolean Series",
                 lambda df: df.f[df.tail(2).b], id="series_mask_not_covering"),
    pytest.param(ValueError, ValueError, "truth value of a Series is ambiguous", lambda df: 1 if df.k > 1 else 0, id="if_series"),
    pytest.param(ValueError, ValueError, "ambiguous", lambda df: bool(df[df.k > 1].k), id="bool_of_filtered_series"),
    pytest.param(ex.ColumnNotFoundError, KeyError, "nope", lambda df: df.sort_values("nope"), id="sort_unknown_column"),
    pytest.param(ex.ColumnNotFoundError, KeyError, "nope", lambda df: df.sort_values(["k", "nope"]), id="sort_unknown_in_list"),
    pytest.param(ex.InvalidArgumentError, ValueError, r"Length of ascending \(1\) != length of by \(2\)",
                 lambda df: df.sort_values(["k", "f"], ascending=[True]), id="ascending_list_too_short"),
    pytest.param(ex.InvalidArgumentError, ValueError, "ascending", lambda df: df.sort_values("k", ascending=[True, False]),
                 id="ascending_list_too_long"),
    pytest.param(ex.ColumnNotFoundError, KeyError, "nope", lambda df: df.set_index("nope"), id="set_index_unknown_column"),
]


@pytest.mark.parametrize("cormorant_cls,builtin,match,fn", ERRORS)
def test_error(default_pair, cormorant_cls, builtin, match, fn):
    cdf, pdf = default_pair
    check_raises(cormorant_cls, builtin, match, lambda: fn(cdf), lambda: fn(pdf))


@pytest.mark.parametrize(
    "fn",
    [
        case("loc_label", lambda df: df.loc["zz"]),
        case("loc_list", lambda df: df.loc[["a", "zz"]]),
        case("series_loc", lambda df: df.s.loc["zz"]),
        case(
            "loc_slice_unsorted_missing_bound",
            lambda df: df.loc["bb":"e"],
            xfail("a label slice on an unsorted index with a bound that is not a label returns rows; pandas raises "
                  "KeyError 'Cannot get left slice bound for non-monotonic index with a missing label'"),
        ),
    ],
)
def test_error_string_labels(fn):
    cdf, pdf = make_pair("strings")
    check_raises(ex.LabelNotFoundError, KeyError, "zz|bb", lambda: fn(cdf), lambda: fn(pdf))
