"""Series.reduction: a reduction not run yet, used in another Series' comparison or arithmetic
in the same query (a scalar subquery), against pandas computing the reduction eagerly: TPC-H
Q11's threshold, Q15's maximum and Q22's mean, with missing values, no rows, both ordering
modes, twice; and the engine runs one statement for it."""

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions as ex
from conftest import assert_same, nullable


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 60
    return pd.DataFrame({
        "k": pd.array(rng.integers(0, 8, n), dtype="Int64"),
        "x": pd.array([None if i % 7 == 3 else int(v) for i, v in enumerate(rng.integers(-20, 50, n))], dtype="Int64"),
        "y": pd.array([None if i % 5 == 1 else float(v) / 4 for i, v in enumerate(rng.integers(0, 400, n))],
                      dtype="Float64"),
        "s": pd.array([f"n{i % 5}" for i in range(n)], dtype="string"),
    })


@pytest.fixture(params=["strict", "partial"])
def frames(request, tmp_path):
    pdf = _data()
    path = str(tmp_path / "d.parquet")
    pdf.to_parquet(path)
    session = cpd.Session(warehouse=":memory:", ordering_mode=request.param)
    yield session, session.read_parquet(path), pdf, request.param
    session.close()


def _same(got, want, mode, by):
    if mode == "strict":
        assert_same(got, want)
        return
    # partial: no order and a NULL index, so the rows, sorted
    got = got.to_pandas().sort_values(by, ignore_index=True)
    pd.testing.assert_frame_equal(got, nullable(want).sort_values(by, ignore_index=True), check_dtype=True)


def test_filter_on_a_sum_times_a_constant(frames):
    # Q11: groups whose sum is above a fraction of the grand total
    session, df, pdf, mode = frames

    def q(d, lazy):
        total = d["y"].reduction("sum") if lazy else d["y"].sum()
        out = d.groupby("k", as_index=False).agg(value=("y", "sum"))
        return out[out["value"] > total * 0.15].sort_values("value", ascending=False)

    want = q(pdf, False)
    assert len(want) > 0
    for run in range(2):
        before = session.engine_statements
        _same(q(df, True), want, mode, ["k"])
        if run and session.engine == "duckdb":  # (engine_statements counts the embedded DuckDB's statements)
            assert session.engine_statements - before == 1


def test_rows_equal_to_the_maximum(frames):
    # Q15: the groups holding the largest sum, on either side of ==
    session, df, pdf, mode = frames
    g, pg = (d.groupby("s", as_index=False).agg(total=("x", "sum")) for d in (df, pdf))
    want = pg[pg["total"] == pg["total"].max()]
    _same(g[g["total"] == g["total"].reduction("max")], want, mode, ["s"])
    _same(g[g["total"].reduction("max") == g["total"]], want, mode, ["s"])


def test_above_the_mean_of_a_filtered_copy(frames):
    # Q22: Int64 values against the Float64 mean of the positive ones; a missing x is dropped
    session, df, pdf, mode = frames
    mean = df[df["x"] > 0]["x"].reduction("mean")
    want = pdf[pdf["x"] > pdf[pdf["x"] > 0]["x"].mean()]
    _same(df[df["x"] > mean], want, mode, ["k", "x", "y", "s"])
    _same(df[mean < df["x"]], want, mode, ["k", "x", "y", "s"])


@pytest.mark.parametrize("func", ["sum", "mean", "min", "max", "count", "median", "std", "var"])
@pytest.mark.parametrize("column", ["x", "y"])
def test_value_is_pandas_reduction(frames, func, column):
    session, df, pdf, mode = frames
    got = df[column].reduction(func).value()
    want = getattr(pdf[column], func)()
    assert got == pytest.approx(want, rel=1e-12), (func, column)
    assert float(df[column].reduction(func)) == pytest.approx(float(want), rel=1e-12)


def test_arithmetic_and_columns_as_pandas(frames):
    session, df, pdf, mode = frames
    for lazy_op, eager_op in [
        (lambda s: s * 0.5, lambda v: v * 0.5), (lambda s: 1 - s, lambda v: 1 - v),
        (lambda s: s / 4, lambda v: v / 4), (lambda s: 2 + s, lambda v: 2 + v),
    ]:
        got = df.assign(d=df["y"] - lazy_op(df["y"].reduction("mean")), big=df["x"] > lazy_op(df["x"].reduction("max")))
        want = pdf.assign(d=pdf["y"] - eager_op(pdf["y"].mean()), big=pdf["x"] > eager_op(pdf["x"].max()))
        _same(got, want, mode, ["k", "x", "y", "s"])


def test_reductions_of_no_rows(frames):
    # the sum of nothing is 0; the maximum of nothing is <NA>: comparisons give <NA>, filters keep nothing
    session, df, pdf, mode = frames
    none, pnone = df[df["x"] > 1000]["x"], pdf[pdf["x"] > 1000]["x"]
    assert none.reduction("sum").value() == 0
    assert none.reduction("max").value() is pd.NA
    _same(df[df["x"] > none.reduction("sum")], pdf[pdf["x"] > pnone.sum()], mode, ["k", "x", "y", "s"])
    _same(df[df["x"] < none.reduction("max")], pdf[pdf["x"] < pnone.max()], mode, ["k", "x", "y", "s"])
    _same(df.assign(c=df["y"] != none.reduction("max")), pdf.assign(c=pdf["y"] != pnone.max()), mode,
          ["k", "x", "y", "s"])


def test_refusals(frames):
    session, df, pdf, mode = frames
    with pytest.raises(ex.UnsupportedError):
        df["s"].reduction("max")
    with pytest.raises(ex.UnsupportedError):
        df["x"].reduction("prod")
    with pytest.raises(ex.UnsupportedError):
        bool(df["x"].reduction("sum"))
    with pytest.raises(ex.UnsupportedError):
        df["x"].reduction("sum") * "a"
    with pytest.raises(ex.DTypeError):
        df["s"] + df["x"].reduction("sum")
