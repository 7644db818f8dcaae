"""The UDF types of issue 10 (bytes, decimal.Decimal, dates, naive and UTC datetimes, lists of
these) through @cpd.udf, in-process and in worker processes, against pandas' apply/map/combine
on the same data; and the core dtypes they need (binary[pyarrow], decimal128(38, 9)[pyarrow],
list<item: T>[pyarrow]) read, written and refused where not supported yet."""

from __future__ import annotations

import datetime as dt
import decimal

import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from conftest import assert_same, engine_prelude
from cormorant import exceptions

UTC = dt.timezone.utc
D = decimal.Decimal

# (declared type, pandas dtype of the column, values with a missing one)
SCALARS = {
    "int": (int, pd.Int64Dtype(), [1, None, -5, 2**62]),
    "float": (float, pd.Float64Dtype(), [1.5, None, -0.0]),
    "bool": (bool, pd.BooleanDtype(), [True, None, False]),
    "str": (str, pd.StringDtype(na_value=pd.NA), ["a", None, "", "日本"]),
    "bytes": (bytes, pd.ArrowDtype(pa.binary()), [b"ab", None, b"", b"\x00\xff"]),
    "decimal": (D, pd.ArrowDtype(pa.decimal128(38, 9)),
                [D("1.5"), None, D("-0.000000001"), D("12345678901234567890.123456789")]),
    "date": (dt.date, pd.ArrowDtype(pa.date32()), [dt.date(2024, 2, 29), None, dt.date(1969, 12, 31)]),
    "datetime": (dt.datetime, "datetime64[us]", [dt.datetime(2024, 1, 1, 12, 30, 0, 5), None, dt.datetime(1960, 5, 5)]),
    "utc": ("datetime64[us, UTC]", "datetime64[us, UTC]",
            [dt.datetime(2024, 1, 1, 12, 30, tzinfo=UTC), None, dt.datetime(1960, 5, 5, 1, tzinfo=UTC)]),
}
ITEM_ARROW = {"int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(), "str": pa.string(), "bytes": pa.binary(),
              "decimal": pa.decimal128(38, 9), "date": pa.date32(), "datetime": pa.timestamp("us"),
              "utc": pa.timestamp("us", tz="UTC")}


def _list_case(name):
    t, _, values = SCALARS[name]
    items = [v for v in values if v is not None]
    declared = list[t] if not isinstance(t, str) else f"list<item: {ITEM_ARROW[name]}>[pyarrow]"
    return declared, pd.ArrowDtype(pa.list_(ITEM_ARROW[name])), [items + [None], None, [], items[:1]]


CASES = {**SCALARS, **{f"list[{n}]": _list_case(n) for n in SCALARS}}


def _series(dtype, values) -> pd.Series:
    return pd.Series(values, dtype=dtype, name="v")


def _python_values(s: pd.Series) -> pd.Series:
    """`s` as an object Series of Python values with missing ones as None, as a UDF receives
    them (pandas' own apply of an Arrow list column would pass numpy arrays with NaN items)."""
    return pd.Series([None if _missing(v) else v for v in s], index=s.index, dtype=object, name=s.name)


def _pandas_apply(s: pd.Series, f) -> pd.Series:
    """pandas' Series.apply with missing values passed as None (the UDF contract)."""
    return _python_values(s).apply(f)


def _assert_matches(got: pd.Series, want: pd.Series, dtype: str) -> None:
    """`got` has dtype `dtype` and pandas' result `want` converted to it."""
    assert str(got.dtype) == dtype
    pd.testing.assert_series_equal(got, want.astype(got.dtype), check_names=False)


def _missing(v) -> bool:
    return v is None or v is pd.NA or v is pd.NaT


def _values(s: pd.Series) -> list:
    """A result's values as Python objects, missing as None."""
    return [None if _missing(v) else v for v in s.astype(object).tolist()]


@pytest.mark.parametrize("workers", [None, 2])
@pytest.mark.parametrize("case", list(CASES))
def test_identity_roundtrip_matches_pandas(case, workers):
    declared, dtype, values = CASES[case]

    @cpd.udf(input_types=[declared], output_type=declared, workers=workers)
    def identity(v):
        return v

    @cpd.udf(input_types=[declared], output_type=bool, workers=workers)
    def is_missing(v):
        return v is None

    pdf = pd.DataFrame({"v": _series(dtype, values)})
    src = cpd.read_pandas(pdf)["v"]
    got = src.apply(identity).to_pandas()
    _assert_matches(got, _pandas_apply(pdf["v"], identity), str(pdf["v"].dtype))
    pd.testing.assert_series_equal(got, pdf["v"])
    _assert_matches(src.map(is_missing).to_pandas(), _pandas_apply(pdf["v"], is_missing), "boolean")


