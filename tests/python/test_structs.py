"""Struct columns (struct<...>[pyarrow]) against pandas 3.1: read_pandas / to_pandas with missing
structs and structs of missing fields, nested lists and structs, filters, selection, head,
concat, isna/notna, sorts by other columns, the .struct accessor (field, explode, dtypes), the
engine's STRUCT (read_sql, read_parquet of pandas' file), to_parquet and warehouse tables,
both ordering modes, empty frames and re-execution; what stays refused raises typed errors."""

from __future__ import annotations

import datetime
import decimal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import ENGINE, assert_same

POINT = pa.struct([("a", pa.int64()), ("b", pa.string())])
NESTED = pa.struct([
    ("n", pa.float64()),
    ("flag", pa.bool_()),
    ("tags", pa.list_(pa.string())),
    ("inner", pa.struct([("x", pa.int64()), ("when", pa.timestamp("us"))])),
    ("price", pa.decimal128(38, 9)),
    ("day", pa.date32()),
    ("raw", pa.binary()),
    ("at", pa.timestamp("us", tz="UTC")),
])
NESTED_VALUES = [
    {"n": 1.5, "flag": True, "tags": ["a", None], "inner": {"x": 1, "when": datetime.datetime(2024, 1, 2, 3, 4, 5)},
     "price": decimal.Decimal("1.250000000"), "day": datetime.date(2024, 5, 6), "raw": b"\x00\x01",
     "at": datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)},
    None,
    {"n": None, "flag": None, "tags": None, "inner": None, "price": None, "day": None, "raw": None, "at": None},
    {"n": -2.0, "flag": False, "tags": [], "inner": {"x": None, "when": None}, "price": decimal.Decimal("-3"),
     "day": datetime.date(1999, 12, 31), "raw": b"", "at": None},
]


def frame() -> pd.DataFrame:
    """Points with a missing struct (row 2), a struct of missing fields (row 3), repeated labels."""
    return pd.DataFrame({
        "p": pd.Series([{"a": 1, "b": "x"}, {"a": 2, "b": None}, None, {"a": None, "b": None}, {"a": 5, "b": "y"},
                        {"a": -6, "b": "z"}], dtype=pd.ArrowDtype(POINT)).array,
        "k": pd.array([3, 1, 2, None, 1, 0], dtype="Int64"),
        "s": pd.array(["u", "v", None, "w", "u", "v"], dtype="string"),
    }, index=pd.Index([10, 11, 11, 12, 13, 14], name="row"))


def nested_frame() -> pd.DataFrame:
    return pd.DataFrame({"v": pd.Series(NESTED_VALUES, dtype=pd.ArrowDtype(NESTED)).array,
                         "k": pd.array(range(len(NESTED_VALUES)), dtype="Int64")})


def rows_sorted(df: pd.DataFrame, by: str) -> pd.DataFrame:
    return df.sort_values(by, kind="stable")


@pytest.mark.parametrize("make", [frame, nested_frame])
@pytest.mark.parametrize("rows", ["all", "none"])
def test_read_pandas_round_trip(make, rows):
    pdf = make() if rows == "all" else make().head(0)
    df = cpd.read_pandas(pdf)
    assert list(df.dtypes) == list(pdf.dtypes)
    for _ in range(2):  # re-execution
        assert_same(df, pdf)
    col = pdf.columns[0]
    assert df[col].dtype == pdf[col].dtype
    assert_same(df[col], pdf[col])


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_filters_selection_head_concat_isna(mode):
    pdf = frame()
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        cases = [
            (df[df["k"] > 0], pdf[pdf["k"] > 0]),
            (df[["s", "p"]], pdf[["s", "p"]]),
            (df[df["p"].notna()], pdf[pdf["p"].notna()]),
            (df[df["p"].isna()], pdf[pdf["p"].isna()]),
            (df.sort_values(["k", "s"]), pdf.sort_values(["k", "s"], kind="stable")),
            (df.sort_values("s", ascending=False), pdf.sort_values("s", ascending=False, kind="stable")),
            (cpd.concat([df, df[df["k"] == 1]]), pd.concat([pdf, pdf[pdf["k"] == 1]])),
            (df[df["k"] > 100], pdf[pdf["k"] > 100]),
        ]
        for got, want in cases:
            for _ in range(2):
                if mode == "strict":
                    assert_same(got, want)
                else:  # rows in any order: the same rows, their values as text
                    result = got.to_pandas()
                    assert list(result.dtypes) == list(want.dtypes)
                    assert sorted(map(str, result.itertuples(index=False))) == \
                        sorted(map(str, want.itertuples(index=False)))
        assert_same(df["p"].isna(), pdf["p"].isna())
        assert_same(df["p"].notna(), pdf["p"].notna())
        if mode == "strict":
            assert_same(df.head(3), pdf.head(3))
            assert_same(df["p"].head(2), pdf["p"].head(2))
            assert_same(df.sort_values("k", na_position="first"), pdf.sort_values("k", na_position="first", kind="stable"))


