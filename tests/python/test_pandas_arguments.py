"""pandas arguments of existing methods against pandas 3.1 (issue 13): reset_index(names=),
Series.reset_index(name=), nunique(dropna=False), sort_index(ignore_index=), astype(errors=);
missing values, repeated labels, MultiIndexes and no rows; typed errors for what is refused."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same


def _frame():
    return pd.DataFrame(
        {
            "a": pd.array([3, None, 1, 3, 2], dtype="Int64"),
            "b": pd.array(["x", "y", None, "x", "z"], dtype="string"),
            "f": pd.array([1.5, None, None, 1.5, 0.0], dtype="Float64"),
        },
        index=pd.Index([10, 11, 11, 13, 14], name="k"),
    )


@pytest.mark.parametrize("rows", ["all", "none"])
def test_reset_index_names(rows):
    pdf = _frame() if rows == "all" else _frame().head(0)
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf.reset_index(names="key"), pdf.reset_index(names="key"))
    assert_same(cdf.reset_index(names=["key"]), pdf.reset_index(names=["key"]))
    two, ptwo = cdf.set_index("b", append=True), pdf.set_index("b", append=True)
    assert_same(two.reset_index(names=["k1", "k2"]), ptwo.reset_index(names=["k1", "k2"]))
    assert_same(two.reset_index(level="b", names=["k1", "k2"]), ptwo.reset_index(level="b", names=["k1", "k2"]))
    assert_same(two.reset_index(level=0, names=["k1", "k2"]), ptwo.reset_index(level=0, names=["k1", "k2"]))
    plain = cpd.read_pandas(pdf.reset_index(drop=True))
    assert_same(plain.reset_index(names="pos"), pdf.reset_index(drop=True).reset_index(names="pos"))
    assert_same(cdf["f"].reset_index(name="value"), pdf["f"].reset_index(name="value"))
    assert_same(cdf["f"].rename(None).reset_index(name="v"), pdf["f"].rename(None).reset_index(name="v"))
    with pytest.raises(exceptions.InvalidArgumentError, match="1-dimensional list"):
        cdf.reset_index(names=("x",))


def test_nunique_dropna():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    for dropna in (True, False):
        pd.testing.assert_series_equal(cdf.nunique(dropna=dropna), pdf.nunique(dropna=dropna))
        for column in pdf.columns:
            assert cdf[column].nunique(dropna=dropna) == pdf[column].nunique(dropna=dropna)
        empty = pdf.head(0)
        pd.testing.assert_series_equal(cpd.read_pandas(empty).nunique(dropna=dropna), empty.nunique(dropna=dropna))


def test_sort_index_ignore_index_key_level():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    for ascending in (True, False):
        assert_same(cdf.sort_index(ascending=ascending, ignore_index=True),
                    pdf.sort_index(ascending=ascending, ignore_index=True, kind="stable"))
        assert_same(cdf["a"].sort_index(ascending=ascending, ignore_index=True),
                    pdf["a"].sort_index(ascending=ascending, ignore_index=True, kind="stable"))
    assert_same(cdf.sort_index(key=lambda i: -i), pdf.sort_index(key=lambda i: -i, kind="stable"))
    assert_same(cdf["a"].sort_index(level=0), pdf["a"].sort_index(level=0, kind="stable"))


def test_astype_errors():
    pdf = _frame()[["a", "f"]]
    cdf = cpd.read_pandas(pdf)
    assert_same(cdf.astype("Float64", errors="raise"), pdf.astype("Float64", errors="raise"))
    assert_same(cdf["a"].astype("Float64", errors="raise"), pdf["a"].astype("Float64", errors="raise"))
    with pytest.raises(ValueError, match="Expected value of kwarg 'errors'"):
        pdf.astype("Float64", errors="skip")
    with pytest.raises(exceptions.InvalidArgumentError, match="Expected value of kwarg 'errors'"):
        cdf.astype("Float64", errors="skip")
    with pytest.raises(exceptions.UnsupportedError, match="errors='ignore'"):
        cdf["f"].astype("Int64", errors="ignore")


def test_rename_index_level_errors():
    pdf = _frame()
    cdf = cpd.read_pandas(pdf)
    for kwargs in (dict(index={11: 110, 99: 1}), dict(mapper={10: 0}), dict(index={}),
                   dict(index={11: 110}, columns={"a": "A"}), dict(mapper={"a": "A"}, axis=1),
                   dict(columns=str.upper), dict(index={11: 110}, errors="raise")):
        got = cdf.rename(**kwargs)
        for _ in range(2):
            assert_same(got, pdf.rename(**kwargs))
    plain = pdf.reset_index(drop=True)
    assert_same(cpd.read_pandas(plain).rename(index={0: 5}), plain.rename(index={0: 5}))
    two, ptwo = cdf.set_index("b", append=True), pdf.set_index("b", append=True)
    for kwargs in (dict(index={"x": "X"}, level="b"), dict(index={"x": "X", 13: 31}), dict(index={13: 31}, level=0)):
        assert_same(two.rename(**kwargs), ptwo.rename(**kwargs))
    with pytest.raises(KeyError, match="not found in axis"):
        pdf.rename(index={99: 1}, errors="raise")
    with pytest.raises(exceptions.LabelNotFoundError, match="not found in axis"):
        cdf.rename(index={99: 1}, errors="raise")
    with pytest.raises(exceptions.LabelNotFoundError, match="not found in axis"):
        cdf.rename(columns={"zz": "y"}, errors="raise")
    with pytest.raises(exceptions.UnsupportedError, match="function"):
        cdf.rename(index=lambda x: x + 1)
    with pytest.raises(exceptions.InvalidArgumentError, match="Cannot specify both"):
        cdf.rename({"a": "b"}, columns={"a": "c"})
