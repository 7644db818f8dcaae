"""Joins on keys that are never missing compile to `=` (the engine orders, filters and prunes
such joins), others keep pandas' rule that missing keys match each other (IS NOT DISTINCT
FROM). Every result against pandas, whichever side holds the missing keys."""

import pandas as pd
import pytest

import cormorant.pandas as cpd

from conftest import assert_same

HOWS = ["inner", "left", "right", "outer"]


def _parquet(tmp_path, name, frame):
    path = tmp_path / f"{name}.parquet"
    frame.to_parquet(path)
    return cpd.read_parquet(str(path))


def _left():  # no missing key
    return pd.DataFrame({"k": pd.array([3, 1, 2, 1, 5], dtype="Int64"),
                         "a": pd.array(["x", "y", "z", "w", "v"], dtype="string")})


def _right():  # missing keys
    return pd.DataFrame({"k": pd.array([1, None, 2, None, 4, 1], dtype="Int64"),
                         "b": pd.array([10, 20, 30, 40, 50, 60], dtype="Int64")})


def _join_condition(sql: str) -> str:
    """The ON condition of the query's last join."""
    return sql[sql.rindex(" JOIN "):].split("\n")[0]


@pytest.mark.parametrize("how", HOWS)
def test_key_without_missing_values_joins_on_equality(tmp_path, how):
    got = _parquet(tmp_path, "l", _left()).merge(cpd.read_pandas(_right()), on="k", how=how)
    assert "IS NOT DISTINCT FROM" not in _join_condition(got.sql)
    assert_same(got, _left().merge(_right(), on="k", how=how))
    # the other way round: the never-missing key on the right
    got = cpd.read_pandas(_right()).merge(_parquet(tmp_path, "l2", _left()), on="k", how=how)
    assert "IS NOT DISTINCT FROM" not in _join_condition(got.sql)
    assert_same(got, _right().merge(_left(), on="k", how=how))


@pytest.mark.parametrize("how", HOWS)
def test_missing_keys_on_both_sides_still_match_each_other(tmp_path, how):
    left = _right().rename(columns={"b": "a"}).iloc[::-1].reset_index(drop=True)
    got = _parquet(tmp_path, "l", left).merge(_parquet(tmp_path, "r", _right()), on="k", how=how)
    assert "IS NOT DISTINCT FROM" in _join_condition(got.sql)
    assert_same(got, left.merge(_right(), on="k", how=how))


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("mask", ["gt", "notna", "isin", "ne"])
def test_filters_that_drop_missing_keys(how, mask):
    left = _right().rename(columns={"b": "a"})
    p, c = left, cpd.read_pandas(left)
    if mask == "gt":
        p, c = p[p.k > 1], c[c.k > 1]
    elif mask == "notna":
        p, c = p[p.k.notna()], c[c.k.notna()]
    elif mask == "isin":
        p, c = p[p.k.isin([1, 2])], c[c.k.isin([1, 2])]
    else:
        p, c = p[p.k != 4], c[c.k != 4]
    got = c.merge(cpd.read_pandas(_right()), on="k", how=how)
    assert "IS NOT DISTINCT FROM" not in _join_condition(got.sql)
    assert_same(got, p.merge(_right(), on="k", how=how))


def test_missing_keys_kept_by_a_filter_still_match():
    # ~isin keeps missing keys (pandas: <NA> is not in the list), and so does the NaT != rule
    left = _right().rename(columns={"b": "a"})
    got = cpd.read_pandas(left)
    got = got[~got.k.isin([4])].merge(cpd.read_pandas(_right()), on="k")
    assert "IS NOT DISTINCT FROM" in _join_condition(got.sql)
    assert_same(got, left[~left.k.isin([4])].merge(_right(), on="k"))
    t = pd.DataFrame({"t": pd.array([pd.Timestamp("2024-01-01"), None, pd.Timestamp("2024-01-02")],
                                    dtype="datetime64[us]"), "a": pd.array([1, 2, 3], dtype="Int64")})
    u = pd.DataFrame({"t": t.t.iloc[::-1].reset_index(drop=True), "b": pd.array([7, 8, 9], dtype="Int64")})
    ct = cpd.read_pandas(t)
    got = ct[ct.t != pd.Timestamp("2024-01-01")].merge(cpd.read_pandas(u), on="t")
    assert "IS NOT DISTINCT FROM" in _join_condition(got.sql)
    assert_same(got, t[t.t != pd.Timestamp("2024-01-01")].merge(u, on="t"))


def test_never_missing_key_through_a_join(tmp_path):
    # a never-missing key stays so through an inner join, and through the kept side of a left join
    left, right = _left(), _right()
    third = pd.DataFrame({"k": pd.array([None, 1, 2], dtype="Int64"), "c": pd.array([1, 2, 3], dtype="Int64")})
    for how in ["inner", "left"]:
        j = _parquet(tmp_path, "l", left).merge(cpd.read_pandas(right), on="k", how=how)
        got = j[["k", "b"]].merge(cpd.read_pandas(third), on="k", how="left")
        assert "IS NOT DISTINCT FROM" not in got.sql
        assert_same(got, left.merge(right, on="k", how=how)[["k", "b"]].merge(third, on="k", how="left"))
    # the missing side of a left join may be missing
    j = cpd.read_pandas(right).merge(_parquet(tmp_path, "l2", left), on="k", how="left")
    got = j[["k", "a"]].merge(cpd.read_pandas(third), on="k")
    assert "IS NOT DISTINCT FROM" in _join_condition(got.sql)
    assert_same(got, right.merge(left, on="k", how="left")[["k", "a"]].merge(third, on="k"))


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("dropna", [True, False])
def test_groupby_tests_only_keys_that_may_be_missing(tmp_path, mode, dropna):
    # groupby's dropna filter leaves out keys never missing (Parquet statistics, through the
    # join): written, the test reaches the scan and changes the engine's join order
    left, right = _left(), _right()
    left.to_parquet(tmp_path / "l.parquet")
    right.to_parquet(tmp_path / "r.parquet")
    s = cpd.Session(ordering_mode=mode)
    try:
        j = s.read_parquet(str(tmp_path / "l.parquet")).merge(s.read_parquet(str(tmp_path / "r.parquet")), on="k",
                                                              how="left")
        p = left.merge(right, on="k", how="left")
        for _ in range(2):  # computed twice: the same result
            got = j.groupby(["k", "a"], dropna=dropna).agg(hi=("b", "max"), total=("b", "sum"))
            assert "IS NOT NULL" not in got.sql
            assert_same(got, p.groupby(["k", "a"], dropna=dropna).agg(hi=("b", "max"), total=("b", "sum")))
        # b is missing where the right side has no match: dropna still drops those groups
        got = j.groupby("b", dropna=dropna).agg(last=("a", "max"))
        assert ("IS NOT NULL" in got.sql) == dropna
        assert_same(got, p.groupby("b", dropna=dropna).agg(last=("a", "max")))
        empty = j[j["a"] == "none"].groupby(["k", "a"], dropna=dropna).agg(total=("b", "sum"))
        assert_same(empty, p[p["a"] == "none"].groupby(["k", "a"], dropna=dropna).agg(total=("b", "sum")))
    finally:
        s.close()
