"""Float aggregates give the same bits on every run (issue 9, item 17).

The engine adds rows in whatever order its threads reach them, and floating-point addition
is not associative, so an unordered sum can change in its last bits between runs: then
`r[r == r.max()]` (two queries) finds no row. The data here is built to expose that: values
of very different magnitudes over many row groups, on two threads, re-run 20 times.

The oracle for the value is math.fsum (the exactly rounded sum): pandas itself does not sum
exactly (numpy's pairwise summation, Kahan summation in groupby), so results are compared
with pandas and with fsum within a tolerance scaled by the sum of magnitudes, and with
themselves bit for bit across runs.
"""

import math

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd

RUNS = 20


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    n = 400_000  # several of the engine's row groups (122,880 rows)
    magnitude = 10.0 ** rng.integers(-8, 9, n)
    v = rng.standard_normal(n) * magnitude
    k = rng.integers(0, 5, n)
    pdf = pd.DataFrame({"k": k, "v": v, "w": rng.standard_normal(n)})
    return pdf


@pytest.fixture(scope="module")
def session():
    from cormorant.session import Session

    s = Session(":memory:", threads=2)  # two engine threads race to add rows
    yield s
    s.close()


@pytest.fixture
def frame(session):
    return session.read_pandas


def bits(x):
    return np.asarray(x, dtype="float64").tobytes()


def close(got, want, scale):
    return abs(got - want) <= 1e-12 * scale


def test_groupby_sum_is_the_same_every_run_and_max_finds_its_row(data, frame):
    df = frame(data)
    r = df.groupby("k")["v"].sum()
    first = r.to_pandas()
    for _ in range(RUNS):
        assert bits(r.to_pandas()) == bits(first)
        assert len(r[r == r.max()].to_pandas()) == 1
    for key, group in data.groupby("k")["v"]:
        scale = float(np.abs(group).sum())
        assert close(first[key], math.fsum(group), scale)
        assert close(first[key], group.sum(), scale)


@pytest.mark.parametrize("func", ["sum", "mean", "std", "var"])
def test_reductions_are_the_same_every_run(data, frame, func):
    s = frame(data)["v"]
    values = {bits(getattr(s, func)()) for _ in range(RUNS)}
    assert len(values) == 1
    got = getattr(s, func)()
    want = getattr(data["v"], func)()
    assert math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12 * float(np.abs(data["v"]).sum()))
    if func == "sum":
        assert close(got, math.fsum(data["v"]), float(np.abs(data["v"]).sum()))


def test_groupby_agg_mean_std_describe_corr_pivot_the_same_every_run(data, frame):
    df = frame(data)
    queries = [
        lambda: df.groupby("k").agg({"v": ["sum", "mean", "std", "var"]}).to_pandas(),
        lambda: df[["v", "w"]].describe(),
        lambda: df[["v", "w"]].corr(),
        lambda: df[["v", "w"]].cov(),
        lambda: cpd.pivot_table(df.assign(c=df["k"] % 2), index="k", columns="c", values="v", aggfunc="sum").to_pandas(),
        lambda: df["v"].cumsum().tail(3).to_pandas(),
    ]
    for q in queries:
        first = q()
        for _ in range(RUNS // 4):
            pd.testing.assert_frame_equal(pd.DataFrame(q()), pd.DataFrame(first), check_exact=True)


@pytest.mark.parametrize("func", ["sum", "mean", "std", "var"])
def test_groupby_transform_and_windows_the_same_every_run(data, frame, func):
    """groupby(...).transform(func) took the engine's sum over each partition, whose bits changed
    with how the threads split it (found by running it twice on 2 threads); it now takes the
    exact sums. Rolling and expanding windows are checked the same way."""
    df = frame(data)
    queries = [lambda: df.groupby("k")["v"].transform(func), lambda: getattr(df["v"].rolling(50), func)(),
               lambda: getattr(df["v"].expanding(), func)()]
    for q in queries:
        first = q().to_pandas()
        for _ in range(RUNS // 5):
            assert bits(q().to_pandas().to_numpy(float, na_value=np.nan)) == bits(first.to_numpy(float, na_value=np.nan))
    got = df.groupby("k")["v"].transform(func).to_pandas().to_numpy(float, na_value=np.nan)
    want = data.groupby("k")["v"].transform(func).to_numpy(float)
    scale = float(np.abs(data["v"]).max()) * len(data) * (float(np.abs(data["v"]).max()) if func == "var" else 1.0)
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-12 * scale)
