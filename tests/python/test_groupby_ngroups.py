"""GroupBy.ngroups against pandas 3.1 (issue 13): keys with missing values (dropna both ways),
several keys, a Series' groupby, categorical keys (observed both ways), no rows."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd


def _frame():
    return pd.DataFrame({
        "k": pd.array(["x", "y", None, "x", "z", None], dtype="string"),
        "j": pd.array([1, 1, 2, None, 1, 2], dtype="Int64"),
        "c": pd.Categorical(["a", "b", "a", "a", None, "b"], categories=["a", "b", "unused"]),
        "v": pd.array([1.5, None, 2.0, 3.0, 4.0, 5.0], dtype="Float64"),
    }, index=pd.Index([10, 11, 11, 13, 14, 14], name="i"))


@pytest.mark.parametrize("rows", [6, 0])
@pytest.mark.parametrize("dropna", [True, False])
def test_ngroups(rows, dropna):
    pdf = _frame().head(rows)
    cdf = cpd.read_pandas(pdf)
    for by in ("k", ["k", "j"], "j"):
        assert cdf.groupby(by, dropna=dropna).ngroups == pdf.groupby(by, dropna=dropna).ngroups
        assert cdf.groupby(by, dropna=dropna)["v"].ngroups == pdf.groupby(by, dropna=dropna)["v"].ngroups
    assert cdf["v"].groupby(cdf["k"], dropna=dropna).ngroups == pdf["v"].groupby(pdf["k"], dropna=dropna).ngroups
    for observed in (True, False):
        assert (cdf.groupby("c", observed=observed).ngroups == pdf.groupby("c", observed=observed).ngroups)