@pytest.mark.parametrize("workers", [None, 2])
@pytest.mark.parametrize("case", list(CASES))
def test_empty_input(case, workers):
    declared, dtype, _ = CASES[case]

    @cpd.udf(input_types=[declared], output_type=declared, workers=workers)
    def identity(v):
        return v

    got = cpd.read_pandas(pd.DataFrame({"v": _series(dtype, [])}))["v"].apply(identity).to_pandas()
    assert len(got) == 0 and str(got.dtype) == str(_series(dtype, []).dtype)


@cpd.udf
def grow_bytes(b: bytes) -> bytes:
    return None if b is None else b[::-1] + b"!"


@cpd.udf
def double_decimal(x: decimal.Decimal) -> decimal.Decimal:
    return None if x is None else x * 2


@cpd.udf
def next_day(d: dt.date) -> dt.date:
    import datetime

    return None if d is None else d + datetime.timedelta(days=1)


@cpd.udf
def plus_hour(t: dt.datetime) -> dt.datetime:
    import datetime

    return None if t is None else t + datetime.timedelta(hours=1, microseconds=1)


@cpd.udf(input_types=["datetime64[us, UTC]"], output_type="datetime64[us, UTC]")
def utc_plus_hour(t):
    import datetime

    return None if t is None else t + datetime.timedelta(hours=1)


@cpd.udf(input_types=["datetime64[us, UTC]"], output_type=str)
def utc_text(t):
    return None if t is None else t.isoformat()


@cpd.udf
def split_words(s: str) -> list[str]:
    return None if s is None else s.split()


@cpd.udf
def total(xs: list[int]) -> int:
    return None if xs is None else sum(x for x in xs if x is not None)


@cpd.udf
def decimal_parts(x: decimal.Decimal) -> list[decimal.Decimal]:
    return None if x is None else [x, -x, None]


@cpd.udf
def byte_list(b: bytes) -> list[int]:
    return None if b is None else list(b)


@cpd.udf
def days_of(d: dt.date) -> list[dt.date]:
    import datetime

    return None if d is None else [d, d + datetime.timedelta(days=7)]


TRANSFORMS = [
    (grow_bytes, "bytes"),
    (double_decimal, "decimal"),
    (next_day, "date"),
    (plus_hour, "datetime"),
    (utc_plus_hour, "utc"),
    (utc_text, "utc"),
    (split_words, "str"),
    (total, "list[int]"),
    (decimal_parts, "decimal"),
    (byte_list, "bytes"),
    (days_of, "date"),
]


@pytest.mark.parametrize("workers", [None, 2])
@pytest.mark.parametrize("f, case", TRANSFORMS, ids=[f.__name__ for f, _ in TRANSFORMS])
def test_transform_matches_pandas_apply(f, case, workers):
    _, dtype, values = CASES[case]
    if case == "str":
        values = ["a b  c", None, "", "日本 語"]
    if case == "list[int]":  # pandas infers float64 for ints with None: keep them exact in floats
        values = [[1, None, 3], None, [], [-7]]
    pdf = pd.DataFrame({"v": _series(dtype, values)})
    # the same function in worker processes, declared by its dtypes
    g = cpd.udf(f._func, input_types=f.input_dtypes, output_type=f.output_dtype, workers=workers) if workers else f
    got = cpd.read_pandas(pdf)["v"].apply(g).to_pandas()
    _assert_matches(got, _pandas_apply(pdf["v"], f._func), f.output_dtype)


@pytest.mark.parametrize("workers", [None, 2])
def test_combine_decimal_and_bytes_matches_pandas(workers):
    @cpd.udf(workers=workers)
    def tag(x: decimal.Decimal, b: bytes) -> list[bytes]:
        if x is None or b is None:
            return None
        return [b, str(x).encode()]

    pdf = pd.DataFrame({"x": _series(CASES["decimal"][1], CASES["decimal"][2]),
                        "b": _series(CASES["bytes"][1], CASES["bytes"][2])})
    df = cpd.read_pandas(pdf)
    got = df["x"].combine(df["b"], tag).to_pandas()
    xs, bs = (_python_values(pdf[c]) for c in ("x", "b"))
    _assert_matches(got, xs.combine(bs, tag._func), "list<item: binary>[pyarrow]")


