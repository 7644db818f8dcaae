"""DataFrame methods made of column operations (abs, round, select_dtypes, add_prefix/suffix,
get, insert, first/last_valid_index, axes) and Series.get / first_valid_index, against
pandas 3.1: missing values, empty results, non-UTC time zones, sorted and filtered frames."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
import cormorant.exceptions as ex
from conftest import assert_same


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "i": pd.array([3, None, -2, 5, -4], dtype="Int64"),
            "f": pd.array([0.125, -1.5, None, -2.675, 3.25], dtype="Float64"),
            "s": pd.array(["e", None, "c", "b", "a"], dtype="string"),
            "b": pd.array([True, None, False, True, False], dtype="boolean"),
            "t": pd.to_datetime(["2024-03-31 01:30", None, "2024-10-27 02:30", "2024-01-01 00:00", "2024-06-30 12:00"])
            .tz_localize("UTC").tz_convert("America/Sao_Paulo").as_unit("us"),
        },
        index=pd.Index([10, 20, 30, 40, 50], dtype="Int64", name="k"),
    )


SHAPES = {
    "as_read": lambda d: d,
    "sorted": lambda d: d.sort_values("s"),
    "filtered": lambda d: d[d["f"] > -2],
    "empty": lambda d: d[d["f"] > 100],
}

FRAME_OPS = {
    "abs": lambda d: d[["i", "f"]].abs(),
    "round": lambda d: d.round(1),
    "round_0": lambda d: d.round(),
    "round_dict": lambda d: d.round({"f": 2, "i": -1, "missing": 3}),
    "select_number": lambda d: d.select_dtypes("number"),
    "select_include_list": lambda d: d.select_dtypes(include=["string", "boolean"]),
    "select_exclude": lambda d: d.select_dtypes(exclude="number"),
    "select_datetimetz": lambda d: d.select_dtypes(include="datetimetz"),
    "add_prefix": lambda d: d.add_prefix("p_"),
    "add_suffix": lambda d: d.add_suffix("_s"),
    "get": lambda d: d.get("f"),
    "get_list": lambda d: d.get(["s", "i"]),
}


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("op", list(FRAME_OPS))
def test_frame_op(op, shape):
    assert_same(FRAME_OPS[op](SHAPES[shape](cpd.read_pandas(frame()))), FRAME_OPS[op](SHAPES[shape](frame())))


@pytest.mark.parametrize("shape", list(SHAPES))
def test_valid_index_and_missing_get(shape):
    pdf, df = SHAPES[shape](frame()), SHAPES[shape](cpd.read_pandas(frame()))
    assert df.get("nope", "dflt") == pdf.get("nope", "dflt") == "dflt"
    assert df.first_valid_index() == pdf.first_valid_index()
    assert df.last_valid_index() == pdf.last_valid_index()
    for c in ("i", "f", "s", "t"):
        assert df[c].first_valid_index() == pdf[c].first_valid_index()
        assert df[c].last_valid_index() == pdf[c].last_valid_index()
        assert df[c].get(pdf.index[0] if len(pdf) else 99, "x") == pdf[c].get(pdf.index[0] if len(pdf) else 99, "x")


def test_valid_index_none_when_all_missing():
    pdf = pd.DataFrame({"x": pd.array([None, None], dtype="Float64")})
    df = cpd.read_pandas(pdf)
    assert df.first_valid_index() is None and pdf.first_valid_index() is None
    assert df["x"].last_valid_index() is None and pdf["x"].last_valid_index() is None


def test_axes():
    pdf, df = frame(), cpd.read_pandas(frame())
    got = df.axes
    assert list(got[0]) == list(pdf.axes[0]) and list(got[1]) == list(pdf.axes[1])


@pytest.mark.parametrize("loc", [0, 2, 5])
def test_insert_in_place(loc):
    pdf, df = frame(), cpd.read_pandas(frame())
    pdf.insert(loc, "n", pdf["i"] * 2)
    df.insert(loc, "n", df["i"] * 2)
    assert_same(df, pdf)
    pdf.insert(0, "c", 7)
    df.insert(0, "c", 7)
    assert_same(df, pdf)


def test_insert_errors():
    df = cpd.read_pandas(frame())
    with pytest.raises(ValueError, match="already exists"):
        df.insert(0, "i", 1)
    with pytest.raises(IndexError):
        df.insert(9, "z", 1)
    assert list(df.columns) == list(frame().columns)


def test_abs_of_strings_is_a_type_error_naming_the_column():
    with pytest.raises(TypeError, match="'s'"):
        cpd.read_pandas(frame()).abs()
    with pytest.raises(Exception):  # pandas: pyarrow's ArrowNotImplementedError for the string column
        frame().abs()


def test_select_dtypes_bad_argument():
    with pytest.raises(ValueError):
        cpd.read_pandas(frame()).select_dtypes()
    with pytest.raises(ValueError):
        frame().select_dtypes()


def test_round_is_lazy_and_one_query():
    df = cpd.read_pandas(frame()).round(1)
    assert "round" in df.sql.lower() or "ROUND" in df.sql
