"""A groupby's sum, prod, cumsum, cumprod and transform('sum'/'prod') of Int8..UInt32 (issue 13):
pandas 3.1 computes them in int64 (uint64) and gives the column's dtype back when every result
fits it, else Int64 (UInt64 for unsigned columns). pandas is the oracle for every case, the lazy
dtype included, computed twice; a UInt64 column (wrapped at 2**64 in pandas) is refused by name."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

SUMMED = ["Int8", "Int16", "Int32", "UInt8", "UInt16", "UInt32"]


def frames(dtype: str):
    """Groups whose sums and products fit the dtype, or not (at both ends), with missing values."""
    info = np.iinfo(dtype.lower())
    small = pd.DataFrame({"k": pd.array([1, 1, 2, 2, 3, 4], dtype="Int64"), "x": pd.array([1, 2, None, 5, None, 3], dtype=dtype),
                          "y": pd.array([2, 0, 1, 1, 4, None], dtype=dtype)})
    big = pd.DataFrame({"k": pd.array([1, 1, 2, 2, 3, 3], dtype="Int64"), "x": pd.array([int(info.max), 1, int(info.min), -1 if info.min else 0, 7, None], dtype=dtype),
                        "y": pd.array([int(info.max), 2, 3, 2, None, None], dtype=dtype)})
    return [small, big, small.iloc[:0]]


def same(got, expected, what):
    assert str(got.dtype if isinstance(expected, pd.Series) else dict(got.dtypes)) == \
        str(expected.dtype if isinstance(expected, pd.Series) else dict(expected.dtypes)), what
    for _ in range(2):
        out = got.to_pandas()
        if isinstance(expected, pd.Series):
            pd.testing.assert_series_equal(out, expected, check_index_type=False, obj=what)
        else:
            pd.testing.assert_frame_equal(out, expected, check_index_type=False, obj=what)


CALLS = [
    ("sum", lambda g: g["x"].sum()), ("prod", lambda g: g["x"].prod()), ("frame sum", lambda g: g[["x", "y"]].sum()),
    ("frame prod", lambda g: g.prod()), ("sum(min_count=2)", lambda g: g["x"].sum(min_count=2)),
    ("agg list", lambda g: g.agg(["sum", "min"])), ("agg dict", lambda g: g.agg({"x": "sum", "y": "max"})),
    ("named", lambda g: g.agg(s=("x", "sum"), p=("y", "prod"), m=("x", "min"))),
    ("series agg list", lambda g: g["x"].agg(["sum", "prod", "max"])),
    ("cumsum", lambda g: g["x"].cumsum()), ("cumprod", lambda g: g["y"].cumprod()),
    ("frame cumsum", lambda g: g[["x", "y"]].cumsum()), ("cumsum skipna=False", lambda g: g["x"].cumsum(skipna=False)),
    ("transform sum", lambda g: g["x"].transform("sum")), ("transform prod", lambda g: g[["x", "y"]].transform("prod")),
    ("transform cumsum", lambda g: g["y"].transform("cumsum")),
]


@pytest.mark.parametrize("dtype", SUMMED)
def test_grouped_sums_take_pandas_dtype_by_the_values(dtype):
    for pdf in frames(dtype):
        df = cpd.read_pandas(pdf)
        for what, call in CALLS:
            try:
                expected = call(pdf.groupby("k"))
            except (OverflowError, TypeError, ValueError):
                continue
            same(call(df.groupby("k")), expected, f"{dtype} {what} of {len(pdf)} rows")
        expected = pdf.groupby("k", as_index=False)["x"].sum()
        same(df.groupby("k", as_index=False)["x"].sum(), expected, f"{dtype} as_index=False")


def test_the_sum_of_a_key_column_beside_others():
    pdf = pd.DataFrame({"k": pd.array([1, 1, 2], dtype="Int8"), "x": pd.array([100, 100, 1], dtype="Int8")})
    df = cpd.read_pandas(pdf)
    same(df.groupby("k").sum(), pdf.groupby("k").sum(), "sum")
    same(df.groupby(df["k"])["k"].sum(), pdf.groupby(pdf["k"])["k"].sum(), "key summed")


def test_uint64_is_refused_by_name():
    df = cpd.read_pandas(pd.DataFrame({"k": pd.array([1, 1], dtype="Int64"), "big": pd.array([2**63, 2**63], dtype="UInt64")}))
    for call in [lambda g: g["big"].sum(), lambda g: g.prod(), lambda g: g["big"].cumsum(),
                 lambda g: g["big"].transform("sum"), lambda g: g.agg({"big": ["sum"]})]:
        with pytest.raises(exceptions.DTypeError, match="'big' of dtype UInt64"):
            call(df.groupby("k")).to_pandas()
