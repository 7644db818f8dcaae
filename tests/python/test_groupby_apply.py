"""GroupBy.apply with plain Python functions, against pandas' apply of the same data: every way
pandas puts the per-group results together (a scalar, a Series like or unlike its group, a
frame like or unlike its group, None for some groups), with group_keys, as_index, sort and
dropna, keys that are columns, Series, levels; groups that span the streamed batches."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions

from conftest import assert_same


def _data(n=40, seed=7):
    rng = np.random.default_rng(seed)
    return pd.DataFrame({
        "k": pd.array(rng.choice(["a", "b", "c", "é", None], n), dtype="string"),
        "j": pd.array(np.where(rng.random(n) < 0.15, None, rng.integers(0, 3, n)), dtype="Int64"),
        "x": pd.array(np.where(rng.random(n) < 0.2, None, rng.integers(-5, 10, n)), dtype="Int64"),
        "y": pd.array(rng.normal(size=n), dtype="Float64"),
    }, index=pd.Index(rng.permutation(n) * 3))


FUNCS = {
    "scalar": lambda g: g["y"].sum(),
    "scalar-len": lambda g: len(g),
    "series-like-group": lambda g: g["y"] * 2,
    "series-per-column": lambda g: g[["x", "y"]].max(),
    "series-other-labels": lambda g: g["y"].head(2).reset_index(drop=True),
    "frame-like-group": lambda g: g[["x", "y"]] + 1,
    "frame-rows": lambda g: g.sort_values("y").head(2),
    "frame-new": lambda g: pd.DataFrame({"n": [len(g)], "first": [g["y"].iloc[0]]}),
    "none-for-some": lambda g: None if len(g) < 8 else g[["y"]],
    "name": lambda g: pd.Series({"key": str(g.name), "rows": len(g)}),
}
OPTIONS = {"default": {}, "sort-false": {"sort": False}, "dropna-false": {"dropna": False},
           "group-keys-false": {"group_keys": False}, "as-index-false": {"as_index": False}}


@pytest.mark.parametrize("func", FUNCS, ids=list(FUNCS))
@pytest.mark.parametrize("options", OPTIONS, ids=list(OPTIONS))
@pytest.mark.parametrize("keys", ["k", ["k", "j"]], ids=["one-key", "two-keys"])
def test_frame_apply_matches_pandas(func, options, keys):
    pdf = _data()
    f = FUNCS[func]
    _check(lambda d: d.groupby(keys, **OPTIONS[options]).apply(f), pdf)


def _check(call, pdf):
    """call(cormorant frame) equals call(pandas frame); where pandas raises, cormorant raises too."""
    try:
        expected = call(pdf)
    except Exception as e:
        with pytest.raises(type(e)):
            call(cpd.read_pandas(pdf))
        return
    if isinstance(expected, pd.DataFrame) and None in list(expected.columns):
        # as_index=False with scalars: pandas labels the values None in an object Index; a
        # None label is NaN in a str Index in cormorant, as in pd.DataFrame({None: ...})
        expected.columns = pd.Index([np.nan if c is None else c for c in expected.columns], dtype="str")
    assert_same(call(cpd.read_pandas(pdf)), expected)


SERIES_FUNCS = {
    "scalar": lambda s: s.sum(),
    "like-group": lambda s: s - s.mean(),
    "other-labels": lambda s: s.nlargest(2).reset_index(drop=True),
    "describe-like": lambda s: pd.Series({"lo": s.min(), "hi": s.max()}),
    "frame": lambda s: pd.DataFrame({"v": s, "r": s.rank()}),
}


@pytest.mark.parametrize("func", SERIES_FUNCS, ids=list(SERIES_FUNCS))
@pytest.mark.parametrize("options", ["default", "sort-false", "dropna-false", "group-keys-false"])
def test_selected_column_apply_matches_pandas(func, options):
    f = SERIES_FUNCS[func]
    _check(lambda d: d.groupby("k", **OPTIONS[options])["y"].apply(f), _data())
    _check(lambda d: d.groupby("k", **OPTIONS[options])[["x", "y"]].apply(lambda g: g.sum()), _data())


def test_series_groupby_and_own_keys_match_pandas():
    pdf = _data()
    df = cpd.read_pandas(pdf)
    assert_same(df["y"].groupby(df["k"]).apply(lambda s: s.max() - s.min()),
                pdf["y"].groupby(pdf["k"]).apply(lambda s: s.max() - s.min()))
    assert_same(df["y"].groupby(df["k"]).apply(lambda s: s.cumsum()), pdf["y"].groupby(pdf["k"]).apply(lambda s: s.cumsum()))
    indexed = pdf.set_index("k")
    assert_same(cpd.read_pandas(indexed).groupby(level=0).apply(lambda g: g["y"].mean()),
                indexed.groupby(level=0).apply(lambda g: g["y"].mean()))
    assert_same(cpd.read_pandas(indexed).groupby(level="k").apply(lambda g: g.head(1)),
                indexed.groupby(level="k").apply(lambda g: g.head(1)))


def test_groups_that_span_batches_are_whole(monkeypatch):
    """A group is passed once, whole, even when the streamed batches cut through it."""
    from cormorant import groupby as cgroupby

    original = cgroupby.DataFrameGroupBy._whole_groups
    monkeypatch.setattr(cgroupby.DataFrameGroupBy, "_whole_groups", lambda self: original(self, batch_rows=7))
    pdf = _data(n=60)
    df = cpd.read_pandas(pdf)
    seen = []
    assert_same(df.groupby("j", dropna=False).apply(lambda g: seen.append(len(g)) or len(g)),
                pdf.groupby("j", dropna=False).apply(lambda g: len(g)))
    assert sorted(seen) == sorted(pdf.groupby("j", dropna=False).size().tolist())


def test_args_strings_empty_and_reexecution():
    pdf = _data()
    df = cpd.read_pandas(pdf)
    assert_same(df.groupby("k").apply(lambda g, m, *, c: g["y"].max() * m + c, 2, c=1),
                pdf.groupby("k").apply(lambda g, m, *, c: g["y"].max() * m + c, 2, c=1))
    assert_same(df.groupby("k").apply("sum"), pdf.groupby("k").apply("sum"))
    empty = pdf.iloc[:0]
    for f in (lambda g: g["y"].sum(), lambda g: g * 2):
        assert_same(cpd.read_pandas(empty).groupby("k").apply(f), empty.groupby("k").apply(f))
    out = df.groupby("k").apply(lambda g: g[["y"]].cumsum())
    pd.testing.assert_frame_equal(out.to_pandas(), out.to_pandas())


def test_zoned_datetimes_reach_the_function_as_pandas_gives_them():
    pdf = pd.DataFrame({"k": pd.array(["a", "b", "a", "b"], dtype="string"),
                        "t": pd.date_range("2026-03-07 23:00", periods=4, freq="8h", tz="America/New_York")})
    df = cpd.read_pandas(pdf)
    assert_same(df.groupby("k").apply(lambda g: g["t"].max() - g["t"].min()),
                pdf.groupby("k").apply(lambda g: g["t"].max() - g["t"].min()))
    assert_same(df.groupby("k").apply(lambda g: g["t"].dt.hour.sum()), pdf.groupby("k").apply(lambda g: g["t"].dt.hour.sum()))


def test_bad_input_is_refused_clearly():
    df = cpd.read_pandas(_data())
    with pytest.raises(exceptions.InvalidArgumentError, match="include_groups=True"):
        df.groupby("k").apply(lambda g: 1, include_groups=True)
    with pytest.raises(exceptions.InvalidArgumentError, match="callable"):
        df.groupby("k").apply(3)
    with pytest.raises(ZeroDivisionError):  # the function's own error reaches the caller
        df.groupby("k").apply(lambda g: 1 / 0)
    partial = cpd.Session(ordering_mode="partial").read_pandas(_data()).reset_index(drop=True)
    with pytest.raises(exceptions.NullIndexError, match="set_index"):
        partial.groupby("k").apply(lambda g: len(g))


@pytest.mark.parametrize("func", ["series-like-group", "frame-like-group", "frame-rows", "scalar"])
@pytest.mark.parametrize("options", ["default", "group-keys-false"])
def test_repeated_labels_and_default_index_from_parquet(tmp_path, func, options):
    """pandas puts like-indexed results back in the frame's row order (group_keys=False), by
    label, also where labels repeat; a Parquet file's default index gives the positions."""
    f = FUNCS[func]
    repeated = _data()
    repeated.index = repeated.index % 7
    _check(lambda d: d.groupby("k", **OPTIONS[options]).apply(f), repeated)
    path = tmp_path / "data.parquet"
    _data().reset_index(drop=True).to_parquet(path)
    assert_same(cpd.read_parquet(path).groupby("k", **OPTIONS[options]).apply(f),
                pd.read_parquet(path).groupby("k", **OPTIONS[options]).apply(f))
