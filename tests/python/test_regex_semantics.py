"""str.extract and friends: RE2 (the engine's) against Python's re (pandas'), issue 9 item 4.

Where RE2 cannot give pandas' result, cormorant raises UnsupportedError naming the construct;
it never returns a different result. Compared with pandas on a corpus with missing values,
empty strings and strings that do not match.
"""

from __future__ import annotations

import numpy as np
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


# -- \d, \w, \s: Python's Unicode classes, not RE2's ASCII ones -----------------------------

import re  # noqa: E402

EVERY_CHAR = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]

CLASS_PATTERNS = [
    r"\d", r"\D", r"\w", r"\W", r"\s", r"\S",          # outside brackets
    r"[\d]", r"[\D]", r"[^\w]", r"[\W]", r"[\sx]", r"[^\S_]", r"[\d\s-]",  # inside
    r"(?i)\w", r"(?i)\W", r"(?i)[\d\sK]",               # case-insensitive
    r"(?a)\d", r"(?a)\w", r"(?a)\s", r"(?a)[\D]", r"(?a)[\W]", r"(?a)[^\s]",  # re.ASCII
]


@pytest.fixture(scope="module")
def every_char_matches():
    """fullmatch of each pattern on every code point as a one-character string, in one query."""
    frame = cpd.read_pandas(pd.DataFrame({"s": pd.Series(EVERY_CHAR, dtype="string")}))
    for i, pat in enumerate(CLASS_PATTERNS):
        frame[f"p{i}"] = frame["s"].str.fullmatch(pat)
    return frame.to_pandas()


@pytest.mark.parametrize("i", range(len(CLASS_PATTERNS)), ids=CLASS_PATTERNS)
def test_classes_on_every_code_point(every_char_matches, i):
    """Each class matches exactly the code points Python's re matches."""
    rx = re.compile(CLASS_PATTERNS[i])
    got = every_char_matches[f"p{i}"].tolist()
    wrong = [hex(ord(c)) for c, g in zip(EVERY_CHAR, got) if g != (rx.fullmatch(c) is not None)]
    assert not wrong, f"{len(wrong)} code points differ from re for {CLASS_PATTERNS[i]!r}, e.g. {wrong[:10]}"


UNICODE_VALUES = ["a\u3000b", "x٣y", "é_1", "Ⅻ ²", "\x1c\x0b\x85", None, "", "tab\tend", "K k \u212a", "Σ\u0345",
                  "12 ３４", "naïve café", "\u00a0nbsp"]


@pytest.fixture(scope="module")
def unicode_pair():
    p = pd.Series(UNICODE_VALUES, dtype=pd.StringDtype("python"), name="s")
    return cpd.read_pandas(p.to_frame())["s"], p


@pytest.mark.parametrize("call", [
    lambda s: s.str.replace(r"\s+", "_", regex=True),
    lambda s: s.str.replace(r"[^\w\s]", "?", regex=True),
    lambda s: s.str.count(r"\w"),
    lambda s: s.str.count(r"\D"),
    lambda s: s.str.contains(r"\d"),
    lambda s: s.str.contains(r"K", case=False),
    lambda s: s.str.contains(r"\w", flags=re.IGNORECASE),
    lambda s: s.str.match(r"\w+\s"),
    lambda s: s.str.fullmatch(r"[\w\s]*"),
    lambda s: s.str.extract(r"(\d+)", expand=False),
    lambda s: s.str.replace(r"\d", "#", regex=True, flags=re.ASCII),
    lambda s: s.str.contains(r"\bk\b", flags=re.ASCII),
    lambda s: s.str.contains("[\\b]"),
], ids=lambda f: "")
def test_class_methods_match_pandas(unicode_pair, call):
    """pandas' python-storage strings run Python's re: the oracle."""
    c, p = unicode_pair
    assert_same(call(c), call(p))


@pytest.mark.parametrize("call", [
    lambda s: s.str.contains(r"\bk"),
    lambda s: s.str.replace(r"\B", "-", regex=True),
    lambda s: s.str.contains(r"[\w.]", case=False),
    lambda s: s.str.contains(r"k", flags=re.ASCII | re.IGNORECASE),
])
def test_untranslatable_classes_are_refused(unicode_pair, call):
    c, _ = unicode_pair
    with pytest.raises(exceptions.UnsupportedError):
        call(c)


