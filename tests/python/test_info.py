"""DataFrame.info / Series.info / memory_usage against pandas' own on the same data (and on
cormorant's to_pandas() result, whose index pandas would make otherwise after a filter): the text
to the character, memory exact for fixed-width columns and a lower bound marked "+" for strings."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex

FRAME = pd.DataFrame({
    "a": pd.array([1, None, 3, 4], dtype="Int64"),
    "text": pd.array(["x", "yé", None, "zz"], dtype="string"),
    "ts": pd.to_datetime(["2020-01-01", None, "2020-01-02", "2021-05-01"]).as_unit("us"),
    "zoned": pd.to_datetime(["2020-01-01 00:00", None, "2020-03-08 12:00", "2020-11-01 01:30"]).as_unit("us")
    .tz_localize("America/New_York", ambiguous=True),
    "f": pd.array([1.5, None, 2.0, float("inf")], dtype="Float64"),
    3: pd.array([True, None, False, True], dtype="boolean"),
})


def _text(call) -> str:
    buf = io.StringIO()
    call(buf)
    return buf.getvalue()


def _split(text: str):
    """(lines but the class line and memory line, memory bytes, '+' or '')."""
    lines = text.splitlines()
    memory = [line for line in lines if line.startswith("memory usage:")]
    body = [line for line in lines[1:] if not line.startswith("memory usage:")]
    if not memory:
        return body, None, ""
    m = re.match(r"memory usage: ([\d.]+)(\+?) bytes", memory[0])
    return body, float(m.group(1)), m.group(2)


def _check(got: str, expected: str, strings: bool, cls: str):
    assert got.splitlines()[0] == cls
    body, size, plus = _split(got)
    ebody, esize, _ = _split(expected)
    assert body == ebody
    if esize is None:
        assert size is None
    elif strings:
        assert plus == "+" and size <= esize
    else:
        assert plus == "" and size == esize


CASES = {
    "all": lambda p: p,
    "numbers": lambda p: p[["a", "f", 3]],
    "indexed": lambda p: p.set_index("text"),
    "empty": lambda p: p.iloc[:0],
    "datetime index": lambda p: p.dropna(subset=["ts"]).set_index("ts")[["a"]],
}


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("options", [{}, {"verbose": False}, {"show_counts": False}, {"memory_usage": False},
                                     {"max_cols": 2}])
def test_frame_info_equals_pandas(case, options):
    p = CASES[case](FRAME)
    d = cpd.read_pandas(p)
    strings = "string" in [str(t) for t in p.dtypes] or p.index.dtype == "string"
    got = _text(lambda buf: d.info(buf=buf, **options))
    _check(got, _text(lambda buf: p.info(buf=buf, **options)), strings, "<class 'cormorant.frame.DataFrame'>")


def test_filtered_frame_matches_its_result():
    d = cpd.read_pandas(FRAME)
    f = d[d["a"] > 1]
    got = _text(lambda buf: f.info(buf=buf))
    _check(got, _text(lambda buf: f.to_pandas().info(buf=buf)), True, "<class 'cormorant.frame.DataFrame'>")


@pytest.mark.parametrize("column", ["a", "text", "zoned", 3])
def test_series_info_and_memory_usage(column):
    p = FRAME[column]
    s = cpd.read_pandas(FRAME)[column]
    strings = column == "text"
    _check(_text(lambda buf: s.info(buf=buf)), _text(lambda buf: p.info(buf=buf)), strings,
           "<class 'cormorant.series.Series'>")
    for index in (True, False):
        if strings:
            assert 0 < s.memory_usage(index=index) <= p.memory_usage(index=index)
        else:
            assert s.memory_usage(index=index) == p.memory_usage(index=index)
    with pytest.raises(ex.InvalidArgumentError, match="max_cols"):
        s.info(max_cols=3)


def test_frame_memory_usage():
    d = cpd.read_pandas(FRAME)
    for index in (True, False):
        got, expected = d.memory_usage(index=index), FRAME.memory_usage(index=index)
        assert list(got.index) == list(expected.index)
        fixed = [c for c in expected.index if c != "text"]
        pd.testing.assert_series_equal(got[fixed], expected[fixed])
        assert 0 < got["text"] <= expected["text"]
    with cpd.option_context("session.ordering_mode", "partial"):
        partial = cpd.read_pandas(FRAME[["a"]])
        assert partial.memory_usage()["Index"] == 132  # a NULL index is a RangeIndex in pandas' result
        assert "RangeIndex: 4 entries, 0 to 3" in _text(lambda buf: partial.info(buf=buf))
