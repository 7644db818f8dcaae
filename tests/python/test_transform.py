"""DataFrame.transform and Series.transform against pandas 3.1: method names, functions (of each
column for a frame, of each value for a Series), NumPy ufuncs, lists ((column, function) labels
for a frame) and dicts; missing values, repeated labels, no rows, re-execution; an aggregate is
"Function did not transform". Also concat(axis=1) of tuple-labelled Series (MultiIndex columns)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same, check_raises


def _frame(index=None):
    return pd.DataFrame({"a": pd.array([1, -2, None, 4], dtype="Int64"),
                         "f": pd.array([1.5, None, -4.0, 0.25], dtype="Float64")}, index=index)


CASES = [
    pytest.param(lambda d: d.transform("cumsum"), id="frame_name"),
    pytest.param(lambda d: d.transform("abs"), id="frame_name_abs"),
    pytest.param(lambda d: d.transform(lambda c: c * 2), id="frame_function_of_columns"),
    pytest.param(lambda d: d.transform(np.abs), id="frame_ufunc"),
    pytest.param(lambda d: d.transform(["abs", "cumsum"]), id="frame_list"),
    pytest.param(lambda d: d.transform({"a": "abs", "f": lambda c: c + 1}), id="frame_dict"),
    pytest.param(lambda d: d.transform({"a": ["abs", "cumsum"]}), id="frame_dict_of_list"),
    pytest.param(lambda d: d.transform("shift", periods=1), id="frame_name_kwargs"),
    pytest.param(lambda d: d.a.transform("abs"), id="series_name"),
    pytest.param(lambda d: d.a.transform(lambda x: x + 1), id="series_function_of_values"),
    pytest.param(lambda d: d.f.transform(np.sqrt), id="series_ufunc"),
    pytest.param(lambda d: d.a.transform(["abs", "cumsum"]), id="series_list"),
    pytest.param(lambda d: d.a.transform({"x": "abs", "y": "cumsum"}), id="series_dict"),
    pytest.param(lambda d: d.a.apply("abs"), id="series_apply_name"),
    pytest.param(lambda d: d.f.apply(np.negative), id="series_apply_ufunc"),
]


@pytest.mark.parametrize("pick", CASES)
def test_transform_as_pandas(pick):
    p = _frame()
    d = cpd.read_pandas(p)
    got = pick(d)
    assert_same(got, pick(p))
    assert_same(got, pick(p))


@pytest.mark.parametrize("pick", CASES[:5] + CASES[8:10])
def test_repeated_labels_and_no_rows(pick):
    p = _frame(index=pd.Index([3, 1, 3, 2]))
    assert_same(pick(cpd.read_pandas(p)), pick(p))
    p = _frame().iloc[:0]
    assert_same(pick(cpd.read_pandas(p)), pick(p))


def test_aggregates_did_not_transform():
    p = _frame()
    d = cpd.read_pandas(p)
    for pick in (lambda x: x.transform("sum"), lambda x: x.transform(lambda c: c.max()), lambda x: x.a.transform("sum")):
        check_raises(ex.InvalidArgumentError, ValueError, "did not transform", lambda: pick(d), lambda: pick(p))
    check_raises(ex.InvalidArgumentError, ValueError, None, lambda: d.transform("no_such"), lambda: p.transform("no_such"))
    with pytest.raises(ex.UnsupportedError, match="axis=1"):
        d.transform("abs", axis=1)


def test_concat_of_tuple_labels():
    p = _frame()
    d = cpd.read_pandas(p)
    got = cpd.concat([d.a.abs().rename(("a", "abs")), d.f.rename(("f", "x"))], axis=1)
    assert_same(got, pd.concat([p.a.abs().rename(("a", "abs")), p.f.rename(("f", "x"))], axis=1))
    with pytest.raises(ex.InvalidArgumentError, match="overlap"):
        cpd.concat([d, d], axis=1)