def test_annotations_give_list_dtypes():
    assert split_words.output_dtype == "list<item: string>[pyarrow]"
    assert split_words.output_type == list[str]
    assert total.input_dtypes == ["list<item: int64>[pyarrow]"]
    assert double_decimal.input_dtypes == ["decimal128(38, 9)[pyarrow]"]
    assert grow_bytes.output_dtype == "binary[pyarrow]"
    # list[int] and list[str] are different routines
    assert total.identity != cpd.udf(total._func, input_types=[list[str]], output_type=int).identity


@pytest.mark.parametrize("workers", [None, 2])
def test_decimal_result_that_does_not_fit_is_refused(workers):
    @cpd.udf(workers=workers)
    def tiny(x: int) -> decimal.Decimal:
        import decimal

        return decimal.Decimal(x) / decimal.Decimal(3)

    src = cpd.read_pandas(pd.DataFrame({"x": pd.array([3, 1], dtype="Int64")}))["x"]
    with pytest.raises(exceptions.UdfExecutionError, match=r"does not fit in decimal128.*input row: \(1\)"):
        src.apply(tiny).to_pandas()


@pytest.mark.parametrize("workers", [None, 2])
def test_aware_result_where_naive_declared_is_refused(workers):
    @cpd.udf(workers=workers)
    def aware(x: int) -> dt.datetime:
        import datetime

        return datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)

    src = cpd.read_pandas(pd.DataFrame({"x": pd.array([1], dtype="Int64")}))["x"]
    with pytest.raises(exceptions.UdfExecutionError, match="naive datetime"):
        src.apply(aware).to_pandas()


@pytest.mark.parametrize("workers", [None, 2])
def test_wrong_list_item_type_is_refused(workers):
    @cpd.udf(workers=workers)
    def bad(x: int) -> list[int]:
        return [x, "two"]

    src = cpd.read_pandas(pd.DataFrame({"x": pd.array([1], dtype="Int64")}))["x"]
    with pytest.raises(exceptions.UdfExecutionError, match="list of int"):
        src.apply(bad).to_pandas()


def test_aware_non_utc_input_is_refused_naming_the_column():
    s = pd.Series(pd.date_range("2024-01-01", periods=3, tz="US/Eastern", unit="us"), name="when")
    src = cpd.read_pandas(s.to_frame())["when"]
    with pytest.raises(exceptions.DTypeError, match=r"'when'.*tz_convert\('UTC'\)"):
        src.apply(utc_text)
    with pytest.raises(exceptions.DTypeError, match=r"'when'.*tz_convert\('UTC'\)"):
        src.apply(plus_hour)
    # converted to UTC it runs, as pandas does on the converted Series
    got = src.dt.tz_convert("UTC").apply(utc_text).to_pandas()
    _assert_matches(got, _pandas_apply(s.dt.tz_convert("UTC"), utc_text._func), "string")


def test_unsupported_declared_types_are_refused():
    def f(x):
        return x

    with pytest.raises(exceptions.UdfDefinitionError, match="list needs its item type"):
        cpd.udf(f, input_types=[list], output_type=int)
    with pytest.raises(exceptions.UdfDefinitionError, match="not supported"):
        cpd.udf(f, input_types=[list[list[int]]], output_type=int)
    with pytest.raises(exceptions.UdfDefinitionError, match="naive or UTC"):
        cpd.udf(f, input_types=["datetime64[us, US/Eastern]"], output_type=int)
    with pytest.raises(exceptions.UdfDefinitionError, match="not supported"):
        cpd.udf(f, input_types=[complex], output_type=int)


# -- the core dtypes ---------------------------------------------------------------------------

NEW_DTYPES = [c for c in CASES if c in ("bytes", "decimal") or c.startswith("list[")]


