"""Float sums and means are exact (issue 12, item 5): the engine adds Float64 values in an exact
accumulator (cpp/include/cormorant/common/exact_sum.hpp) and rounds once, so results do not depend
on the order rows arrive in or threads merge their parts, and queries holding them run on every
thread. Oracles: Python's math.fsum (the exact sum, correctly rounded: compared bit for bit) on
adversarial data, and pandas 3.1 (dtypes, missing values, NaN and infinities; values to RTOL
where pandas' own rounding differs). std, var, corr and cov come from exact sums of values and
of their products, and are compared with pandas within RTOL.
"""

import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import cormorant.pandas as cpd
from cormorant.session import Session
from conftest import assert_same

TINY = np.nextafter(0.0, 1.0)  # the smallest subnormal


def adversarial(rng, n):
    """Values whose naive sums depend on the order: huge and tiny magnitudes, cancellations,
    subnormals, the largest doubles."""
    kind = rng.integers(0, 6, n)
    mag = 10.0 ** rng.integers(-300, 300, n)
    out = np.where(kind == 0, rng.standard_normal(n) * mag, 0.0)
    out = np.where(kind == 1, rng.standard_normal(n) * 1e16, out)
    out = np.where(kind == 2, rng.integers(-3, 4, n).astype("float64"), out)
    out = np.where(kind == 3, rng.integers(-50, 50, n) * TINY, out)
    huge = np.flatnonzero(kind == 4)  # the largest doubles, signs alternating: naive sums overflow on the way
    pairs = rng.choice([1.0, 1.7], (len(huge) + 1) // 2).repeat(2)[: len(huge)]
    out[huge] = np.where(np.arange(len(huge)) % 2 == 0, 1e308, -1e308) * pairs
    out = np.where(kind == 5, rng.standard_normal(n) * 10.0 ** rng.integers(-8, 8, n), out)
    return out


def bits(x) -> bytes:
    return np.float64(x).tobytes()


def fsum_or_inf(values) -> float:
    """math.fsum: the exact sum rounded once. fsum refuses a sum whose parts overflow on the way
    ([1e308, 1e308, -1e308]) or at the end: then the exact rational sum, rounded once (int / int
    is correctly rounded), or an infinity when that overflows, as pandas gives."""
    try:
        return math.fsum(values)
    except OverflowError:
        total = sum(map(Fraction, values), Fraction(0))
        try:
            return float(total)
        except OverflowError:
            return math.inf if total > 0 else -math.inf


@pytest.fixture(scope="module")
def session():
    s = Session(":memory:", threads=2)
    yield s
    s.close()


@pytest.mark.parametrize("seed", range(6))
def test_whole_column_sum_is_fsum_bit_for_bit(session, seed):
    rng = np.random.default_rng(seed)
    x = adversarial(rng, 5_000)
    if seed % 2:
        x = np.concatenate([x, [1e16, 1.0, -1e16], [TINY] * 5, [-1e308] * 3])
        rng.shuffle(x)
    df = session.read_pandas(pd.DataFrame({"x": pd.array(x, dtype="Float64")}))
    want = fsum_or_inf(x.tolist())
    got = df["x"].sum()
    assert bits(got) == bits(want)
    mean = df["x"].mean()
    assert bits(mean) == bits(want / len(x))
    assert bits(df.agg(["sum"]).loc["sum", "x"]) == bits(want)


@pytest.mark.parametrize(
    "values",
    [
        [1e16, 1.0, -1e16],
        [1e308, 1e308, -1e308],  # no intermediate overflow
        [1.7e308, 1.7e308],  # the rounded sum overflows
        [TINY, 1e300, TINY, -1e300],
        [0.1] * 10,
        [2.0**-1074 * 3, 2.0**-1060],
        [1.0, 2.0**-53],  # a tie: to even
        [1.0, 2.0**-53, 2.0**-105],  # just past the tie
        [-0.0, -0.0],
    ],
)
def test_small_cases_are_fsum(session, values):
    df = session.read_pandas(pd.DataFrame({"x": pd.array(values, dtype="Float64")}))
    want = fsum_or_inf(values)
    got = df["x"].sum()
    assert got == want and (want != 0 or not math.copysign(1, got) < 0)
    if want != 0:
        assert bits(got) == bits(want)


def test_groupby_sum_and_mean_are_fsum_per_group_over_many_groups(session):
    rng = np.random.default_rng(21)
    n, groups = 1_200_000, 1_000_000
    key = rng.integers(0, groups, n)
    x = adversarial(rng, n)
    missing = rng.random(n) < 0.05
    key[-3:] = groups + 7  # one group of missing values only
    missing[-3:] = True
    pdf = pd.DataFrame({"k": key, "x": pd.array(np.where(missing, 0.0, x), dtype="Float64")})
    pdf.loc[missing, "x"] = pd.NA
    got = session.read_pandas(pdf).groupby("k").agg(s=("x", "sum"), m=("x", "mean")).to_pandas()
    # the oracle: math.fsum of each group's present values
    order = np.argsort(key, kind="stable")
    sk, sx, sm = key[order], x[order], missing[order]
    starts = np.flatnonzero(np.r_[True, sk[1:] != sk[:-1]])
    ends = np.r_[starts[1:], len(sk)]
    values = sx.tolist()
    present = (~sm).tolist()
    want_sum, want_mean = [], []
    for a, b in zip(starts.tolist(), ends.tolist()):
        vals = [v for v, p in zip(values[a:b], present[a:b]) if p]
        s = fsum_or_inf(vals)
        want_sum.append(s)
        want_mean.append(s / len(vals) if vals else np.nan)
    assert got.index.tolist() == sk[starts].tolist()
    assert got["s"].dtype == "Float64" and got["m"].dtype == "Float64"
    assert np.asarray(got["s"], dtype="float64").tobytes() == np.asarray(want_sum, dtype="float64").tobytes()
    m = got["m"].to_numpy(dtype="float64", na_value=np.nan)
    assert np.array_equal(m, np.asarray(want_mean), equal_nan=True)
    assert got.loc[groups + 7, "m"] is pd.NA and got.loc[groups + 7, "s"] == 0.0  # pandas: mean <NA>, sum 0


def nan_inf_frame():
    """Groups mixing NaN, +inf, -inf, missing and finite values (NaN and infinities made by
    division, as in a Float64 column they are values, distinct from <NA>)."""
    num = [0.0, 1.0, 2.0, -1.0, 1.0, 3.0, 0.0, 4.0, None, None, 1.0, 5.0, -2.0, 1.7e308, 1.7e308]
    den = [0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, None, 1.0, 1.0, 0.0, 1.0, 1.0]
    key = ["nan", "nan", "nan", "both", "both", "pos", "pos", "fin", "na", "na", "na", "neg", "neg", "big", "big"]
    return pd.DataFrame({"k": key, "num": pd.array(num, dtype="Float64"), "den": pd.array(den, dtype="Float64")})


@pytest.mark.parametrize("func", ["sum", "mean", "std", "var"])
def test_nan_and_infinities_follow_pandas(session, func):
    pdf = nan_inf_frame()
    if func in ("std", "var"):  # (squares past the largest double: pandas' Series.var gives inf, its groupby 0)
        pdf = pdf[pdf["k"] != "big"].reset_index(drop=True)
    df = session.read_pandas(pdf)
    df["r"] = df["num"] / df["den"]
    pdf["r"] = pdf["num"] / pdf["den"]
    assert_same(getattr(df.groupby("k")["r"], func)(), getattr(pdf.groupby("k")["r"], func)())
    for part in pdf["k"].unique():
        got = getattr(df[df["k"] == part]["r"], func)()
        want = getattr(pdf[pdf["k"] == part]["r"], func)()
        assert (pd.isna(got) and pd.isna(want)) or got == pytest.approx(want, rel=1e-12), (part, got, want)


def test_empty_and_all_missing_follow_pandas(session):
    pdf = pd.DataFrame({"k": [1, 1, 2], "x": pd.array([None, None, 1.5], dtype="Float64")})
    df = session.read_pandas(pdf)
    for func in ["sum", "mean", "std", "var"]:
        assert_same(getattr(df.groupby("k")["x"], func)(), getattr(pdf.groupby("k")["x"], func)())
        got, want = getattr(df[df["k"] == 1]["x"], func)(), getattr(pdf[pdf["k"] == 1]["x"], func)()
        assert (pd.isna(got) and pd.isna(want)) or got == want, func
        got, want = getattr(df[df["k"] > 5]["x"], func)(), getattr(pdf[pdf["k"] > 5]["x"], func)()  # no rows
        assert (pd.isna(got) and pd.isna(want)) or got == want, func
    assert_same(df[df["k"] > 5].groupby("k").agg(s=("x", "sum")), pdf[pdf["k"] > 5].groupby("k").agg(s=("x", "sum")))


def well_conditioned(rng, n, groups):
    return pd.DataFrame(
        {
            "k": rng.integers(0, groups, n),
            "c": rng.choice(["a", "b", "c"], n),
            "x": pd.array(rng.standard_normal(n) * 100 + 1e6, dtype="Float64"),
            "y": pd.array(rng.integers(-1000, 1000, n) / 7, dtype="Float64"),
            "i": pd.array(rng.integers(-(10**6), 10**6, n), dtype="Int64"),
            "b": pd.array(rng.random(n) < 0.3, dtype="boolean"),
        }
    )


def test_every_path_matches_pandas(session):
    rng = np.random.default_rng(5)
    pdf = well_conditioned(rng, 20_000, 300)
    pdf.loc[rng.random(len(pdf)) < 0.1, "x"] = pd.NA
    df = session.read_pandas(pdf)
    aggs = ["sum", "mean", "std", "var"]
    num = ["k", "x", "y", "i"]
    assert_same(df[num].groupby("k").agg(aggs), pdf[num].groupby("k").agg(aggs))
    assert_same(df.groupby("k").agg({"x": "sum", "y": ["mean", "std"], "i": "var"}),
                pdf.groupby("k").agg({"x": "sum", "y": ["mean", "std"], "i": "var"}))
    assert_same(df.groupby(["k", "c"]).agg(t=("x", "sum"), m=("y", "mean"), v=("i", "std")),
                pdf.groupby(["k", "c"]).agg(t=("x", "sum"), m=("y", "mean"), v=("i", "std")))
    pd.testing.assert_frame_equal(df[num].agg(aggs), pdf[num].agg(aggs), rtol=1e-9, check_dtype=False, check_column_type=False)
    for col in ["x", "y", "i", "b"]:
        for func in aggs:
            assert getattr(df[col], func)() == pytest.approx(getattr(pdf[col], func)(), rel=1e-9), (col, func)
    pd.testing.assert_frame_equal(df.describe(), pdf.describe(), rtol=1e-9, check_dtype=False)
    for func in ["sum", "mean"]:
        pd.testing.assert_frame_equal(  # (the labels' Index dtypes differ from pandas', as before)
            cpd.pivot_table(df, values="x", index="k", columns="c", aggfunc=func).to_pandas(),
            pd.pivot_table(pdf, values="x", index="k", columns="c", aggfunc=func),
            rtol=1e-9, check_index_type=False, check_column_type=False,
        )


def test_pivot_table_and_agg_dict_use_the_exact_sum(session):
    # pandas' own sums lose the 1 of [1e16, 1, -1e16]; math.fsum is the oracle here.
    pdf = pd.DataFrame(
        {
            "k": [1, 1, 1, 2, 2, 2],
            "c": ["a", "a", "a", "a", "b", "b"],
            "x": pd.array([1e16, 1.0, -1e16, 3.0, 1e300, -1e300], dtype="Float64"),
        }
    )
    df = session.read_pandas(pdf)
    want = {k: math.fsum(g["x"].astype(float)) for k, g in pdf.groupby("k")}
    assert df.groupby("k").agg({"x": "sum"})["x"].to_pandas().to_dict() == want
    pivot = cpd.pivot_table(df, values="x", index="k", columns="c", aggfunc="sum").to_pandas()
    assert pivot.loc[1, "a"] == 1.0 and pivot.loc[2, "b"] == 0.0
    assert df["x"].sum() == math.fsum(pdf["x"].astype(float))


def test_same_bits_on_two_threads_across_runs_and_sessions(tmp_path):
    rng = np.random.default_rng(3)
    n = 400_000
    pdf = pd.DataFrame({"k": rng.integers(0, 5_000, n), "x": adversarial(rng, n) * 1e-10})
    path = str(tmp_path / "x.parquet")
    pdf.to_parquet(path, row_group_size=40_000)

    def run(s):
        df = s.read_parquet(path)
        g = df.groupby("k").agg(s=("x", "sum"), m=("x", "mean"), v=("x", "var"), d=("x", "std")).to_pandas()
        return [g[c].to_numpy("float64", na_value=np.nan).tobytes() for c in g] + [bits(df["x"].sum())]

    sessions = [Session(":memory:", threads=2) for _ in range(2)]
    try:
        first = run(sessions[0])
        for s in sessions * 2:
            assert run(s) == first
    finally:
        for s in sessions:
            s.close()


def test_corr_and_cov_match_pandas_and_keep_their_bits(tmp_path):
    rng = np.random.default_rng(8)
    n = 300_000
    x = rng.standard_normal(n) * 1e3 + 1e6
    pdf = pd.DataFrame(
        {
            "x": pd.array(x, dtype="Float64"),
            "y": pd.array(0.25 * x + rng.standard_normal(n) * 10, dtype="Float64"),
            "z": pd.array(rng.integers(-50, 50, n), dtype="Int64"),
            "c": pd.array(np.full(n, 3.0), dtype="Float64"),  # no spread: pandas' corr is NaN
        }
    )
    pdf.loc[rng.random(n) < 0.1, "y"] = pd.NA
    path = str(tmp_path / "xy.parquet")
    pdf.to_parquet(path, row_group_size=30_000)
    sessions = [Session(":memory:", threads=2) for _ in range(2)]
    try:
        for func in ["corr", "cov"]:
            first = getattr(sessions[0].read_parquet(path), func)()
            pd.testing.assert_frame_equal(first, getattr(pdf, func)(), rtol=1e-9, check_dtype=False,
                                          check_index_type=False, check_column_type=False)
            for s in sessions * 2:
                again = getattr(s.read_parquet(path), func)()
                assert again.to_numpy().tobytes() == first.to_numpy().tobytes(), func
        small = pd.DataFrame({"x": pd.array([1.0, None, 2.0], dtype="Float64"), "y": pd.array([2.0, 3.0, None], dtype="Float64")})
        for func in ["corr", "cov"]:  # under two complete pairs
            pd.testing.assert_frame_equal(getattr(sessions[0].read_pandas(small), func)(), getattr(small, func)(),
                                          check_dtype=False, check_index_type=False, check_column_type=False)
    finally:
        for s in sessions:
            s.close()


HUGE = {  # values whose squares (or products) pass the largest double while their spread does not
    "equal": [1e166, 1e166, None, 1e166],
    "spread_1e306": [1e155, 1e155 + 1e153, 1e155 + 2e153],
    "cancelling": [1e160, 1e160 + 1e150, 1e160 - 3e150, 1e160 + 2e150],
    "mixed": [1e200, 3.0, -2e-300, 1e200],
    "negative": [-4e170, -4e170, -4e170 + 1e160],
    "overflowing": [1e200, -1e200, 3e200],  # the variance itself is past the largest double: inf
}


@pytest.mark.parametrize("name", HUGE)
def test_variance_of_huge_values_matches_pandas(session, name):
    """std/var/cov/corr of values past 2**500: their squares overflowed, so [1e166, 1e166] had an
    infinite variance (pandas 0.0). Found by tests/fuzz (floatagg)."""
    vals = HUGE[name]
    other = [v if v is None else v * -0.5 + 1e150 for v in vals]
    pdf = pd.DataFrame({"k": [1] * len(vals), "x": pd.array(vals, dtype="Float64"), "y": pd.array(other, dtype="Float64")})
    df = session.read_pandas(pdf)
    for func in ("var", "std"):
        got, want = getattr(df["x"], func)(), getattr(pdf["x"], func)()
        assert got == pytest.approx(want, rel=1e-9), (func, got, want)
        got = getattr(df.groupby("k")["x"], func)().to_pandas().iloc[0]
        assert got == pytest.approx(want, rel=1e-9), (func, "groupby", got, want)
    got, want = df["x"].cov(df["y"]), pdf["x"].cov(pdf["y"])
    assert got == pytest.approx(want, rel=1e-9) or (math.isinf(want) and got == want), ("cov", got, want)
    if not math.isinf(pdf["x"].var()):
        got, want = df["x"].corr(df["y"]), pdf["x"].corr(pdf["y"])
        assert got == pytest.approx(want, rel=1e-9, abs=1e-12) or (math.isnan(got) and math.isnan(want)), ("corr", got, want)


TINY_PAIRS = {  # products under the smallest double, or of a huge and a tiny factor
    "tiny_x": ([1e-200, 2e-200, 4e-200, None], [1.0, 2.0, 3.0, 4.0]),
    "both_tiny": ([1e-170, 3e-170, 2e-170], [2e-170, 1e-170, 5e-170]),
    "disjoint": ([2e-160, 0.0, 0.0], [0.0, 0.0, 3e-160]),  # every product 0, Sx * Sy tiny
    "subnormal": ([0.0, 1.5e-323, 0.0], [0.0, 0.0, 4.940656458412465e-308]),
    "huge_times_tiny": ([1e300, -1e300, 5e299], [1e-300, 3e-300, -2e-300]),
    "big_x_tiny_y": ([1.5e-323, 0.5, -1e16], [-1.0, 0.0, -4.940656458412465e-308]),
}


@pytest.mark.parametrize("name", TINY_PAIRS)
def test_corr_and_cov_of_tiny_products(session, name):
    """corr/cov of values whose products underflow: corr was NaN (the squares of 1e-200 are 0 in
    a double) and the cov of a huge x with a tiny y lost the products (the tiny factor scaled
    down to 0). Oracle: pandas on the same values scaled by powers of two into the range where
    nothing underflows (exact: corr does not change, cov scales back exactly). Found by
    tests/fuzz (floatagg)."""
    xs, ys = TINY_PAIRS[name]
    pdf = pd.DataFrame({"x": pd.array(xs, dtype="Float64"), "y": pd.array(ys, dtype="Float64")})
    df = session.read_pandas(pdf)
    kx = -math.frexp(max(abs(v) for v in xs if v))[1]  # the largest |x| to [0.5, 1)
    ky = -math.frexp(max(abs(v) for v in ys if v))[1]
    scaled = pd.DataFrame({"x": np.ldexp(pdf["x"].to_numpy("float64", na_value=np.nan), kx),
                           "y": np.ldexp(pdf["y"].to_numpy("float64", na_value=np.nan), ky)})
    want = scaled["x"].corr(scaled["y"])
    assert df["x"].corr(df["y"]) == pytest.approx(want, rel=1e-12)
    assert df.corr().loc["x", "y"] == pytest.approx(want, rel=1e-12)
    want_cov = math.ldexp(scaled["x"].cov(scaled["y"]), -kx - ky)
    assert df["x"].cov(df["y"]) == pytest.approx(want_cov, rel=1e-9, abs=1e-320)
