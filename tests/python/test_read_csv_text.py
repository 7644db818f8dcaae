"""read_csv of files as people write them, against pandas' read_csv: blank lines (which pandas
skips and the engine read as rows, or as text that turned a number column into strings), and the
header's labels (pandas keeps the text as written, names an empty field "Unnamed: i", numbers a
repeated label "a.1", and gives an index read from an unnamed column no name: the round trip of
``df.to_csv(path)`` then ``read_csv(path, index_col=0)``)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.exceptions as ex
import cormorant.pandas as cpd
from conftest import assert_same

BLANK_LINES = {
    "one_column": "a\n1\n\n2\n",
    "one_column_trailing": "a\n1\n2\n\n\n",
    "one_column_only_header": "a\n\n",
    "one_column_crlf": "a\r\n1\r\n\r\n2\r\n",
    "spaces_one_column": "a\n1\n \n2\n",
    "spaces_two_columns": "a,b\n1,2\n \n3,4\n",
    "tab_two_columns": "a,b\n1,2\n\t\n3,4\n",
    "last_line_spaces": "a\n1\n  ",
    "leading_blank_lines": "\n\na\n1\n",
    "leading_blank_lines_two_columns": "\n \na,b\n1,2\n",
    "quoted_blank_line_kept": 'a\n"x\n\ny"\n\nz\n',
    "quoted_header_with_blank_line": '"a\n\nb",c\n1,2\n\n3,4\n',
    "strings": "s,n\nx,1\n\ny,2\n\n",
}


def _write(tmp_path, text: str):
    path = tmp_path / "data.csv"
    path.write_bytes(text.encode("utf-8"))
    return path


@pytest.mark.parametrize("text", list(BLANK_LINES.values()), ids=list(BLANK_LINES))
@pytest.mark.parametrize("kwargs", [{}, {"header": None}], ids=["header", "no_header"])
def test_blank_lines_are_skipped(tmp_path, text, kwargs):
    path = _write(tmp_path, text)
    assert_same(cpd.read_csv(path, **kwargs), pd.read_csv(path, **kwargs))


def test_tab_separated_line_of_one_tab_is_a_row(tmp_path):
    """With sep='\\t' a line holding one tab is two empty fields (a row), not a blank line."""
    path = _write(tmp_path, "a\tb\n1\t2\n\t\n3\t4\n")
    assert_same(cpd.read_csv(path, sep="\t"), pd.read_csv(path, sep="\t", dtype_backend="numpy_nullable"))


def test_file_of_blank_lines_has_no_columns(tmp_path):
    path = _write(tmp_path, " \n\t\n\n")
    with pytest.raises(pd.errors.EmptyDataError):
        pd.read_csv(path)
    with pytest.raises(ex.ParserError, match="No columns to parse"):
        cpd.read_csv(path)


HEADERS = {
    "empty_field": ",a\n0,1\n1,2\n",
    "trailing_delimiter": "a,b,\n1,2,5\n3,4,6\n",
    "repeated": "a,a,b,a\n1,2,3,4\n",
    "repeated_taken": "a,a,a.1\n1,2,3\n",
    "unnamed_repeated_last": "x,,x,,Unnamed: 1\n1,2,3,4,5\n",
    "spaces_kept": "a, b ,c \n1,2,3\n",
    "case_differs": "a,A\n1,2\n",
    "na_strings_as_labels": "NA,null,None,n/a\n1,2,3,4\n",
    "quoted": '"x, y","say ""hi""",z\n1,2,3\n',
    "byte_order_mark": "\ufeffa,b\n1,2\n",
}


@pytest.mark.parametrize("text", list(HEADERS.values()), ids=list(HEADERS))
def test_header_labels_are_pandas(tmp_path, text):
    path = _write(tmp_path, text)
    assert_same(cpd.read_csv(path), pd.read_csv(path))


def test_header_labels_with_na_values_naming_a_column(tmp_path):
    """na_values apply to values, never to the header (the engine read the label 'b' as missing)."""
    path = _write(tmp_path, "a,b\n1,b\n2,x\n")
    assert_same(cpd.read_csv(path, na_values=["b"]), pd.read_csv(path, na_values=["b"]))


def test_header_none_numbers_the_columns(tmp_path):
    path = _write(tmp_path, "a,b\n1,2\n")
    assert_same(cpd.read_csv(path, header=None), pd.read_csv(path, header=None))


@pytest.mark.parametrize(
    "index",
    [pd.Index([5, 6]), pd.Index([5, 6], name="id"), pd.MultiIndex.from_tuples([(1, "a"), (2, "b")])],
    ids=["unnamed", "named", "two_levels"],
)
@pytest.mark.parametrize("index_col", [0, [0, 1], None], ids=["first", "first_two", "none"])
def test_to_csv_round_trip_with_index_col(tmp_path, index, index_col):
    path = tmp_path / "frame.csv"
    pd.DataFrame({"x": [1, 2]}, index=index).to_csv(path)
    want = pd.read_csv(path, index_col=index_col)
    got = cpd.read_csv(path, index_col=index_col)
    assert_same(got, want)
    assert list(got.to_pandas().index.names) == list(want.index.names)


