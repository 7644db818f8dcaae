"""DataFrame.clip against pandas 3.1: scalar bounds (missing ones, reversed ones), bounds by
column with axis=1 (a pandas Series, missing and absent labels, a list), Int64 and Float64 columns
with missing values, repeated index labels, no rows, inplace; typed errors where pandas raises or
cormorant refuses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame():
    return pd.DataFrame(
        {
            "a": pd.array([3, None, 1, -4, 2], dtype="Int64"),
            "f": pd.array([1.5, None, -2.0, 7.25, np.nan], dtype="Float64"),
        },
        index=pd.Index([10, 11, 11, 13, 14], name="k"),
    )


CALLS = [
    dict(lower=0),
    dict(upper=2),
    dict(lower=-1, upper=2),
    dict(lower=2, upper=-1),  # reversed: pandas puts scalar bounds in order
    dict(lower=np.nan, upper=2),
    dict(lower=None, upper=pd.NA),
    dict(lower=pd.Series({"a": 0, "f": -1.5}), axis=1),
    dict(lower=pd.Series({"a": 0, "f": np.nan}), upper=pd.Series({"f": 1.0, "zz": 3.0, "a": 2}), axis="columns"),
    dict(lower=[0, -1.5], upper=[2, 1.0], axis=1),
    dict(lower=[3, 2.0], upper=[1, 1.0], axis=1),  # not reordered: the upper bound wins
]


@pytest.mark.parametrize("rows", ["all", "none"])
@pytest.mark.parametrize("kwargs", CALLS, ids=range(len(CALLS)))
def test_clip(rows, kwargs):
    pdf = _frame() if rows == "all" else _frame().head(0)
    cdf = cpd.read_pandas(pdf)
    got = cdf.clip(**kwargs)
    assert_same(got, pdf.clip(**kwargs))
    assert_same(got, pdf.clip(**kwargs))  # again


def test_clip_inplace():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    derived = cdf + 0  # made before: keeps its values (copy-on-write)
    assert cdf.clip(0, 2, inplace=True) is cdf  # pandas 3.1 returns the object (its inplace is deprecated)
    assert pdf.clip(0, 2, inplace=True) is pdf
    assert_same(cdf, pdf)
    assert_same(derived, _frame() + 0)


def test_clip_errors():
    pdf = pd.concat([_frame(), pd.DataFrame({"s": pd.array(["x", None, "y", "z", "w"], dtype="string")},
                                            index=_frame().index)], axis=1)
    cdf = cpd.read_pandas(pdf)
    with pytest.raises(TypeError):
        pdf.clip(0)
    with pytest.raises(exceptions.DTypeError, match="string"):
        cdf.clip(0).to_pandas()
    with pytest.raises(TypeError):
        pdf[["a"]].clip(1.5)
    with pytest.raises(exceptions.DTypeError, match="Int64"):
        cdf[["a"]].clip(1.5).to_pandas()
    with pytest.raises(exceptions.UnsupportedError, match="cormorant Series"):
        cdf.clip(lower=cdf["a"], axis=0)
    with pytest.raises(exceptions.UnsupportedError, match="axis=None"):
        cdf.clip(lower=pd.Series({"a": 0}))
    # pandas makes a column the bounds do not name all missing: refused
    with pytest.raises(exceptions.UnsupportedError, match=r"no label \['a'\]"):
        cdf[["a", "f"]].clip(upper=pd.Series({"f": 1.0}), axis=1)
    with pytest.raises(exceptions.InvalidArgumentError, match="length must be 3"):
        cdf.clip(lower=[0, 1], axis=1)
    with pytest.raises(ValueError):
        pdf.clip(lower=[0, 1], axis=1)
