"""Alignment on indexes that repeat labels, compared with pandas 3.1.

pandas pairs two objects row by row when their indexes are equal (same labels in the same
order) and joins them on the labels otherwise: an outer join for arithmetic and comparisons
(many to many where both sides repeat a label, the union sorted), a reindex for assignment and
masks (which raises "cannot reindex on an axis with duplicate labels" when the assigned
Series repeats a label). cormorant pairs rows by identity only where that is the same thing
(labels known unique, or the same rows in the same order); every expectation here comes from
running the same operation in pandas on the same data.
"""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same, check_raises


def frame(index, start=1, step=1):
    n = len(index)
    return pd.DataFrame(
        {"x": pd.array([start + step * i for i in range(n)], dtype="Int64"),
         "s": pd.array([f"v{start + i}" for i in range(n)], dtype="string")},
        index=index,
    )


def paris(days):
    return pd.DatetimeIndex(days).tz_localize("Europe/Paris")


# (left index, right index): two sources read separately
PAIRS = [
    pytest.param([10, 11, 10], [10, 11, 10], id="equal_with_duplicates"),
    pytest.param([1, 1, 2], [1, 1, 3], id="both_repeat_many_to_many"),
    pytest.param([10, 10, 11], [10, 11, 10], id="same_labels_other_order"),
    pytest.param([0, 1, 1, 2], [1, 2, 3], id="left_repeats"),
    pytest.param([2, 9, 1], [1, 1, 2, 2], id="right_repeats"),
    pytest.param(pd.Index([1, None, 1, None], dtype="Int64"), pd.Index([None, 1, 2], dtype="Int64"), id="missing_labels"),
    pytest.param(pd.Index([1, None, 1], dtype="Int64"), pd.Index([1, None, 1], dtype="Int64"), id="missing_labels_equal"),
    pytest.param(["b", "a", "b"], ["a", "b", "b", "c"], id="strings"),
    pytest.param(["b", "a", "b"], ["b", "a", "b"], id="strings_equal"),
    pytest.param(paris(["2024-03-31 01:00", "2024-03-31 03:00", "2024-03-31 01:00"]),
                 paris(["2024-03-31 03:00", "2024-03-31 01:00", "2024-03-31 01:00"]), id="paris_times"),
    pytest.param(pd.Index([], dtype="int64"), [1, 1], id="empty_left"),
]


def two(index_a, index_b):
    pa_, pb_ = frame(index_a), frame(index_b, start=10, step=10)
    return (cpd.read_pandas(pa_), pa_), (cpd.read_pandas(pb_), pb_)


@pytest.mark.parametrize("index_a,index_b", PAIRS)
def test_series_arithmetic_two_sources(index_a, index_b):
    (ca, pa_), (cb, pb_) = two(index_a, index_b)
    assert_same(ca.x + cb.x, pa_.x + pb_.x)
    assert_same(cb.x - ca.x, pb_.x - pa_.x)
    assert_same(ca.s + cb.s, pa_.s + pb_.s)
    assert_same(ca.x.add(cb.x, fill_value=0), pa_.x.add(pb_.x, fill_value=0))


@pytest.mark.parametrize("index_a,index_b", PAIRS)
def test_frame_arithmetic_two_sources(index_a, index_b):
    (ca, pa_), (cb, pb_) = two(index_a, index_b)
    assert_same(ca[["x"]] * cb[["x"]], pa_[["x"]] * pb_[["x"]])
    assert_same(ca.combine_first(cb), pa_.combine_first(pb_))


@pytest.mark.parametrize("index_a,index_b", PAIRS)
def test_comparisons_two_sources(index_a, index_b):
    (ca, pa_), (cb, pb_) = two(index_a, index_b)
    try:
        expected = pa_.x < pb_.x
    except ValueError:  # pandas compares identically-labelled Series only
        with pytest.raises(ValueError):
            (ca.x < cb.x).to_pandas()
        return
    assert_same(ca.x < cb.x, expected)
    assert_same(ca.x.lt(cb.x), pa_.x.lt(pb_.x))


