"""List columns against pandas: the .list accessor (len, [i], slices, flatten), .str indexing
of lists, explode of list columns (Series and frames), str.split without expand (a list
column) and str.findall; missing lists, empty lists, missing items, repeated labels, empty
frames, re-execution."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from cormorant.strings import StringAccessorError

from conftest import assert_same, nullable_index

INT_LISTS = pd.ArrowDtype(pa.list_(pa.int64()))


def _lists():
    values = [[1, 2, 3], [], None, [4, None], [5], [6, 7, 8, 9, 10]]
    return pd.DataFrame({"l": pd.Series(values, dtype=INT_LISTS),
                         "k": pd.array(["a", "b", "c", "a", None, "b"], dtype="string"),
                         "x": pd.array([1.5, None, 3.0, 4.0, 5.0, 6.0], dtype="Float64")},
                        index=pd.Index([10, 11, 11, 12, 13, 10], name="row"))


def _plain(values):
    """Lists as Python lists (missing lists as None) for comparing list columns."""
    out = []
    for v in values:
        if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
            out.append(None)
        else:
            out.append([None if x is None or x is pd.NA else x for x in list(v)])
    return out


def _same_lists(got, expected):
    got_pd = got.to_pandas()
    assert str(got_pd.dtype).startswith("list<"), got_pd.dtype
    assert _plain(got_pd) == _plain(expected)
    pd.testing.assert_index_equal(nullable_index(got_pd.index), nullable_index(expected.index))


def test_len_and_items_match_pandas():
    pdf = _lists()
    s = cpd.read_pandas(pdf)["l"]
    assert_same(s.list.len(), pdf["l"].list.len())
    for i in (0, 1, -1, -2):
        # pandas' .list[i] raises where a list is too short; .str.get(i) on Python lists gives NaN
        expected = pdf["l"].astype(object).str.get(i).astype("Int64")
        assert_same(s.list[i], expected.rename("l"))
        assert_same(s.str[i], expected.rename("l"))
        assert_same(s.str.get(i), expected.rename("l"))
    assert_same(s.str.len(), pdf["l"].list.len())


@pytest.mark.parametrize("start", [None, 0, 1, 3, -1, -3, 7, -9])
@pytest.mark.parametrize("stop", [None, 0, 2, -1, -4, 9])
@pytest.mark.parametrize("step", [None, 2])
def test_slices_follow_python(start, stop, step):
    pdf = _lists()
    got = cpd.read_pandas(pdf)["l"].list[start:stop:step]
    expected = pd.Series([None if v is None else v[start:stop:step] for v in _plain(pdf["l"])],
                         index=pdf.index, name="l")
    _same_lists(got, expected)


def test_flatten_and_explode_match_pandas():
    pdf = _lists()
    df = cpd.read_pandas(pdf)
    assert_same(df["l"].list.flatten(), pdf["l"].list.flatten())
    assert_same(df["l"].explode(), pdf["l"].explode())
    assert_same(df["l"].explode(ignore_index=True), pdf["l"].explode(ignore_index=True))
    assert_same(df.explode("l"), pdf.explode("l"))
    assert_same(df.explode(["l"], ignore_index=True), pdf.explode(["l"], ignore_index=True))
    out = df.explode("l")
    pd.testing.assert_frame_equal(out.to_pandas(), out.to_pandas())  # re-execution


def _rows(frame: pd.DataFrame) -> list:
    """A frame's rows as a sorted list of tuples of text (partial mode: no order, no labels)."""
    return sorted(tuple(str(None if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) else v)
                        for v in row) for row in frame.itertuples(index=False))


