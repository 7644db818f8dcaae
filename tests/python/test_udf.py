"""UDFs (@cpd.udf) against pandas' Series.apply / map / combine and DataFrame.apply(axis=1)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions


@cpd.udf(transpile=False)  # the Python call (test_udf_transpile.py tests the SQL form)
def plus_one(x: int) -> int:
    return None if x is None else x + 1


@cpd.udf(input_types=[str], output_type=str)
def shout(s):
    if s is None:
        return None
    return s.upper() + "!"


@cpd.udf
def ratio(a: float, b: float) -> float:
    if a is None or b is None or b == 0:
        return None
    return a / b


@cpd.udf(input_types=cpd.Series, output_type=str)
def describe_row(row):
    return f"{row['species']}:{row['island']}:{row['body_mass_g']}"


def _pandas_apply(s: pd.Series, f) -> pd.Series:
    """pandas' apply with missing values passed as None (the UDF contract)."""
    return s.astype(object).where(s.notna(), None).apply(f)


def test_apply_int_matches_pandas(penguins):
    df, pdf = penguins
    got = df["body_mass_g"].apply(plus_one).to_pandas()
    want = _pandas_apply(pdf["body_mass_g"], plus_one).astype("Int64")
    pd.testing.assert_series_equal(got, want)


def test_map_str_matches_pandas(penguins):
    df, pdf = penguins
    got = df["species"].map(shout).to_pandas()
    want = _pandas_apply(pdf["species"], shout).astype("string")
    pd.testing.assert_series_equal(got, want)


def test_combine_aligns_then_calls(penguins):
    df, pdf = penguins
    a, b = df["bill_length_mm"], df["bill_depth_mm"]
    got = a.combine(b, ratio).to_pandas()
    pa_, pb = pdf["bill_length_mm"], pdf["bill_depth_mm"]
    want = pa_.astype(object).where(pa_.notna(), None).combine(pb.astype(object).where(pb.notna(), None), ratio)
    pd.testing.assert_series_equal(got, want.astype("Float64"), check_names=False)
    assert got.name is None  # different names: pandas gives no name


def test_frame_apply_rows(penguins):
    df, pdf = penguins
    cols = ["species", "island", "body_mass_g"]
    got = df[cols].apply(describe_row, axis=1).to_pandas()
    rows = pdf[cols].astype(object).where(pdf[cols].notna(), None)
    want = rows.apply(describe_row, axis=1).astype("string")
    pd.testing.assert_series_equal(got, want)


def test_udf_inside_one_query_with_filters(penguins):
    df, pdf = penguins
    heavy = df[df["body_mass_g"] > 4000]
    out = heavy.assign(m=heavy["body_mass_g"].apply(plus_one))
    out = out[out["m"] % 2 == 0]
    sql = out.sql
    assert "cormorant_udf_" in sql
    got = out.to_pandas()
    p = pdf[pdf["body_mass_g"] > 4000]
    p = p.assign(m=(p["body_mass_g"] + 1).astype("Int64"))
    p = p[p["m"] % 2 == 0]
    pd.testing.assert_frame_equal(got, p)


def test_reexecution_gives_same_result(penguins):
    df, _ = penguins
    s = df["species"].map(shout)
    first = s.to_pandas()
    pd.testing.assert_series_equal(s.to_pandas(), first)


@cpd.udf(input_types=[str], output_type=str, transpile=False)
def _strict_upper(s):
    return s.upper()  # no guard for None: the data has no missing values


@cpd.udf(input_types=[float], output_type=float, transpile=False)
def _strict_double(x):
    return 2 * x


