"""at / iat of DataFrames and Series, reading and setting one cell, compared with pandas 3.1:
duplicate labels (at then gives every matching row, as pandas), negative positions, missing
values, zoned timestamps; bad keys are typed errors."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a": pd.array([1, 2, None], dtype="Int64"),
            "b": pd.array([0.5, None, 2.5], dtype="Float64"),
            "t": pd.to_datetime(["2024-11-03 01:30", None, "2024-03-10 03:00"]).tz_localize("Europe/Paris",
                                                                                          ambiguous=True),
        },
        index=["p", "q", "r"],
    )


def _same_scalar(got, expected):
    assert (pd.isna(got) and pd.isna(expected)) or got == expected, (got, expected)


def test_read_one_cell():
    p = _frame()
    c = cpd.read_pandas(p)
    for row in p.index:
        for column in p.columns:
            _same_scalar(c.at[row, column], p.at[row, column])
            _same_scalar(c[column].at[row], p[column].at[row])
    for i in (0, 1, -1):
        for j in (0, 1, 2, -2):
            _same_scalar(c.iat[i, j], p.iat[i, j])
        _same_scalar(c["b"].iat[i], p["b"].iat[i])


def test_duplicate_labels_give_every_row():
    p = pd.DataFrame({"a": pd.array([1, 2, 3], dtype="Int64")}, index=["x", "y", "x"])
    c = cpd.read_pandas(p)
    assert_same(c.at["x", "a"], p.at["x", "a"])


def test_set_one_cell():
    p = _frame()
    c = cpd.read_pandas(p)
    p.at["q", "a"] = 7
    c.at["q", "a"] = 7
    p.iat[-1, 1] = -1.25
    c.iat[-1, 1] = -1.25
    assert_same(c, p)
    s, ps = c["b"], p["b"].copy()
    s.at["p"] = 9.0
    ps.at["p"] = 9.0
    s.iat[1] = 3.0
    ps.iat[1] = 3.0
    assert_same(s, ps)
    assert_same(c, p)  # setting the Series taken from the frame leaves the frame alone


def test_bad_keys_are_typed():
    c = cpd.read_pandas(_frame())
    with pytest.raises(ex.InvalidArgumentError, match="a row label and a column label"):
        c.at["p"]
    with pytest.raises(ex.InvalidArgumentError, match="integer positions"):
        c.iat["p", 0]
    with pytest.raises(ex.InvalidArgumentError, match="one label"):
        c["a"].at[["p", "q"]]
    with pytest.raises(ex.LabelNotFoundError):
        c.at["nope", "a"]
    with pytest.raises(ex.IndexOutOfBoundsError):
        c.iat[5, 0]