def test_explode_in_partial_ordering_mode():
    """A NULL index (ordering_mode="partial") has no positions to number the items from: explode
    and flatten were refused with a NullIndexError naming rename_axis (found by the fuzzer)."""
    pdf = _lists().reset_index(drop=True)
    pdf["s"] = pd.array(["a,b", "", None, "x", "y,,z", "q"], dtype="string")
    with cpd.option_context("session.ordering_mode", "partial"):
        df = cpd.read_pandas(pdf)
        cases = [
            (df.explode("l"), pdf.explode("l")),
            (df["l"].explode().to_frame(), pdf["l"].explode().to_frame()),
            (df["l"].list.flatten().to_frame(), pdf["l"].list.flatten().to_frame()),
            (df["s"].str.split(",").explode().value_counts().reset_index(),
             pdf["s"].str.split(",").explode().value_counts().reset_index()),
            (df[df["x"] > 100].explode("l"), pdf[pdf["x"] > 100].explode("l")),
        ]
        for got, expected in cases:
            got = got.to_pandas()
            assert _rows(got) == _rows(expected)
            assert _rows(got) == _rows(got)  # re-execution


def test_explode_of_many_items_few_rows_and_empty_frames():
    pdf = pd.DataFrame({"l": pd.Series([list(range(23)), [1]], dtype=INT_LISTS), "v": [1, 2]})
    assert_same(cpd.read_pandas(pdf).explode("l"), pdf.explode("l"))
    empty = _lists().iloc[:0]
    got = cpd.read_pandas(empty).explode("l").to_pandas()
    assert len(got) == 0 and list(got.columns) == ["l", "k", "x"] and str(got["l"].dtype) == "Int64"


def test_str_split_is_a_list_column():
    pdf = pd.DataFrame({"s": pd.array(["a,b,c", "", None, "d", "e,,f", "  x  y ", "   "], dtype="string")})
    s = cpd.read_pandas(pdf)["s"]
    for kwargs in ({"pat": ","}, {"pat": ",", "n": 1}, {}, {"n": 1}, {"pat": r",+", "regex": True}):
        _same_lists(s.str.split(**kwargs), pdf["s"].str.split(**kwargs))
        assert_same(s.str.split(**kwargs).str[0], pdf["s"].str.split(**kwargs).str[0])
        assert_same(s.str.split(**kwargs).str[-1], pdf["s"].str.split(**kwargs).str[-1])
        assert_same(s.str.split(**kwargs).str.len(), pdf["s"].str.split(**kwargs).str.len().astype("Int64"))
        assert_same(s.str.split(**kwargs).explode(), pdf["s"].str.split(**kwargs).explode())
        assert_same(s.str.split(expand=True, **kwargs), pdf["s"].str.split(expand=True, **kwargs))
    _same_lists(s.str.rsplit(","), pdf["s"].str.rsplit(","))
    frame = cpd.read_pandas(pdf)
    frame["parts"] = frame["s"].str.split(",")
    expected = pdf.assign(parts=pdf["s"].str.split(","))
    _same_lists(frame["parts"], expected["parts"])
    assert_same(frame.explode("parts"), expected.explode("parts"))


@pytest.mark.parametrize("pat,flags", [(r"\d+", 0), (r"([a-z])\d", 0), ("A", re.IGNORECASE), ("é.", 0), ("zz", 0)])
def test_findall_matches_pandas(pat, flags):
    pdf = pd.DataFrame({"s": pd.array(["a1b22c333", None, "", "ééa A9", "x9y8"], dtype="string")})
    got = cpd.read_pandas(pdf)["s"].str.findall(pat, flags=flags)
    _same_lists(got, pdf["s"].str.findall(pat, flags=flags))


def test_bad_input_is_refused_clearly():
    df = cpd.read_pandas(_lists())
    with pytest.raises(exceptions.DTypeError, match="list"):
        df["x"].list.len()
    with pytest.raises(exceptions.UnsupportedError, match="step"):
        df["l"].list[::-1]
    with pytest.raises(StringAccessorError, match="lists"):
        df["l"].str.upper()
    with pytest.raises(exceptions.UnsupportedError, match="several groups"):
        cpd.read_pandas(pd.DataFrame({"s": ["ab"]}))["s"].str.findall(r"(a)(b)")
    two = df.assign(m=df["l"])
    with pytest.raises(exceptions.UnsupportedError, match="several list columns"):
        two.explode(["l", "m"])