# -- $ before a final newline, and empty matches at anchors ---------------------------------
# Python's $ (without re.MULTILINE) matches at the end and before a final "\n"; RE2's only at
# the end. Values that do not end with "\n" get pandas' results; a value that does is refused
# (UnsupportedError), never given RE2's answer.

NO_FINAL_NEWLINE = ["a1", "b\nc", "", None, "ab12", "x\n9", "1", "a\n\nb"]
FINAL_NEWLINE = NO_FINAL_NEWLINE + ["a1\n"]

DOLLAR_CALLS = {
    "contains": lambda s: s.str.contains(r"\d$"),
    "contains_alternative": lambda s: s.str.contains(r"^a|b$"),
    "match": lambda s: s.str.match(r"[a-z]+\d*$"),
    "fullmatch": lambda s: s.str.fullmatch(r"a\d$"),
    "replace": lambda s: s.str.replace(r"(\d)$", r"<\1>", regex=True),
    "replace_first": lambda s: s.str.replace(r"\w$", "!", n=1, regex=True),
    "extract": lambda s: s.str.extract(r"(\w)$", expand=False),
    "count": lambda s: s.str.count(r"\d$"),
    "findall": lambda s: s.str.findall(r"\w$"),
    "split": lambda s: s.str.split(r"\d$", regex=True),
    "split_n": lambda s: s.str.split(r"\w$|b", n=1, regex=True),
    "extractall": lambda s: s.str.extractall(r"(\w)$"),
    "series_replace": lambda s: s.replace(r"(\d)$", r"<\1>", regex=True),
    "series_replace_list": lambda s: s.replace([r"b", r"\w$"], "!", regex=True),
    "frame_replace_dict": lambda s: s.to_frame().replace({"s": {r"\d$": "#", "c": "C"}}, regex=True),
    "frame_replace_regex_dict": lambda s: s.to_frame().replace(regex={r"1$": "one"}),
}


def _python_pair(values):
    p = pd.Series(values, dtype=pd.StringDtype("python"), name="s")
    return cpd.read_pandas(p.to_frame())["s"], p


def _same(got, want):
    """assert_same, or for lists (findall; pandas gives Python lists) the same lists."""
    if isinstance(want, pd.DataFrame):
        assert_same(got, want)
    elif got.to_pandas().dtype == "object" or str(got.to_pandas().dtype).startswith("list"):
        as_lists = [None if not isinstance(v, (list, np.ndarray)) else list(v) for v in got.to_pandas()]
        assert as_lists == [None if not isinstance(v, list) else v for v in want]
    else:
        assert_same(got, want)


@pytest.mark.parametrize("name", sorted(DOLLAR_CALLS))
def test_dollar_without_a_final_newline_is_pandas(name):
    c, p = _python_pair(NO_FINAL_NEWLINE)
    _same(DOLLAR_CALLS[name](c), DOLLAR_CALLS[name](p))


@pytest.mark.parametrize("name", sorted(DOLLAR_CALLS))
def test_dollar_before_a_final_newline_is_refused(name):
    c, p = _python_pair(FINAL_NEWLINE)
    DOLLAR_CALLS[name](p)  # (pandas has an answer, which RE2's $ would not give)
    with pytest.raises(exceptions.UnsupportedError, match="ends with a newline"):
        DOLLAR_CALLS[name](c).to_pandas()


@pytest.mark.parametrize("call", [
    lambda s: s.str.contains(r"\d\Z"),
    lambda s: s.str.replace(r"\w\Z", "!", regex=True),
    lambda s: s.str.contains(r"(?m)\d$"),
    lambda s: s.str.replace(r"(?m)\w$", "!", regex=True),
    lambda s: s.str.contains(r"[$]|\$"),
    lambda s: s.str.count(""),
    lambda s: s.str.findall("1*"),
], ids=["contains_Z", "replace_Z", "contains_multiline", "replace_multiline", "literal_dollar", "count_empty",
        "findall_star"])
def test_other_ends_are_pandas_with_final_newlines(call):
    c, p = _python_pair(FINAL_NEWLINE + ["$", "x$\n"])
    _same(call(c), call(p))