@pytest.mark.parametrize(
    "usecols", [[0, 2], [2, 0], [-1], lambda c: c != "b", ["c", "a"]], ids=["positions", "positions_unordered", "negative", "callable", "labels"]
)
def test_usecols(tmp_path, usecols):
    path = _write(tmp_path, "a,b,c\n1,2,3\n4,5,6\n")
    if usecols == [-1]:
        with pytest.raises(ValueError):
            pd.read_csv(path, usecols=usecols)
        with pytest.raises(ex.InvalidArgumentError):
            cpd.read_csv(path, usecols=usecols)
        return
    assert_same(cpd.read_csv(path, usecols=usecols), pd.read_csv(path, usecols=usecols))


def test_usecols_mixed_kinds_refused(tmp_path):
    path = _write(tmp_path, "a,b\n1,2\n")
    with pytest.raises(ValueError, match="must either be list-like of all strings"):
        pd.read_csv(path, usecols=["a", 1])
    with pytest.raises(ex.InvalidArgumentError, match="must either be list-like of all strings"):
        cpd.read_csv(path, usecols=["a", 1])


def test_na_values_of_each_column_refused(tmp_path):
    """A dict of na_values was taken as its keys, read as missing everywhere (the header too)."""
    path = _write(tmp_path, "a,b\n1,1.5\n2,2.5\n")
    with pytest.raises(ex.UnsupportedError, match="na_values of each column"):
        cpd.read_csv(path, na_values={"b": ["1.5"]})


# Values whose dtype the engine's own CSV sniffer decided otherwise than pandas: hexadecimal and
# binary integers read as numbers (16 for "0x10"), "NAN" as a missing float, "007" and "+1" as
# text, a column without values as text, integers past Int64 as rounded floats.
VALUES = {
    "hexadecimal": ["0x10", "0X1F"],
    "binary": ["0b101", "5"],
    "nan_spellings": ["NAN", "1.5"],
    "nan_mixed_case": ["Nan", "2"],
    "leading_zeros": ["007", "010"],
    "plus_sign": ["+1", "2"],
    "spaces_around_integers": [" 12 ", "\t3"],
    "spaces_around_floats": [" 1.5 ", "2e3 "],
    "infinities": ["+inf", "-Infinity", "iNf"],
    "spaced_infinity_is_text": [" inf", "1.5"],
    "floats_without_digits_on_a_side": ["5.", ".5", "-.5e-3"],
    "no_values": ["", ""],
    "booleans_any_case": ["tRuE", "FALSE"],
    "booleans_spaced_are_text": ["True ", "False"],
    "booleans_and_integers": ["True", "1"],
    "past_int64_unsigned": ["9223372036854775808", "1"],
    "past_int64_negative": ["-9223372036854775809", "1"],
    "past_uint64": ["18446744073709551616", "1"],
    "integers_and_floats": ["1", "2.5"],
    "underscores": ["1_000", "2"],
    "other_digits": ["١٢", "3"],
    "incomplete_exponent": ["1e", "2"],
}


@pytest.mark.parametrize("values", list(VALUES.values()), ids=list(VALUES))
def test_values_take_pandas_dtype(tmp_path, values):
    path = _write(tmp_path, "a,b\n" + "".join(f"{v},{i}\n" for i, v in enumerate(values)))
    want = pd.read_csv(path, dtype_backend="numpy_nullable")
    got = cpd.read_csv(path)
    if want["a"].isna().all():  # pandas' own dtype is float64 (NaN), numpy_nullable's Int64
        want["a"] = want["a"].astype("Float64")
    if str(want["a"].dtype) == "object":  # pandas' Python ints past Int64: text here, as read
        want["a"] = pd.Series(values, dtype="string")
    assert_same(got, want)


@pytest.mark.parametrize("usecols", [[], (), lambda c: False], ids=["list", "tuple", "callable"])
@pytest.mark.parametrize("kwargs", [{}, {"header": None}, {"index_col": None}], ids=["header", "no_header", "index_none"])
def test_usecols_of_no_columns_reads_no_rows(tmp_path, usecols, kwargs):
    """usecols selecting nothing: pandas reads (0, 0), not the file's rows without columns."""
    path = _write(tmp_path, "a,b\n1,2\n3,4\n")
    want = pd.read_csv(path, usecols=usecols, **kwargs)
    assert want.shape == (0, 0)
    got = cpd.read_csv(path, usecols=usecols, **kwargs)
    assert got.shape == (0, 0)
    assert_same(got, want)
