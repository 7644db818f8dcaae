"""str.extract and friends: RE2 (the engine's) against Python's re (pandas'), issue 9 item 4.

Where RE2 cannot give pandas' result, cormorant raises UnsupportedError naming the construct;
it never returns a different result. Compared with pandas on a corpus with missing values,
empty strings and strings that do not match.
"""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same

VALUES = ["a1", "b", "", None, "ab12", "zz", "x9y", "c-3", "aa", "1"]


@pytest.fixture(scope="module")
def pair():
    p = pd.Series(VALUES, dtype="string", name="s")
    return cpd.read_pandas(p.to_frame())["s"], p


PATTERNS = [
    r"([a-z])([0-9])?",      # an optional group that cannot match ""
    r"([a-z])?([0-9])",
    r"(a)|(b)",              # alternatives: the other group takes no part
    r"(?:(x)|(c))-?(\d)",
    r"([a-z]+)",
    r"(q)",                  # matches nothing: all missing
    r"^(a+)(b+)?(\d+)?$",
    r"(?P<letter>[a-z])(?P<digit>[0-9]+)?",
    r"(z)(z)",
    r"()",                   # an empty group that always takes part
    r"(a*)b",                # can match "" and always takes part: "" is ""
]


@pytest.mark.parametrize("pat", PATTERNS)
def test_extract_frame(pair, pat):
    c, p = pair
    assert_same(c.str.extract(pat), p.str.extract(pat))  # columns labelled 0, 1, ... as in pandas


@pytest.mark.parametrize("pat", [p for p in PATTERNS if p.count("(") - p.count("(?:") == 1])
def test_extract_series(pair, pat):
    c, p = pair
    assert_same(c.str.extract(pat, expand=False), p.str.extract(pat, expand=False))


@pytest.mark.parametrize("pat", [r"([a-z])(\d*)?", r"(a)|(b*)", r"(x?)?y"])
def test_ambiguous_optional_group_is_refused(pair, pat):
    c, _ = pair
    with pytest.raises(exceptions.UnsupportedError, match="take no part"):
        c.str.extract(pat)


@pytest.mark.parametrize("call", [
    lambda s: s.str.extract(r"(a)\1"),
    lambda s: s.str.contains(r"(a)\1"),
    lambda s: s.str.match(r"(?P<x>a)(?P=x)"),
    lambda s: s.str.fullmatch(r"(a)(?(1)b|c)"),
    lambda s: s.str.replace(r"(a)\1", "-", regex=True),
    lambda s: s.str.count(r"(a)\1"),
])
def test_backreferences_are_refused(pair, call):
    c, _ = pair
    with pytest.raises(exceptions.UnsupportedError, match="backreference"):
        call(c).to_pandas()


def test_replacement_group_references_still_work(pair):
    c, p = pair
    assert_same(c.str.replace(r"([a-z])(\d)", r"\2\1", regex=True), p.str.replace(r"([a-z])(\d)", r"\2\1", regex=True))
