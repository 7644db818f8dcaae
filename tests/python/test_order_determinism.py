"""Results stay the same when the order is resolved lazily (issue 12, item 5).

Order and the default index are carried as keys and computed only where something observes
them, so nothing else pins the rows down: these merge and groupby chains over Parquet files
(several row groups, two engine threads) must give the same rows in the same order, with the
same index and bit-identical floating-point aggregates, on every run and in a fresh session,
and match pandas 3.1 (row order and index exactly, floats to RTOL).
"""

import numpy as np
import pandas as pd
import pytest

from cormorant.session import Session
from conftest import assert_same

RUNS = 3


@pytest.fixture(scope="module")
def paths(tmp_path_factory):
    rng = np.random.default_rng(12)
    n = 300_000  # several row groups of the engine (122,880 rows)
    magnitude = 10.0 ** rng.integers(-6, 7, n)  # sums whose last bits depend on the adding order
    items = pd.DataFrame(
        {
            "order": rng.integers(0, 40_000, n),
            "price": rng.standard_normal(n) * magnitude,
            "qty": rng.integers(1, 50, n),
        }
    )
    orders = pd.DataFrame(
        {"order": np.arange(0, 45_000), "cust": rng.integers(0, 3_000, 45_000), "day": rng.integers(0, 30, 45_000)}
    )
    custs = pd.DataFrame({"cust": np.arange(0, 3_500), "region": rng.choice(["n", "s", "e", "w"], 3_500)})
    folder = tmp_path_factory.mktemp("order_determinism")
    out = {}
    for name, df in {"items": items, "orders": orders, "custs": custs}.items():
        out[name] = str(folder / f"{name}.parquet")
        df.to_parquet(out[name], row_group_size=50_000)
    return out


def chains(read):
    items, orders, custs = read("items"), read("orders"), read("custs")
    joined = items.merge(orders, on="order").merge(custs, on="cust")
    return {
        # merge -> groupby -> sort_values -> head: float sums, no order kept from the merges
        "groupby_sort_head": lambda: joined.groupby("region")
        .agg(total=("price", "sum"), mean=("price", "mean"))
        .sort_values("total", ascending=False, kind="stable")
        .head(3),
        # as_index=False: the groups' new default index, after a sort on a tied column
        "groupby_as_index_false": lambda: joined.groupby(["region", "day"], as_index=False)
        .agg(total=("price", "sum"), n=("qty", "sum"))
        .sort_values("n", ascending=False, kind="stable")
        .head(10),
        # many groups, float sum/mean/std/var on every thread (exact sums): the same bits every run
        "groupby_many_groups": lambda: joined.groupby("order")
        .agg(total=("price", "sum"), mean=("price", "mean"), sd=("price", "std"), var=("price", "var"))
        .iloc[::997],
        # skew and kurt are computed in doubles by the engine: such queries stay on one thread
        "groupby_skew_kurt": lambda: joined.groupby("day").agg(sk=("price", "skew"), ku=("price", "kurt")),
        # groups in order of first appearance in the merge
        "groupby_unsorted": lambda: joined.groupby("day", sort=False).agg(v=("price", "std")).head(8),
        # the first rows of a merge: its order (left rows' order) and default index
        "merge_head": lambda: joined.head(7),
        "merge_slice": lambda: joined.iloc[1000:1010],
        # ties of the sort key broken by the merge's order (pandas: kind="stable")
        "sort_ties_head": lambda: joined.sort_values("qty", kind="stable").head(12),
        # outer merge: keys sorted
        "outer_slice": lambda: orders.merge(custs, on="cust", how="outer").iloc[2990:3010],
        "right_tail": lambda: custs.merge(orders, on="cust", how="right").tail(5),
    }


@pytest.fixture(scope="module")
def session():
    s = Session(":memory:", threads=2)  # two engine threads
    yield s
    s.close()


def bits(df):
    floats = df.select_dtypes(include=["Float64", "float64"])
    return [np.asarray(floats[c].astype("float64"), dtype="float64").tobytes() for c in floats]


def test_chains_give_the_same_rows_and_bits_every_run_and_match_pandas(paths, session):
    queries = chains(lambda name: session.read_parquet(paths[name]))
    expected = chains(lambda name: pd.read_parquet(paths[name], dtype_backend="numpy_nullable"))
    other = Session(":memory:", threads=2)
    try:
        again = chains(lambda name: other.read_parquet(paths[name]))
        for name, query in queries.items():
            first = query().to_pandas()
            runs = [query().to_pandas() for _ in range(RUNS)] + [again[name]().to_pandas()]
            for run in runs:
                pd.testing.assert_frame_equal(run, first, check_exact=True, obj=name)
                assert bits(run) == bits(first), name
            assert_same(query(), expected[name]())
    finally:
        other.close()
