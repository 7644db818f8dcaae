"""Partial ordering mode: merge, join, concat, groupby and reset_index need no row order, so they
work and give a NULL-indexed result with the rows pandas 3.1 gives (compared as sets of rows);
nothing in their SQL numbers rows. An explicit sort restores an order (head works after it)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import nullable

LEFT = pd.DataFrame({"k": pd.array([1, 2, 3, None, 2], dtype="Int64"),
                     "v": pd.array([1.5, 2.5, None, 4.0, 5.0], dtype="Float64"),
                     "s": pd.array(["a", "b", "c", "d", None], dtype="string")})
RIGHT = pd.DataFrame({"k": pd.array([2, 2, 4, None], dtype="Int64"),
                      "w": pd.array(["x", "y", "z", "n"], dtype="string")})


def _rows(pdf: pd.DataFrame) -> pd.DataFrame:
    """Rows in a canonical order (the result's order is unspecified), the index dropped."""
    pdf = pdf.reset_index(drop=True)
    return pdf.sort_values(list(pdf.columns), kind="stable", na_position="last").reset_index(drop=True)


@pytest.fixture
def session():
    s = cpd.Session()
    s.ordering_mode = "partial"
    yield s
    s.close()


def _check(got, expected: pd.DataFrame):
    sql = got.sql
    assert "ROW_NUMBER" not in sql.upper() and "row_number" not in sql
    with pytest.raises(exceptions.NullIndexError):
        got.index
    out = got.to_pandas()
    assert isinstance(out.index, pd.RangeIndex)
    pd.testing.assert_frame_equal(_rows(out), _rows(expected))


@pytest.mark.parametrize("how", ["inner", "left", "right", "outer"])
def test_merge(session, how):
    got = session.read_pandas(LEFT).merge(session.read_pandas(RIGHT), on="k", how=how)
    _check(got, LEFT.merge(RIGHT, on="k", how=how))


def test_merge_then_groupby_sort_values_head(session):
    """A TPC-H shape: merge -> groupby -> sort_values -> head, in one query without windows."""
    got = (session.read_pandas(LEFT).merge(session.read_pandas(RIGHT), on="k")
           .groupby("w", as_index=False)["v"].sum().sort_values("v", ascending=False).head(2))
    expected = (LEFT.merge(RIGHT, on="k").groupby("w", as_index=False)["v"].sum()
                .sort_values("v", ascending=False).head(2))
    pd.testing.assert_frame_equal(got.to_pandas().reset_index(drop=True), expected.reset_index(drop=True))


def test_join_on_index(session):
    left = session.read_pandas(LEFT).set_index("k")
    right = session.read_pandas(RIGHT).set_index("k")
    got = left.join(right, how="inner")
    expected = LEFT.set_index("k").join(RIGHT.set_index("k"), how="inner")
    out = got.to_pandas()
    pd.testing.assert_frame_equal(_rows(out.reset_index()), _rows(expected.reset_index()))


@pytest.mark.parametrize("ignore_index", [True, False])
def test_concat(session, ignore_index):
    got = cpd.concat([session.read_pandas(LEFT), session.read_pandas(LEFT)], ignore_index=ignore_index)
    _check(got, pd.concat([LEFT, LEFT], ignore_index=True))


@pytest.mark.parametrize("sort", [True, False])
def test_groupby_as_index_false(session, sort):
    got = session.read_pandas(LEFT).groupby("s", as_index=False, sort=sort)["v"].sum()
    expected = LEFT.groupby("s", as_index=False, sort=sort)["v"].sum()
    if sort:  # keys sorted: an order, and pandas' numbering of the groups
        pd.testing.assert_frame_equal(got.to_pandas(), expected)
    else:
        _check(got, expected)


def test_groupby_unsorted_keeps_the_group_index(session):
    got = session.read_pandas(LEFT).groupby("s", sort=False)["v"].sum().to_pandas()
    expected = LEFT.groupby("s", sort=False)["v"].sum()
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index())


def test_reset_index_gives_a_null_index(session):
    got = session.read_pandas(LEFT).set_index("s").reset_index()
    _check(got, LEFT[["s", "k", "v"]])


