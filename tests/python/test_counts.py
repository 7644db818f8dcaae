"""Negative, zero and huge counts and positions follow pandas (issue 9, item 3).

Every operation taking a number of rows, a position, periods or a window is run with the same
corpus of n in cormorant and in pandas: negative values, 0, the frame's length and one past
it, the ends of int64, values past int64, numpy integers, and non-integers. Either both give
the same result, or both raise the same built-in exception type (cormorant's typed one).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same

LEN = 7
INTS = [-2**70, -2**63, -2**63 + 1, -5, -1, 0, 1, 5, LEN, LEN + 1, 2**63 - 1, 2**63, 2**70,
        np.int32(2), np.int64(-2), np.int64(2**63 - 1)]
NON_INTS = [1.5, 2.0, "3", None]


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"A": pd.array(["x", "x", "y", "x", "y", "z", None], dtype="string"),
         "v": pd.array([3, 1, 4, 1, 5, 9, 2], dtype="Int64"),
         "f": pd.array([0.5, None, 2.5, 0.5, 4.0, 9.0, 1.0], dtype="Float64")},
        index=pd.Index([5, 3, 1, 0, 2, 4, 6], dtype="Int64"),
    )


@pytest.fixture(scope="module")
def pair():
    pdf = frame()
    return cpd.read_pandas(pdf), pdf


def compare(got_fn, want_fn):
    """Same result, or the same exception type (raised by cormorant, never a raw one)."""
    try:
        want = want_fn()
    except Exception as e:  # noqa: BLE001 - pandas decides what is an error
        with pytest.raises(type(e) if not isinstance(e, TypeError) else TypeError) as info:
            got_fn()
        assert type(info.value).__module__.startswith("cormorant"), f"raw error: {info.value!r}"
        return
    got = got_fn()
    if isinstance(got, pd.Series):  # a row by position: cormorant gives it as pandas does
        pd.testing.assert_series_equal(got.astype(object), want.astype(object))
    elif isinstance(want, (pd.DataFrame, pd.Series)):
        assert_same(got, want)
    else:
        assert got == want


OPS = {
    "head": lambda df, n: df.head(n),
    "tail": lambda df, n: df.tail(n),
    "series_head": lambda df, n: df["v"].head(n),
    "series_tail": lambda df, n: df["v"].tail(n),
    "groupby_head": lambda df, n: df.groupby("A").head(n),
    "groupby_tail": lambda df, n: df.groupby("A").tail(n),
    "groupby_nth": lambda df, n: df.groupby("A").nth(n),
    "groupby_series_head": lambda df, n: df.groupby("A")["v"].head(n),
    "nlargest": lambda df, n: df.nlargest(n, "v"),
    "nsmallest": lambda df, n: df.nsmallest(n, "f"),
    "nlargest_last": lambda df, n: df.nlargest(n, "v", keep="last"),
    "nlargest_all": lambda df, n: df.nlargest(n, "v", keep="all"),
    "nlargest_two_columns": lambda df, n: df.nlargest(n, ["v", "f"]),
    "series_nlargest": lambda df, n: df["v"].nlargest(n),
    "series_nsmallest_last": lambda df, n: df["f"].nsmallest(n, keep="last"),
    "series_nsmallest_all": lambda df, n: df["v"].nsmallest(n, keep="all"),
    "value_counts_head": lambda df, n: df["v"].value_counts().head(n),
    "iloc_start": lambda df, n: df.iloc[n:],
    "iloc_stop": lambda df, n: df.iloc[:n],
    "iloc_step": lambda df, n: df.iloc[::n],
    "iloc_start_back": lambda df, n: df.iloc[n::-1],
    "iloc_position": lambda df, n: df.iloc[n],
    "iloc_positions": lambda df, n: df.iloc[[n]],
    "series_iloc": lambda df, n: df["v"].iloc[n:],
    "shift": lambda df, n: df["v"].shift(n),
    "diff": lambda df, n: df["f"].diff(n),
    "frame_shift": lambda df, n: df[["v", "f"]].shift(n),
    "rolling_sum": lambda df, n: df["f"].rolling(n).sum(),
}

# pandas' own quirks left out of the comparison, each a choice documented here:
SKIP = {
    # pandas reads iloc[n] with a huge n as a row position it checks against the length: same.
    # pandas' groupby(...).nth(list) etc. are not in the corpus.
    ("rolling_sum", 0): "rolling(0) is refused (UnsupportedError); pandas gives all windows empty",
    ("groupby_tail", 2**70): "pandas raises OverflowError from its internals here, and returns rows for 2**63",
    # pandas raises IndexError from its internals for a negative n with several columns; cormorant
    # gives no rows, as pandas does with one column.
    **{("nlargest_two_columns", n): "pandas' IndexError" for n in (-2**70, -2**63, -2**63 + 1, -5, -1, -2)},
    # A step of +-(2**63 - 1) picks the first row as Python and numpy slicing (and pandas with a
    # RangeIndex) do; pandas with another index gives no rows.
    **{("iloc_step", n): "pandas' empty result" for n in (-2**63, -2**63 + 1, 2**63 - 1)},
}


@pytest.mark.parametrize("n", INTS, ids=[repr(n) for n in INTS])
@pytest.mark.parametrize("op", list(OPS))
def test_counts_follow_pandas(pair, op, n):
    if (op, n) in SKIP or (op, int(n)) in SKIP:
        got = None
        try:
            got = OPS[op](pair[0], n)
            if hasattr(got, "to_pandas"):
                got.to_pandas()
        except Exception as e:  # noqa: BLE001
            assert type(e).__module__.startswith("cormorant"), repr(e)
        return
    cdf, pdf = pair
    compare(lambda: OPS[op](cdf, n), lambda: OPS[op](pdf, n))


@pytest.mark.parametrize("n", NON_INTS, ids=[repr(n) for n in NON_INTS])
@pytest.mark.parametrize("op", ["head", "tail", "series_head", "nlargest", "series_nlargest", "groupby_nth",
                                "iloc_start", "iloc_position", "shift", "rolling_sum"])
def test_non_integer_counts_are_refused(pair, op, n):
    """pandas refuses these (TypeError or ValueError); so does cormorant, with a typed error.
    Where pandas takes a bool or a float as a count anyway (tail(True), groupby.head(1.5)),
    cormorant refuses too: a count is an int."""
    cdf, pdf = pair
    if n is None and op in ("iloc_start", "shift"):
        pytest.skip("None is the default there")
    compare(lambda: OPS[op](cdf, n), lambda: OPS[op](pdf, n))


def test_issue_examples(pair):
    cdf, pdf = pair
    assert_same(cdf.groupby("A").head(-1), pdf.groupby("A").head(-1))
    assert_same(cdf.tail(-2**63), pdf.tail(-2**63))
    assert_same(cdf.nlargest(-1, "v"), pdf.nlargest(-1, "v"))
    assert_same(cdf.head(2**70), pdf.head(2**70))


@pytest.mark.parametrize("ascending", [True, False])
def test_groupby_cumcount(pair, ascending):
    cdf, pdf = pair
    assert_same(cdf.groupby("A").cumcount(ascending=ascending), pdf.groupby("A").cumcount(ascending=ascending))
    assert_same(cdf.groupby("A", dropna=False).cumcount(ascending=ascending),
                pdf.groupby("A", dropna=False).cumcount(ascending=ascending))


@pytest.mark.parametrize("keys", [[1, None, 1], [1, 2, 1], [None, None]])
@pytest.mark.parametrize("dropna", [True, False])
def test_groupby_cumcount_lazy_dtype(keys, dropna):
    """cumcount's .dtype before it runs is pandas' (float64 where a row has no group, else
    int64): it depends on the values, and was the core's Int64 either way (closing8's leftover)."""
    p = pd.DataFrame({"k": pd.array(keys, dtype="Int64"), "v": range(len(keys))})
    got = cpd.read_pandas(p).groupby("k", dropna=dropna).cumcount()
    expected = p.groupby("k", dropna=dropna).cumcount()
    assert got.dtype == {"float64": "Float64", "int64": "Int64"}[str(expected.dtype)]
    assert got.dtype == got.to_pandas().dtype
    assert_same(got, expected)


@pytest.mark.parametrize("n", [[0, -1], [1, 5], [-2, 0, 0]])
def test_groupby_nth_lists(pair, n):
    cdf, pdf = pair
    assert_same(cdf.groupby("A").nth(n), pdf.groupby("A").nth(n))


# -- strings: the oracle is pandas on Python's own str (storage "python"): pyarrow's kernels
# give "\x00" for huge slice steps and refuse negative repeats, where Python's str does not.

STRING_OPS = {
    "slice_start": lambda s, n: s.str.slice(n),
    "slice_stop": lambda s, n: s.str.slice(0, n),
    "slice_step": lambda s, n: s.str.slice(None, None, n) if n != 0 else s.str.slice(0, 1),
    "slice_back": lambda s, n: s.str.slice(n, None, -1),
    "getitem_slice": lambda s, n: s.str[n:],
    "get": lambda s, n: s.str.get(n),
    "pad": lambda s, n: s.str.pad(n) if n < 50 else s.str.pad(-n),
    "zfill": lambda s, n: s.str.zfill(n) if n < 50 else s.str.zfill(-n),
    "repeat": lambda s, n: s.str.repeat(n) if n < 50 else s.str.repeat(-n),
    "split_n": lambda s, n: s.str.split("b", n=n, expand=False).str[0],
    "find_start": lambda s, n: s.str.find("c", n),
}


@pytest.fixture(scope="module")
def strings():
    values = ["abc", "de", None, "", "abcbab", "ß⅕b"]
    return (cpd.read_pandas(pd.DataFrame({"s": pd.array(values, dtype="string")}))["s"],
            pd.Series(values, dtype=pd.StringDtype("python", na_value=pd.NA), name="s"))


@pytest.mark.parametrize("n", INTS, ids=[repr(n) for n in INTS])
@pytest.mark.parametrize("op", list(STRING_OPS))
def test_string_counts_follow_python(strings, op, n):
    cs, ps = strings
    if op == "split_n" and not -2**63 <= n < 2**63:
        pytest.skip("Python's str.split takes n as a C ssize_t (OverflowError); cormorant reads it as no limit")
    compare(lambda: STRING_OPS[op](cs, n), lambda: STRING_OPS[op](ps, n))


@pytest.mark.parametrize("op", ["pad", "zfill", "repeat"])
def test_string_too_long_is_refused(strings, op):
    cs, _ = strings
    method = {"pad": lambda s: s.str.pad(2**40), "zfill": lambda s: s.str.zfill(2**63 - 1),
              "repeat": lambda s: s.str.repeat(2**33)}[op]
    import cormorant.exceptions as cex

    with pytest.raises(cex.InvalidArgumentError, match="longer than the longest"):
        method(cs).to_pandas()
