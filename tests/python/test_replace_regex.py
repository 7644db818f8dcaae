"""replace(regex=True) and replace(regex=<pattern, list, dict>) of frames and Series against
pandas 3.1 (issue 13): Python's re.sub on text columns (templates with group references and
escapes, pairs applied in turn where the pattern finds the original value), other columns
untouched or replaced exactly; missing values, repeated index labels, no rows; typed errors for
what the engine's RE2 cannot do as Python's re does."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame(rows: str = "all"):
    pdf = pd.DataFrame({"s": pd.array(["abc", "bar", None, "xbax", "", "a\\b", "ba\nr"], dtype="string"),
                        "n": pd.array([1, 2, None, 4, 5, 6, 7], dtype="Int64"),
                        "t": pd.array(["q", "ba", "bb", None, "r", "s", "t"], dtype="string")},
                       index=[3, 1, 1, 0, 5, 6, 7])
    return pdf if rows == "all" else pdf.head(0)


CASES = [
    ((r"^ba(.)", r"new\1"), dict(regex=True)),
    ((r"ba", None), dict(regex=True)),
    ((), dict(regex=r"ba", value="Z")),
    ((), dict(regex=[r"ba", "Z"], value="Q")),
    (([r"^a", r"^x"], ["A", "X"]), dict(regex=True)),
    (([r"a", r"Xb"], ["X", "Y"]), dict(regex=True)),  # the second pattern looks at the original values
    (([r"a", r"b"], ["X", None]), dict(regex=True)),
    (({r"a": "A", "b": "B"},), dict(regex=True)),
    ((), dict(regex={r"a": "A", "b": "B"})),
    ((1, 9), dict(regex=True)),
    (([1, "a"], [10, "A"]), dict(regex=True)),
    ((re.compile("A", re.I), "Q"), dict(regex=True)),
    ((r"(?P<x>a)(b)?", r"<\g<x>|\2|\g<0>>\\\n\&"), dict(regex=True)),
    ((r"(a)", r"\0\101\1"), dict(regex=True)),
    (("", "E"), dict(regex=True)),
    (([None, "a"], ["E", "F"]), dict(regex=True)),
    ((r"\s", "_"), dict(regex=True)),
    ((r"b\Z", "B"), dict(regex=True)),
    ((r"(?m)r$", "R"), dict(regex=True)),
    ((r"\w+", "W"), dict(regex=True)),
    ((r"\\", "/"), dict(regex=True)),
    ((r"^", ">"), dict(regex=True)),
    ((r"zzz", "never"), dict(regex=True)),
]
FRAME_ONLY = [
    (({"s": r"a"}, "A"), dict(regex=True)),
    (({"s": {r"a": "A", "b": "B"}},), dict(regex=True)),
    (({"s": "a", "n": 1}, {"s": "X", "n": 11}), dict(regex=True)),
    (({"s": ["a", "b"], "n": 1}, {"s": ["X", "Y"], "n": 11}), dict(regex=True)),
    (("a", {"s": "S", "t": "T"}), dict(regex=True)),
]


def _text(pdf):
    """pandas' result with 'str' columns (pandas' NaN-missing strings) as cormorant's string."""
    return pdf.astype({c: "string" for c in pdf.columns if str(pdf[c].dtype) == "str"}) if isinstance(
        pdf, pd.DataFrame) else pdf


@pytest.mark.parametrize("rows", ["all", "none"])
@pytest.mark.parametrize("case", CASES + FRAME_ONLY, ids=str)
def test_frame(case, rows):
    args, kwargs = case
    pdf = _frame(rows)
    cdf = cpd.read_pandas(pdf)
    try:
        want = _frame().replace(*args, **kwargs) if rows == "none" else None  # (pandas skips its checks then)
        want = pdf.replace(*args, **kwargs)
    except TypeError:  # pandas: a text value for an Int64 column
        with pytest.raises(exceptions.DTypeError):
            cdf.replace(*args, **kwargs).to_pandas()
        return
    assert_same(cdf.replace(*args, **kwargs), _text(want))


@pytest.mark.parametrize("case", CASES, ids=str)
def test_series(case):
    args, kwargs = case
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf["s"].replace(*args, **kwargs), pdf["s"].replace(*args, **kwargs))
    try:
        want = pdf["n"].replace(*args, **kwargs)
    except TypeError:
        with pytest.raises(exceptions.DTypeError):
            cdf["n"].replace(*args, **kwargs).to_pandas()
        return
    assert_same(cdf["n"].replace(*args, **kwargs), want)


def test_inplace_and_reexecution():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    out = cdf.replace(r"b(a)", r"\1\1", regex=True)
    assert_same(out, pdf.replace(r"b(a)", r"\1\1", regex=True))
    assert_same(out, pdf.replace(r"b(a)", r"\1\1", regex=True))
    copy = cdf.copy()
    assert copy.replace("a", "A", regex=True, inplace=True) is copy
    assert_same(copy, pdf.replace("a", "A", regex=True))
    assert_same(cdf, pdf)


@pytest.mark.parametrize("pattern, match", [
    (r"a*", "empty string and text"), (r"a|", "empty string and text"),
    (r"(?<=a)b", "look-around"), (r"(a)\1", "backreference"), (r"\bb", "ASCII"),
])
def test_what_re2_cannot_do_is_refused(pattern, match):
    cdf = cpd.read_pandas(_frame())
    assert _frame().replace(pattern, "-", regex=True) is not None  # pandas takes it
    with pytest.raises(exceptions.UnsupportedError, match=match):
        cdf.replace(pattern, "-", regex=True)
    with pytest.raises(exceptions.UnsupportedError, match=match):
        cdf["s"].replace(pattern, "-", regex=True)


def test_errors():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    with pytest.raises(exceptions.DTypeError, match="object column"):
        cdf.replace("a", 7, regex=True)
    with pytest.raises(exceptions.InvalidArgumentError, match="'to_replace' must be 'None'"):
        cdf.replace("a", regex="b")
    with pytest.raises(exceptions.InvalidArgumentError, match="invalid group reference"):
        cdf.replace("(a)", r"\2", regex=True)
    with pytest.raises(exceptions.InvalidArgumentError, match="bad escape"):
        cdf.replace("a", r"\q", regex=True)
    with pytest.raises(exceptions.InvalidArgumentError, match="must specify either 'value'"):
        cdf.replace(regex="a")
    with pytest.raises(exceptions.InvalidArgumentError, match="cannot be dict-like for Series.replace"):
        cdf["s"].replace({"a": "b"}, {"c": "d"}, regex=True)
    cat = cpd.read_pandas(pd.DataFrame({"c": pd.Categorical(["ab", "b"])}))
    with pytest.raises(exceptions.UnsupportedError, match="categorical column 'c'"):
        cat.replace("a", "z", regex=True)