@pytest.mark.parametrize("rows", ["all", "none"])
def test_struct_accessor_matches_pandas(rows):
    pdf = frame() if rows == "all" else frame().head(0)
    s, ps = cpd.read_pandas(pdf)["p"], pdf["p"]
    pd.testing.assert_series_equal(s.struct.dtypes, ps.struct.dtypes)
    for key in ["a", "b", 0, 1, ["a"], [1]]:
        for _ in range(2):
            assert_same(s.struct.field(key), ps.struct.field(key))
    assert_same(s.struct.explode(), ps.struct.explode())
    assert_same(s[s.struct.field("a") > 1].struct.field("b"), ps[ps.struct.field("a") > 1].struct.field("b"))
    assert not hasattr(pd.DataFrame, "struct")  # pandas has no DataFrame.struct: neither has cormorant
    with pytest.raises(AttributeError):
        cpd.read_pandas(pdf).struct


def pandas_field(ps: pd.Series, key) -> pd.Series:
    """pandas' field, its pyarrow timestamps as the datetime64[us] dtypes cormorant gives them
    (other scalar pyarrow dtypes are mapped by assert_same; decimals, dates, bytes, lists and
    structs are the same dtype on both sides)."""
    want = ps.struct.field(key)
    t = want.dtype.pyarrow_dtype
    if pa.types.is_timestamp(t):
        return want.astype(f"datetime64[us, {t.tz}]" if t.tz else "datetime64[us]")
    return want


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_nested_fields_match_pandas(mode):
    pdf = nested_frame()
    keys = ["n", "flag", "price", "day", "raw", "at", ["inner", "x"], ["inner", "when"], [3, 0], "inner", "tags"]
    with cpd.option_context("session.ordering_mode", mode):
        s, ps = cpd.read_pandas(pdf.set_index("k"))["v"], pdf.set_index("k")["v"]
        pd.testing.assert_series_equal(s.struct.dtypes, ps.struct.dtypes)
        for key in keys:
            for _ in range(2):
                if mode == "strict":
                    assert_same(s.struct.field(key), pandas_field(ps, key))
                else:
                    assert_same(s.struct.field(key).sort_index(), pandas_field(ps, key).sort_index())
        assert_same(s.struct.field("tags").list.len().sort_index(), ps.struct.field("tags").list.len())
        if mode == "strict":
            got = s.struct.explode().to_pandas()
            want = ps.struct.explode()
            for c in ["inner", "tags", "price", "day", "raw"]:
                pd.testing.assert_series_equal(got[c], want[c], check_index_type=False)


SPARK_STRUCTS = ("SELECT named_struct('a', 1, 'b', 'x') AS p UNION ALL SELECT NULL UNION ALL "
                 "SELECT named_struct('a', CAST(NULL AS INT), 'b', CAST(NULL AS STRING))")


def test_engine_struct_and_parquet(tmp_path):
    # (read_sql takes the engine's own SQL: DuckDB's struct literal, Spark's named_struct)
    got = cpd.read_sql(SPARK_STRUCTS if ENGINE == "spark" else
                       "SELECT {'a': 1, 'b': 'x'} AS p UNION ALL SELECT NULL UNION ALL SELECT {'a': NULL, 'b': NULL}")
    want = pd.DataFrame({"p": pd.Series([{"a": 1, "b": "x"}, None, {"a": None, "b": None}],
                                        dtype=pd.ArrowDtype(POINT))})
    result = got.to_pandas()
    result = result.sort_values("p", key=lambda c: c.struct.field("a").fillna(-1).where(c.notna(), -2)).reset_index(drop=True)
    want = want.sort_values("p", key=lambda c: c.struct.field("a").fillna(-1).where(c.notna(), -2)).reset_index(drop=True)
    pd.testing.assert_frame_equal(result, want)
    # pandas 3.1 cannot read its own Parquet file of a struct column back (the dtype name in its
    # metadata does not parse): the frame pandas wrote is the oracle
    for pdf in [frame().reset_index(drop=True), nested_frame()]:
        pdf.to_parquet(tmp_path / "pandas.parquet", index=False)
        for _ in range(2):
            assert_same(cpd.read_parquet(tmp_path / "pandas.parquet"), pdf)


