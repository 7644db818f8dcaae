"""value_counts of a Series and after groupby (normalize, sort, ascending, dropna), against
pandas 3.1.1: penguins, and generated data with <NA>s, duplicates and ties."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from cormorant.counted import _Counted
from conftest import RTOL, assert_same, nullable, nullable_index


def values_frame() -> pd.DataFrame:
    """Keys with <NA>; values with <NA>s, ties of counts and a group of only <NA> values."""
    return pd.DataFrame(
        {
            "k": pd.array(["a", "b", "a", "c", "b", "c", None, "a", "d", "d", "a", "b"], dtype="string"),
            "i": pd.array([1, None, 3, 1, 5, None, 7, 3, None, None, 1, 5], dtype="Int64"),
            "f": pd.array([0.5, None, 2.5, 0.5, -1.0, None, 3.0, 2.5, None, None, 0.5, 2.5], dtype="Float64"),
            "s": pd.array(["x", None, "y", "x", "y", None, "w", "x", None, None, "y", "y"], dtype="string"),
            "b": pd.array([True, None, False, True, None, None, True, True, None, None, False, True], dtype="boolean"),
        }
    )


@pytest.fixture(scope="module")
def gen():
    pdf = values_frame()
    return cpd.read_pandas(pdf), pdf



def same(got, want) -> None:
    """Values, index, order and dtype; a _Counted result is compared as its pandas result (its
    dtype is pandas' numpy one)."""
    if not isinstance(got, _Counted):
        assert_same(got, want)
        return
    out, expected = got.to_pandas(), want
    assert out.dtypes.equals(want.dtypes) if isinstance(want, pd.DataFrame) else out.dtype == want.dtype
    out, expected = nullable(out), nullable(expected)
    out.index, expected.index = nullable_index(out.index), nullable_index(expected.index)
    if isinstance(want, pd.DataFrame):
        pd.testing.assert_frame_equal(out, expected, rtol=RTOL)
    else:
        pd.testing.assert_series_equal(out, expected, rtol=RTOL)


OPTIONS = [
    {}, {"normalize": True}, {"dropna": False}, {"normalize": True, "dropna": False}, {"ascending": True},
    {"sort": False}, {"normalize": True, "sort": False}, {"normalize": True, "ascending": True, "dropna": False},
]
OPTION_IDS = ["default", "normalize", "keep_na", "normalize_keep_na", "ascending", "unsorted", "normalize_unsorted",
              "normalize_ascending_keep_na"]


@pytest.mark.parametrize("options", OPTIONS, ids=OPTION_IDS)
@pytest.mark.parametrize("column", ["i", "f", "s", "b"])
def test_series_value_counts(gen, column, options):
    c, p = gen
    same(c[column].value_counts(**options), p[column].value_counts(**options))


@pytest.mark.parametrize("options", OPTIONS, ids=OPTION_IDS)
def test_series_value_counts_penguins(penguins, options):
    c, p = penguins
    for column in ("species", "sex", "year", "island"):
        same(c[column].value_counts(**options), p[column].value_counts(**options))


@pytest.mark.parametrize("options", OPTIONS, ids=OPTION_IDS)
@pytest.mark.parametrize("groupby", [{}, {"dropna": False}, {"as_index": False}], ids=["default", "keep_na_keys", "as_index_false"])
def test_groupby_value_counts(penguins, options, groupby):
    c, p = penguins
    for keys, column in (("species", "sex"), (["species", "island"], "year"), ("sex", "island")):
        same(c.groupby(keys, **groupby)[column].value_counts(**options),
             p.groupby(keys, **groupby)[column].value_counts(**options))


@pytest.mark.parametrize("options", OPTIONS, ids=OPTION_IDS)
@pytest.mark.parametrize("groupby", [{}, {"dropna": False}, {"as_index": False}], ids=["default", "keep_na_keys", "as_index_false"])
def test_groupby_value_counts_generated(gen, options, groupby):
    c, p = gen
    for column in ("i", "f", "s", "b"):
        same(c.groupby("k", **groupby)[column].value_counts(**options),
             p.groupby("k", **groupby)[column].value_counts(**options))


@pytest.mark.parametrize("options", OPTIONS, ids=OPTION_IDS)
def test_frame_groupby_value_counts(penguins, gen, options):
    c, p = penguins
    same(c.groupby("species")[["island", "sex"]].value_counts(**options),
         p.groupby("species")[["island", "sex"]].value_counts(**options))
    same(c.groupby("species", as_index=False)[["sex", "year"]].value_counts(**options),
         p.groupby("species", as_index=False)[["sex", "year"]].value_counts(**options))
    c, p = gen
    same(c.groupby("k", dropna=False)[["s", "b"]].value_counts(**options),
         p.groupby("k", dropna=False)[["s", "b"]].value_counts(**options))
    same(c.groupby("k").value_counts(**options), p.groupby("k").value_counts(**options))


def test_groupby_value_counts_unsorted_groups(penguins):
    """groupby(sort=False): groups in order of first appearance with value_counts(sort=False);
    pandas' order with sort=True there depends on its internals, so cormorant refuses it."""
    c, p = penguins
    same(c.groupby("species", sort=False)["sex"].value_counts(sort=False),
         p.groupby("species", sort=False)["sex"].value_counts(sort=False))
    same(c.groupby("species", sort=False)[["island", "sex"]].value_counts(sort=False, normalize=True),
         p.groupby("species", sort=False)[["island", "sex"]].value_counts(sort=False, normalize=True))
    with pytest.raises(ex.UnsupportedError, match="sort=False") as info:
        c.groupby("species", sort=False)["sex"].value_counts()
    assert isinstance(info.value, NotImplementedError)


def test_groupby_value_counts_normalize_in_the_engine(penguins):
    """The group totals are a window sum in the same query."""
    c, _ = penguins
    sql = c.groupby("species")["sex"].value_counts(normalize=True).sql
    assert "OVER (PARTITION BY" in sql


@pytest.mark.parametrize("dtype,values", [
    ("Int64", [None, 2, 2, None, 1]), ("Float64", [None, 3.0]), ("boolean", [None, False, None, True]),
    ("string", [None, "b", "a"]), ("datetime64[us]", [None, "2024-03-10"]), ("Int64", [None]), ("Int64", []),
])
@pytest.mark.parametrize("options", [{"dropna": False}, {"dropna": False, "sort": False},
                                     {"dropna": False, "ascending": True}, {"dropna": False, "normalize": True}])
def test_missing_values_counted_where_pandas_puts_them(dtype, values, options):
    """pandas counts a nullable number's or boolean's <NA> after every other value (so it comes
    last among equal counts, and last unsorted), a string's or datetime's where it first appears;
    cormorant put every <NA> where it first appeared. Found by tests/fuzz (dedup, strings)."""
    p = pd.Series(pd.array(values, dtype=dtype), name="v")
    c = cpd.read_pandas(p.to_frame())["v"]
    same(c.value_counts(**options), p.value_counts(**options))


@pytest.mark.parametrize("subset", [None, ["k", "s"], ["i", "b", "k"], ["f", "k"]])
@pytest.mark.parametrize("normalize", [False, True])
@pytest.mark.parametrize("ascending", [False, True])
@pytest.mark.parametrize("dropna", [True, False])
def test_frame_value_counts(subset, normalize, ascending, dropna):
    pdf = values_frame()
    cdf = cpd.read_pandas(pdf)
    expected = pdf.value_counts(subset=subset, normalize=normalize, ascending=ascending, dropna=dropna)
    for _ in range(2):  # runs again
        assert_same(cdf.value_counts(subset=subset, normalize=normalize, ascending=ascending, dropna=dropna),
                    expected)
    expected = pdf.value_counts(subset=subset, sort=False, dropna=dropna)
    assert_same(cdf.value_counts(subset=subset, sort=False, dropna=dropna), expected)


@pytest.mark.parametrize("keep", ["first", "last", False])
@pytest.mark.parametrize("column", ["k", "i", "f", "b"])
def test_series_duplicated_keeps_the_name(gen, column, keep):
    """Series.duplicated is named as its Series (it came back unnamed; found by the fuzzer)."""
    c, pdf = gen
    for rows in (slice(None), slice(0, 0)):
        assert_same(c[column].iloc[rows].duplicated(keep=keep), pdf[column].iloc[rows].duplicated(keep=keep))
    assert_same(c[column].rename(None).duplicated(keep=keep), pdf[column].rename(None).duplicated(keep=keep))
