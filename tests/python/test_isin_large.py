"""isin with long lists is linear and follows pandas (issue 9, item 13).

Long lists are semi-joined against a session table instead of being written into the SQL;
short lists stay in the SQL so scans can prune with them. pandas is the oracle throughout.
"""

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

LONG = 100_000  # far above the inline limit (64)


def check(pdf_series, values):
    got = cpd.read_pandas(pdf_series.to_frame())[pdf_series.name].isin(values).to_pandas()
    want = pdf_series.isin(values)
    pd.testing.assert_series_equal(got, want, check_dtype=False)


@pytest.mark.parametrize("n", [3, 64, 65, LONG])
def test_int_column_long_and_short_lists(n):
    s = pd.Series([1, 5, None, 70_000, -3], dtype="Int64", name="a")
    values = list(range(0, 2 * n, 2))  # evens
    check(s, values)
    check(s, values + [pd.NA])  # a missing entry matches missing rows
    check(s, values + [None])
    check(s, values + values)  # duplicates


@pytest.mark.parametrize("n", [10, LONG])
def test_mixed_kinds(n):
    ints = pd.Series([1, 2, 3, None], dtype="Int64", name="a")
    floats = pd.Series([1.0, 2.5, -0.0, None], dtype="Float64", name="b")
    strings = pd.Series(["x", "1", None, "y"], dtype="string", name="c")
    bools = pd.Series([True, False, None], dtype="boolean", name="d")
    filler = [float(i) + 0.5 for i in range(n)]
    check(ints, filler + [2.0, 3.5])  # float values on an int column
    check(floats, filler[:-1] + [1, 0])  # ints (and 0 against -0.0) on a float column
    check(floats, filler + [np.nan])  # NaN: pandas' missing marker
    check(strings, [str(i) for i in range(n)] + ["y"])
    check(strings, list(range(n)))  # ints never equal text
    check(strings, ["zz"] * n + [np.nan])  # NaN matches a missing string
    check(bools, [1] + list(range(5, n + 5)))  # 1 equals True


@pytest.mark.parametrize(
    "make",
    [
        lambda v: set(v),
        lambda v: (x for x in v),
        lambda v: np.array(v),
        lambda v: pd.Series(v),
        lambda v: pd.Index(v),
        lambda v: dict.fromkeys(v),
        lambda v: [],
    ],
)
def test_argument_kinds(make):
    s = pd.Series([0, 7, 199_998, 199_999], dtype="Int64", name="a")
    values = list(range(0, 2 * LONG, 2))
    got = cpd.read_pandas(s.to_frame())["a"].isin(make(values)).to_pandas()
    pd.testing.assert_series_equal(got, s.isin(make(values)), check_dtype=False)


def test_filter_with_long_list_reexecutes_the_same():
    pdf = pd.DataFrame({"a": range(1000), "b": [f"r{i}" for i in range(1000)]})
    values = list(range(0, 3 * LONG, 3))
    df = cpd.read_pandas(pdf)
    got = df[df["a"].isin(values)]
    want = pdf[pdf["a"].isin(values)]
    for _ in range(2):
        pd.testing.assert_frame_equal(got.to_pandas(), want.convert_dtypes(), check_dtype=False)


def test_dataframe_isin():
    pdf = pd.DataFrame({"a": [1, 2, None], "b": ["x", "y", "z"]}).convert_dtypes()
    df = cpd.read_pandas(pdf)
    for values in ([1, "y"], {"a": [2], "c": [1]}, {"b": ["z", "q"]}, list(range(LONG)) + ["x"]):
        pd.testing.assert_frame_equal(df.isin(values).to_pandas(), pdf.isin(values), check_dtype=False)
    with pytest.raises(exceptions.UnsupportedError):
        df.isin(pd.Series([1, 2]))


def test_map_with_too_many_keys_is_a_typed_error():
    df = cpd.read_pandas(pd.DataFrame({"a": [1, 2, 3]}))
    with pytest.raises(exceptions.UnsupportedError, match="join"):
        df["a"].map({i: i + 1 for i in range(20_000)})
