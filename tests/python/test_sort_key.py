"""sort_values(key=...) of frames and Series, as pandas 3.1 sorts: the key function of each
`by` column gives the values to sort by (stable; missing values at na_position); pandas is the
oracle."""

import numpy as np
import pandas as pd
import pandas.testing as tm
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions


def _frame():
    return pd.DataFrame({"s": pd.array(["b", "A", "a", None, "B", "é"], dtype="string"),
                         "x": pd.array([3, -1, 2, None, -3, 1], dtype="Int64")},
                        index=pd.Index([4, 2, 2, 0, 1, 9], dtype="Int64"))  # a repeated label


CASES = {
    "lower": lambda d: d.sort_values("s", key=lambda c: c.str.lower()),
    "two keys": lambda d: d.sort_values(["s", "x"], ascending=[True, False],
                                         key=lambda c: c.str.lower() if c.dtype == "string" else c.abs()),
    "abs, missing first, new index": lambda d: d.sort_values("x", key=lambda c: c.abs(), na_position="first",
                                                             ignore_index=True),
    "descending": lambda d: d.sort_values("x", key=lambda c: c % 3, ascending=False),
    "Series": lambda d: d["x"].sort_values(key=lambda c: -c),
    "Series of text, by length": lambda d: d["s"].sort_values(key=lambda c: c.str.len()),
    "key sees the Series' name": lambda d: d["x"].sort_values(key=lambda c: c if c.name == "x" else -c),
    "no rows": lambda d: d[d["x"] > 10].sort_values("x", key=lambda c: c.abs()),
}


@pytest.mark.parametrize("case", list(CASES))
def test_sort_values_by_key_as_pandas(case):
    pdf = _frame()
    df = cpd.read_pandas(pdf)
    want = CASES[case](pdf)
    for _ in range(2):
        got = CASES[case](df).to_pandas()
        (tm.assert_frame_equal if isinstance(want, pd.DataFrame) else tm.assert_series_equal)(got, want)


def test_sort_values_key_in_partial_mode():
    pdf = _frame().reset_index(drop=True).dropna()
    session = cpd.Session(ordering_mode="partial")
    try:
        got = session.read_pandas(pdf).sort_values("x", key=lambda c: c.abs()).to_pandas()
        want = pdf.sort_values("x", key=lambda c: c.abs())
        tm.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))
    finally:
        session.close()


def test_sort_values_key_that_is_not_a_cormorant_series():
    df = cpd.read_pandas(_frame())
    with pytest.raises(exceptions.InvalidArgumentError, match="key of column 'x'"):
        df.sort_values("x", key=lambda c: np.zeros(6))
    with pytest.raises(exceptions.InvalidArgumentError, match="key must be a function"):
        df.sort_values("x", key="abs")