@pytest.mark.parametrize("index_a,index_b", [
    pytest.param([3, 1, 2], [1, 2, 3], id="unique_other_order"),
    pytest.param([3, 1, 2], [3, 1, 2], id="unique_equal"),
    pytest.param(["b", "a"], ["b", "a", "c"], id="unique_one_more"),
])
def test_comparisons_two_sources_unique_labels(index_a, index_b):
    """pandas compares identically-labelled objects only: the same labels in the same order."""
    test_comparisons_two_sources(index_a, index_b)


@pytest.mark.parametrize("index_a,index_b", [p for p in PAIRS if p.id != "empty_left"])
def test_assign_from_another_source(index_a, index_b):
    (ca, pa_), (cb, pb_) = two(index_a, index_b)
    try:
        expected = pa_.assign(w=pb_.x)
    except ValueError as e:
        assert "duplicate labels" in str(e)
        with pytest.raises(ex.InvalidArgumentError, match="duplicate labels"):
            ca.assign(w=cb.x).to_pandas()
        return
    assert_same(ca.assign(w=cb.x), expected)


def test_two_sources_reexecution():
    (ca, pa_), (cb, pb_) = two([10, 11, 10], [10, 11, 10])
    r = ca.x + cb.x
    first = r.to_pandas()
    pd.testing.assert_series_equal(r.to_pandas(), first)
    assert_same(r, pa_.x + pb_.x)


# -- one source, different selections -----------------------------------------------------


def one(index, values=(1, 2, 3)):
    p = pd.DataFrame({"k": pd.array(list(values), dtype="Int64"), "f": pd.array([v / 2 for v in values], dtype="Float64")},
                     index=index)
    return cpd.read_pandas(p), p


SAME_SOURCE = [
    pytest.param(lambda d: d.k[d.k < 3] + d.k[d.k > 1], id="two_filters"),
    pytest.param(lambda d: d.k + d.k[d.k > 1], id="filter_one_side"),
    pytest.param(lambda d: d.k[d.k < 3] * d.f, id="filter_other_side"),
    pytest.param(lambda d: d.k + d.sort_values("f", ascending=False).k, id="sorted_one_side"),
    pytest.param(lambda d: d[d.k > 1] - d[d.k < 3], id="frames"),
    pytest.param(lambda d: d.k[d.k > 5] + d.k[d.k > 1], id="empty_side"),
    pytest.param(lambda d: d.k.add(d.k[d.k > 1], fill_value=0), id="fill_value"),
    pytest.param(lambda d: d.k[d.k > 1].combine_first(d.f[d.k < 3]), id="combine_first"),
]


@pytest.mark.parametrize("op", SAME_SOURCE)
@pytest.mark.parametrize("index", [
    pytest.param([10, 11, 10], id="ints"),
    pytest.param(["b", "a", "b"], id="strings"),
    pytest.param(pd.Index([None, 1, None], dtype="Int64"), id="missing"),
    pytest.param(paris(["2024-10-27 03:30", "2024-10-27 00:30", "2024-10-27 03:30"]), id="paris_times"),
])
def test_same_source_duplicates(index, op):
    c, p = one(index)
    assert_same(op(c), op(p))


def test_the_issue_example():
    ps = pd.Series(pd.array([1, 2, 3], dtype="Int64"), index=[10, 11, 10], name="v")
    cs = cpd.read_pandas(ps.to_frame())["v"]
    assert_same(cs[cs < 3] + cs[cs > 1], ps[ps < 3] + ps[ps > 1])


