"""Column labels are pandas labels (strings, integers, floats, booleans, None, tuples for
MultiIndex columns), decided in the core and compared with pandas 3.1 as the oracle."""

from __future__ import annotations

import os

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same

FRAMES = {
    "int_labels": lambda: pd.DataFrame({0: pd.array([1, 2, None], dtype="Int64"), 1: pd.array(["a", None, "c"], dtype="string")}),
    "mixed_labels": lambda: pd.DataFrame({"a": pd.array([1, 2, 3], dtype="Int64"), 7: pd.array([1.5, None, 2.5], dtype="Float64"),
                                          2.5: pd.array([True, False, None], dtype="boolean"), None: pd.array([4, 5, 6], dtype="Int64"),
                                          True: pd.array([7, 8, 9], dtype="Int64")}),
    "tuple_labels": lambda: pd.DataFrame({("x", "a"): pd.array([1, 2, 3], dtype="Int64"), ("x", "b"): pd.array([4, 5, 6], dtype="Int64"),
                                          ("y", "a"): pd.array(["p", "q", None], dtype="string")}),
    "named_axis": lambda: pd.DataFrame({"a": pd.array([1, 2], dtype="Int64")}).rename_axis(columns="cols"),
    "named_levels": lambda: pd.DataFrame({("x", 1): pd.array([1, 2], dtype="Int64"), ("y", 2): pd.array([3, 4], dtype="Int64")})
    .rename_axis(columns=["outer", "inner"]),
    "nul_in_labels": lambda: pd.DataFrame({"a\x00b": pd.array([1, 2], dtype="Int64"), "a": pd.array([3, 4], dtype="Int64"),
                                           ("t\x00", "u"): pd.array(["x\x00y", "z"], dtype="string")}),
}


@pytest.mark.parametrize("make", FRAMES.values(), ids=FRAMES.keys())
def test_read_pandas_round_trip(make):
    """read_pandas then to_pandas gives the same labels (kinds, dtype of the columns index,
    MultiIndex, axis names, NUL characters) and values."""
    pdf = make()
    got = cpd.read_pandas(pdf)
    pd.testing.assert_frame_equal(got.to_pandas(), pdf)
    pd.testing.assert_index_equal(got.columns, pdf.columns)


def test_select_by_non_string_labels():
    pdf = FRAMES["mixed_labels"]()
    c = cpd.read_pandas(pdf)
    for key in ["a", 7, 2.5, None, True]:
        assert_same(c[key], pdf[key])
    assert_same(c[[7, "a"]], pdf[[7, "a"]])
    with pytest.raises(ex.ColumnNotFoundError, match="column 8 not found"):
        c[8]
    with pytest.raises(KeyError):
        pdf[8]


def test_multiindex_columns_selection():
    pdf = FRAMES["tuple_labels"]()
    c = cpd.read_pandas(pdf)
    assert_same(c[("x", "b")], pdf[("x", "b")])  # one column, named by its tuple
    assert_same(c["x"], pdf["x"])  # the first level: a frame labelled by the second
    assert_same(c[[("y", "a"), ("x", "a")]], pdf[[("y", "a"), ("x", "a")]])
    with pytest.raises(ex.ColumnNotFoundError):
        c["z"]


def test_rename_assign_drop_with_int_labels():
    pdf = FRAMES["int_labels"]()
    c = cpd.read_pandas(pdf)
    assert_same(c.rename(columns={0: "zero", 1: 10}), pdf.rename(columns={0: "zero", 1: 10}))
    assert_same(c.rename(columns=lambda x: x + 1), pdf.rename(columns=lambda x: x + 1))
    c2, p2 = cpd.read_pandas(pdf), pdf.copy()
    c2[5] = c2[0] * 2
    p2[5] = p2[0] * 2
    assert_same(c2, p2)
    assert_same(c.drop(columns=[0]), pdf.drop(columns=[0]))
    assert_same(c.drop(columns=1), pdf.drop(columns=1))
    assert_same(c.sort_values(0), pdf.sort_values(0))
    assert_same(c.set_index(1), pdf.set_index(1))
    assert_same(c.astype({0: "Float64"}), pdf.astype({0: "Float64"}))


