"""Python's str predicates and str.title/capitalize/swapcase on Spark against Python's own.

On DuckDB these are cormorant's engine functions over tables generated from Python's str
methods. The Spark dialect writes them in Spark SQL: the predicates as regexes over character
classes made from the same tables (exact on every code point, whatever Java's Unicode), the
mappings character by character (transform of a value's code points) with Python's tables for
which characters are upper, lower, cased or case-ignorable and Spark's upper/lower of single
characters, which agree with Python's but on the letters test_case_mapping.py finds (those are
mapped with Python's tables too). The oracle is Python's str methods; every code point,
then strings where the context matters, on both engines.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

import cormorant.pandas as cpd

from conftest import python_suite_module
from test_case_mapping import EVERY_CHAR

PREDICATES = ["isalpha", "isdigit", "isdecimal", "isnumeric", "isalnum", "isspace", "islower", "isupper", "istitle"]
MAPPINGS = ["title", "capitalize", "swapcase"]

#: Title case rules, final sigma, combining marks, mixed scripts, empty and missing
#: (tests/python/test_unicode.py's TRICKY), and words of several characters.
TRICKY = python_suite_module("test_unicode").TRICKY + [
    "hello-world o'neil", "ΣΑΣ\u0301 b", "𐐀Σ", "a\u0345Σ\u0345", "x\tY\nz", "MiXeD cAsE", "123abc", "ǲǳ", "ꟶ",
    "ÉCOLE école", "ΣA", "ᾈᾀ",
]

#: Letters Spark's upper/lower map and Python's leave (tests/spark/test_case_mapping.py).
SPARK_LATER_UNICODE = "\u019b\u0264\u1c8a\ua7cd\ua7cf\ua7d3\ua7d5\ua7db\U00010d70\U00016ebb" \
                      "\u1c89\ua7cb\ua7cc\ua7ce\ua7d2\ua7d4\ua7da\ua7dc\U00010d50\U00016ea0"


@pytest.fixture(scope="module")
def session(spark_remote):
    s = cpd.Session(":memory:", engine="spark", spark_remote=spark_remote)
    yield s
    s.close()


def _run(session, values: list, methods: list[str]) -> pd.DataFrame:
    """Every method of `methods` over `values`, in one query."""
    frame = session.read_pandas(pd.DataFrame({"s": pd.array(values, dtype="string")}))
    for method in methods:
        frame[method] = getattr(frame["s"].str, method)()
    return frame.to_pandas()


def _wrong(values, got: pd.Series, method: str) -> list:
    """The values whose result differs from Python's str method (missing for missing)."""
    out = []
    for v, g in zip(values, got.tolist()):
        want = None if v is None else getattr(v, method)()
        if (None if pd.isna(g) else g) != want:
            out.append((v, g, want))
    return out


def test_predicates_on_every_code_point(session):
    got = _run(session, EVERY_CHAR, PREDICATES)
    for method in PREDICATES:
        wrong = _wrong(EVERY_CHAR, got[method], method)
        assert not wrong, f"{len(wrong)} code points differ from Python's str.{method}, e.g. {wrong[:5]}"


def test_mappings_on_every_code_point(session):
    """Every code point Python maps to something else or Spark's Unicode maps otherwise, and a
    fixed sample of those they both keep (the mappings run character by character, slow on the
    loopback cluster), and a lower case letter before and after each (title and capitalize
    look at the previous character)."""
    later = set(SPARK_LATER_UNICODE) | {c for c in EVERY_CHAR if _later(c)}
    changed = [c for c in EVERY_CHAR if c in later or any(getattr(c, m)() != c for m in MAPPINGS)]
    kept = changed + random.Random(24).sample([c for c in EVERY_CHAR if c not in set(changed)], 3000)
    values = kept + ["a" + c + "b" for c in changed]
    got = _run(session, values, MAPPINGS)
    for method in MAPPINGS:
        wrong = _wrong(values, got[method], method)
        assert not wrong, f"{len(wrong)} values differ from Python's str.{method}, e.g. {wrong[:5]}"


def _later(c: str) -> bool:
    """Whether `c` is one of the ranges of letters Spark's Unicode maps and Python's does not."""
    cp = ord(c)
    return 0x10D50 <= cp <= 0x10D65 or 0x10D70 <= cp <= 0x10D85 or 0x16EA0 <= cp <= 0x16EB8 or 0x16EBB <= cp <= 0x16ED3


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_context_sensitive_strings(sessions, engine):
    """Title case rules, final sigma, combining marks, missing and empty values, with repeated
    labels, on both engines against pandas' python-storage strings (Python's str methods)."""
    p = pd.Series(TRICKY, dtype=pd.StringDtype("python"), name="s", index=[i // 3 for i in range(len(TRICKY))])
    c = sessions[engine].read_pandas(p.to_frame())["s"]
    for method in PREDICATES + MAPPINGS:
        expected = getattr(p.str, method)()
        got = getattr(c.str, method)().to_pandas()
        assert got.index.tolist() == p.index.tolist(), method
        want = [pd.NA if pd.isna(v) else v for v in expected.tolist()]
        assert [pd.NA if pd.isna(v) else v for v in got.tolist()] == want, method
        assert str(got.dtype) == ("boolean" if method in PREDICATES else "string"), method


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_empty_input(sessions, engine):
    p = pd.Series([], dtype=pd.StringDtype("python"), name="s")
    c = sessions[engine].read_pandas(p.to_frame())["s"]
    for method in PREDICATES + MAPPINGS:
        got = getattr(c.str, method)().to_pandas()
        assert len(got) == 0 and str(got.dtype) == ("boolean" if method in PREDICATES else "string"), method


@pytest.mark.parametrize("method", MAPPINGS + ["upper", "lower", "casefold"])
def test_later_unicode_letters_are_mapped_as_python(session, method):
    """A value holding a letter Spark's Unicode maps and Python's does not gets Python's
    mapping (it was refused at run time before), beside values that need no fix."""
    values = ["fine", "ok \ua7cd ok", "\U00010d50", "x\u019b", "\u1c89ΑΣ", "Σ\U00016ebb", None, ""]
    s = session.read_pandas(pd.DataFrame({"s": pd.array(values, dtype="string")}))["s"]
    got = getattr(s.str, method)().to_pandas().tolist()
    assert [None if pd.isna(g) else g for g in got] == [None if v is None else getattr(v, method)() for v in values]


@pytest.mark.parametrize("engine", ["duckdb", "spark"])
def test_isascii(sessions, engine):
    """str.isascii (was refused on Spark): every code point in runs of 256, and alone at the
    edges, empty and missing, against Python's."""
    values = ["", None, "abc", "\x7f", "\x80", "é", "a\U0001f600", "\x00"] + \
        ["".join(EVERY_CHAR[i:i + 256]) for i in range(0, len(EVERY_CHAR), 256)]
    s = sessions[engine].read_pandas(pd.DataFrame({"s": pd.array(values, dtype="string")}))["s"]
    got = s.str.isascii().to_pandas()
    assert str(got.dtype) == "boolean"
    assert [None if pd.isna(g) else bool(g) for g in got] == [None if v is None else v.isascii() for v in values]