def test_engine_narrow_integers_in_lists_and_structs():
    # An engine's INT (SMALLINT) item or field is Int64 there, as pyarrow dtypes of lists and
    # structs keep them: the same frame from DuckDB's and Spark's SQL
    query = ("SELECT array(1, NULL) AS l, named_struct('a', CAST(2 AS SMALLINT), 'b', array(3)) AS s"
             if ENGINE == "spark" else "SELECT [1, NULL] AS l, {'a': 2::SMALLINT, 'b': [3]} AS s")
    inner = pa.struct([("a", pa.int64()), ("b", pa.list_(pa.int64()))])
    want = pd.DataFrame({"l": pd.Series([[1, None]], dtype=pd.ArrowDtype(pa.list_(pa.int64()))),
                         "s": pd.Series([{"a": 2, "b": [3]}], dtype=pd.ArrowDtype(inner))})
    got = cpd.read_sql(query)
    for _ in range(2):
        pd.testing.assert_frame_equal(got.to_pandas().reset_index(drop=True), want)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("make", [frame, nested_frame])
def test_to_parquet_and_tables(make, mode, tmp_path):
    pdf = make().reset_index(drop=True)
    with cpd.option_context("session.ordering_mode", mode):
        df = cpd.read_pandas(pdf)
        for _ in range(2):
            # the same Arrow types and values as pandas' own file (read with pyarrow: pandas 3.1
            # cannot read its own file of structs back)
            df.to_parquet(tmp_path / "c.parquet", index=False)
            pdf.to_parquet(tmp_path / "p.parquet", index=False)
            got, want = pq.read_table(tmp_path / "c.parquet"), pq.read_table(tmp_path / "p.parquet")
            plain = lambda schema: str(schema.remove_metadata()).replace("large_string", "string")  # noqa: E731
            assert plain(got.schema) == plain(want.schema)  # (Parquet has one string type)
            key = lambda row: (row["k"] is None, row["k"] or 0)  # noqa: E731
            assert sorted(got.to_pylist(), key=key) == sorted(want.to_pylist(), key=key)
            by = [c for c in ["k", "s"] if c in pdf.columns]
            back = cpd.read_parquet(tmp_path / "c.parquet").sort_values(by).to_pandas().reset_index(drop=True)
            pd.testing.assert_frame_equal(back, pdf.sort_values(by, ignore_index=True))
    s = cpd.Session(tmp_path / "wh")
    try:
        s.read_pandas(pdf).to_table("ds.t")
        got = s.read_table("ds.t")
        assert list(got.dtypes) == list(pdf.dtypes)
        pd.testing.assert_frame_equal(got.to_pandas(), pdf)
    finally:
        s.close()


def test_refusals_are_typed():
    pdf = frame()
    df = cpd.read_pandas(pdf)
    with pytest.raises(exceptions.DTypeError, match="'p'"):
        df.sort_values("p").to_pandas()
    with pytest.raises(exceptions.DTypeError, match="'p'"):
        df.groupby("p")["k"].sum().to_pandas()
    with pytest.raises(exceptions.DTypeError, match="'p'"):
        df.merge(df, on="p").to_pandas()
    with pytest.raises(exceptions.DTypeError, match="'p'"):
        df.drop_duplicates(["p"]).to_pandas()
    with pytest.raises(exceptions.DTypeError):
        (df["p"] == df["p"]).to_pandas()
    with pytest.raises(exceptions.DTypeError):
        df["p"].astype("string")
    with pytest.raises(exceptions.DTypeError, match="struct"):
        df["k"].struct
    with pytest.raises(exceptions.InvalidArgumentError, match="'zz'"):
        df["p"].struct.field("zz")
    with pytest.raises(exceptions.InvalidArgumentError, match="position 5"):
        df["p"].struct.field(5)
    with pytest.raises(exceptions.InvalidArgumentError):
        df["p"].struct.field(-1)
    with pytest.raises(exceptions.UnsupportedError):
        df["p"].struct.field(b"a")
    with pytest.raises(exceptions.InvalidArgumentError, match="no fields"):
        df["p"].struct.field(["a", "x"])

    @cpd.udf
    def first(p: int) -> int:
        return p

    with pytest.raises(exceptions.DTypeError):
        df["p"].apply(first).to_pandas()


@pytest.mark.parametrize("fields,match", [
    ([("a", pa.int64()), ("A", pa.int64())], "differ only in case"),
    ([("a", pa.duration("us"))], "struct field 'a'"),
    ([("a", pa.timestamp("us", tz="Europe/Paris"))], "Europe/Paris"),
    ([("a: b", pa.int64())], "a: b"),
    ([("a", pa.list_(pa.struct([("x", pa.int64())])))], "'p'"),
])
def test_unsupported_struct_dtypes_name_the_column(fields, match):
    t = pa.struct(fields)
    pdf = pd.DataFrame({"p": pd.Series([None], dtype=pd.ArrowDtype(t))})
    with pytest.raises(exceptions.DTypeError, match=match):
        cpd.read_pandas(pdf)
