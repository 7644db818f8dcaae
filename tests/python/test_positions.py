"""Series.argsort, factorize, searchsorted and repeat against pandas 3.1 (issue 13: pandas
names bigframes lacks that users call; they raised UnsupportedError): missing values, ties,
repeated index labels, MultiIndexes, text and datetimes in another zone than UTC, no rows,
re-execution; pandas' errors as typed ones."""

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
            "a": pd.array([3, None, 1, 3, 2, 7], dtype="Int64"),
            "f": pd.array([1.5, None, -2.0, 1.5, 0.0, 4.0], dtype="Float64"),
            "s": pd.array(["x", "y", None, "x", "z", "y"], dtype="string"),
            "t": pd.to_datetime(["2020-01-02", None, "2020-01-01", "2020-01-02", "2020-01-03", None])
            .tz_localize("Australia/Sydney"),
            "k": pd.array(["p", "p", "q", "q", "r", "r"], dtype="string"),
        },
        index=pd.Index([10, 11, 11, 13, 14, 16], name="i"),
    )


@pytest.mark.parametrize("rows", ["all", "none"])
def test_argsort_and_factorize(rows):
    pdf = _frame() if rows == "all" else _frame().head(0)
    cdf = cpd.read_pandas(pdf)
    for column in ("a", "f", "s", "t"):
        assert_same(cdf[column].argsort(), pdf[column].argsort(kind="stable"))
        for kwargs in (dict(), dict(sort=True), dict(use_na_sentinel=False), dict(sort=True, use_na_sentinel=False)):
            codes, uniques = cdf[column].factorize(**kwargs)
            want_codes, want_uniques = pdf[column].factorize(**kwargs)
            np.testing.assert_array_equal(codes, want_codes)
            pd.testing.assert_index_equal(uniques, want_uniques, exact=False)


def test_searchsorted():
    pdf = pd.DataFrame({"a": pd.array([1, 2, 2, 5, 9], dtype="Int64"), "f": pd.array([-1.5, 0.0, 0.0, 2.5, 2.5], dtype="Float64"),
                        "s": pd.array(["a", "b", "b", "d", "e"], dtype="string")})
    cdf = cpd.read_pandas(pdf)
    for column, probes in (("a", [0, 1, 2, 3, 9, 10]), ("f", [-2.0, 0.0, 2.5, 3]), ("s", ["a", "b", "c", "z"])):
        for side in ("left", "right"):
            for v in probes:
                got = cdf[column].searchsorted(v, side=side)
                assert got == pdf[column].searchsorted(v, side=side) and isinstance(got, np.integer)
            np.testing.assert_array_equal(cdf[column].searchsorted(probes, side=side),
                                          pdf[column].searchsorted(probes, side=side))
    empty = pdf.head(0)
    assert cpd.read_pandas(empty)["a"].searchsorted(3) == empty["a"].searchsorted(3)
    with_missing = _frame()["a"]
    with pytest.raises(ValueError, match="impossible with NAs present"):
        with_missing.searchsorted(2)
    with pytest.raises(exceptions.InvalidArgumentError, match="impossible with NAs present"):
        cpd.read_pandas(_frame())["a"].searchsorted(2)
    with pytest.raises(exceptions.UnsupportedError, match="sorter"):
        cdf["a"].searchsorted(2, sorter=[0, 1, 2, 3, 4])


@pytest.mark.parametrize("repeats", [0, 1, 2, 3])
@pytest.mark.parametrize("rows", ["all", "none"])
def test_repeat(repeats, rows):
    pdf = _frame() if rows == "all" else _frame().head(0)
    cdf = cpd.read_pandas(pdf)
    for column in ("a", "s", "t"):
        got = cdf[column].repeat(repeats)
        assert_same(got, pdf[column].repeat(repeats))
        assert_same(got, pdf[column].repeat(repeats))  # again
    two, ptwo = cdf.set_index("k", append=True)["f"], pdf.set_index("k", append=True)["f"]
    assert_same(two.repeat(repeats), ptwo.repeat(repeats))
    filtered, pfiltered = cdf[cdf["a"] > 1]["f"], pdf[pdf["a"] > 1]["f"]
    assert_same(filtered.repeat(repeats), pfiltered.repeat(repeats))


def test_repeat_errors():
    cdf = cpd.read_pandas(_frame())
    with pytest.raises(exceptions.UnsupportedError, match="per row"):
        cdf["a"].repeat([1, 2, 1, 1, 1, 1])
    with pytest.raises(ValueError):
        _frame()["a"].repeat(-1)
    with pytest.raises(exceptions.InvalidArgumentError, match="negative"):
        cdf["a"].repeat(-1)
