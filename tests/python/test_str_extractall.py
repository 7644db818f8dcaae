"""Series.str.extractall against pandas 3.1: a row per match, the groups as columns (named by
name, the others by position), indexed by the Series' index and "match"; several matches per
row, optional groups, repeated and named index labels, no rows, only missing values; both
ordering modes, twice."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same

VALUES = ["a1b22", None, "", "x", "c3", "é9ü8 z7", "no digits", "A1", "q12r3s456"]
PATTERNS = [(r"([a-z])(?P<d>[0-9]+)", 0), (r"([a-z])([0-9])?", 0), (r"(\d)", 0), (r"(?P<letter>[a-zé])", 0),
            (r"([a-z])(\d)", re.IGNORECASE), (r"(\w)(\d+)", 0)]


def _series(index):
    return pd.Series(VALUES, dtype="string", name="s", index=index)


INDEXES = {
    "default": None,
    "repeated": pd.Index([10, 11, 12, 13, 10, 14, 15, 10, 16], name="k"),
    "text": pd.Index(list("abcdefghi")),
}


@pytest.mark.parametrize("index", list(INDEXES))
@pytest.mark.parametrize("pat, flags", PATTERNS, ids=[p for p, _ in PATTERNS])
def test_extractall_as_pandas(pat, flags, index):
    p = _series(INDEXES[index])
    c = cpd.read_pandas(p.to_frame())["s"]
    result, expected = c.str.extractall(pat, flags=flags), p.str.extractall(pat, flags=flags)
    for _ in range(2):  # re-execution
        assert_same(result, expected)
    assert list(result.to_pandas().index.names) == list(expected.index.names)


@pytest.mark.parametrize("pat, flags", PATTERNS[:3], ids=[p for p, _ in PATTERNS[:3]])
def test_partial_ordering_mode_gives_pandas_rows(pat, flags):
    p = _series(INDEXES["repeated"])
    with cpd.option_context("session.ordering_mode", "partial"):
        got = cpd.read_pandas(p.to_frame())["s"].str.extractall(pat, flags=flags).to_pandas().reset_index()
    expected = p.str.extractall(pat, flags=flags).reset_index()
    by = list(expected.columns)
    got = got.astype({c: "string" for c in got.columns if c not in ("k", "match")})
    pd.testing.assert_frame_equal(got.sort_values(by, ignore_index=True).astype(str),
                                  expected.sort_values(by, ignore_index=True).astype(str))


@pytest.mark.parametrize("values", [[], [None, None], ["", "none"]], ids=["no_rows", "missing", "no_match"])
def test_nothing_to_extract(values):
    p = pd.Series(values, dtype="string", name="s")
    got = cpd.read_pandas(p.to_frame())["s"].str.extractall(r"([a-z])(?P<d>\d)").to_pandas()
    expected = p.str.extractall(r"([a-z])(?P<d>\d)")
    assert len(got) == len(expected) == 0
    assert list(got.columns) == list(expected.columns) and list(got.index.names) == list(expected.index.names)


def test_refusals():
    c = cpd.read_pandas(_series(None).to_frame())["s"]
    with pytest.raises(exceptions.InvalidArgumentError, match="capture groups"):
        c.str.extractall(r"\d")
    with pytest.raises(ValueError):
        _series(None).str.extractall(r"\d")
    with pytest.raises(exceptions.UnsupportedError, match="empty string"):
        c.str.extractall(r"(\d*)")
    with pytest.raises(exceptions.UnsupportedError):
        c.str.extractall(r"(a|)?(b)?")