@pytest.mark.parametrize("case", NEW_DTYPES)
def test_read_pandas_roundtrip_isna_and_filters(case):
    _, dtype, values = CASES[case]
    pdf = pd.DataFrame({"v": _series(dtype, values), "k": pd.array(range(len(values)), dtype="Int64")})
    df = cpd.read_pandas(pdf)
    assert str(df.dtypes["v"]) == str(pdf.dtypes["v"])
    pd.testing.assert_frame_equal(df.to_pandas(), pdf)
    pd.testing.assert_series_equal(df["v"].isna().to_pandas(), pdf["v"].isna().astype("boolean"))
    pd.testing.assert_series_equal(df["v"].notna().to_pandas(), pdf["v"].notna().astype("boolean"))
    kept = df[df["v"].notna() & (df["k"] > 0)].to_pandas()
    pd.testing.assert_frame_equal(kept, pdf[pdf["v"].notna() & (pdf["k"] > 0)])
    pd.testing.assert_frame_equal(df.iloc[1:].to_pandas(), pdf.iloc[1:])


@pytest.mark.parametrize("case", NEW_DTYPES)
def test_warehouse_table_roundtrip(case, tmp_path):
    _, dtype, values = CASES[case]
    pdf = pd.DataFrame({"v": _series(dtype, values)})
    s = cpd.Session(tmp_path / "wh")
    try:
        s.read_pandas(pdf).to_table("ds.t")
        got = s.read_table("ds.t")
        assert str(got.dtypes["v"]) == str(pdf.dtypes["v"])
        pd.testing.assert_frame_equal(got.to_pandas(), pdf)
    finally:
        s.close()


@pytest.mark.parametrize("case", ["bytes", "decimal"])
def test_equality_matches_pandas(case):
    _, dtype, values = CASES[case]
    pdf = pd.DataFrame({"a": _series(dtype, values), "b": _series(dtype, list(reversed(values)))})
    df = cpd.read_pandas(pdf)
    for got, want in [(df["a"] == df["b"], pdf["a"] == pdf["b"]), (df["a"] != df["b"], pdf["a"] != pdf["b"])]:
        assert _values(got.to_pandas()) == _values(want)


@pytest.mark.parametrize("case", [c for c in NEW_DTYPES if c != "decimal"])  # (decimals: test_decimals)
def test_unsupported_operations_raise_dtype_error(case):
    _, dtype, values = CASES[case]
    pdf = pd.DataFrame({"v": _series(dtype, values), "k": pd.array(range(len(values)), dtype="Int64")})
    df = cpd.read_pandas(pdf)
    calls = [
        lambda: df.sort_values("v").to_pandas(),
        lambda: df.groupby("v").size().to_pandas(),
        lambda: df["v"].min(),
        lambda: df["v"].nunique(),
        lambda: (df["v"] < df["v"]).to_pandas(),
        lambda: df["v"].astype("string").to_pandas(),
        lambda: df.merge(df, on="v").to_pandas(),
        lambda: df["v"].value_counts().to_pandas(),
        lambda: df.drop_duplicates(subset=["v"]).to_pandas(),
    ]
    if case == "bytes":  # (bytes sort, group, deduplicate and take min/max/nunique: test_dtypes_labels.py)
        calls = [calls[4], calls[5], calls[6]]
    for call in calls:
        with pytest.raises(exceptions.DTypeError, match=r"yet|not supported|does not apply|unsupported"):
            call()


def test_other_decimals_and_nested_lists():
    # pandas object columns of Decimals travel as decimal128(38, 9) when they fit exactly
    pdf = pd.DataFrame({"x": pd.Series([D("1.25"), None], dtype=object)})
    got = cpd.read_pandas(pdf).to_pandas()
    assert str(got.dtypes["x"]) == "decimal128(38, 9)[pyarrow]"
    assert _values(got["x"]) == [D("1.25"), None]
    with pytest.raises(exceptions.DTypeError, match="not support"):
        cpd.read_pandas(pd.DataFrame({"x": pd.Series([[[1]]], dtype=pd.ArrowDtype(pa.list_(pa.list_(pa.int64()))))}))
    with pytest.raises(exceptions.DTypeError, match="not support"):
        cpd.read_pandas(pd.DataFrame({"x": pd.Series([D("1.1234567891")], dtype=pd.ArrowDtype(pa.decimal128(20, 10)))}))