def test_equal_indexes_of_different_rows_pair_by_position():
    """Two selections of different rows whose labels are equal: pandas pairs them row by row."""
    c, p = one([10, 10, 11, 11], values=(1, 2, 3, 4))
    op = lambda d: d.k[d.k % 2 == 1] + d.k[d.k % 2 == 0]  # noqa: E731
    assert_same(op(c), op(p))
    assert_same(c.assign(g=c.k[c.k % 2 == 1]), p.assign(g=p.k[p.k % 2 == 1]))


def test_assign_unique_value_labels_to_a_frame_that_repeats():
    c, p = one([10, 11, 10])
    assert_same(c.assign(g=c.k[c.k > 1]), p.assign(g=p.k[p.k > 1]))
    c["h"] = c.f[c.k > 1]
    p["h"] = p.f[p.k > 1]
    assert_same(c, p)


def test_assign_repeating_value_labels_is_refused_as_pandas():
    c, p = one([10, 11, 10, 12], values=(1, 2, 3, 4))
    check_raises(ex.InvalidArgumentError, ValueError, "duplicate labels", lambda: c.assign(g=c.k[c.k < 4]).to_pandas(),
                 lambda: p.assign(g=p.k[p.k < 4]))
    # the same rows in another order
    check_raises(ex.InvalidArgumentError, ValueError, "duplicate labels",
                 lambda: c.assign(g=c.sort_values("f", ascending=False).k).to_pandas(),
                 lambda: p.assign(g=p.sort_values("f", ascending=False).k))


def test_same_source_comparisons():
    c, p = one([10, 11, 10])
    for op in (lambda d: d.k == d.k[d.k > 0], lambda d: d.k[d.k < 3] == d.k[d.k > 1]):
        try:
            expected = op(p)
        except ValueError:
            with pytest.raises(ValueError):
                op(c).to_pandas()
            continue
        assert_same(op(c), expected)


@pytest.mark.parametrize("mask_index", [
    pytest.param([10, 11, 10], id="equal"),
    pytest.param([11, 10, 12], id="unique_superset"),
])
def test_mask_from_another_source(mask_index):
    p = pd.DataFrame({"v": pd.array([1, 2, 3], dtype="Int64")}, index=[10, 11, 10])
    pm = pd.Series(pd.array([True, False, True], dtype="boolean"), index=mask_index, name="m")
    c, cm = cpd.read_pandas(p), cpd.read_pandas(pm.to_frame()).m
    assert_same(c[cm], p[pm])
    assert_same(c.v[cm], p.v[pm])


def test_where_with_another_object():
    c, p = one([10, 11, 10])
    assert_same(c.k.where(c.k > 1, c.f * 10), p.k.where(p.k > 1, p.f * 10))
    assert_same(c.k.where(c.k > 1, c.k[c.k < 3] * 10), p.k.where(p.k > 1, p.k[p.k < 3] * 10))


@pytest.mark.parametrize("index_a,index_b", [
    pytest.param([10, 11, 10], [10, 11, 10], id="equal_with_duplicates"),
    pytest.param(["b", "a", "b"], ["b", "a", "b"], id="equal_strings"),
    pytest.param(pd.Index([1, None, 1], dtype="Int64"), pd.Index([1, None, 1], dtype="Int64"), id="equal_missing"),
    pytest.param([13, 11, 10], [10, 12], id="unique"),
    pytest.param([3, 1, 3, 2], [3, 1, 3, 2], id="equal_unsorted"),
])
def test_concat_columns(index_a, index_b):
    (ca, pa_), (cb, pb_) = two(index_a, index_b)
    assert_same(cpd.concat([ca.x, cb.s], axis=1), pd.concat([pa_.x, pb_.s], axis=1))
    assert_same(cpd.concat([ca.x, ca.s], axis=1), pd.concat([pa_.x, pa_.s], axis=1))  # one source
    assert_same(cpd.concat([ca[["x"]], cb.s, ca.s.rename("t")], axis=1),
                pd.concat([pa_[["x"]], pb_.s, pa_.s.rename("t")], axis=1))


