"""Series.groupby, and DataFrame.groupby by a Series, a function or a mapping of the index, and
level=: the aggregations of DataFrameGroupBy (one implementation), compared with pandas 3.1,
with missing keys (dropna True and False), sort=False, empty input, duplicate index labels,
and partial ordering mode (where grouping by a Series of the same frame works, and grouping by
the index needs one)."""

from __future__ import annotations

import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions
from conftest import nullable, nullable_index


def assert_same(got, expected):
    """The result equals pandas', dtypes included (counts are int64 as in pandas; Float64 and
    the other nullable dtypes as they are); index levels compared as conftest.nullable_index."""
    out = got.to_pandas()
    out.index = nullable_index(out.index)
    expected = expected.copy()
    expected.index = nullable_index(expected.index)
    if isinstance(expected, pd.Series):
        pd.testing.assert_series_equal(out, expected)
    else:
        pd.testing.assert_frame_equal(out, expected)

PDF = pd.DataFrame(
    {
        "a": pd.array([1, 2, 3, 4, 5, 6, 7], dtype="Int64"),
        "g": pd.array(["x", "y", "x", None, "y", "x", None], dtype="string"),
        "h": pd.array([1, 1, 2, 2, None, 1, 2], dtype="Int64"),
        "v": pd.array([1.5, 2.5, None, 4.0, 5.0, 6.0, 7.5], dtype="Float64"),
    },
    index=pd.Index([10, 11, 12, 10, 13, 14, 11], dtype="Int64", name="id"),  # labels repeat
)
AGGS = ["sum", "mean", "min", "max", "count", "size", "nunique", "first", "last", "std"]


@pytest.fixture(scope="module")
def frame():
    return cpd.read_pandas(PDF)


def _run(obj, how):
    return obj.agg(how) if isinstance(how, list) else getattr(obj, how)()


@pytest.mark.parametrize("how", AGGS + [["sum", "count"]])
@pytest.mark.parametrize("dropna", [True, False])
@pytest.mark.parametrize("sort", [True, False])
def test_series_by_series(frame, how, dropna, sort):
    got = _run(frame["v"].groupby(frame["g"], dropna=dropna, sort=sort), how)
    assert_same(got, _run(PDF["v"].groupby(PDF["g"], dropna=dropna, sort=sort), how))


@pytest.mark.parametrize("how", ["sum", "mean", "size", "count", ["min", "max"]])
def test_series_by_list_of_series(frame, how):
    got = _run(frame["v"].groupby([frame["g"], frame["h"]], dropna=False), how)
    assert_same(got, _run(PDF["v"].groupby([PDF["g"], PDF["h"]], dropna=False), how))


def test_series_by_a_series_of_another_frame_aligns_on_the_index():
    keys = pd.Series(pd.array(["p", "q", "p", "q", "r"], dtype="string"), name="k",
                     index=pd.Index([14, 13, 12, 11, 99], dtype="Int64", name="id"))
    x = PDF[~PDF.index.duplicated()]["v"]
    cx = cpd.read_pandas(x.to_frame())["v"]
    ck = cpd.read_pandas(keys.to_frame())["k"]
    for how in ["sum", "size", "count"]:
        assert_same(_run(cx.groupby(ck), how), _run(x.groupby(keys), how))


@pytest.mark.parametrize("how", ["sum", "mean", "size", "max"])
def test_series_by_level_function_and_mapping(frame, how):
    s, p = frame["v"], PDF["v"]
    assert_same(_run(s.groupby(level=0), how), _run(p.groupby(level=0), how))
    assert_same(_run(s.groupby(level="id", sort=False), how), _run(p.groupby(level="id", sort=False), how))
    assert_same(_run(s.groupby(lambda i: i % 3), how), _run(p.groupby(lambda i: i % 3), how))
    mapping = {10: "low", 11: "low", 12: "high"}  # 13 and 14 unmapped: a missing key
    assert_same(_run(s.groupby(mapping), how), _run(p.groupby(mapping), how))
    assert_same(_run(s.groupby(mapping, dropna=False), how), _run(p.groupby(mapping, dropna=False), how))
    assert_same(_run(s.groupby(pd.Series(mapping)), how), _run(p.groupby(pd.Series(mapping)), how))


@pytest.mark.parametrize("how", ["sum", "size", ["min", "count"]])
def test_frame_by_series_function_and_level(frame, how):
    assert_same(_run(frame.groupby(frame["g"])[["a", "v"]], how), _run(PDF.groupby(PDF["g"])[["a", "v"]], how))
    assert_same(_run(frame.groupby(frame["h"] * 2, dropna=False)["v"], how),
                _run(PDF.groupby(PDF["h"] * 2, dropna=False)["v"], how))
    assert_same(_run(frame.groupby(level="id")[["a", "v"]], how), _run(PDF.groupby(level="id")[["a", "v"]], how))
    assert_same(_run(frame.groupby(lambda i: i > 11)["a"], how), _run(PDF.groupby(lambda i: i > 11)["a"], how))
    assert_same(_run(frame.groupby(["g", frame["h"]])["v"], how), _run(PDF.groupby(["g", PDF["h"]])["v"], how))


def test_series_named_like_its_key(frame):
    """s.groupby(s): the index and the result are both named after s."""
    s, p = frame["h"], PDF["h"]
    assert_same(s.groupby(s).size(), p.groupby(p).size())
    assert_same(s.groupby(s).count(), p.groupby(p).count())
    unnamed = frame["v"].rename(None)
    assert_same(unnamed.groupby(frame["g"]).sum(), PDF["v"].rename(None).groupby(PDF["g"]).sum())


def test_empty_input(frame):
    empty, pempty = frame[frame["a"] > 100], PDF[PDF["a"] > 100]
    assert_same(empty["v"].groupby(empty["g"]).sum(), pempty["v"].groupby(pempty["g"]).sum())
    assert_same(empty["v"].groupby(level=0).size(), pempty["v"].groupby(level=0).size())


def test_head_and_transform_keep_the_series(frame):
    s, p = frame["v"], PDF["v"]
    assert_same(s.groupby(frame["g"]).head(1), p.groupby(PDF["g"]).head(1))
    assert_same(s.groupby(frame["g"]).cumsum(), p.groupby(PDF["g"]).cumsum())


def test_partial_mode():
    session = cpd.Session(ordering_mode="partial")
    try:
        c = session.read_pandas(PDF.reset_index(drop=True))
        got = c["v"].groupby(c["g"]).sum().to_pandas()
        pd.testing.assert_series_equal(got, PDF["v"].groupby(PDF["g"]).sum().rename("v"))
        with pytest.raises(exceptions.NullIndexError):
            c["v"].groupby(level=0).sum()
    finally:
        session.close()


def test_bad_arguments(frame):
    with pytest.raises(exceptions.InvalidArgumentError, match="one of 'by' and 'level'"):
        frame["v"].groupby()
    with pytest.raises(TypeError):
        PDF["v"].groupby()
    with pytest.raises(exceptions.LabelNotFoundError):
        frame["v"].groupby(level="nope")
    with pytest.raises(exceptions.DTypeError, match="as_index=False"):
        frame["v"].groupby(frame["g"], as_index=False)
