"""GroupBy.agg / aggregate of a plain Python function (a lambda, your own, a NumPy function
whose name is no aggregation's): each group's column reaches it as a pandas Series, as pandas
calls it; compared with pandas 3.1 with missing values, a missing key, repeated labels, no rows,
several keys, as_index=False, sort=False, and extra arguments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same

LOCAL = pd.DataFrame({"k": pd.array(["b", "a", None, "b", "a", "c"], dtype="string"),
                      "i": pd.array([3, None, -2, 3, 7, 0], dtype="Int64"),
                      "f": pd.array([0.5, np.nan, -1.25, None, 3.0, 0.0], dtype="Float64")}, index=[5, 3, 5, 1, 0, 2])


def spread(values, scale=1):
    return (values.max() - values.min()) * scale


CASES = {
    "series lambda": lambda d: d.groupby("k").f.agg(lambda s: s.max() - s.min()),
    "frame function": lambda d: d.groupby("k").agg(spread),
    "keyword": lambda d: d.groupby("k").i.agg(spread, scale=2),
    "positional": lambda d: d.groupby("k").i.agg(spread, 3),
    "dropna=False": lambda d: d.groupby("k", dropna=False).i.agg(spread),
    "sort=False": lambda d: d.groupby("k", sort=False).agg(lambda s: s.count()),
    "as_index=False": lambda d: d.groupby("k", as_index=False).agg(spread),
    "aggregate": lambda d: d.groupby("k").i.aggregate(lambda s: s.sum() / 2),
    "no rows": lambda d: d.head(0).groupby("k").agg(spread),
    "two keys": lambda d: d.groupby(["k", "i"]).f.agg(lambda s: s.sum()),
    "first value": lambda d: d.groupby("k").agg(lambda s: s.iloc[0]),
    "numpy": lambda d: d.groupby("k").f.agg(np.nanmax),
}


@pytest.mark.parametrize("case", list(CASES))
def test_agg_of_a_function(case):
    assert_same(CASES[case](cpd.read_pandas(LOCAL)), CASES[case](LOCAL))


def test_names_still_run_in_the_engine():
    """A function whose name is an aggregation's (np.sum, np.mean) stays that aggregation."""
    d = cpd.read_pandas(LOCAL)
    assert_same(d.groupby("k").agg(np.sum), LOCAL.groupby("k").agg(np.sum))
    assert_same(d.groupby("k").i.agg(np.mean), LOCAL.groupby("k").i.agg(np.mean))
