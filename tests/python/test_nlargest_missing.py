"""nlargest / nsmallest where keys are missing, compared with pandas 3.1: missing rows fill the
places the present ones leave, and over several keys pandas goes key by key."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd


def _nl_cases():
    rng = np.random.default_rng(7)
    for size in (0, 1, 4, 7):
        for _ in range(3):
            vals = [None if rng.random() < 0.35 else int(rng.integers(0, 3)) for _ in range(size)]
            yield vals


@pytest.mark.parametrize("vals", list(_nl_cases()), ids=str)
def test_nlargest_fills_with_missing_like_pandas(vals):
    p = pd.DataFrame({"v": pd.array(vals, dtype="Int64"),
                      "f": pd.array([None if x is None else x / 4 for x in vals], dtype="Float64")})
    c = cpd.read_pandas(p)
    for n, keep, col, method in itertools.product([0, 1, 2, 3, 5, 8], ["first", "last", "all"], ["v", "f"],
                                                  ["nlargest", "nsmallest"]):
        expected = getattr(p, method)(n, col, keep=keep)
        pd.testing.assert_frame_equal(getattr(c, method)(n, col, keep=keep).to_pandas(), expected,
                                      check_index_type=False)
        pd.testing.assert_series_equal(getattr(c[col], method)(n, keep=keep).to_pandas(),
                                       getattr(p[col], method)(n, keep=keep), check_index_type=False)


@pytest.mark.parametrize("seed", range(6))
def test_nlargest_of_several_columns_with_missing_values(seed):
    """pandas goes key by key; rows missing a later key can still be chosen by an earlier one.
    The oracle runs on float64 columns: with nullable columns pandas 3.1 compares the tied
    border value to <NA> and drops every row (an empty result)."""
    rng = np.random.default_rng(seed)
    m = 7
    p = pd.DataFrame({
        "a": pd.array([None if rng.random() < 0.25 else int(rng.integers(0, 3)) for _ in range(m)], dtype="Int64"),
        "b": pd.array([None if rng.random() < 0.25 else float(rng.integers(0, 3)) for _ in range(m)], dtype="Float64"),
    })
    c = cpd.read_pandas(p)
    for n, keep, cols, method in itertools.product([1, 2, 3, 5], ["first", "last", "all"], [["a", "b"], ["b", "a"]],
                                                    ["nlargest", "nsmallest"]):
        expected = getattr(p.astype("float64"), method)(n, cols, keep=keep).astype(p.dtypes.to_dict())
        pd.testing.assert_frame_equal(getattr(c, method)(n, cols, keep=keep).to_pandas(), expected,
                                      check_index_type=False)