def test_series_names_and_to_frame():
    ps = pd.Series(pd.array([1, 2], dtype="Int64"))
    s = cpd.read_pandas(ps)
    assert_same(s.to_frame(), ps.to_frame())  # an unnamed Series gives column 0
    named = cpd.read_pandas(ps.rename(3))
    assert named.name == 3
    assert_same(named.to_frame(), ps.rename(3).to_frame())


def test_concat_columns_of_series_with_int_names():
    ps = [pd.Series(pd.array([1, 2], dtype="Int64"), name=0), pd.Series(pd.array([3, 4], dtype="Int64"), name=1)]
    got = cpd.concat([cpd.read_pandas(p) for p in ps], axis=1)
    assert_same(got, pd.concat(ps, axis=1))


def test_reset_index_of_unnamed_index_with_multiindex_columns():
    pdf = FRAMES["tuple_labels"]().set_axis(pd.Index([5, 6, 7]), axis=0)
    assert_same(cpd.read_pandas(pdf).reset_index(), pdf.reset_index())


def test_get_dummies_labels():
    ps = pd.Series(pd.array([3, 1, None, 3], dtype="Int64"))
    assert_same(cpd.get_dummies(cpd.read_pandas(ps)), pd.get_dummies(ps, dtype="boolean"))
    pdf = pd.DataFrame({0: pd.array(["a", "b", "a"], dtype="string"), "k": pd.array([1, 2, 3], dtype="Int64")})
    assert_same(cpd.get_dummies(cpd.read_pandas(pdf), columns=[0]), pd.get_dummies(pdf, columns=[0], dtype="boolean"))


def test_groupby_agg_lists_core_labels():
    pdf = pd.DataFrame({"k": pd.array(["a", "b", "a"], dtype="string"), "v": pd.array([1, 2, 3], dtype="Int64"),
                        0: pd.array([1.5, 2.5, None], dtype="Float64")})
    c = cpd.read_pandas(pdf)
    got = c.groupby("k", as_index=False).agg({"v": ["sum", "max"], 0: ["mean"]})
    want = pdf.groupby("k", as_index=False).agg({"v": ["sum", "max"], 0: ["mean"]})
    assert_same(got, want)
    assert list(got.columns) == [("k", ""), ("v", "sum"), ("v", "max"), (0, "mean")]
    assert_same(c.groupby(0).agg({"v": "sum"}), pdf.groupby(0).agg({"v": "sum"}))


def test_pivot_issue_example():
    """issue 9 item 5: values=["baz"] keeps (value, column) MultiIndex columns; two values too."""
    pdf = pd.DataFrame({"foo": ["one", "one", "one", "two", "two", "two"], "bar": ["A", "B", "C", "A", "B", "C"],
                        "baz": pd.array([1, 2, 3, 4, 5, 6], dtype="Int64"), "zoo": pd.array([1.0, 2, 3, 4, 5, 6], dtype="Float64")})
    pdf = pdf.astype({"foo": "string", "bar": "string"})
    c = cpd.read_pandas(pdf)
    for values in [["baz"], ["baz", "zoo"], "baz"]:
        got = c.pivot_table(index="foo", columns="bar", values=values, aggfunc="sum")
        assert_same(got, pdf.pivot_table(index="foo", columns="bar", values=values, aggfunc="sum"))
    got = c.pivot(index="foo", columns="bar", values=["baz"])
    pd.testing.assert_index_equal(got.columns, pdf.pivot(index="foo", columns="bar", values=["baz"]).columns)


def test_pivot_int_column_values_label_as_ints():
    pdf = pd.DataFrame({"k": pd.array([1, 1, 2], dtype="Int64"), "c": pd.array([10, 20, 10], dtype="Int64"),
                        "v": pd.array([1.0, 2.0, 3.0], dtype="Float64")})
    got = cpd.read_pandas(pdf).pivot_table(index="k", columns="c", values="v")
    assert_same(got, pdf.pivot_table(index="k", columns="c", values="v"))
    assert_same(got[20], pdf.pivot_table(index="k", columns="c", values="v")[20])


