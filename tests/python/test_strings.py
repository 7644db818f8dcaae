"""Series.str against pandas.

Each method runs in the engine (DuckDB) and is compared with pandas 3 on the same data: a
generated Series with missing values, empty strings, whitespace, unicode and mixed case, and
the penguins' string columns.

Regular expressions: cormorant runs them with RE2 (DuckDB), pandas with Python's ``re``.
Differences users may meet:

* RE2 has no look-around (``(?=...)``, ``(?<=...)``) and no backreferences (``\\1`` inside a
  pattern): such patterns raise UnsupportedError (see ``test_lookahead_is_not_supported``).
* ``\\d``, ``\\w``, ``\\s`` (ASCII-only in RE2) are rewritten to Python's Unicode classes;
  ``\\b``/``\\B`` are refused unless re.ASCII (see test_regex_semantics.py).
* A group that takes no part in a match extracts as "" in RE2 (pandas: <NA>): cormorant gives
  <NA> for an optional group that cannot match "", and refuses a group that can do both
  (see test_regex_semantics.py).
* In replacements, ``\\g<name>`` and ``\\g<1>`` are rewritten to RE2's ``\\1`` (groups 1 to 9).

Predicates and case mappings are Python's own str methods, on all of Unicode (test_unicode.py).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from cormorant.strings import StringAccessorError

from conftest import assert_same

DATA = [
    "Hello World", "  padded\t", None, "", "ÉCOLE école", "a,b,,c", "x1y22z", "MiXeD CaSe", "123", "²",
    "they're 1st", "-42", "+7", "  a  b  c ", "naïve café", "Ünïcödé", "line\nbreak", "UPPER", "lower",
    "Title Case Words", "中文字符", "a.b.c", "aaa", " ", "\u00a0nbsp\u3000", "tab\tsep\tvalues", None, "Zz", "straße", "ǆ digraph",
]


@pytest.fixture
def pair():
    """(cormorant, pandas) string Series named "s" with NAs, empty strings and unicode."""
    p = pd.Series(DATA, dtype="string", name="s")
    c = cpd.read_pandas(p.to_frame())["s"]
    return c, p


CASES = {
    # case
    "lower": lambda s: s.str.lower(),
    "upper": lambda s: s.str.upper(),
    "title": lambda s: s.str.title(),
    "capitalize": lambda s: s.str.capitalize(),
    "swapcase": lambda s: s.str.swapcase(),
    "len": lambda s: s.str.len(),
    # character classes
    "isalpha": lambda s: s.str.isalpha(),
    "isdigit": lambda s: s.str.isdigit(),
    "isdecimal": lambda s: s.str.isdecimal(),
    "isnumeric": lambda s: s.str.isnumeric(),
    "isalnum": lambda s: s.str.isalnum(),
    "isspace": lambda s: s.str.isspace(),
    "islower": lambda s: s.str.islower(),
    "isupper": lambda s: s.str.isupper(),
    "istitle": lambda s: s.str.istitle(),
    # contains
    "contains_literal_char": lambda s: s.str.contains("o", regex=False),
    "contains_regex": lambda s: s.str.contains(r"[0-9]+[a-z]"),
    "contains_regex_alternation": lambda s: s.str.contains("World|école"),
    "contains_case_false": lambda s: s.str.contains("hello", case=False),
    "contains_case_false_literal": lambda s: s.str.contains("A.B", case=False, regex=False),
    "contains_literal_metachars": lambda s: s.str.contains("a.b", regex=False),
    "contains_regex_metachars": lambda s: s.str.contains("a.b"),
    "contains_na_false": lambda s: s.str.contains("a", na=False),
    # literal text joined by .*: a LIKE first, then the regex (`.` does not cross "line\nbreak")
    "contains_dot_star": lambda s: s.str.contains("e.*r"),
    "contains_dot_star_newline": lambda s: s.str.contains("line.*break"),
    "contains_dot_star_na_true": lambda s: s.str.contains("l.*e", na=True),
    "contains_dot_star_leading": lambda s: s.str.contains(".*é"),
    "contains_na_true": lambda s: s.str.contains("a", na=True),
    "contains_flags_ignorecase": lambda s: s.str.contains("UPPER|lower", flags=re.IGNORECASE),
    "contains_compiled": lambda s: s.str.contains(re.compile("^[A-Z]")),
    "contains_empty_pattern": lambda s: s.str.contains(""),
    "contains_unicode": lambda s: s.str.contains("é"),
    # startswith / endswith
    "startswith": lambda s: s.str.startswith("a"),
    "startswith_tuple": lambda s: s.str.startswith(("a", "H", "中")),
    "startswith_na_false": lambda s: s.str.startswith("a", na=False),
    "endswith": lambda s: s.str.endswith("e"),
    "endswith_tuple": lambda s: s.str.endswith(("e", "z")),
    "endswith_na_true": lambda s: s.str.endswith("e", na=True),
    # match / fullmatch
    "match": lambda s: s.str.match(r"[a-z]"),
    "match_alternation": lambda s: s.str.match("x|a"),
    "match_case_false": lambda s: s.str.match("hello", case=False),
    "match_na": lambda s: s.str.match("a", na=False),
    "fullmatch": lambda s: s.str.fullmatch(r"[a-z]+"),
    "fullmatch_alternation": lambda s: s.str.fullmatch("aaa|Zz"),
    "fullmatch_case_false": lambda s: s.str.fullmatch("upper", case=False),
    "fullmatch_newline": lambda s: s.str.fullmatch("line.break", flags=re.DOTALL),
    # count / find
    "count_char": lambda s: s.str.count("a"),
    "count_regex": lambda s: s.str.count(r"[0-9]"),
    "count_flags": lambda s: s.str.count("e", flags=re.IGNORECASE),
    "find": lambda s: s.str.find("a"),
    "find_multichar": lambda s: s.str.find("lo"),
    "find_start": lambda s: s.str.find("a", 2),
    "find_start_end": lambda s: s.str.find("a", 1, 5),
    "find_negative": lambda s: s.str.find("e", -4),
    "find_empty": lambda s: s.str.find(""),
    "find_empty_past_end": lambda s: s.str.find("", 5),
    # extract
    "extract_series": lambda s: s.str.extract(r"(\d+)", expand=False),
    "extract_letters": lambda s: s.str.extract(r"([A-Z][a-z]+)", expand=False),
    "extract_frame": lambda s: s.str.extract(r"([a-z])([0-9])").rename(columns=str),
    "extract_named_series": lambda s: s.str.extract(r"(?P<digits>\d+)", expand=False),
    "extract_named": lambda s: s.str.extract(r"(?P<first>[a-z])(?P<digit>[0-9])"),
    # strip
    "strip": lambda s: s.str.strip(),
    "lstrip": lambda s: s.str.lstrip(),
    "rstrip": lambda s: s.str.rstrip(),
    "strip_chars": lambda s: s.str.strip("aZ "),
    "lstrip_chars": lambda s: s.str.lstrip("-+"),
    "rstrip_chars": lambda s: s.str.rstrip("ezd"),
    # replace
    "replace_literal": lambda s: s.str.replace("a", "A"),
    "replace_literal_metachars": lambda s: s.str.replace(".", "!"),
    "replace_regex": lambda s: s.str.replace(r"[0-9]+", "#", regex=True),
    "replace_regex_group": lambda s: s.str.replace(r"([a-z])([0-9])", r"\2\1", regex=True),
    "replace_regex_named_group": lambda s: s.str.replace(r"(?P<d>[0-9])", r"<\g<d>>", regex=True),
    "replace_regex_escaped_backslash_g": lambda s: s.str.replace(r"(?P<d>[0-9])", r"\\g<d>\\\g<1>", regex=True),
    "replace_first": lambda s: s.str.replace("a", "_", n=1),
    "replace_regex_first": lambda s: s.str.replace(r"[ \t]", "_", n=1, regex=True),
    "replace_case_false": lambda s: s.str.replace("e", "3", case=False),
    "replace_case_false_regex": lambda s: s.str.replace("[aeiou]", "*", case=False, regex=True),
    "replace_literal_backslash": lambda s: s.str.replace("a", r"\1"),
    "replace_empty_repl": lambda s: s.str.replace(" ", ""),
    # slice / get
    "slice_start": lambda s: s.str.slice(2),
    "slice_stop": lambda s: s.str.slice(stop=3),
    "slice_negative": lambda s: s.str.slice(-3),
    "slice_both": lambda s: s.str.slice(1, -1),
    "slice_step": lambda s: s.str.slice(0, None, 2),
    "slice_negative_step": lambda s: s.str.slice(None, None, -1),
    "slice_negative_step_bounds": lambda s: s.str.slice(5, 1, -2),
    "slice_past_end": lambda s: s.str.slice(50, 60),
    "slice_from_start": lambda s: s.str.slice(0, 2),  # (bounds from the start: one substring call)
    "slice_empty_range": lambda s: s.str.slice(3, 1),
    "getitem_slice": lambda s: s.str[:2],
    "getitem_slice_step": lambda s: s.str[1::3],
    "getitem_int": lambda s: s.str[0],
    "getitem_negative": lambda s: s.str[-1],
    "get": lambda s: s.str.get(3),
    "get_negative": lambda s: s.str.get(-4),
    # split(...).str[i]
    "split_comma_0": lambda s: s.str.split(",").str[0],
    "split_comma_2": lambda s: s.str.split(",").str[2],
    "split_comma_last": lambda s: s.str.split(",").str[-1],
    "split_comma_get": lambda s: s.str.split(",").str.get(1),
    "split_whitespace_0": lambda s: s.str.split().str[0],
    "split_whitespace_1": lambda s: s.str.split().str[1],
    "split_whitespace_last": lambda s: s.str.split().str[-1],
    "split_n1_rest": lambda s: s.str.split(",", n=1).str[1],
    "split_n1_last": lambda s: s.str.split(",", n=1).str[-1],
    "split_n2_second_last": lambda s: s.str.split(",", n=2).str[-2],
    "split_n1_beyond": lambda s: s.str.split(",", n=1).str[2],
    "split_whitespace_n1_rest": lambda s: s.str.split(n=1).str[1],
    "split_regex": lambda s: s.str.split(r"[0-9]+").str[1],
    "split_regex_auto": lambda s: s.str.split("\\.").str[1],
    "split_literal_dot": lambda s: s.str.split(".").str[1],
    "split_regex_n1": lambda s: s.str.split(r"\d", n=1).str[1],
    "split_multichar_literal": lambda s: s.str.split("ab", regex=False).str[0],
    "rsplit": lambda s: s.str.rsplit(",").str[-1],
    # pad & co.
    "pad_left": lambda s: s.str.pad(8),
    "pad_right_fill": lambda s: s.str.pad(8, side="right", fillchar="*"),
    "pad_both": lambda s: s.str.pad(9, side="both", fillchar="-"),
    "center_even": lambda s: s.str.center(8, "."),
    "center_odd": lambda s: s.str.center(7),
    "ljust": lambda s: s.str.ljust(6, "_"),
    "rjust": lambda s: s.str.rjust(6, "é"),
    "zfill": lambda s: s.str.zfill(5),
    "zfill_short": lambda s: s.str.zfill(2),
    "repeat": lambda s: s.str.repeat(2),
    "repeat_zero": lambda s: s.str.repeat(0),
    "removeprefix": lambda s: s.str.removeprefix("a"),
    "removesuffix": lambda s: s.str.removesuffix("e"),
    "join": lambda s: s.str.join("-"),
    # cat with another Series
    "cat_self": lambda s: s.str.cat(s),
    "cat_sep": lambda s: s.str.cat(s.str.upper(), sep="|"),
    "cat_na_rep": lambda s: s.str.cat(s.str.lower(), sep=":", na_rep="?"),
    "cat_list": lambda s: s.str.cat([s.str.len().astype("string"), s], sep="/", na_rep="-"),
    # chains
    "chain_strip_lower_startswith": lambda s: s.str.strip().str.lower().str.startswith("a"),
    "chain_len_of_replace": lambda s: s.str.replace(" ", "").str.len(),
}


@pytest.mark.parametrize("func", CASES.values(), ids=CASES.keys())
def test_string_method(pair, func):
    c, p = pair
    assert_same(func(c), python_str_oracle(func, p))


def python_str_oracle(func, p):
    """`func` on pandas' python-storage strings, which run Python's own str methods and `re`
    (the pyarrow-backed default uses Arrow's Unicode tables: "straße".upper() is "STRAẞE"
    there, "SS" in Python, whose str methods are cormorant's reference)."""
    out = func(p.astype(pd.StringDtype("python")))
    as_default = lambda x: x.astype(p.dtype) if x.dtype == pd.StringDtype("python") else x  # noqa: E731
    if isinstance(out, pd.DataFrame):
        return out.apply(as_default)
    return as_default(out) if isinstance(out, pd.Series) else out


PENGUIN_CASES = {
    "species_lower": lambda df: df["species"].str.lower(),
    "species_upper": lambda df: df["species"].str.upper(),
    "species_len": lambda df: df["species"].str.len(),
    "island_contains": lambda df: df["island"].str.contains("er"),
    "island_startswith": lambda df: df["island"].str.startswith("B"),
    "sex_endswith_na": lambda df: df["sex"].str.endswith("MALE"),
    "sex_contains_na_false": lambda df: df["sex"].str.contains("FE", na=False),
    "sex_capitalize": lambda df: df["sex"].str.capitalize(),
    "sex_title": lambda df: df["sex"].str.title(),
    "species_slice": lambda df: df["species"].str[:3],
    "species_get": lambda df: df["species"].str[-1],
    "island_replace": lambda df: df["island"].str.replace("sen", "SEN"),
    "species_pad": lambda df: df["species"].str.pad(12, side="both", fillchar="~"),
    "cat_species_island": lambda df: df["species"].str.cat(df["island"], sep=" @ "),
    "cat_with_na_rep": lambda df: df["sex"].str.cat(df["island"], sep="-", na_rep="unknown"),
    "island_count": lambda df: df["island"].str.count("[aeiou]"),
    "island_find": lambda df: df["island"].str.find("s"),
    "sex_match": lambda df: df["sex"].str.match("F"),
    "species_extract": lambda df: df["species"].str.extract("^(.)", expand=False),
    "species_isupper": lambda df: df["species"].str.isupper(),
    "sex_isupper": lambda df: df["sex"].str.isupper(),
    "filter_by_contains": lambda df: df[df["island"].str.contains("Dream")]["species"],
}


@pytest.mark.parametrize("func", PENGUIN_CASES.values(), ids=PENGUIN_CASES.keys())
def test_penguins(frames, func):
    c, p = frames
    assert_same(func(c), func(p))


# -- split(expand=True) --------------------------------------------------------------------


@pytest.mark.parametrize("kwargs", [{"pat": ","}, {"pat": ",", "n": 1}, {}, {"n": 1}, {"pat": r"\d"}],
                         ids=["comma", "comma_n1", "whitespace", "whitespace_n1", "regex"])
def test_split_expand(pair, kwargs):
    c, p = pair
    assert_same(c.str.split(expand=True, **kwargs), p.str.split(expand=True, **kwargs))


def test_split_expand_labels(pair):
    """Columns labelled by the integers 0, 1, ... as pandas labels them."""
    c, p = pair
    got, expected = c.str.split(",", expand=True), p.str.split(",", expand=True)
    assert list(got.columns) == list(expected.columns) == list(range(len(expected.columns)))
    pd.testing.assert_index_equal(got.to_pandas().columns, expected.columns, exact="equiv")
    assert_same(got[1], expected[1])  # a column by its integer label


def test_split_without_expand_is_a_list_column(pair):
    c, p = pair
    parts = c.str.split(",").to_pandas()
    assert str(parts.dtype) == "list<item: string>[pyarrow]"  # pandas: object lists
    expected = p.str.split(",")
    missing = lambda v: v is None or v is pd.NA or (isinstance(v, float) and v != v)  # noqa: E731
    assert [None if missing(v) else list(v) for v in parts] == [None if missing(v) else v for v in expected]
    pd.testing.assert_series_equal(c.str.split(",").str.len().to_pandas(), expected.str.len().astype("Int64"))


def test_compiles_to_sql(pair):
    c, _ = pair
    sql = c.str.split(",").str[1].str.contains("b[0-9]").sql
    assert "string_split" in sql and "regexp_matches" in sql


# -- errors --------------------------------------------------------------------------------


def test_str_on_non_string(pd_penguins, cpd_penguins):
    with pytest.raises(AttributeError, match="Can only use .str accessor with string values"):
        pd_penguins["bill_length_mm"].str  # noqa: B018
    with pytest.raises(StringAccessorError, match="Can only use .str accessor with string values"):
        cpd_penguins["bill_length_mm"].str  # noqa: B018
    # both pandas' AttributeError and cormorant's DTypeError (a TypeError)
    with pytest.raises(AttributeError):
        cpd_penguins["bill_length_mm"].str  # noqa: B018
    with pytest.raises(exceptions.DTypeError):
        cpd_penguins["year"].str  # noqa: B018
    assert not hasattr(cpd_penguins["year"], "str")


BAD_CALLS = {
    "pad_width_str": (lambda s: s.str.pad("8"), TypeError),
    "pad_fillchar_long": (lambda s: s.str.pad(8, fillchar="ab"), TypeError),
    "pad_fillchar_int": (lambda s: s.str.pad(8, fillchar=1), TypeError),
    "pad_bad_side": (lambda s: s.str.pad(8, side="middle"), ValueError),
    "zfill_width_str": (lambda s: s.str.zfill("3"), TypeError),
    "startswith_int": (lambda s: s.str.startswith(1), TypeError),
    "endswith_list": (lambda s: s.str.endswith(["a"]), TypeError),
    "find_int": (lambda s: s.str.find(1), TypeError),
    "replace_repl_int": (lambda s: s.str.replace("a", 1), TypeError),
    "slice_step_zero": (lambda s: s.str.slice(0, 3, 0), ValueError),
    "contains_bad_regex": (lambda s: s.str.contains("(unclosed"), ValueError),
    "match_bad_regex": (lambda s: s.str.match("[a-"), ValueError),
    "extract_no_group": (lambda s: s.str.extract("a"), ValueError),
}


@pytest.mark.parametrize("call,error", BAD_CALLS.values(), ids=BAD_CALLS.keys())
def test_bad_parameters(pair, call, error):
    c, p = pair
    with pytest.raises(error):
        call(p)
    with pytest.raises(error):
        call(c)


def test_bad_parameter_types_are_cormorant_errors(pair):
    c, _ = pair
    with pytest.raises(exceptions.DTypeError):
        c.str.pad("8")
    with pytest.raises(exceptions.InvalidArgumentError):
        c.str.slice(step=0)


@pytest.mark.parametrize("call", [
    lambda s: s.str.replace("a", "b", n=2),
    lambda s: s.str.replace("a", lambda m: "b", regex=True),
    lambda s: s.str.rsplit("aa"),
    lambda s: s.str.contains("a", flags=re.VERBOSE),
], ids=["replace_n2", "replace_callable", "rsplit_self_overlapping", "verbose_flag"])
def test_unsupported(pair, call):
    c, _ = pair
    with pytest.raises(exceptions.UnsupportedError):
        call(c)


def test_cat_misaligned_left_join(pair):
    c, _ = pair
    other = c.iloc[:5].str.upper()  # fewer labels: fine, missing rows are <NA>
    p = pd.Series(DATA, dtype="string", name="s")
    assert_same(c.str.cat(other, sep="+"), p.str.cat(p.iloc[:5].str.upper(), sep="+"))


# -- known differences (RE2) and Unicode classes -------------------------------------------------


@pytest.mark.xfail(raises=exceptions.UnsupportedError, strict=True,
                   reason="RE2 has no look-around; pandas (Python re) supports it")
def test_lookahead_is_not_supported(pair):
    c, p = pair
    assert_same(c.str.contains("a(?=,)"), p.str.contains("a(?=,)"))


def test_unicode_whitespace_class(pair):
    c, p = pair
    assert_same(c.str.replace(r"\s", "_", regex=True), p.str.replace(r"\s", "_", regex=True))


def test_extract_optional_group(pair):
    c, p = pair
    assert_same(c.str.extract(r"([a-z])(\d)?"), p.str.extract(r"([a-z])(\d)?"))


@pytest.mark.parametrize("pat", [r"([a-z])([0-9])", r"(?P<a>[a-z])(?P<b>[0-9])", r"([a-z])(?P<digit>[0-9])", r"([a-z])"])
def test_extract_frame_labels(pair, pat):
    """extract(expand=True) labels unnamed groups by position (integers) and named ones by name, as pandas."""
    c, p = pair
    got, expected = c.str.extract(pat), p.str.extract(pat)
    pd.testing.assert_index_equal(got.to_pandas().columns, expected.columns, exact="equiv")
    assert list(got.columns) == list(expected.columns)


_SEARCHED = pd.Series(["abcabc", "e\u0301xe\u0301", None, "aaa", "", "xyz", "ßaßa", "a\na", "a.b.c"], dtype="string")


@pytest.mark.parametrize("args", [("a",), ("aa",), ("\u0301",), ("",), ("a", 1, 4), ("a", -3), ("z", 0, 2), (".",),
                                  ("a", 2, -1), ("b", -100, 100)])
def test_rfind_like_pandas(args):
    c = cpd.read_pandas(_SEARCHED)
    assert_same(c.str.rfind(*args), _SEARCHED.str.rfind(*args))
    assert_same(c.str.find(*args), _SEARCHED.str.find(*args))


def test_index_and_rindex():
    present = _SEARCHED[_SEARCHED.str.contains("a").fillna(True)]
    c = cpd.read_pandas(present)
    assert_same(c.str.index("a"), present.str.index("a"))
    assert_same(c.str.rindex("a"), present.str.rindex("a"))
    with pytest.raises(ValueError):
        _SEARCHED.str.index("a")
    with pytest.raises(exceptions.InvalidArgumentError, match="substring not found"):
        cpd.read_pandas(_SEARCHED).str.rindex("a").to_pandas()


@pytest.mark.parametrize("sep", ["a", ".", "\n", "ab", " "])
def test_partition_like_pandas(sep):
    c = cpd.read_pandas(_SEARCHED)
    assert_same(c.str.partition(sep), _SEARCHED.str.partition(sep))
    assert_same(c.str.rpartition(sep), _SEARCHED.str.rpartition(sep))
    with pytest.raises(exceptions.InvalidArgumentError, match="empty separator"):
        c.str.partition("")


SLICE_REPLACE = pd.Series(["abcdef", None, "xy", "", "héllo", "日本語テキスト"], dtype="string", index=[3, 1, 2, 0, 5, 4],
                          name="t")


@pytest.mark.parametrize("args", [(1, 3, "Z"), (None, 2, "Z"), (3, None, "Q"), (4, 2, "R"), (-2, None, "!"),
                                  (1, 1, "+"), (None, None, "W"), (-4, -1, ""), (2, 9, None), (10, 12, "far")])
def test_slice_replace(args):
    c = cpd.read_pandas(SLICE_REPLACE)
    assert_same(c.str.slice_replace(*args), SLICE_REPLACE.str.slice_replace(*args))


@pytest.mark.parametrize("values, sep", [(["a|b", None, "b||c", "", "a"], "|"), (["x, y", "y", None, "z, x"], ", "),
                                         (["só", "só|só", "a.b"], ".")])
def test_str_get_dummies(values, sep):
    p = pd.Series(values, dtype="string", index=list(range(10, 10 + len(values))))
    assert_same(cpd.read_pandas(p).str.get_dummies(sep), p.str.get_dummies(sep))
    with pytest.raises(exceptions.UnsupportedError, match="without values"):
        cpd.read_pandas(pd.Series([None, None], dtype="string")).str.get_dummies()


@pytest.mark.parametrize("table", [
    str.maketrans("abc", "xyz"),
    str.maketrans("ab", "ba"),  # swapped at once, not one after the other
    str.maketrans({"é": "e", "l": None, "日": "月"}),
    {ord("h"): "H", "o": "", "x": ord("y")},
    str.maketrans("", "", "aeiou"),
    {},
])
def test_str_translate(table):
    c = cpd.read_pandas(SLICE_REPLACE)
    assert_same(c.str.translate(table), SLICE_REPLACE.str.translate(table))


def test_str_translate_refusals():
    c = cpd.read_pandas(SLICE_REPLACE)
    with pytest.raises(exceptions.UnsupportedError, match="several"):
        c.str.translate({ord("a"): "xyz"})
    with pytest.raises(exceptions.DTypeError, match="mapping"):
        c.str.translate("abc")


def test_str_cat_without_others():
    """str.cat() without others: one Python string of the values in row order, as pandas;
    missing values left out or na_rep; no rows give ''."""
    s = pd.Series(["b", None, "a", "", "c", None], dtype="string", index=[3, 1, 2, 2, 0, 9])
    c = cpd.read_pandas(s.to_frame("x"))["x"]
    for kwargs in ({}, {"sep": ", "}, {"na_rep": "?"}, {"sep": "-", "na_rep": ""}):
        for _ in range(2):
            assert c.str.cat(**kwargs) == s.str.cat(**kwargs)
    assert c.sort_values().str.cat(sep="|") == s.sort_values().str.cat(sep="|")
    assert c.head(0).str.cat(sep=",") == s.head(0).str.cat(sep=",")
    with pytest.raises(exceptions.DTypeError):
        c.str.cat(sep=1)
    with cpd.option_context("session.ordering_mode", "partial"):
        unordered = cpd.read_pandas(s.to_frame("x"))["x"]
        with pytest.raises(exceptions.OrderRequiredError):
            unordered.str.cat()
        assert unordered.sort_values().str.cat(sep="|") == s.sort_values().str.cat(sep="|")


@pytest.mark.parametrize("kwargs", [{"width": 4}, {"width": 10}, {"width": 5, "break_long_words": False},
                                    {"width": 6, "expand_tabs": False, "break_on_hyphens": False}])
def test_wrap(kwargs):
    """str.wrap as pandas (Python's textwrap): Unicode, missing, empty, tabs, hyphens, long words."""
    local = pd.Series(pd.array(["Straße und mehr Wörter hier", None, "", "a-very-long-hyphenated-word",
                                "tab\there  spaces", "😀😀😀😀😀😀"], dtype="string"), name="s")
    got = cpd.read_pandas(local.to_frame())["s"]
    assert_same(got.str.wrap(**kwargs), local.str.wrap(**kwargs))


def test_wrap_errors():
    got = cpd.read_pandas(pd.DataFrame({"s": pd.array(["a b"], dtype="string")}))["s"]
    with pytest.raises(exceptions.InvalidArgumentError, match="width"):
        got.str.wrap(0)
    with pytest.raises(exceptions.InvalidArgumentError, match="str.wrap"):
        got.str.wrap(3, nonsense=True)
