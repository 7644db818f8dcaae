"""DataFrame.skew / kurt / kurtosis / quantile along each row (axis=1, the core's row_skew,
row_kurt and row_quantile over the row's values) against pandas 3.1: skipna both ways, rows
with too few values, constant rows, infinities, missing values, repeated index labels, no rows,
a wide frame (the SQL grows linearly with the columns), both ordering modes, re-execution."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "i": pd.array([1, None, 3, 5, -7, 2, 2**40, 4], dtype="Int64"),
        "j": pd.array([4, None, 5, 5, None, 2, 3, 4], dtype="Int64"),
        "f": pd.array([0.5, None, None, 5.0, 1e3, 2.0, 0.1, np.inf], dtype="Float64"),
        "g": pd.array([1.5, None, -2.25, 5.0, 1e-3, 2.0, 0.2, 4.0], dtype="Float64"),
        "h": pd.array([9.0, 1.0, 7.5, 5.0, -3.0, None, 1e6, 4.0], dtype="Float64"),
    }, index=pd.Index([10, 11, 10, 12, 13, 11, 14, 15], name="k"))  # repeated labels


def _pandas(p, func, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return getattr(p, func)(axis=1, **kwargs)


@pytest.mark.parametrize("mode", ["strict", "partial"])
@pytest.mark.parametrize("columns", [list("ijfgh"), list("fgh"), list("ij"), list("ihgj")])
@pytest.mark.parametrize("func", ["skew", "kurt", "kurtosis"])
def test_moments(mode, columns, func):
    p = _frame()[columns]
    with cpd.option_context("session.ordering_mode", mode):
        d = cpd.read_pandas(p)
        for skipna in (True, False):
            got, expected = getattr(d, func)(axis=1, skipna=skipna), _pandas(p, func, skipna=skipna)
            for _ in range(2):  # re-execution
                if mode == "partial":
                    pd.testing.assert_series_equal(
                        got.to_pandas().sort_values().reset_index(drop=True),
                        expected.sort_values().reset_index(drop=True), check_names=False)
                else:
                    assert_same(got, expected)


@pytest.mark.parametrize("q", [0.0, 0.3, 0.5, 0.75, 1.0])
@pytest.mark.parametrize("columns", [list("fgh"), list("ij"), list("ijfgh")])
def test_quantile(q, columns):
    p = _frame()[columns].replace([np.inf], 1.0)
    d = cpd.read_pandas(p)
    expected = _pandas(p, "quantile", q=q)
    # pandas' dtype: Float64 for columns of one dtype, object for Int64 beside Float64 (Float64 here)
    assert_same(d.quantile(q, axis=1), expected.astype("Float64"))
    assert_same(d.quantile(q, axis="columns"), expected.astype("Float64"))


def test_quantile_of_booleans_and_numbers():
    p = pd.DataFrame({"b": pd.array([True, False, None], dtype="boolean"),
                      "y": pd.array([1.0, 2.0, 3.0], dtype="Float64"), "z": pd.array([1.0, 5, None], dtype="Float64")})
    d = cpd.read_pandas(p)
    with pytest.raises(exceptions.DTypeError, match="object Series"):  # pandas: an object Series (booleans as numbers)
        d.quantile(0.5, axis=1)
    assert_same(d[["y", "z"]].quantile(0.5, axis=1), _pandas(p[["y", "z"]], "quantile", q=0.5))


def test_wide_frame():
    rng = np.random.default_rng(7)
    values = rng.normal(size=(40, 60)) * 10.0 ** rng.integers(-3, 6, size=(40, 60))
    values[rng.random(size=values.shape) < 0.2] = np.nan
    p = pd.DataFrame(values, columns=[f"c{i}" for i in range(60)]).astype("Float64")
    d = cpd.read_pandas(p)
    for func in ("skew", "kurt"):
        assert_same(getattr(d, func)(axis=1), _pandas(p, func))
    assert_same(d.quantile(0.25, axis=1), _pandas(p, "quantile", q=0.25))
    assert len(d.skew(axis=1).sql) < 60_000  # (linear in the columns; as column expressions it was 98 KB for 7)


def test_no_rows_and_refusals():
    p = _frame().head(0)
    d = cpd.read_pandas(p)
    for func in ("skew", "kurt"):
        got = getattr(d, func)(axis=1).to_pandas()
        assert len(got) == 0 and str(got.dtype) == str(_pandas(p, func).dtype)
    assert len(d.quantile(0.5, axis=1).to_pandas()) == 0
    full = cpd.read_pandas(_frame())
    with pytest.raises(exceptions.UnsupportedError, match="one q"):
        full.quantile([0.2, 0.5], axis=1)
    with pytest.raises(exceptions.InvalidArgumentError, match="interval"):
        full.quantile(1.5, axis=1)
    with pytest.raises(exceptions.DTypeError, match="'string'"):
        cpd.read_pandas(_frame().assign(s=pd.array(list("abcdefgh"), dtype="string"))).skew(axis=1)
