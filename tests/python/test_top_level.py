"""Top-level names: cpd.NamedAgg in groupby agg (pandas 3.1's NamedAgg has four fields) and
cpd.option_context (sets options for a block and restores them, also on an error)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same


def test_named_agg_like_pandas():
    p = pd.DataFrame({"k": ["x", "y", "x", None], "v": pd.array([1, 2, None, 4], dtype="Int64"), "w": [1.5, 2.5, 3.5, 4.5]})
    c = cpd.read_pandas(p)
    assert cpd.NamedAgg is pd.NamedAgg
    kwargs = {"total": pd.NamedAgg("v", "sum"), "top": pd.NamedAgg(column="w", aggfunc="max"), "n": ("v", "count")}
    assert_same(c.groupby("k").agg(**kwargs), p.groupby("k").agg(**kwargs))
    with pytest.raises(TypeError):  # pandas 3.1 calls aggfunc(values, *args, **kwargs): not a name's
        p.groupby("k").agg(q=pd.NamedAgg("w", "quantile", 0.2))
    with pytest.raises(ex.DTypeError, match="'q'.*function"):
        c.groupby("k").agg(q=pd.NamedAgg("w", "quantile", 0.2))
    with pytest.raises(ex.InvalidArgumentError, match="'bad'"):
        c.groupby("k").agg(bad=("v", "sum", 3))


def test_option_context_sets_and_restores():
    before = cpd.options.compute.maximum_bytes_billed
    with cpd.option_context("compute.maximum_bytes_billed", 1, "compute.max_partitions", 7):
        assert cpd.options.compute.maximum_bytes_billed == 1
        assert cpd.options.compute.max_partitions == 7
    assert cpd.options.compute.maximum_bytes_billed == before
    assert cpd.options.compute.max_partitions == 10000
    with pytest.raises(RuntimeError):
        with cpd.option_context("session.ordering_mode", "partial"):
            assert cpd.options.session.ordering_mode == "partial"
            with pytest.raises(ex.OrderRequiredError):  # reads made here are in partial mode
                cpd.read_pandas(pd.DataFrame({"a": [1, 2]})).a.iloc[0]
            raise RuntimeError("inside")
    assert cpd.options.session.ordering_mode == "strict"
    assert cpd.read_pandas(pd.DataFrame({"a": [1, 2]})).a.iloc[0] == 1


def test_option_context_errors():
    with pytest.raises(ex.InvalidArgumentError, match="no option 'compute.nope'"):
        cpd.option_context("compute.nope", 1)
    with pytest.raises(ex.InvalidArgumentError, match="pairs"):
        cpd.option_context("compute.max_partitions")
    with pytest.raises(ex.InvalidArgumentError):
        with cpd.option_context("compute.max_partitions", 5, "session.ordering_mode", "sideways"):
            pass
    assert cpd.options.compute.max_partitions == 10000  # the valid one was restored too
