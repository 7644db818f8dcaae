"""describe, quantile, corr, cov, median, std, var against pandas."""

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant import exceptions


def _generated():
    """Int64 and Float64 with NAs, and a string and a boolean column pandas leaves out."""
    rng = np.random.default_rng(7)
    n = 50
    a = pd.array(rng.integers(-5, 5, n), dtype="Int64")
    a[rng.random(n) < 0.2] = pd.NA
    b = pd.array(rng.normal(size=n), dtype="Float64")
    b[rng.random(n) < 0.2] = pd.NA
    return pd.DataFrame({"a": a, "b": b, "s": pd.array(["x"] * n, dtype="string"), "t": pd.array(rng.random(n) > 0.5, dtype="boolean")})


@pytest.fixture(params=["penguins", "generated"])
def frames(request, pd_penguins, cpd_penguins):
    if request.param == "penguins":
        return cpd_penguins, pd_penguins
    pdf = _generated()
    return cpd.read_pandas(pdf), pdf


def test_describe(frames):
    c, p = frames
    pd.testing.assert_frame_equal(c.describe(), p.describe())


@pytest.mark.parametrize("q", [0.0, 0.1, 0.25, 0.5, 0.9, 1.0])
def test_quantile(frames, q):
    c, p = frames
    p = p.drop(columns=[x for x in ("t",) if x in p.columns])  # pandas' quantile fails on booleans
    pd.testing.assert_series_equal(c.quantile(q), p.quantile(q, numeric_only=True))


QS = [[0.1, 0.5, 0.9], [0.0, 1.0], (0.25,), np.array([0.3, 0.7]), [0.75, 0.25], []]


@pytest.mark.parametrize("qs", QS, ids=["three", "ends", "tuple", "array", "unsorted", "empty"])
def test_quantile_list(frames, qs):
    """A DataFrame indexed by q, in one query; Int64 columns with <NA> keep Int64 where
    pandas does (whole-number quantiles)."""
    c, p = frames
    p = p.drop(columns=[x for x in ("t",) if x in p.columns])  # pandas' quantile fails on booleans
    pd.testing.assert_frame_equal(c.quantile(qs), p.quantile(qs, numeric_only=True))
    for f in (lambda d: d[d.iloc[:, 0].isna()], lambda d: d.head(0)):  # all <NA>, empty
        pd.testing.assert_frame_equal(f(c).quantile(qs), f(p).quantile(qs, numeric_only=True))


@pytest.mark.parametrize("qs", QS, ids=["three", "ends", "tuple", "array", "unsorted", "empty"])
def test_series_quantile_list(frames, qs):
    c, p = frames
    for label, dtype in c.dtypes.items():
        if str(dtype) in ("Int64", "Float64"):
            pd.testing.assert_series_equal(c[label].quantile(qs), p[label].quantile(qs))
            pd.testing.assert_series_equal(c[label].head(0).quantile(qs), p[label].head(0).quantile(qs))


def test_quantile_list_errors(cpd_penguins, pd_penguins):
    with pytest.raises(exceptions.InvalidArgumentError, match="interval") as info:
        cpd_penguins.quantile([0.5, 1.5])
    assert isinstance(info.value, ValueError)
    with pytest.raises(ValueError):
        pd_penguins.quantile([0.5, 1.5], numeric_only=True)
    with pytest.raises(exceptions.InvalidArgumentError, match="interval"):
        cpd_penguins["body_mass_g"].quantile([-0.1])
    with pytest.raises(exceptions.DTypeError, match="string") as info:
        cpd_penguins["species"].quantile([0.5])
    assert isinstance(info.value, TypeError)
    with pytest.raises(NotImplementedError):  # pyarrow's "no kernel matching input types"
        pd_penguins["species"].quantile([0.5])


@pytest.mark.parametrize("method", ["corr", "cov"])
def test_pairwise(frames, method):
    c, p = frames
    pd.testing.assert_frame_equal(getattr(c, method)(numeric_only=True), getattr(p, method)(numeric_only=True))


@pytest.mark.parametrize("func", ["median", "std", "var"])
def test_frame_reductions(frames, func):
    c, p = frames
    pd.testing.assert_series_equal(getattr(c, func)(numeric_only=True), getattr(p, func)(numeric_only=True))


@pytest.mark.parametrize("func", ["median", "std", "var", "quantile"])
@pytest.mark.parametrize("column", ["bill_length_mm", "body_mass_g", "year"])
def test_series_reductions(pd_penguins, cpd_penguins, func, column):
    got, want = getattr(cpd_penguins[column], func)(), getattr(pd_penguins[column], func)()
    assert got == pytest.approx(want, rel=1e-12)


def test_series_describe(pd_penguins, cpd_penguins):
    pd.testing.assert_series_equal(cpd_penguins.body_mass_g.describe(), pd_penguins.body_mass_g.describe())


def test_quantile_out_of_range(cpd_penguins):
    with pytest.raises(exceptions.InvalidArgumentError, match="interval"):
        cpd_penguins.quantile(1.5)
