"""String methods (.str) over values with missing entries, empty strings and non-ASCII text
(ß, İ, ǅ, CJK), including the ones whose case rules differ between ASCII and Unicode; find/rfind
with start and end, index/rindex, partition/rpartition; normalize("NFC") of composed and
decomposed text, encode/decode as UTF-8, extractall (named, optional and unmatched groups),
rsplit with n."""

from __future__ import annotations

import pandas as pd

from .runner import Case, column, index

METHODS = (
    "lower()", "upper()", "title()", "capitalize()", "swapcase()", "casefold()", "len()", "strip()", "lstrip()",
    "rstrip('x ')", "isalpha()", "isdigit()", "isalnum()", "isspace()", "islower()", "isupper()", "istitle()",
    "isnumeric()", "isdecimal()", "isascii()",
    "contains('a')", "contains('A', case=False)", "contains('^[a-z]+$')", "contains('b', regex=False)",
    "contains('.', regex=False, na=False)", "startswith('a')", "endswith('e')", "startswith(('a', 'S'))",
    "match('[A-Z]')", "fullmatch('\\\\w+')", "count('a')", "find('b')", "find('a', 1)",
    "replace('a', 'Z')", "replace('[aé]', '', regex=True)", "replace('ß', 'ss')", "slice(0, 2)", "slice(1)",
    "slice(None, None, -1)", "get(0)", "get(-1)", "pad(4, fillchar='*')", "center(5)", "ljust(3, '.')",
    "zfill(4)", "repeat(2)", "removeprefix('a')", "removesuffix('b')",
    "split(',').str.get(0)", "extract('([a-z])', expand=False)", "cat(sep='-')", "cat(a['t'], sep='|')",
    "cat(a['t'], na_rep='?')", "len().fillna(-1)", "upper().str.len()", "lower() == a['t'].str.lower()",
    "rfind('a')", "rfind('b', 1)", "rfind('', 2)", "rfind('a', 0, 2)", "rfind('ß')", "find('', 1)",
    "index('')", "rindex('')", "partition(',')", "rpartition(',')", "partition('a')", "rpartition('b')",
    "partition(',', expand=False)", "rpartition(' ')", "rfind('a', -2)",
    "slice_replace(1, 2, 'X')", "slice_replace(None, 1, '')", "slice_replace(-2)", "slice_replace(2, 1, 'é')",
    "slice_replace(0, 0, '-')", "slice_replace(-1, None, 'ß')", "slice_replace(1, -1)", "slice_replace(5, 7, 'z')",
    "get_dummies()", "get_dummies(',')", "get_dummies(sep='b')", "get_dummies(' ')", "get_dummies('ß')",
    "get_dummies(dtype=bool)", "get_dummies('x').sum()",
    "translate({})", "translate(str.maketrans('ab', 'ba'))", "translate({ord('a'): None, ord('é'): 'e'})",
    "translate(str.maketrans('', '', 'aeiouß'))", "translate({ord('ß'): 'ẞ', ord('日'): '月', 0x130: 'I'})",
    "translate({ord('a'): 'x', 'b': 'y', 98: None})", "translate({ord(' '): '_', ord(','): ''}).str.len()",
    "normalize('NFC')", "normalize('NFC').str.len()", "normalize('NFC') == a['t'].str.normalize('NFC')",
    "encode('utf-8')", "encode('utf-8').str.decode('utf-8')", "encode('utf-8').str.decode('utf-8').str.len()",
    "extractall('([a-zé])')", "extractall('(?P<x>[a-zé])(?P<y>\\\\d)?')", "extractall('(\\\\w)(,)')",
    "extractall('ß|(a)')", "extractall('[A-Z]')", "extractall('(?P<w>\\\\w+)').droplevel(1)",
    "rsplit(',', n=1).str.get(-1)", "rsplit(n=1).str.len()", "rsplit('b', n=2).str.get(0)",
)
# Text whose NFC differs from itself (decomposed accents, the angstrom and ohm signs, a Hangul
# syllable in parts) or that NFC keeps as it is (a ligature: only NFKC changes it).
DECOMPOSED = ("e\u0301", "A\u030a", "\u212b", "\u2126", "\u1100\u1161", "\ufb01", "Cafe\u0301 a1b2")

PREDICATES = ("is", "contains", "startswith", "endswith", "match", "fullmatch")


def generate(rng):
    n = rng.randint(0, 10)
    # README, differences: .str follows Python's str methods, as pandas' python storage does
    a = pd.DataFrame({"s": column(rng, n, "string", 0.25), "t": column(rng, n, "string", 0.25)},
                     index=index(rng, n, rng.choice(["default", "ints", "strs"]))).astype(pd.StringDtype("python"))
    method = rng.choice(METHODS)
    if "normalize" in method or rng.random() < 0.1:
        a["s"] = pd.array([rng.choice(DECOMPOSED) if v is not pd.NA and rng.random() < 0.5 else v for v in a["s"]],
                          dtype=a["s"].dtype)
    if method.startswith("get_dummies"):  # README: split as pandas' Arrow strings do (the empty part kept)
        a = a.astype(pd.StringDtype("pyarrow"))
    if "partition" in method and not a["s"].notna().any():
        return None  # README, differences: pandas' partition of no values has no or one column
    # (README, differences: DataFrame.value_counts of one column has a plain index)
    post = rng.choice(["", "", "r = r.value_counts(dropna=False)"]) if "partition" not in method and \
        "get_dummies" not in method else ""
    if method.startswith(PREDICATES) and rng.random() < 0.5:
        post = "r = a[r.fillna(False)]"
    if "extractall" in method or "code(" in method:  # (a frame indexed by rows and `match`; bytes, or
        post = ""  # pandas' str of decode, whose len() is float64: README, differences)
    # pandas' encode gives an object column of bytes, cormorant binary[pyarrow]; rsplit an object
    # column of lists (and of what .str.len() takes from them), cormorant a list one (README, differences)
    objects = (method.startswith("encode") and "decode" not in method) or method.startswith("rsplit")
    return Case({"a": a}, [f"r = a['s'].str.{method}"] + ([post] if post else []), objects=objects)
