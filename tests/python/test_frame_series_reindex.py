"""A DataFrame and a Series along its index (df.add(s, axis=0), df.sub(s, axis="index"), ...)
where the frame's index repeats a label, compared with pandas 3.1 on random cases.

pandas brings the Series onto the frame's rows by reindexing, and refuses ("cannot reindex on
an axis with duplicate labels") when the frame's index repeats a label, the two indexes are not
equal, and not both are sorted with the Series' labels unique and all among the frame's.
Wherever pandas gives a result, cormorant must give the same one; wherever pandas refuses,
cormorant must refuse too (a typed error naming a repeated label), never pair rows its own way.
"""

from __future__ import annotations

import random

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same

OPS = ["add", "sub", "mul", "radd", "eq", "lt"]


def _labels(rng, n, kind):
    pool = [0, 1, 2, 3]
    labels = [rng.choice(pool) for _ in range(n)]
    if kind == "sorted":
        labels.sort()
    if rng.random() < 0.15 and labels:
        labels[rng.randrange(len(labels))] = None
    return pd.Index(labels, dtype="Int64")


def _case(rng):
    frame_index = _labels(rng, rng.randint(0, 5), rng.choice(["sorted", "any"]))
    shape = rng.choice(["equal", "subset", "any", "any"])
    if shape == "equal":
        series_index = frame_index
    elif shape == "subset":
        present = sorted({v for v in frame_index if v is not pd.NA}) or [0]
        series_index = pd.Index(rng.sample(present, rng.randint(1, len(present))), dtype="Int64")
        if rng.random() < 0.5:
            series_index = series_index.sort_values()
    else:
        series_index = _labels(rng, rng.randint(0, 4), rng.choice(["sorted", "any"]))
    frame = pd.DataFrame({"x": pd.array(range(len(frame_index)), dtype="Int64"),
                          "y": pd.array([0.5 * i for i in range(len(frame_index))], dtype="Float64")},
                         index=frame_index)
    series = pd.Series(pd.array(range(10, 10 + len(series_index)), dtype="Int64"), index=series_index, name="s")
    return frame, series, rng.choice(OPS)


def _compare(cframe, cseries, frame, series, op):
    try:
        expected = getattr(frame, op)(series, axis=0)
    except ValueError as e:
        assert "duplicate labels" in str(e)
        with pytest.raises(ex.InvalidArgumentError, match="repeats a label"):
            getattr(cframe, op)(cseries, axis=0).to_pandas()
        return "refused"
    got = getattr(cframe, op)(cseries, axis="index")
    assert_same(got, expected)
    assert_same(got, expected)  # re-execution
    return "ok"


@pytest.mark.parametrize("seed", range(8))
def test_random_cases_against_pandas(seed):
    rng = random.Random(2020 + seed)
    outcomes = set()
    for _ in range(12):
        frame, series, op = _case(rng)
        outcomes.add(_compare(cpd.read_pandas(frame), cpd.read_pandas(series), frame, series, op))
    assert outcomes  # (each seed's cases run; which of them pandas refuses is pandas' to say)


@pytest.mark.parametrize("frame_index,series_index", [
    pytest.param([1, 1, 2], [1, 2], id="sorted_unique_subset"),
    pytest.param([2, 1, 1], [1, 2], id="frame_unsorted"),
    pytest.param([1, 1, 2], [2, 1], id="series_unsorted"),
    pytest.param([1, 1, 2], [1, 3], id="series_not_subset"),
    pytest.param([1, 1, 2], [1, 1, 2], id="equal"),
    pytest.param([1, 1, 2], [1, 2, 2], id="same_length_not_equal"),
    pytest.param([1, 2, 3], [1, 1, 4], id="frame_unique"),
])
def test_repeated_frame_labels(frame_index, series_index):
    frame = pd.DataFrame({"x": pd.array(range(len(frame_index)), dtype="Int64")}, index=frame_index)
    series = pd.Series(pd.array(range(10, 10 + len(series_index)), dtype="Int64"), index=series_index)
    for op in ("add", "sub", "ge"):
        _compare(cpd.read_pandas(frame), cpd.read_pandas(series), frame, series, op)


def test_message_names_the_repeated_label():
    frame = pd.DataFrame({"x": [1, 2, 3]}, index=pd.Index(["b", "a", "b"]))
    series = pd.Series([1, 2], index=["a", "b"])
    with pytest.raises(ValueError):
        frame.add(series, axis=0)
    with pytest.raises(ex.InvalidArgumentError, match=r"the label b repeats"):
        cpd.read_pandas(frame).add(cpd.read_pandas(series), axis=0).to_pandas()


def _two_levels(tuples):
    if not tuples:
        return pd.MultiIndex.from_arrays([pd.array([], dtype="string"), pd.array([], dtype="Int64")], names=["k", "n"])
    return pd.MultiIndex.from_arrays([pd.array([t[0] for t in tuples], dtype="string"),
                                      pd.array([t[1] for t in tuples], dtype="Int64")], names=["k", "n"])


@pytest.mark.parametrize("frame_tuples", [[("a", 1), ("a", 1), ("b", 2)], [("b", 2), ("a", 1), ("a", 1)],
                                          [("a", 1), ("b", 2), ("c", 3)]])
def test_two_level_index(frame_tuples):
    """pandas' rule differs with a MultiIndex: a frame that repeats a label takes only an equal
    index, or an empty Series when the frame is sorted."""
    frame = pd.DataFrame({"x": pd.array(range(len(frame_tuples)), dtype="Int64")}, index=_two_levels(frame_tuples))
    for tuples in ([("a", 1), ("b", 2)], [("b", 2), ("a", 1)], [("a", 1), ("c", 1)], [], frame_tuples):
        series = pd.Series(pd.array(range(10, 10 + len(tuples)), dtype="Int64"), index=_two_levels(tuples))
        _compare(cpd.read_pandas(frame), cpd.read_pandas(series), frame, series, "add")


def test_partial_mode_refuses_labels_outside_the_frame():
    """Without a row order (partial mode) there is no sorted index to speak of: a frame that
    repeats a label takes a Series whose labels are unique and among its own (as pandas does for
    sorted indexes), and refuses one with another label, which pandas refuses in any order."""
    session = cpd.Session(ordering_mode="partial")
    try:
        frame = pd.DataFrame({"k": pd.array([1, 1, 2], dtype="Int64"), "x": pd.array([1, 2, 3], dtype="Int64")})
        cframe = session.read_pandas(frame).set_index("k")
        ok = pd.DataFrame({"k": pd.array([1, 2], dtype="Int64"), "s": pd.array([10, 20], dtype="Int64")})
        got = cframe.add(session.read_pandas(ok).set_index("k").s, axis=0).to_pandas().sort_values("x")
        expected = frame.set_index("k").add(ok.set_index("k").s, axis=0)
        pd.testing.assert_frame_equal(got, expected, check_index_type=False)
        bad = pd.DataFrame({"k": pd.array([1, 3], dtype="Int64"), "s": pd.array([10, 20], dtype="Int64")})
        with pytest.raises(ex.InvalidArgumentError, match="repeats a label"):
            cframe.add(session.read_pandas(bad).set_index("k").s, axis=0).to_pandas()
    finally:
        session.close()
