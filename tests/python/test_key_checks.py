"""pandas 3.1's key checks (issue 13): set_index(verify_integrity=True), merge/join(validate=...),
and join(suffixes=); repeated and missing keys, MultiIndexes, no rows; pandas' messages. Also the
refusals of pandas names and keywords a GroupBy or pct_change does not take (typed errors, never a
bare AttributeError or TypeError)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import assert_same

VALIDATE = ["1:1", "one_to_one", "1:m", "one_to_many", "m:1", "many_to_one", "m:m", "many_to_many"]


def _left():
    return pd.DataFrame({"k": pd.array([1, 2, 2, None], dtype="Int64"), "u": pd.array([1, 2, 3, None], dtype="Int64"),
                         "a": pd.array(["p", "q", "r", "s"], dtype="string")})


def _right():
    return pd.DataFrame({"k": pd.array([2, 3, None], dtype="Int64"), "u": pd.array([2, 5, 9], dtype="Int64"),
                         "b": pd.array([1.5, None, 2.5], dtype="Float64")})


def _first_line(error) -> str:
    """pandas' message up to its list of the repeated keys (cormorant lists them its own way)."""
    return str(error).split("\n")[0].rstrip(".")


def _outcome(call):
    try:
        return call(), None
    except Exception as e:  # noqa: BLE001 - compared below
        return None, e


@pytest.mark.parametrize("validate", VALIDATE)
@pytest.mark.parametrize("on", ["k", "u"])
@pytest.mark.parametrize("rows", ["all", "none"])
def test_merge_validate(validate, on, rows):
    pl, pr = (_left(), _right()) if rows == "all" else (_left().head(0), _right().head(0))
    cl, cr = cpd.read_pandas(pl), cpd.read_pandas(pr)
    for kwargs in (dict(on=on), dict(left_on=on, right_on=on), dict(on=[on, "u"] if on != "u" else ["u"])):
        want, error = _outcome(lambda: pl.merge(pr, validate=validate, **kwargs))
        if error is not None:
            assert isinstance(error, pd.errors.MergeError)
            with pytest.raises(exceptions.InvalidArgumentError, match=_first_line(error)):
                cl.merge(cr, validate=validate, **kwargs)
        else:
            assert_same(cl.merge(cr, validate=validate, **kwargs), want)
            assert_same(cpd.merge(cl, cr, validate=validate, **kwargs), want)


@pytest.mark.parametrize("validate", VALIDATE)
def test_join_validate(validate):
    pl, pr = _left().set_index("k"), _right().set_index("k")
    cl, cr = cpd.read_pandas(pl), cpd.read_pandas(pr)
    for left, right, pleft, pright in ((cl, cr, pl, pr), (cl[["a"]], cr[["b"]].head(1), pl[["a"]], pr[["b"]].head(1)),
                                       (cl.head(1), cr.tail(1), pl.head(1), pr.tail(1))):
        want, error = _outcome(lambda: pleft.join(pright, validate=validate, lsuffix="_l", rsuffix="_r"))
        if error is not None:
            with pytest.raises(exceptions.InvalidArgumentError, match=_first_line(error)):
                left.join(right, validate=validate, lsuffix="_l", rsuffix="_r")
        else:
            assert_same(left.join(right, validate=validate, lsuffix="_l", rsuffix="_r"), want)
        want, error = _outcome(lambda: pleft.merge(pright, left_index=True, right_index=True, validate=validate))
        if error is None:
            assert_same(left.merge(right, left_index=True, right_index=True, validate=validate), want)


def test_validate_errors_and_join_suffixes():
    pl, pr = _left(), _right()
    cl, cr = cpd.read_pandas(pl), cpd.read_pandas(pr)
    with pytest.raises(exceptions.InvalidArgumentError, match=r"left dataset; not a one-to-one merge.\n"
                                                                r"Duplicates in left: \[2, <NA>\]"):
        cpd.read_pandas(pd.concat([pl, pl.tail(1)])).merge(cr, on="k", validate="1:1")
    with pytest.raises(ValueError, match="not a valid argument"):
        pl.merge(pr, on="k", validate="1:2")
    with pytest.raises(exceptions.InvalidArgumentError, match="not a valid argument"):
        cl.merge(cr, on="k", validate="1:2")
    pl, pr = pl.set_index("k"), pr.set_index("k")
    cl, cr = cpd.read_pandas(pl), cpd.read_pandas(pr)
    assert_same(cl.join(cr, suffixes=("_l", "_r")), pl.join(pr, suffixes=("_l", "_r")))
    assert_same(cl.join(cr, how="inner", suffixes=("", "_r")), pl.join(pr, how="inner", suffixes=("", "_r")))


@pytest.mark.parametrize("append", [False, True])
def test_set_index_verify_integrity(append):
    pdf = _left()
    cdf = cpd.read_pandas(pdf)
    for keys in ("u", ["u", "a"], "k", ["k", "a"], "a"):
        want, error = _outcome(lambda: pdf.set_index(keys, append=append, verify_integrity=True))
        if error is not None:
            assert isinstance(error, ValueError) and "duplicate keys" in str(error)
            with pytest.raises(exceptions.InvalidArgumentError, match="Index has duplicate keys"):
                cdf.set_index(keys, append=append, verify_integrity=True)
        else:
            assert_same(cdf.set_index(keys, append=append, verify_integrity=True), want)
        assert_same(cdf.set_index(keys, append=append, verify_integrity=False),
                    pdf.set_index(keys, append=append, verify_integrity=False))
    # missing keys repeat too, as pandas counts them
    missing = pd.DataFrame({"m": pd.array([None, None], dtype="Int64"), "v": [1, 2]})
    with pytest.raises(ValueError):
        missing.set_index("m", verify_integrity=True)
    with pytest.raises(exceptions.InvalidArgumentError, match=r"duplicate keys: \[<NA>\]"):
        cpd.read_pandas(missing).set_index("m", verify_integrity=True)
    empty = _left().head(0)
    assert_same(cpd.read_pandas(empty).set_index("k", verify_integrity=True), empty.set_index("k", verify_integrity=True))
    c = cpd.read_pandas(pdf)
    assert c.set_index("u", verify_integrity=True, inplace=True) is None
    assert_same(c, pdf.set_index("u"))


def test_pandas_names_and_keywords_refused_by_name():
    pdf = _left()
    cdf = cpd.read_pandas(pdf)
    for name in ("ngroup", "ohlc", "pipe", "indices"):
        assert hasattr(pdf.groupby("k"), name)
        with pytest.raises(exceptions.UnsupportedError, match=f"GroupBy.{name} is not supported"):
            getattr(cdf.groupby("k"), name)
    with pytest.raises(exceptions.UnsupportedError, match=r"SeriesGroupBy.ohlc"):
        cdf.groupby("k")["u"].ohlc()
    with pytest.raises(AttributeError, match="no_such_name"):
        cdf.groupby("k").no_such_name  # noqa: B018
    assert cdf.groupby("k").a is not None  # a column, as pandas' attribute access
    assert_same(cdf[["k", "u"]].pct_change(axis=1), pdf[["k", "u"]].pct_change(axis=1))  # (test_rowwise.py)
    with pytest.raises(exceptions.UnsupportedError, match=r"pct_change\(.*limit"):
        cdf[["k", "u"]].pct_change(limit=1)  # a keyword pandas passes on to shift, which shift lacks
