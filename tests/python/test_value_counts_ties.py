"""value_counts' order among equal counts, as pandas 3.1 (a stable sort of the counts over
the values in order of first appearance): where a missing value goes depends on the dtype, as
in pandas: last for Int64/Float64/boolean (masked arrays count it apart), by its first
appearance for text and categories. pandas is the oracle; each case has ties with <NA> first."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same

CASES = {
    "Int64": pd.array([None, 3, None, 1, 3, 1, 2, 2], dtype="Int64"),
    "Int64_na_between": pd.array([2, None, 1, None, 1, 2], dtype="Int64"),
    "Float64": pd.array([None, 3.5, None, 1.0, 3.5, 1.0, 2.0, 2.0], dtype="Float64"),
    "string": pd.array([None, "b", None, "a", "b", "a", "c", "c"], dtype="string"),
    "boolean": pd.array([None, True, None, False, True, False], dtype="boolean"),
    "category": pd.Categorical([None, "b", None, "a", "b", "a", "c", "c"]),
}


@pytest.mark.parametrize("kwargs", [{}, {"normalize": True}, {"ascending": True}], ids=["counts", "normalize", "ascending"])
@pytest.mark.parametrize("dropna", [False, True])
@pytest.mark.parametrize("name", sorted(CASES))
def test_ties_follow_pandas(name, dropna, kwargs):
    p = pd.Series(CASES[name], name="s")
    c = cpd.read_pandas(p.to_frame())["s"]
    got, want = c.value_counts(dropna=dropna, **kwargs).to_pandas(), p.value_counts(dropna=dropna, **kwargs)
    # (the order is what is compared: the labels, missing ones alike, and the counts in order)
    assert [None if pd.isna(x) else x for x in got.index] == [None if pd.isna(x) else x for x in want.index]
    assert list(got) == list(want)

def test_ties_of_list_lengths_follow_the_int64_rule():
    """The fuzz case (strings:23241): pandas' str.len() of lists is an object Series there,
    whose <NA> comes by first appearance; cormorant's is Int64, whose <NA> comes last as for
    pandas' Int64 (README: list lengths are Int64)."""
    p = pd.Series([None, None, "ǅ", "ÉCOLE"], dtype="string", name="s")
    c = cpd.read_pandas(p.to_frame())["s"]
    lengths = p.str.rsplit(n=1).str.len().astype("Int64")
    assert_same(c.str.rsplit(n=1).str.len().value_counts(dropna=False), lengths.value_counts(dropna=False))
