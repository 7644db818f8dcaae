"""The .str predicates and case mappings follow Python's own str methods on all of Unicode.

pandas' object and python-storage string Series run Python's str methods; cormorant runs engine
functions over tables generated from them (scripts/gen_unicode_tables.py). The oracle here is
Python's str itself: every code point as a one-character string, then strings where the
context matters (title case, final sigma, combining marks, mixed scripts), empty and missing.
"""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pandas as pd
import pytest

import cormorant.pandas as cpd

from conftest import assert_same

ROOT = pathlib.Path(__file__).resolve().parents[2]

PREDICATES = ["isalnum", "isalpha", "isdigit", "isdecimal", "isnumeric", "isspace", "islower", "isupper",
              "istitle", "isascii"]
MAPPINGS = ["lower", "upper", "title", "capitalize", "swapcase", "casefold"]

EVERY_CHAR = [chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF]

TRICKY = [
    "", None, "ΟΔΟΣ", "ΟΔΟΣ.", "ΑΣ ΣΑ Σ", "Σ", "AΣ", "AΣb", "AΣ'", "A'Σ", "AΣ'b", "aΣ\u0301", "ʰΣ", "ΑΣʰ",
    "ΑΣ\u0345", "ß", "straße STRASSE", "ﬁne ﬂow", "ǅungla ǆ Ǆ", "ǅ", "ǆA", "İstanbul", "ıi", "ŉ", "ΐ", "ᾳ ᾼ ᾷ",
    "e\u0301cole E\u0301COLE", "a\u0308b", "\u0345", "hello world", "HELLO", "Hello World", "hello World",
    "they're 1st", "x1y22z", "中文 ABC", "ⅷ Ⅷ", "ⓐⓑ Ⓐ", "𐐨𐐀 𐐀𐐨", "ǈ ǉ", "a\u3000b", "\u00a0", " \t\n\x1c\x85",
    "⅕", "²³", "١٢٣", "٣.5", "Ⅻ", "一二三", "𝟘𝟙", "፩", "ABC123", "abc_def", "ꭰꭱ", "Ꭰ", "ᲀ", "ǰ", "ﬀ",
    "I\u0307", "ΣΑΣ ΣΑΣ", "«Σ»", "ΣΣ", "A\u200dΣ", "A\u00adΣ b",
]


def oracle(values, method):
    """Python's own str method over `values` (None stays missing)."""
    return [None if v is None else getattr(v, method)() for v in values]


def test_tables_are_current():
    """The committed tables are what this Python's str methods give (a Python with another
    Unicode version fails here: rerun scripts/gen_unicode_tables.py)."""
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_unicode_tables.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@pytest.fixture(scope="module")
def every_char():
    """Every code point as a one-character string, and each method's result for it, in one query."""
    frame = cpd.read_pandas(pd.DataFrame({"s": pd.Series(EVERY_CHAR, dtype="string")}))
    for method in PREDICATES + MAPPINGS + ["len"]:
        frame[method] = getattr(frame["s"].str, method)()
    return frame.to_pandas()


@pytest.mark.parametrize("method", PREDICATES + MAPPINGS + ["len"])
def test_every_code_point(every_char, method):
    got = every_char[method].tolist()
    expected = [len(c) for c in EVERY_CHAR] if method == "len" else oracle(EVERY_CHAR, method)
    wrong = [(hex(ord(c)), g, e) for c, g, e in zip(EVERY_CHAR, got, expected) if g != e]
    assert not wrong, f"{len(wrong)} code points differ from Python's str.{method}, e.g. {wrong[:10]}"


@pytest.mark.parametrize("method", PREDICATES + MAPPINGS + ["len"])
def test_context_sensitive_strings(method):
    """Title-case rules, final sigma, combining marks, mixed scripts, empty and missing."""
    p = pd.Series(TRICKY, dtype=pd.StringDtype("python"), name="s")
    c = cpd.read_pandas(p.to_frame())["s"]
    expected = getattr(p.str, method)()
    assert expected.tolist() == [pd.NA if v is None else v for v in
                                 ([None if v is None else len(v) for v in TRICKY] if method == "len"
                                  else oracle(TRICKY, method))]
    assert_same(getattr(c.str, method)(), expected)


def test_isdigit_vulgar_fraction():
    """The issue's example: "⅕" is numeric but not a digit in Python."""
    c = cpd.read_pandas(pd.DataFrame({"s": ["⅕", "5", "²"]}))["s"]
    assert c.str.isdigit().to_pandas().tolist() == [s.isdigit() for s in ["⅕", "5", "²"]]
    assert c.str.isnumeric().to_pandas().tolist() == [s.isnumeric() for s in ["⅕", "5", "²"]]