def test_duplicate_labels_are_refused_clearly():
    """cormorant needs unique labels (pandas allows duplicates): a typed error, never a wrong column."""
    with pytest.raises(ex.InvalidArgumentError, match="unique"):
        cpd.read_pandas(pd.DataFrame([[1, 2]], columns=["a", "a"]))
    c = cpd.read_pandas(pd.DataFrame({"a": [1], "b": [2]}))
    with pytest.raises(ex.InvalidArgumentError, match="duplicate column label 'a'"):
        c.rename(columns={"b": "a"})
    with pytest.raises(ex.InvalidArgumentError, match="duplicate column label 0"):
        c.rename(columns={"a": 0, "b": 0})


# -- NUL characters (issue 9 item 6) ---------------------------------------------------------


def test_nul_in_labels_refused_where_files_cannot_keep_them(tmp_path):
    pdf = FRAMES["nul_in_labels"]()
    c = cpd.read_pandas(pdf)
    with pytest.raises(ex.InvalidArgumentError, match=r"'a\\x00b' holds a NUL character, which a Parquet file"):
        c.to_parquet(tmp_path / "x.parquet")
    assert not os.path.exists(tmp_path / "x.parquet")
    with pytest.raises(ex.InvalidArgumentError, match="NUL character, which a warehouse table"):
        c.to_table("ds.nul")


def test_nul_in_labels_kept_by_to_csv():
    pdf = FRAMES["nul_in_labels"]()[["a\x00b", "a"]]
    assert cpd.read_pandas(pdf).to_csv() == pdf.to_csv()


def test_non_string_labels_in_files_are_their_text(tmp_path):
    """pyarrow writes labels that are not strings as their text; so does cormorant."""
    pdf = FRAMES["int_labels"]()
    cpd.read_pandas(pdf).to_parquet(tmp_path / "c.parquet")
    pdf.to_parquet(tmp_path / "p.parquet")
    assert pd.read_parquet(tmp_path / "c.parquet").columns.tolist() == ["0", "1"]
    assert cpd.read_pandas(pdf).to_csv() == pdf.to_csv()


def test_columnwise_methods_take_non_string_labels():
    """isna/notna/isin/fillna rebuilt the frame with assign(**{label: ...}), which raised a raw
    TypeError ("keywords must be strings") for integer or tuple column labels."""
    p = pd.DataFrame({1: pd.array([1, None], dtype="Int64"), 2: pd.array([3.0, 4.0], dtype="Float64"),
                      "x": pd.array([None, "b"], dtype="string")})
    c = cpd.read_pandas(p)
    assert_same(c.isna(), p.isna())
    assert_same(c.notna(), p.notna())
    assert_same(c.isin([1, 4.0, "b"]), p.isin([1, 4.0, "b"]))
    assert_same(c.fillna({1: 9, "x": "z"}), p.fillna({1: 9, "x": "z"}))
    q = p[[1, 2]].copy()
    q.columns = pd.Index([1, 2])  # (pandas keeps the object dtype of the labels it selected from)
    assert_same(cpd.read_pandas(q).fillna(0), q.fillna(0))


@pytest.mark.parametrize("ordering_mode", ["strict", "partial"])
def test_labels_equal_in_python_keep_their_kind_in_results(ordering_mode):
    """Results' columns are remembered by their labels (a query gives the same labels each
    time): 0, 0.0 and False are equal in Python but make int64, float64 and object columns in
    pandas, so each frame still gets its own; renaming one result's columns axis leaves the
    next result of the same query alone."""
    session = cpd.Session(warehouse=":memory:", ordering_mode=ordering_mode)
    try:
        frames = [pd.DataFrame({label: pd.array([1, None], dtype="Int64")}) for label in (0, 0.0, False, (0, 1), (False, 1))]
        frames.append(pd.DataFrame({(0.0, 1): pd.array([1, None], dtype="Int64"), (0, 2): pd.array([3, 4], dtype="Int64")}))
        for pdf in frames * 2:  # twice: the second time the columns are remembered
            got = session.read_pandas(pdf).to_pandas()
            if ordering_mode == "partial":
                got = got.reset_index(drop=True)
            pd.testing.assert_frame_equal(got, pdf)
            pd.testing.assert_index_equal(got.columns, pdf.columns, exact=True)
        df = session.read_pandas(frames[0])
        first = df.to_pandas()
        first.columns.name = "renamed"
        assert df.to_pandas().columns.name is None
    finally:
        session.close()
