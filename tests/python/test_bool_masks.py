"""Boolean masks by position in iloc, loc, [] and drop, compared with pandas (issue 9, item 2).

A list of booleans (and a numpy bool array, a pandas boolean array or Index) selects like a
mask, never as the positions 0 and 1; a pandas boolean Series aligns on labels. Wrong lengths
and unalignable Series raise pandas' exception types.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from conftest import assert_same

T, F = True, False


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"a": pd.array([1, 2, None, 4], dtype="Int64"), "b": pd.array([0.5, None, 2.5, 3.5], dtype="Float64"),
         "c": pd.array(["w", "x", None, "z"], dtype="string")},
        index=pd.Index([10, 20, 30, 10], dtype="Int64"),  # a duplicate label too
    )


@pytest.fixture(scope="module")
def pair():
    pdf = frame()
    return cpd.read_pandas(pdf), pdf


ROW_MASKS = {
    "list": [T, F, T, F],
    "list_np_bools": [np.True_, F, np.False_, T],
    "all_false": [F, F, F, F],
    "all_true": [T, T, T, T],
    "numpy": np.array([F, T, T, F]),
    "index": pd.Index([T, F, F, T]),
    "boolean_array_with_na": pd.array([T, None, F, T], dtype="boolean"),
}
COL_MASKS = {
    "list": [T, F, T],
    "numpy": np.array([F, T, F]),
    "index": pd.Index([F, F, T]),
    "none": [F, F, F],
}


def same_or_same_error(got_fn, want_fn, compare=assert_same):
    """Runs both; they give the same result or raise the same built-in exception type."""
    try:
        want = want_fn()
    except Exception as e:  # noqa: BLE001 - the oracle decides what is an error
        with pytest.raises(type(e)) as info:
            got_fn()
        assert type(info.value).__module__.startswith("cormorant"), f"raw error: {info.value!r}"
        return
    compare(got_fn(), want)


def assert_same_columns_maybe_none(got, want):
    """assert_same; a frame with no columns left is compared without the dtype of its empty
    column Index (object here, 'str' in pandas: a labels matter of issue 9 item 5)."""
    if len(want.columns) == 0:
        pd.testing.assert_frame_equal(got.to_pandas(), want, check_column_type=False, check_index_type=False)
        return
    assert_same(got, want)


def assert_scalar_row(got, want):
    pd.testing.assert_series_equal(got.astype(object), want.astype(object), check_names=True)


@pytest.mark.parametrize("mask", list(ROW_MASKS.values()), ids=list(ROW_MASKS))
@pytest.mark.parametrize("how", ["iloc", "loc", "getitem"])
def test_row_masks(pair, mask, how):
    cdf, pdf = pair
    same_or_same_error(lambda: getattr(cdf, how, cdf)[mask] if how != "getitem" else cdf[mask],
                       lambda: getattr(pdf, how, pdf)[mask] if how != "getitem" else pdf[mask])


@pytest.mark.parametrize("mask", list(COL_MASKS.values()), ids=list(COL_MASKS))
@pytest.mark.parametrize("how", ["iloc", "loc"])
def test_column_masks(pair, mask, how):
    cdf, pdf = pair
    assert_same_columns_maybe_none(getattr(cdf, how)[:, mask], getattr(pdf, how)[:, mask])
    assert_same_columns_maybe_none(getattr(cdf, how)[[T, F, F, T], mask], getattr(pdf, how)[[T, F, F, T], mask])


def test_issue_examples(pair):
    cdf, pdf = pair
    assert_same(cdf.iloc[:, [T, F, F]], pdf.iloc[:, [T, F, F]])
    assert_scalar_row(cdf.iloc[0, [F, T, F]], pdf.iloc[0, [F, T, F]])
    assert_scalar_row(cdf.iloc[1, [T, F, T]], pdf.iloc[1, [T, F, T]])


@pytest.mark.parametrize("length", [0, 2, 5])
@pytest.mark.parametrize(
    "where",
    ["iloc_rows", "loc_rows", "iloc_cols", "loc_cols", "getitem", "series_iloc", "series_getitem", "series_loc"],
)
def test_wrong_length(pair, length, where):
    cdf, pdf = pair
    mask = [T, F, T, F, T][:length] if length else []

    def run(df):
        s = df["a"]
        return {
            "iloc_rows": lambda: df.iloc[mask], "loc_rows": lambda: df.loc[mask],
            "iloc_cols": lambda: df.iloc[:, mask], "loc_cols": lambda: df.loc[:, mask],
            "getitem": lambda: df[mask], "series_iloc": lambda: s.iloc[mask],
            "series_getitem": lambda: s[mask], "series_loc": lambda: s.loc[mask],
        }[where]()

    if length == 0:  # [] is no mask but an empty list of positions or labels
        if where in ("getitem",):
            pytest.skip("df[[]] selects no columns in pandas: not a mask")
        same_or_same_error(lambda: run(cdf), lambda: run(pdf), compare=assert_same_columns_maybe_none
                           if where.endswith("cols") else assert_same)
        return
    same_or_same_error(lambda: run(cdf), lambda: run(pdf))


@pytest.mark.parametrize("mask", list(ROW_MASKS.values()), ids=list(ROW_MASKS))
@pytest.mark.parametrize("how", ["iloc", "loc", "getitem"])
def test_series_masks(pair, mask, how):
    cdf, pdf = pair
    cs, ps = cdf["b"], pdf["b"]
    same_or_same_error(lambda: getattr(cs, how)[mask] if how != "getitem" else cs[mask],
                       lambda: getattr(ps, how)[mask] if how != "getitem" else ps[mask])


UNIQUE = pd.Index([10, 20, 30, 40], dtype="Int64")
SERIES_KEYS = {
    "same_index": pd.Series([T, F, T, T], index=UNIQUE),
    "permuted": pd.Series([T, F, T, F], index=pd.Index([40, 30, 20, 10], dtype="Int64")),
    "extra_labels": pd.Series([T, F, T, F, T], index=pd.Index([10, 20, 30, 40, 50], dtype="Int64")),
    "missing_labels": pd.Series([T, F], index=pd.Index([10, 20], dtype="Int64")),
    "other_labels": pd.Series([T, F, T, F]),
}


@pytest.mark.parametrize("key", list(SERIES_KEYS.values()), ids=list(SERIES_KEYS))
@pytest.mark.parametrize("how", ["iloc", "loc", "getitem"])
def test_pandas_boolean_series_aligns(key, how):
    pdf = frame().set_axis(UNIQUE)
    cdf = cpd.read_pandas(pdf)
    same_or_same_error(lambda: getattr(cdf, how)[key] if how != "getitem" else cdf[key],
                       lambda: getattr(pdf, how)[key] if how != "getitem" else pdf[key])


def test_loc_columns_by_pandas_series(pair):
    cdf, pdf = pair
    key = pd.Series([F, T, T], index=["c", "b", "a"])
    assert_same(cdf.loc[:, key], pdf.loc[:, key])


def test_bools_are_not_positions(pair):
    cdf, pdf = pair
    for key in (T, np.True_):
        same_or_same_error(lambda: cdf.iloc[key], lambda: pdf.iloc[key])
        same_or_same_error(lambda: cdf["a"].iloc[key], lambda: pdf["a"].iloc[key])
        same_or_same_error(lambda: cdf.iloc[:, key], lambda: pdf.iloc[:, key])


@pytest.mark.parametrize("key", [[T, F], [T], ["a", T]])
def test_drop_with_booleans_is_a_key_error(pair, key):
    cdf, pdf = pair
    same_or_same_error(lambda: cdf.drop(columns=key), lambda: pdf.drop(columns=key))


@pytest.mark.parametrize("key", [5, -4, [0, 3], [-1]])
def test_iloc_column_positions_out_of_bounds(pair, key):
    cdf, pdf = pair
    same_or_same_error(lambda: cdf.iloc[:, key], lambda: pdf.iloc[:, key])


def test_masked_frame_derives_again(pair):
    """A masked frame is an ordinary lazy frame: filter it, assign to it, run it twice."""
    cdf, pdf = pair
    cm, pm = cdf.iloc[[T, F, T, T]], pdf.iloc[[T, F, T, T]]
    cm = cm.assign(d=cm["a"] * 2)
    pm = pm.assign(d=pm["a"] * 2)
    assert_same(cm, pm)
    assert_same(cm, pm)
    assert_same(cm[cm["a"] > 1], pm[pm["a"] > 1])