def test_refusals_name_the_users_column():
    pdf = pd.DataFrame({"blob": _series(CASES["bytes"][1], CASES["bytes"][2]),
                        "k": pd.array([1, 2, 3, 4], dtype="Int64")})
    df = cpd.read_pandas(pdf)
    for call in [lambda: df.merge(df, on="blob"), lambda: df["blob"].astype("Int64")]:
        with pytest.raises(exceptions.DTypeError, match="column 'blob' of dtype binary.* is not supported yet"):
            call()


def test_numeric_only_reduction_sums_decimals_as_pandas():
    # pandas counts decimal128 columns as numeric: leaving one out would be another result.
    _, dtype, values = CASES["decimal"]
    pdf = pd.DataFrame({"d": _series(dtype, values), "e": _series(dtype, list(reversed(values))),
                        "s": pd.array(["x"] * len(values), dtype="string")})
    assert "d" in pdf.sum(numeric_only=True).index
    for func in ["sum", "max", "mean"]:  # (pandas Series, as pandas gives them)
        pd.testing.assert_series_equal(getattr(cpd.read_pandas(pdf), func)(numeric_only=True),
                                       getattr(pdf, func)(numeric_only=True))


@pytest.mark.parametrize("frame", [False, True])
def test_explode_of_a_list_column_gives_one_row_per_item(frame):
    _, dtype, values = CASES["list[int]"]
    pdf = pd.DataFrame({"l": _series(dtype, values)})
    df = cpd.read_pandas(pdf)
    if frame:
        assert_same(df.explode("l"), pdf.explode("l"))
    else:
        assert_same(df["l"].explode(), pdf["l"].explode())


@pytest.mark.parametrize("workers", [None, 2])
def test_read_function_in_another_process_keeps_the_types(tmp_path, workers):
    import json
    import subprocess
    import sys

    def describe(xs: list[decimal.Decimal], b: bytes) -> list[str]:
        if xs is None or b is None:
            return None
        return [None if x is None else f"{x}:{b.hex()}" for x in xs]

    s = cpd.Session(tmp_path / "wh")
    try:
        f = s.udf(describe, dataset="fns", name="describe")
        assert f.input_types == [list[decimal.Decimal], bytes] and f.output_type == list[str]
        script = f"""
import decimal, json
import pandas as pd, pyarrow as pa
import cormorant.pandas as cpd
s = cpd.Session({str(tmp_path / "wh")!r})
f = s.read_function("fns.describe", workers={workers!r})
assert f.input_dtypes == ["list<item: decimal128(38, 9)>[pyarrow]", "binary[pyarrow]"], f.input_dtypes
assert f.output_type == list[str]
D = decimal.Decimal
df = s.read_pandas(pd.DataFrame({{
    "x": pd.Series([[D("1.5"), None], None, []], dtype=pd.ArrowDtype(pa.list_(pa.decimal128(38, 9)))),
    "b": pd.Series([b"\\x01", b"", None], dtype=pd.ArrowDtype(pa.binary()))}}))
out = df["x"].combine(df["b"], f).to_pandas()
print(json.dumps([None if v is pd.NA else list(v) for v in out]))
s.close()
"""
        r = subprocess.run([sys.executable, "-c", engine_prelude() + script], capture_output=True, text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        xs = _python_values(pd.Series([[D("1.5"), None], None, []], dtype=pd.ArrowDtype(pa.list_(pa.decimal128(38, 9)))))
        bs = _python_values(pd.Series([b"\x01", b"", None], dtype=pd.ArrowDtype(pa.binary())))
        assert json.loads(r.stdout) == xs.combine(bs, describe).tolist()
    finally:
        s.close()


def test_operator_and_astype_refusals_name_the_series():
    _, dtype, values = CASES["decimal"]
    pdf = pd.DataFrame({"price": _series(dtype, values)})
    df = cpd.read_pandas(pdf)
    for call in [lambda: df["price"] < 1.5, lambda: df["price"] == 1.5, lambda: df["price"] + df["price"]]:
        with pytest.raises(exceptions.DTypeError, match="Series 'price'.*: unsupported operand dtypes .*decimal128"):
            call()
    with pytest.raises(exceptions.DTypeError, match="column 'price' of dtype decimal128.* is not supported yet"):
        df["price"].astype("boolean")
    # == None is <NA> everywhere, as in pandas
    assert _values((df["price"] == None).to_pandas()) == _values(pdf["price"] == None)  # noqa: E711
