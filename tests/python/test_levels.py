"""reset_index(level=), droplevel, swaplevel and reorder_levels of frames and Series against
pandas 3.1: named and unnamed levels, missing values, repeated labels, row order kept; errors
typed."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same

FLAT = pd.DataFrame({"a": pd.array([3, 1, None, 1], dtype="Int64"), "b": ["x", "y", "z", None],
                     "c": [1.5, 2.5, 3.5, 1.5], "v": pd.array([7, 8, 9, None], dtype="Int64")})
FRAME = FLAT.set_index(["a", "b", "c"])
UNNAMED = FRAME.rename_axis([None, "b", None])


@pytest.mark.parametrize("frame", [FRAME, UNNAMED])
@pytest.mark.parametrize("level", ["b", 0, [2, 0], [-1], [0, 1, 2], 1])
@pytest.mark.parametrize("drop", [False, True])
def test_reset_index_level(frame, level, drop):
    if isinstance(level, str) and level not in frame.index.names:
        return
    d = cpd.read_pandas(frame)
    assert_same(d.reset_index(level=level, drop=drop), frame.reset_index(level=level, drop=drop))
    assert_same(d["v"].reset_index(level=level, drop=drop), frame["v"].reset_index(level=level, drop=drop))


def test_single_level_and_levels_methods():
    single = FLAT.set_index("b")
    d = cpd.read_pandas(single)
    assert_same(d.reset_index(level=0), single.reset_index(level=0))
    assert_same(d.reset_index(level="b", drop=True), single.reset_index(level="b", drop=True))
    for frame in (FRAME, UNNAMED):
        d = cpd.read_pandas(frame)
        assert_same(d.droplevel(1), frame.droplevel(1))
        assert_same(d.droplevel([0, 2]), frame.droplevel([0, 2]))
        assert_same(d.swaplevel(), frame.swaplevel())
        assert_same(d.swaplevel(0, 2), frame.swaplevel(0, 2))
        assert_same(d.reorder_levels([2, 0, 1]), frame.reorder_levels([2, 0, 1]))
        assert_same(d["v"].droplevel(0), frame["v"].droplevel(0))
        assert_same(d["v"].swaplevel(0, 1), frame["v"].swaplevel(0, 1))
        assert_same(d["v"].reorder_levels([1, 2, 0]), frame["v"].reorder_levels([1, 2, 0]))
    sorted_rows = cpd.read_pandas(FRAME).sort_values("v", ascending=False)
    assert_same(sorted_rows.swaplevel(), FRAME.sort_values("v", ascending=False).swaplevel())


def test_errors():
    d = cpd.read_pandas(FRAME)
    with pytest.raises(ex.InvalidArgumentError, match="at least one level"):
        d.droplevel([0, 1, 2])
    with pytest.raises(ex.LabelNotFoundError, match="'q'"):
        d.reset_index(level="q")
    with pytest.raises(ex.IndexOutOfBoundsError, match="Too many levels"):
        d.droplevel(5)
    with pytest.raises(ex.DTypeError, match="hierarchical"):
        cpd.read_pandas(FLAT).swaplevel()
    with pytest.raises(ex.InvalidArgumentError, match="Length of order"):
        d.reorder_levels([0, 1])
    with cpd.option_context("session.ordering_mode", "partial"):
        with pytest.raises(ex.NullIndexError):
            cpd.read_pandas(FLAT).droplevel(0)
