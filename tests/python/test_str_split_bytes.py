"""The .str names added for pandas 3.1's surface, against pandas: rsplit(n=) (and the refusal of
separators that overlap themselves, whose parts from the right differ from split's),
str.join of list columns, normalize("NFC"), encode/decode (bytes as binary[pyarrow], where
pandas holds an object column of the same bytes); missing values, empty strings and no rows,
both ordering modes, twice."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same, id_frame, in_order

DATA = ["a,b,c", "a,,b,", ",", "", None, "  x  y\tz  ", "   ", "no sep", "é,e\u0301,ﬁ", "a, b, c, d, e",
        "line\nbreak,x", "\u3000wide\u00a0space "]




def _plain(values):
    """Lists (pandas' object lists or Arrow lists) as Python lists, missing values as None."""
    missing = lambda v: v is None or v is pd.NA or (isinstance(v, float) and v != v)  # noqa: E731
    return [None if missing(v) else [None if missing(x) else x for x in v] for v in values]


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("pat", [",", ", ", None, "\n", "é"])
@pytest.mark.parametrize("n", [-1, 0, 1, 2, 3])
def test_rsplit_as_pandas(pat, n, mode):
    pdf = id_frame(DATA)
    expected = pdf["s"].str.rsplit(pat, n=n)
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        result = cdf["s"].str.rsplit(pat, n=n)
        for _ in range(2):
            assert _plain(in_order(cdf, result, mode)) == _plain(expected)
        if mode == "strict":
            assert_same(cdf["s"].str.rsplit(pat, n=n, expand=True), pdf["s"].str.rsplit(pat, n=n, expand=True))
            assert_same(result.str[0], expected.str[0])


def test_rsplit_of_no_rows_and_of_missing_values():
    for values in ([], [None, None]):
        pdf = id_frame(values)
        got = cpd.read_pandas(pdf)["s"].str.rsplit(",", n=1).to_pandas()
        assert _plain(got) == _plain(pdf["s"].str.rsplit(",", n=1))


@pytest.mark.parametrize("sep", ["aa", "--", "aba", "..."])
def test_rsplit_by_a_separator_overlapping_itself_is_refused(sep):
    """pandas splits "aaa" by "aa" from the right into ['a', ''], split gives ['', 'a']."""
    pdf = id_frame(["aaa", "a--b---c", "ababa", "x....y"])
    assert _plain(pdf["s"].str.rsplit(sep)) != _plain(pdf["s"].str.split(sep, regex=False))
    with pytest.raises(exceptions.UnsupportedError, match="overlap itself"):
        cpd.read_pandas(pdf)["s"].str.rsplit(sep)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("sep", ["-", "", ", "])
def test_join_of_lists_as_pandas(sep, mode):
    """pandas joins object lists (what str.split gives there); a list holding a missing item
    gives NaN, a missing list None: both <NA> here."""
    lists = [["a", "b"], None, [], ["a", None], ["x"], ["é", "", "ﬁ"]]
    pdf = pd.DataFrame({"id": range(len(lists)), "l": pd.Series(lists, dtype=object)})
    expected = pdf["l"].str.join(sep).astype("string")
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        result = cdf["l"].str.join(sep)
        for _ in range(2):
            pd.testing.assert_series_equal(in_order(cdf, result, mode), expected.rename("r"))


def test_join_of_split_parts_round_trips():
    pdf = id_frame(DATA)
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf["s"].str.split(",").str.join("|"), pdf["s"].str.split(",").str.join("|"))
    assert_same(cdf["s"].str.rsplit(",", n=1).str.join(";"), pdf["s"].str.rsplit(",", n=1).str.join(";"))


def test_join_of_lists_of_numbers_is_refused():
    pdf = pd.DataFrame({"l": pd.Series([[1, 2]], dtype=pd.ArrowDtype(pa.list_(pa.int64())))})
    with pytest.raises(exceptions.DTypeError, match="lists of strings"):
        cpd.read_pandas(pdf)["l"].str.join("-")


@pytest.mark.parametrize("mode", ["strict", "partial"])
def test_normalize_nfc_as_pandas(mode):
    values = ["e\u0301", "é", "ﬁ", "\u1100\u1161\u11a8", "Å", "\u212b", "", None, "a\u0323\u0307", "\u0958"]
    pdf = id_frame(values)
    expected = pdf["s"].str.normalize("NFC")
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        result = cdf["s"].str.normalize("NFC")
        for _ in range(2):
            pd.testing.assert_series_equal(in_order(cdf, result, mode), expected.rename("r"))


def test_other_normal_forms_are_refused():
    s = cpd.read_pandas(id_frame(["é"]))["s"]
    for form in ("NFD", "NFKC", "NFKD"):
        with pytest.raises(exceptions.UnsupportedError, match=form):
            s.str.normalize(form)
    with pytest.raises(exceptions.InvalidArgumentError, match="form"):
        s.str.normalize("NFX")
    with pytest.raises(ValueError):
        id_frame(["é"])["s"].str.normalize("NFX")


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("encoding", ["utf-8", "UTF8", "utf_8"])
def test_encode_and_decode_as_pandas(encoding, mode):
    pdf = id_frame(DATA)
    expected = pdf["s"].str.encode(encoding)  # an object Series of bytes
    with cpd.option_context("session.ordering_mode", mode):
        cdf = cpd.read_pandas(pdf)
        encoded = cdf["s"].str.encode(encoding)
        assert str(encoded.dtype) == "binary[pyarrow]"
        for _ in range(2):
            assert in_order(cdf, encoded, mode).tolist() == [pd.NA if v is pd.NA else v for v in expected]
        decoded = encoded.str.decode(encoding)
        pd.testing.assert_series_equal(in_order(cdf, decoded, mode),
                                       expected.str.decode(encoding).astype("string").rename("r"))


def test_decode_of_bytes_read_from_pandas():
    pdf = pd.DataFrame({"b": pd.Series([b"caf\xc3\xa9", None, b"", b"\xe2\x82\xac"], dtype=object)})
    assert_same(cpd.read_pandas(pdf)["b"].str.decode("utf-8"), pdf["b"].str.decode("utf-8"))


def test_bytes_that_are_not_utf8_fail_the_query():
    pdf = pd.DataFrame({"b": pd.Series([b"ok", b"\xff"], dtype=object)})
    with pytest.raises(UnicodeDecodeError):
        pdf["b"].str.decode("utf-8")
    with pytest.raises(exceptions.InvalidArgumentError, match="not UTF-8"):
        cpd.read_pandas(pdf)["b"].str.decode("utf-8").to_pandas()


def test_encode_decode_refusals():
    cdf = cpd.read_pandas(id_frame(["é"]))
    with pytest.raises(exceptions.UnsupportedError, match="latin-1"):
        cdf["s"].str.encode("latin-1")
    with pytest.raises(exceptions.InvalidArgumentError, match="unknown encoding"):
        cdf["s"].str.encode("no-such-codec")
    with pytest.raises(exceptions.DTypeError, match="bytes"):
        cdf["s"].str.decode("utf-8")
    encoded = cdf["s"].str.encode("utf-8")
    with pytest.raises(exceptions.UnsupportedError, match="errors"):
        encoded.str.decode("utf-8", errors="replace")
    with pytest.raises(exceptions.DTypeError, match="binary"):
        encoded.str.lower()
