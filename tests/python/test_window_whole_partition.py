"""Windowed float aggregates over whole partitions (groupby transform) with DuckDB's C API
aggregates (cormorant's exact sums): DuckDB's whole-partition window aggregator crashed the
process on them (a state vector left unflattened), for one partition or several in one query."""

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd


def assert_close(got, want):
    """Equal up to the last bits of the float sums (cormorant's are exact, pandas' pairwise)."""
    pd.testing.assert_frame_equal(got.to_pandas(), want, check_exact=False, rtol=1e-12)


def _frame(n: int, groups: int) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    x = rng.normal(size=n).round(3)
    return pd.DataFrame({
        "g": pd.array([None if i % 97 == 5 else f"k{i % groups}" for i in range(n)], dtype="string"),
        "x": pd.array([None if i % 13 == 2 else v for i, v in enumerate(x)], dtype="Float64"),
    })


@pytest.mark.parametrize("n,groups", [(5, 2), (5000, 1), (5000, 3)])
def test_float_transforms_together(n, groups):
    pdf = _frame(n, groups)
    c = cpd.read_pandas(pdf)
    g, pg = c.groupby("g")["x"], pdf.groupby("g")["x"]
    got = c.assign(s=g.transform("sum"), m=g.transform("mean"), d=g.transform("std"), t=g.transform("sum"))
    want = pdf.assign(s=pg.transform("sum"), m=pg.transform("mean"), d=pg.transform("std"), t=pg.transform("sum"))
    assert_close(got, want)


def test_transform_of_a_transform():
    pdf = _frame(3000, 2)
    c = cpd.read_pandas(pdf)
    c = c.assign(y=c.groupby("g")["x"].transform("sum"))
    pdf = pdf.assign(y=pdf.groupby("g")["x"].transform("sum"))
    got = c.assign(z=c.groupby("g")["y"].transform("mean"))
    want = pdf.assign(z=pdf.groupby("g")["y"].transform("mean"))
    assert_close(got, want)