def test_positions_still_need_an_order(session):
    merged = session.read_pandas(LEFT).merge(session.read_pandas(RIGHT), on="k")
    with pytest.raises(exceptions.OrderRequiredError):
        merged.head(1)
    pd.testing.assert_frame_equal(merged.sort_values(["v", "w"]).head(1).to_pandas().reset_index(drop=True),
                                  LEFT.merge(RIGHT, on="k").sort_values(["v", "w"]).head(1).reset_index(drop=True))


@pytest.mark.parametrize("call", [lambda d: d.groupby("k").first(), lambda d: d.groupby("k").last(),
                                  lambda d: d.groupby("k")["v"].first(), lambda d: d["v"].groupby(d["k"]).last(),
                                  lambda d: d.groupby("k").agg(x=("v", "first"), y=("v", "sum")),
                                  lambda d: d.groupby("k")["v"].agg(["sum", "last"])])
def test_group_first_and_last_need_an_order(session, call):
    """A group's first/last row needs a row order: a typed error (it was an internal one), and
    after a sort pandas' answer."""
    d = session.read_pandas(LEFT)
    with pytest.raises(exceptions.OrderRequiredError, match="first|last"):
        call(d).to_pandas()
    got = call(d.sort_values(["v", "s"], kind="stable")).to_pandas()
    expected = call(LEFT.sort_values(["v", "s"], kind="stable"))
    pd.testing.assert_frame_equal(_rows(got if isinstance(got, pd.DataFrame) else got.to_frame()),
                                  _rows(expected if isinstance(expected, pd.DataFrame) else expected.to_frame()),
                                  check_dtype=False)


RANKS = [{"method": "average"}, {"method": "min"}, {"method": "max"}, {"method": "dense"}, {"pct": True},
         {"method": "min", "na_option": "top", "ascending": False}, {"method": "dense", "na_option": "bottom"}]


@pytest.mark.parametrize("options", RANKS, ids=lambda o: "-".join(f"{k}={v}" for k, v in o.items()))
def test_ranks_by_value_need_no_order(session, options):
    """Ranks by value (all methods but "first") do not depend on the row order: in partial mode
    they work, on Series, DataFrames and groups, and give pandas' ranks of each row."""
    d = session.read_pandas(LEFT)
    got = d.assign(r=d["v"].rank(**options), g=d.groupby("k")["v"].rank(**options),
                   f=d[["v", "s"]].rank(**options)["s"])
    expected = LEFT.assign(r=LEFT["v"].rank(**options), g=LEFT.groupby("k")["v"].rank(**options),
                           f=LEFT[["v", "s"]].rank(**options)["s"])
    _check(got, nullable(expected).astype({"r": got.dtypes["r"], "g": "Float64", "f": "Float64"}))


@pytest.mark.parametrize("func", ["sum", "mean", "count", "size", "min", "max", "std", "nunique", "any", "median"])
def test_group_transforms_need_no_order(session, func):
    d = session.read_pandas(LEFT)
    got = d.assign(t=d.groupby("k")["v"].transform(func))
    expected = LEFT.assign(t=LEFT.groupby("k")["v"].transform(func))
    _check(got, nullable(expected).astype({"t": got.dtypes["t"]}))


@pytest.mark.parametrize("call", [lambda d: d["v"].rank(method="first"), lambda d: d.groupby("k")["v"].rank(method="first"),
                                  lambda d: d.groupby("k")["v"].transform("first"),
                                  lambda d: d.groupby("k")["v"].transform("last"),
                                  lambda d: d.groupby("k")["v"].transform("prod")])
def test_order_dependent_windows_still_need_an_order(session, call):
    with pytest.raises(exceptions.OrderRequiredError):
        call(session.read_pandas(LEFT)).to_pandas()


@pytest.mark.parametrize("id_vars", [["k"], []])
def test_melt(session, id_vars):
    """melt: one row per (row, value column) with a NULL index, as concat's in partial mode."""
    got = session.read_pandas(LEFT).melt(id_vars=id_vars, value_vars=["v"])
    _check(got, LEFT.melt(id_vars=id_vars, value_vars=["v"]).astype({"variable": "string"}))
