"""Series.isin of another cormorant Series (a column of another frame): a semi-join in the same
query, never a pandas round trip or a merge. pandas 3.1 is the oracle: which dtypes compare
(numbers by value across Int64, Float64 and boolean), when a missing value is found (pandas'
masked arrays find <NA> only in values numpy holds as objects: boolean, string, date), x's
index and order, duplicates in the values, empty values, ~isin as an anti-join mask, partial
ordering mode and re-execution."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _sample(kind: str, na: bool) -> pd.Series:
    """Values of one dtype; the first equals (by pandas' rules) the first of every other kind."""
    values = {
        "Int64": pd.array([1, 0, 2, 1], dtype="Int64"),
        "Float64": pd.array([1.0, -0.0, 2.5, 1.0], dtype="Float64"),
        "boolean": pd.array([True, False, True, True], dtype="boolean"),
        "string": pd.array(["1", "a", "2020-01-01", "1"], dtype="string"),
        "ts": pd.array(pd.to_datetime(["2020-01-01", "2020-01-02 12:00", "2020-01-03", "2020-01-01"], format="ISO8601").astype("datetime64[us]")),
        "tz": pd.array(pd.to_datetime(["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-01"])
                       .astype("datetime64[us]").tz_localize("Asia/Tokyo")),
        "date": pd.array([dt.date(2020, 1, 1), dt.date(2020, 1, 2), dt.date(2020, 1, 5), dt.date(2020, 1, 1)],
                         dtype="date32[pyarrow]"),
    }[kind]
    s = pd.Series(values)
    if na:
        s = pd.concat([s, pd.Series(pd.array([None], dtype=s.dtype))], ignore_index=True)
    return s


KINDS = ["Int64", "Float64", "boolean", "string", "ts", "tz", "date"]


def _frames(x: pd.Series, v: pd.Series):
    """x in a frame with a non-default index (labels repeat); v in another frame, reordered."""
    left = pd.DataFrame({"x": x, "k": pd.array(range(len(x)), dtype="Int64")})
    left.index = pd.Index([10, 11, 10, 12, 13], dtype="Int64")
    right = pd.DataFrame({"v": v}).iloc[::-1]
    return left, right


@pytest.mark.parametrize("x_kind", KINDS)
@pytest.mark.parametrize("v_kind", KINDS)
@pytest.mark.parametrize("v_na", [False, True])
def test_isin_series_dtype_matrix(x_kind, v_kind, v_na):
    x = _sample(x_kind, na=True)
    v = _sample(v_kind, na=v_na).iloc[[0, 2, 3] + ([4] if v_na else [])]
    left, right = _frames(x, v)
    cleft, cright = cpd.read_pandas(left), cpd.read_pandas(right)
    try:
        expected = left["x"].isin(right["v"])
    except Exception as e:  # pandas refuses dates against non-temporal values
        with pytest.raises(exceptions.DTypeError, match="isin"):
            cleft["x"].isin(cright["v"])
        assert type(e).__name__ == "ArrowTypeError"
        return
    got = cleft["x"].isin(cright["v"])
    assert "JOIN" not in got.sql.upper()  # a semi-join (IN) or, where nothing can match, a constant
    assert_same(got, expected)


def test_float_nan_and_na_are_one_missing_value():
    """pandas 3.1's Float64 holds NaN as <NA>: neither is found among Float64 values, even missing ones."""
    x = pd.Series(pd.array([1.0, None, 0.0], dtype="Float64"), name="x")
    v = pd.Series([float("nan"), 1.0], name="v").astype("Float64")
    cx = cpd.read_pandas(pd.DataFrame({"x": x}))["x"]
    cv = cpd.read_pandas(pd.DataFrame({"v": v}))["v"]
    assert_same(cx.isin(cv), x.isin(v))
    # 0/0 is missing in both (pandas 3.1 holds it as <NA>), and finds nothing
    assert_same((cx / cx).isin(cv), (x / x).isin(v))
    assert_same(cx.isin(cx / cx), x.isin(x / x))


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_filter_and_anti_join_masks(mode):
    """df[s.isin(other)] and df[~s.isin(other)]: x's rows, order and index; duplicates in the
    values do not duplicate rows; one query (no merge), and in partial mode no numbering."""
    left = pd.DataFrame({"k": pd.array([3, 1, None, 2, 1, 5], dtype="Int64"),
                         "s": pd.array(["c", "a", "n", "b", "a2", None], dtype="string")})
    right = pd.DataFrame({"key": pd.array([1, 1, 2, 2, None, 7], dtype="Int64"),
                          "t": pd.array(["a", "a", None, "z", "q", "c"], dtype="string")})
    session = cpd.Session(ordering_mode=mode)
    try:
        cl, cr = session.read_pandas(left), session.read_pandas(right)
        cases = [
            (cl[cl["k"].isin(cr["key"])], left[left["k"].isin(right["key"])]),
            (cl[~cl["k"].isin(cr["key"])], left[~left["k"].isin(right["key"])]),
            (cl[cl["s"].isin(cr["t"]) & (cl["k"] > 1)], left[left["s"].isin(right["t"]) & (left["k"] > 1)]),
            (cl[cl["k"].isin(cr[cr["t"] == "a"]["key"])], left[left["k"].isin(right[right["t"] == "a"]["key"])]),
        ]
        for got, expected in cases:
            sql = got.sql
            # a semi-join `x IN (SELECT ...)`, or the anti-join `ANTI JOIN ... ON x = v` for ~isin
            # (other conditions in a WHERE of their own); no other join
            assert "IN (SELECT" in sql or "ANTI JOIN" in sql
            assert "NOT EXISTS" not in sql
            assert sql.upper().count("JOIN") == sql.upper().count("ANTI JOIN")
            if mode == "strict":
                assert_same(got, expected)
                assert_same(got, expected)  # re-execution gives the same
            else:
                assert "row_number" not in sql.lower()
                out = got.to_pandas().reset_index(drop=True)
                want = expected.reset_index(drop=True)
                key = ["k", "s"]
                pd.testing.assert_frame_equal(
                    out.sort_values(key, na_position="last").reset_index(drop=True),
                    want.sort_values(key, na_position="last").reset_index(drop=True))
    finally:
        session.close()


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_isin_and_not_isin_beside_other_conditions(mode):
    """`df[(df.a > 1) & ~df.b.isin(other.c)]` and the same with isin: ~isin becomes the engine's
    anti-join over a WHERE of the other conditions (isin an IN subquery there); the rows are pandas' with
    missing values in x, among the values, and in the other conditions (whose <NA> drops a row),
    in any order of the conjuncts, and on re-execution."""
    left = pd.DataFrame({"a": pd.array([3, 1, None, 2, 1, 5, 4, 0], dtype="Int64"),
                         "b": pd.array([1, None, 2, 7, 1, None, 3, 9], dtype="Int64"),
                         "s": pd.array(["c", "a", "n", None, "a", "z", "b", "c"], dtype="string")})
    right = pd.DataFrame({"c": pd.array([1, 1, None, 9, 4], dtype="Int64"),
                          "t": pd.array(["a", None, "c", "q", "c"], dtype="string")})
    session = cpd.Session(ordering_mode=mode)
    try:
        cl, cr = session.read_pandas(left), session.read_pandas(right)
        masks = [  # (mask, its anti-joins)
            (lambda f, g: (f["a"] > 1) & ~f["b"].isin(g["c"]), 1),
            (lambda f, g: ~f["b"].isin(g["c"]) & (f["a"] > 1), 1),
            (lambda f, g: (f["a"] > 1) & f["b"].isin(g["c"]), 0),
            (lambda f, g: (f["a"] >= 1) & f["s"].isin(g["t"]) & ~f["b"].isin(g["c"]) & (f["b"] != 9), 1),
            (lambda f, g: f["s"].isin(g[g["c"] > 1]["t"]) & ((f["a"] > 2) | f["b"].isna()), 0),
            (lambda f, g: ~f["s"].isin(g["t"]) & (f["b"] < 8) & ~f["a"].isin(g["c"]) & ~f["b"].isin(g["c"]), 2),
        ]
        for mask, anti in masks:
            got, expected = cl[mask(cl, cr)], left[mask(left, right)]
            sql = got.sql
            # (a string x is found missing among missing values: that ~isin is no anti-join)
            assert "NOT EXISTS" not in sql and "WHERE" in sql, sql
            assert sql.upper().count("JOIN") == sql.upper().count("ANTI JOIN") == anti, sql
            for _ in range(2):  # re-execution gives the same
                if mode == "strict":
                    assert_same(got, expected)
                else:
                    out = got.to_pandas().reset_index(drop=True)
                    key = ["a", "b", "s"]
                    pd.testing.assert_frame_equal(
                        out.sort_values(key, na_position="last").reset_index(drop=True),
                        expected.sort_values(key, na_position="last").reset_index(drop=True))
    finally:
        session.close()


def test_empty_values_and_empty_x():
    left = pd.DataFrame({"k": pd.array([1, None, 2], dtype="Int64"), "s": pd.array(["a", None, "b"], dtype="string")})
    right = pd.DataFrame({"k": pd.array([1], dtype="Int64"), "s": pd.array(["a"], dtype="string")})
    cl, cr = cpd.read_pandas(left), cpd.read_pandas(right)
    none_r = cr[cr["k"] > 5]
    none_p = right[right["k"] > 5]
    assert_same(cl["k"].isin(none_r["k"]), left["k"].isin(none_p["k"]))
    assert_same(cl["s"].isin(none_r["s"]), left["s"].isin(none_p["s"]))
    assert_same(cl[cl["k"] > 5]["k"].isin(cr["k"]), left[left["k"] > 5]["k"].isin(right["k"]))


def test_same_frame_and_derived_values():
    """Values from the same frame (a self semi-join) and computed values."""
    pdf = pd.DataFrame({"a": pd.array([1, 2, 3, 4, None], dtype="Int64"),
                        "b": pd.array([2, 4, 6, None, 8], dtype="Int64")})
    c = cpd.read_pandas(pdf)
    assert_same(c["a"].isin(c["b"]), pdf["a"].isin(pdf["b"]))
    assert_same(c["a"].isin(c["b"] // 2), pdf["a"].isin(pdf["b"] // 2))
    assert_same(c[c["a"].isin(c["b"])], pdf[pdf["a"].isin(pdf["b"])])
    # ~isin is an anti-join whose inner rows have the same columns as the outer ones: x must
    # still mean the outer row's values (a missing x is kept, as pandas keeps it).
    assert_same(c[~c["a"].isin(c["b"])], pdf[~pdf["a"].isin(pdf["b"])])
    assert_same(c[~c["a"].isin(c[c["b"] > 4]["a"])], pdf[~pdf["a"].isin(pdf[pdf["b"] > 4]["a"])])
    assert_same(c[~(c["a"] + 1).isin(c["b"]) & (c["b"] > 2)], pdf[~(pdf["a"] + 1).isin(pdf["b"]) & (pdf["b"] > 2)])
    assert_same(c[~c["b"].isin(c["a"] * 2)], pdf[~pdf["b"].isin(pdf["a"] * 2)])


def test_isin_series_as_column_and_in_aggregates():
    left = pd.DataFrame({"k": pd.array([1, 2, 3, 2], dtype="Int64"), "v": pd.array([1.0, 2.0, 3.0, 4.0], dtype="Float64")})
    right = pd.DataFrame({"k": pd.array([2, 9], dtype="Int64")})
    cl, cr = cpd.read_pandas(left), cpd.read_pandas(right)
    got = cl.assign(m=cl["k"].isin(cr["k"]))
    assert_same(got, left.assign(m=left["k"].isin(right["k"])))
    assert_same(got.groupby("m")["v"].sum(), left.assign(m=left["k"].isin(right["k"])).groupby("m")["v"].sum())
    assert int(cl["k"].isin(cr["k"]).sum()) == int(left["k"].isin(right["k"]).sum())


def test_values_from_another_session_are_refused():
    a = cpd.Session()
    b = cpd.Session()
    try:
        x = a.read_pandas(pd.DataFrame({"k": [1, 2]}))["k"]
        y = b.read_pandas(pd.DataFrame({"k": [1]}))["k"]
        with pytest.raises(exceptions.CormorantError, match="two sessions"):
            x.isin(y)
    finally:
        a.close()
        b.close()



@pytest.mark.parametrize("wrap", ["cormorant", "pandas"])
def test_frame_isin_dict_of_series_is_refused(wrap):
    """pandas' DataFrame.isin matches a Series in the dict by index label (not as a list of values,
    as Series.isin does): refused rather than answered as a semi-join."""
    left = pd.DataFrame({"k": pd.array([1, 2, None, 4], dtype="Int64")})
    right = pd.DataFrame({"k": pd.array([4, 4, 1], dtype="Int64")})
    values = cpd.read_pandas(right)["k"] if wrap == "cormorant" else right["k"]
    assert not left.isin({"k": right["k"]}).equals(left.isin({"k": list(right["k"])}))  # why it matters
    with pytest.raises(exceptions.UnsupportedError, match="index label"):
        cpd.read_pandas(left).isin({"k": values})


@pytest.mark.parametrize("rows", [2, 50, 5000])
def test_rows_keep_their_order_through_the_semi_join(rows):
    """The engine may run `x IN (SELECT ...)` as a join that reorders rows: a filter or column
    over it must still come out in the frame's order (found by tests/fuzz, isin: a two-row
    frame came back reversed)."""
    x = [3, 4] if rows == 2 else [(i * 7) % 11 for i in range(rows)]
    a = pd.DataFrame({"x": pd.array(x, dtype="Int64"), "y": pd.array(range(rows), dtype="Int64")},
                     index=pd.Index(range(5, 5 + rows)))
    b = pd.DataFrame({"v": pd.array([3, 0, 4, 9, 7, 3], dtype="Int64")}, index=pd.Index(list("zxcabd"), dtype="str"))
    ca, cb = cpd.read_pandas(a), cpd.read_pandas(b)
    for op in (lambda f, g: f[f.x.isin(g.v)], lambda f, g: f[~f.x.isin(g.v)], lambda f, g: f.assign(m=f.x.isin(g.v)),
               lambda f, g: f[f.x.isin(g.v)].head(3), lambda f, g: f[f.x.isin(g.v)].y):
        assert_same(op(ca, cb), op(a, b))