@pytest.mark.parametrize("ordering_mode", ["strict", "partial"])
def test_function_sees_only_the_rows_of_a_parquet_file(tmp_path, ordering_mode):
    # The engine evaluates consistent functions on a Parquet column's dictionary, which has a
    # NULL entry no row holds; a UDF must see the rows alone (here it would raise on None).
    pdf = pd.DataFrame({"s": ["a", "b", "a", "c"] * 50, "x": [1.0, 2.0, 1.0, 3.0] * 50})
    path = tmp_path / "no_missing.parquet"
    pdf.to_parquet(path)
    s = cpd.Session(ordering_mode=ordering_mode)
    try:
        df = s.read_parquet(path)
        got_s = df["s"].map(_strict_upper).to_pandas()
        got_x = df["x"].map(_strict_double).to_pandas()
    finally:
        s.close()
    want_s = pdf["s"].map(lambda v: v.upper()).astype("string")
    want_x = pdf["x"].map(lambda v: 2 * v).astype("Float64")
    if ordering_mode == "partial":  # any order, a NULL index
        got_s, want_s = sorted(got_s.tolist()), sorted(want_s.tolist())
        got_x, want_x = sorted(got_x.tolist()), sorted(want_x.tolist())
        assert got_s == want_s and got_x == want_x
    else:
        pd.testing.assert_series_equal(got_s, want_s)
        pd.testing.assert_series_equal(got_x, want_x)


def test_empty_input():
    pdf = pd.DataFrame({"x": pd.array([], dtype="Int64")})
    got = cpd.read_pandas(pdf)["x"].apply(plus_one).to_pandas()
    assert len(got) == 0 and str(got.dtype) == "Int64"


@pytest.mark.parametrize(
    "pytype, dtype, values",
    [
        (int, "Int64", [1, None, -5, 2**62]),
        (float, "Float64", [1.5, None, -0.0, float("inf")]),
        (bool, "boolean", [True, None, False]),
        (str, "string", ["a", None, "ß", "日本"]),
        (dt.date, "date32[day][pyarrow]", [dt.date(2020, 1, 31), None, dt.date(1970, 1, 1)]),
        (dt.datetime, "datetime64[us]", [dt.datetime(2020, 1, 31, 12, 30, 1, 5), None]),
    ],
)
def test_every_supported_type_roundtrips(pytype, dtype, values):
    @cpd.udf(input_types=[pytype], output_type=pytype)
    def identity(v):
        return v

    @cpd.udf(input_types=[pytype], output_type=bool)
    def is_missing(v):
        return v is None

    pdf = pd.DataFrame({"v": pd.Series(values, dtype=dtype)})
    src = cpd.read_pandas(pdf)
    got = src["v"].apply(identity).to_pandas()
    want = src["v"].to_pandas()
    pd.testing.assert_series_equal(got, want)
    missing = src["v"].apply(is_missing).to_pandas()
    assert missing.tolist() == [v is None for v in values]


def test_decorated_function_still_callable():
    assert plus_one(41) == 42
    assert shout("a") == "A!"


def test_exception_in_function_fails_query_with_row():
    @cpd.udf
    def fails_on_three(x: int) -> int:
        if x == 3:
            raise ValueError("three!")
        return x

    s = cpd.read_pandas(pd.DataFrame({"x": [1, 2, 3, 4]}))["x"]
    with pytest.raises(exceptions.UdfExecutionError) as info:
        s.apply(fails_on_three).to_pandas()
    e = info.value
    assert e.input_row == [3]
    assert "three!" in str(e) and "ValueError" in e.python_traceback
    assert e.routine_id == fails_on_three.routine_id
    # the session still works
    assert s.apply(plus_one).to_pandas().tolist() == [2, 3, 4, 5]


def test_wrong_result_type_fails_query():
    @cpd.udf
    def lies(x: int) -> int:
        return "not an int" if x == 2 else x

    s = cpd.read_pandas(pd.DataFrame({"x": [1, 2]}))["x"]
    with pytest.raises(exceptions.UdfExecutionError, match="returned a value of type str") as info:
        s.apply(lies).to_pandas()
    assert info.value.input_row == [2]


def test_plain_function_runs_as_a_session_function():
    # (not a UDF: run in this process, nothing stored; test_plain_functions has the cases)
    ps = pd.DataFrame({"x": [1]})["x"]
    s = cpd.read_pandas(ps.to_frame())["x"]
    assert s.apply(lambda v: v + 1).to_pandas().tolist() == ps.apply(lambda v: v + 1).tolist()


def test_dtype_mismatch_is_refused_naming_column():
    s = cpd.read_pandas(pd.DataFrame({"name": ["a"]}))["name"]
    with pytest.raises(exceptions.DTypeError, match="'name'"):
        s.apply(plus_one)