@pytest.mark.parametrize("index_a,index_b", [
    pytest.param([10, 11, 10], [10, 11, 12], id="left_repeats"),
    pytest.param([10, 11], [11, 11], id="right_repeats"),
    pytest.param([10, 11, 10], [10, 10, 11], id="same_labels_other_order"),
])
def test_concat_columns_refuses_repeated_labels_as_pandas(index_a, index_b):
    (ca, pa_), (cb, pb_) = two(index_a, index_b)
    check_raises(ex.InvalidArgumentError, ValueError, "duplicate labels", lambda: cpd.concat([ca.x, cb.s], axis=1),
                 lambda: pd.concat([pa_.x, pb_.s], axis=1))


def test_known_unique_labels_keep_one_projection():
    """Labels a query found unique (once per table and column) pair rows by identity: no join."""
    c, p = one([13, 11, 10])
    op = lambda d: d.k[d.k < 3] + d.k[d.k > 1]  # noqa: E731
    assert_same(op(c), op(p))
    assert "JOIN" not in op(c).sql.upper()
    c, p = one([10, 11, 10])
    assert "JOIN" in op(c).sql.upper()


def test_partial_mode():
    """A NULL index has nothing to align: selections of one source pair row by row. An explicit
    index that repeats a label in both of two unordered sources is refused (whether pandas
    would pair by position needs an order)."""
    session = cpd.Session(ordering_mode="partial")
    try:
        p = pd.DataFrame({"k": pd.array([1, 2, 3, 2], dtype="Int64"), "j": pd.array([1, 1, 2, 2], dtype="Int64")})
        c = session.read_pandas(p)
        got = (c.k + c.k[c.k > 1] * 2).to_pandas()
        expected = p.k + p.k[p.k > 1] * 2
        assert sorted(got.fillna(-1).tolist()) == sorted(expected.fillna(-1).tolist())
        a, b = c.set_index("j"), session.read_pandas(p).set_index("j")
        with pytest.raises(ex.InvalidArgumentError, match="both repeat a label"):
            (a.k + b.k).to_pandas()
        u = session.read_pandas(p.drop_duplicates("j")).set_index("j")
        got = (a.k + u.k).to_pandas().sort_values().tolist()
        assert got == (p.set_index("j").k + p.drop_duplicates("j").set_index("j").k).sort_values().tolist()
    finally:
        session.close()


@pytest.mark.parametrize("op", [
    pytest.param(lambda a, f: a.x + f.x, id="add"),
    pytest.param(lambda a, f: f.x - a.x, id="sub_reflected"),
    pytest.param(lambda a, f: a - f, id="frames"),
    pytest.param(lambda a, f: a.assign(w=f.x), id="assign_float_labels_to_int_index"),
    pytest.param(lambda a, f: f.assign(w=a.x), id="assign_int_labels_to_float_index"),
    pytest.param(lambda a, f: a.x.add(f.x, fill_value=0), id="fill_value"),
])
@pytest.mark.parametrize("float_index", [
    pytest.param([1.0, 2.5], id="unique"),
    pytest.param([1.0, 2.0, 1.0], id="repeats"),
])
def test_int_index_with_float_index(op, float_index):
    """pandas aligns Int64 labels with Float64 ones by value (the union in Float64)."""
    a = pd.DataFrame({"x": pd.array([1, 2, 3], dtype="Int64")}, index=pd.Index([3, 1, 2], dtype="Int64"))
    f = pd.DataFrame({"x": pd.array(range(10, 10 * (len(float_index) + 1), 10), dtype="Int64")},
                     index=pd.Index(float_index, dtype="Float64"))
    ca, cf = cpd.read_pandas(a), cpd.read_pandas(f)
    try:
        expected = op(a, f)
    except ValueError as e:
        assert "duplicate labels" in str(e)
        with pytest.raises(ex.InvalidArgumentError, match="duplicate labels"):
            op(ca, cf).to_pandas()
        return
    assert_same(op(ca, cf), expected)
