"""Selecting columns of a window (df.rolling(2)["v"], df.groupby("k").expanding()[["v"]], ewm...), as
pandas 3.1: the same windows over those columns. It raised a bare TypeError."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.exceptions as ex
import cormorant.pandas as cpd
from conftest import assert_same


def frame() -> pd.DataFrame:
    return pd.DataFrame({"k": ["a", "a", "b", "a", "b", None], "v": [1.0, 2.0, None, 4.0, 5.0, 6.0],
                         "w": pd.array([1, None, 3, 4, 5, 6], dtype="Int64"),
                         "t": pd.date_range("2024-03-09 23:00", periods=6, freq="h", tz="America/New_York")},
                        index=pd.Index([5, 3, 3, 1, 0, 2], name="r"))  # a repeated label


CASES = {
    "rolling_sum_v": lambda d: d[["v", "w"]].rolling(2)["v"].sum(),
    "rolling_mean_list": lambda d: d[["v", "w"]].rolling(3, min_periods=1)[["w"]].mean(),
    "expanding_max": lambda d: d[["v", "w"]].expanding()["w"].max(),
    "ewm_mean": lambda d: d[["v", "w"]].ewm(com=1.5)["v"].mean(),
    "group_rolling": lambda d: d.groupby("k").rolling(2)["v"].sum(),
    "group_rolling_list": lambda d: d.groupby("k").rolling(2, min_periods=1)[["w", "v"]].max(),
    "group_expanding": lambda d: d.groupby("k", dropna=False).expanding()["w"].count(),
}


@pytest.mark.parametrize("rows", ["all", "none"])
@pytest.mark.parametrize("case", list(CASES))
def test_selected_window(case, rows):
    pdf = frame() if rows == "all" else frame().iloc[:0]
    df = cpd.read_pandas(pdf)
    assert_same(CASES[case](df), CASES[case](pdf))
    assert_same(CASES[case](df), CASES[case](pdf))  # run again


def test_selection_errors():
    df = cpd.read_pandas(frame())
    with pytest.raises(ex.UnsupportedError, match="select them first"):
        df.rolling("2h", on="t")["v"]
    with pytest.raises(ex.InvalidArgumentError, match="one column"):
        df["v"].rolling(2)["v"]
