"""Categoricals of many categories against pandas 3.1: a value's code among more categories than
one array of the Spark dialect holds (its search tree, compile/spark_lookup.cpp), and the
category at a code, for text (non-ASCII too: Spark orders text by its UTF-8 bytes), integers and
floats, categories in an order of their own, values that are no category and missing values."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd

# (more than one leaf of 64: the tree's inner CASEs and its leaves are both reached)
# (pandas' own warning: values that are no category become missing, as tested here)
pytestmark = pytest.mark.filterwarnings("ignore:Constructing a Categorical with a dtype and values")

_TEXTS = [f"w{i:04d}" for i in range(150)] + ["é", "日本", "Z", "a", "\U0001F600", "\uFF01", "", " "]
_INTS = list(range(-300, 300, 3))
_FLOATS = [i * 0.25 for i in range(-100, 100)]


def _shuffled(items, seed=7):
    out = list(items)
    random.Random(seed).shuffle(out)
    return out


def _values(categories, others, missing):
    """Each category twice (shuffled), values that are no category, and missing values."""
    return _shuffled(categories * 2 + others + [missing] * 3, seed=11)


CASES = {
    "text": (_TEXTS, ["nope", "w9999", "W0001"], None, "string"),
    "int": (_INTS, [1, 2, 301, -301], None, "Int64"),
    "float": (_FLOATS, [0.1, 25.0, -25.25], np.nan, "Float64"),
}


@pytest.fixture(params=list(CASES), name="case")
def case_fixture(request):
    categories, others, missing, dtype = CASES[request.param]
    return categories, pd.Series(pd.array(_values(categories, others, missing), dtype=dtype), name="v")


def _same(got: pd.Series, expected: pd.Series):
    pd.testing.assert_series_equal(got.reset_index(drop=True), expected.reset_index(drop=True))


def test_inferred_categories(case):
    """astype('category'): the sorted distinct values, and each value's code."""
    _, values = case
    got = cpd.read_pandas(values).astype("category").to_pandas()
    expected = values.astype("category")
    assert list(got.cat.categories) == list(expected.cat.categories)
    assert list(got.cat.codes) == list(expected.cat.codes)


@pytest.mark.parametrize("ordered", [False, True])
def test_categories_in_an_order_of_their_own(case, ordered):
    """astype(CategoricalDtype(shuffled)): codes in that order; values that are no category are
    missing; and back (the category at each code), twice (re-execution)."""
    categories, values = case
    dtype = pd.CategoricalDtype(_shuffled(categories, seed=3), ordered=ordered)
    encoded = cpd.read_pandas(values).astype(dtype)
    expected = values.astype(dtype)
    for _ in range(2):
        got = encoded.to_pandas()
        assert list(got.cat.codes) == list(expected.cat.codes)
        _same(encoded.astype(values.dtype).to_pandas(), expected.astype(values.dtype))


def test_categorical_read_from_pandas_back_to_values(case):
    """A categorical read from pandas (its codes), decoded to its categories' dtype, and compared."""
    categories, values = case
    expected = values.astype(pd.CategoricalDtype(_shuffled(categories, seed=5)))
    read = cpd.read_pandas(expected)
    _same(read.astype(values.dtype).to_pandas(), expected.astype(values.dtype))
    probe = [categories[0], categories[-1], categories[70]]
    assert list(read.isin(probe).to_pandas()) == list(expected.isin(probe))
    assert list((read == categories[70]).to_pandas()) == list(expected == categories[70])


def test_no_rows(case):
    categories, values = case
    empty = values.iloc[:0]
    dtype = pd.CategoricalDtype(_shuffled(categories, seed=3))
    got = cpd.read_pandas(empty).astype(dtype).to_pandas()
    assert len(got) == 0 and list(got.cat.categories) == list(empty.astype(dtype).cat.categories)
