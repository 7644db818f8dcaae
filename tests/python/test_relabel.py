"""Setting axes as pandas 3.1 does (copy-on-write): df.columns = ..., df.index = ...,
s.index = ..., s.name = ..., del df[c], df.pop, set_axis. pandas is the oracle: labels of
several kinds (named, MultiIndex, aware non-UTC datetimes, missing and duplicate labels) on
frames as read, sorted, filtered and empty; errors; re-execution; other objects unchanged."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
import cormorant.exceptions as ex
from conftest import assert_same


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a": pd.array([3, None, 2, 5], dtype="Int64"),
            "b": pd.array([0.5, 1.5, None, -2.0], dtype="Float64"),
            "s": pd.array(["e", None, "c", "b"], dtype="string"),
        },
        index=pd.Index([10, 20, 20, 30], dtype="Int64", name="k"),  # a duplicate label
    )


SHAPES = {
    "as_read": lambda d: d,
    "sorted": lambda d: d.sort_values("s", ascending=False),  # positions differ from the source's
    "filtered": lambda d: d[d["b"] > 0],
    "empty": lambda d: d[d["b"] > 100],
}


def _labels(kind: str, n: int):
    if kind == "ints" and n == 0:
        return pd.Index([], dtype="Int64")  # (an empty list: pandas gives object, cormorant Int64)
    return {
        "ints": list(range(100, 100 + n)),
        "named": pd.Index([f"r{i}" for i in range(n)], name="row", dtype="string"),
        "multi": pd.MultiIndex.from_arrays(
            [pd.array([i // 2 for i in range(n)], dtype="Int64"), pd.array([f"x{i}" for i in range(n)], dtype="string")],
            names=["p", "q"],
        ),
        # (no freq: cormorant's datetime index has none, a difference of metadata only)
        "paris": pd.DatetimeIndex(list(pd.date_range("2024-03-30", periods=n, freq="D", tz="Europe/Paris", unit="us"))).as_unit("us"),
        "duplicates_and_missing": pd.array([7, None, 7, 8][:n], dtype="Int64"),
    }[kind]


LABELS = ["ints", "named", "multi", "paris", "duplicates_and_missing"]


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("kind", LABELS)
def test_frame_index_assignment(shape, kind):
    want = SHAPES[shape](frame())
    got = SHAPES[shape](cpd.read_pandas(frame()))
    before = got[["a"]]
    want.index = _labels(kind, len(want))
    got.index = _labels(kind, len(want))
    assert_same(got, want)
    assert_same(got, want)  # re-executed
    assert_same(before, SHAPES[shape](frame())[["a"]])  # made before: unchanged


@pytest.mark.parametrize("shape", list(SHAPES))
@pytest.mark.parametrize("kind", LABELS)
def test_series_index_and_name_assignment(shape, kind):
    want = SHAPES[shape](frame())["b"]
    got = SHAPES[shape](cpd.read_pandas(frame()))["b"]
    want.index = _labels(kind, len(want))
    got.index = _labels(kind, len(want))
    want.name = "renamed"
    got.name = "renamed"
    assert got.name == "renamed"
    assert_same(got, want)


@pytest.mark.parametrize("shape", list(SHAPES))
def test_columns_assignment_set_axis_del_and_pop(shape):
    want = SHAPES[shape](frame())
    got = SHAPES[shape](cpd.read_pandas(frame()))
    kept = got.copy()
    want.columns = ["s", "x", "a"]  # reuses labels in other places
    got.columns = ["s", "x", "a"]
    assert_same(got, want)
    assert_same(kept, SHAPES[shape](frame()))
    assert_same(got.set_axis(["p", "q", "r"], axis=1), want.set_axis(["p", "q", "r"], axis=1))
    positions = pd.Index(range(len(want)), dtype="Int64")
    assert_same(got.set_axis(positions, axis=0), want.set_axis(positions, axis=0))
    assert_same(got["x"].set_axis(positions), want["x"].set_axis(positions))
    assert_same(got.pop("x"), want.pop("x"))
    assert_same(got, want)
    del got["s"]
    del want["s"]
    assert_same(got, want)


def _outcome(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - the type and text are compared
        return e
    return None


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda d: setattr(d, "columns", ["a", "b"]), id="columns_too_few"),
        pytest.param(lambda d: setattr(d, "index", [1, 2]), id="index_too_few"),
        pytest.param(lambda d: setattr(d, "index", list(range(9))), id="index_too_many"),
        pytest.param(lambda d: d.__delitem__("zz"), id="del_missing"),
        pytest.param(lambda d: d.pop("zz"), id="pop_missing"),
        pytest.param(lambda d: d.set_axis([1, 2, 3, 4], axis=2), id="set_axis_bad_axis"),
    ],
)
def test_errors_as_pandas(call):
    want = _outcome(lambda: call(frame()))
    got = _outcome(lambda: call(cpd.read_pandas(frame())))
    assert want is not None and isinstance(got, ex.CormorantError), (want, got)
    assert isinstance(got, type(want)), (type(got), type(want))
    if isinstance(want, ValueError) and "Length mismatch" in str(want):
        assert str(got) == str(want)


def test_refusals_are_typed():
    df = cpd.read_pandas(frame())
    with pytest.raises(ex.UnsupportedError, match="unique"):
        df.columns = ["a", "a", "s"]
    partial = cpd.Session(ordering_mode="partial").read_pandas(frame().reset_index(drop=True))
    with pytest.raises(ex.NullIndexError):
        partial.index = [1, 2, 3, 4]
    assert_same(df, frame())  # unchanged by the refused assignment


def test_index_from_numpy_and_cormorant_series():
    want = frame()
    got = cpd.read_pandas(frame())
    want.index = np.array([4.5, np.nan, 1.0, 2.0])
    got.index = np.array([4.5, np.nan, 1.0, 2.0])
    assert_same(got, want)
    labels = pd.Series(["w", "x", "y", "z"], dtype="string")
    want.index = labels
    got.index = cpd.read_pandas(labels)
    assert_same(got, want)