@pytest.mark.parametrize("call", [
    lambda s: s.str.count("$"),
    lambda s: s.str.count(r"x*\Z"),
    lambda s: s.str.findall(r"a|$"),
    lambda s: s.str.count(r"(?m)^"),
    lambda s: s.str.findall(r"(?a)\b"),
], ids=["count_dollar", "count_star_Z", "findall_or_dollar", "count_multiline_caret", "findall_boundary"])
def test_empty_matches_at_assertions_are_refused(call):
    """("a".count("$") is 1 in Python; the engine's list of matches holds that match twice.)"""
    c, p = _python_pair(NO_FINAL_NEWLINE)
    call(p)
    with pytest.raises(exceptions.UnsupportedError, match="can match an empty string"):
        call(c)


# -- text Python's re reads otherwise than RE2 (DuckDB) or java.util.regex (Spark) -----------
# Each was a wrong answer on one engine: RE2 took {,n} literally, [[:alpha:]] as a POSIX class
# and did not fold i with İ and ı; Java nests [ and intersects && inside classes, reads \v as
# every vertical space, \101 as a back reference, \b by Unicode letters, and an inline (?i)
# folded ASCII letters only (the Kelvin sign, é/É unmatched).

TEXT_VALUES = ["a", "x{,3}", "xxx", "x{}", "[", "&", "a&&b", "\x0b", "\n", "\x85", "\u2028", "\x00", ":", "A", "ék",
               "k", "k é", "aaa", "é", "É", "\u212a", "Σ", "σ", "ς", "ǅ", "ǆ", "İ", "i", "ı", "I", "ſ", "s", "ﬅ", "ﬆ",
               "ΐ", "\u1fd3", None, ""]

TEXT_CALLS = {
    "brace_upto": lambda s: s.str.fullmatch(r"x{,3}"),
    "brace_any": lambda s: s.str.count(r"x{,}y?"),
    "brace_literal": lambda s: s.str.contains(r"x{}|x{,3|\{"),
    "brace_count": lambda s: s.str.replace(r"x{1,2}", "-", regex=True),
    "class_bracket": lambda s: s.str.contains(r"[[]"),
    "class_posix_text": lambda s: s.str.contains(r"[[:alpha:]]"),
    "class_ampersands": lambda s: s.str.fullmatch(r"[a&&b]+"),
    "vertical_tab": lambda s: s.str.contains(r"\v"),
    "octal": lambda s: s.str.contains(r"\101|\0|[\072]"),
    "ignorecase_i": lambda s: s.str.fullmatch(r"(?i)i"),
    "ignorecase_dotless": lambda s: s.str.fullmatch(r"ı", case=False),
    "ignorecase_range": lambda s: s.str.fullmatch(r"(?i)[a-z]"),
    "ignorecase_negated": lambda s: s.str.fullmatch(r"(?i)[^h-j]"),
    "ignorecase_scoped": lambda s: s.str.contains(r"(?i:I)|(?-i:s)"),
    "ignorecase_accents": lambda s: s.str.contains(r"(?i)é|σ|ǆ|k|ﬅ|ΐ"),
    "ignorecase_replace": lambda s: s.str.replace(r"(?i)[ék]", "#", regex=True),
    "ignorecase_extract": lambda s: s.str.extract(r"(?i)(k)", expand=False),
    "named_group": lambda s: s.str.extract(r"(?P<i>i)", expand=False),
    "ascii_boundary": lambda s: s.str.contains(r"\bk\b", flags=re.ASCII),
    "ascii_non_boundary": lambda s: s.str.replace(r"\B[xk]|a\B", "-", regex=True, flags=re.ASCII),
}


@pytest.mark.parametrize("name", sorted(TEXT_CALLS))
def test_pattern_text_is_read_as_python(name):
    c, p = _python_pair(TEXT_VALUES)
    _same(TEXT_CALLS[name](c), TEXT_CALLS[name](p))


def test_verbose_flag_is_refused():
    c, _ = _python_pair(TEXT_VALUES)
    with pytest.raises(exceptions.UnsupportedError, match="verbose"):
        c.str.contains(r"(?x)[ a]")
    with pytest.raises(exceptions.UnsupportedError, match="verbose"):
        c.str.contains(r"(?x:a b)")


def test_non_boundary_that_can_match_empty_is_refused():
    """Python's \\B never matches in an empty value; RE2's and Java's do."""
    c, p = _python_pair(TEXT_VALUES)
    assert p.str.replace(r"\B", "-", regex=True, flags=re.ASCII).iloc[-1] == ""
    with pytest.raises(exceptions.UnsupportedError, match="empty"):
        c.str.replace(r"\B", "-", regex=True, flags=re.ASCII)
