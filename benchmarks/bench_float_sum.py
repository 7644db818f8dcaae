#!/usr/bin/env python3
"""Benchmark: float sums and means on every thread (exact sums) against the one-thread path.

Until issue 12's exact sums, a query holding a Float64 sum or mean ran whole on one engine
thread, so that its bits were the same every run. Now Float64 sums and means are exact
(cormorant_sum_exact, a mean is that sum / count; engine/exact_aggregates.cpp) and the query uses
every thread. In one run, on the same Parquet file, this times:

  before       the SQL cormorant used to run (the engine's sum/avg) on a one-thread session
  cormorant    the pandas API (groupby(...).agg(sum, mean) or a column's sum), all threads
  exact SQL    the exact functions written by hand, all threads (the engine's share)
  duckdb sum   DuckDB's own sum/avg written by hand, all threads (not order-independent)

and prints the ratios and the load average (other work on the machine moves every number; the
ratios are measured in the same run).

    .venv/bin/python benchmarks/bench_float_sum.py                 # 10M rows
    .venv/bin/python benchmarks/bench_float_sum.py --rows 1000000  # quick
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np
import pandas as pd

from cormorant.session import Session

from bench_udf import best  # the best of `repeat` timed runs after a warm-up

REPO = Path(__file__).resolve().parent.parent


def data(path: Path, rows: int, groups: list[int]) -> None:
    if path.exists():
        return
    rng = np.random.default_rng(1)
    cols = {f"g{n}": rng.integers(0, n, rows) for n in groups}
    cols["x"] = rng.standard_normal(rows) * 10.0 ** rng.integers(-2, 7, rows)  # money-like magnitudes
    path.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(cols).to_parquet(path, row_group_size=1_000_000)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--groups", default="100,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=0, help="engine threads (0: the machine's)")
    ap.add_argument("--data-dir", default=str(REPO / "build" / "bench-data"))
    args = ap.parse_args()
    groups = [int(g) for g in args.groups.split(",")]
    path = Path(args.data_dir) / f"float_sum_{args.rows}_{'_'.join(map(str, groups))}.parquet"
    data(path, args.rows, groups)
    src = f"read_parquet('{path}')"
    many = Session(":memory:", threads=args.threads)
    one = Session(":memory:", threads=1)
    print(f"rows {args.rows:,}; load average at start {os.getloadavg()[0]:.2f}; "
          f"threads {many.execute_sql('SELECT current_setting(' + repr('threads') + ')').to_pandas().iloc[0, 0]}")
    rows = []
    cases = [(f"groupby {n:,} groups", f"g{n}") for n in groups] + [("whole column", None)]
    for name, key in cases:
        df = many.read_parquet(str(path))
        if key:
            api = lambda df=df, key=key: df.groupby(key).agg(s=("x", "sum"), m=("x", "mean")).to_pandas()
            select, group = f"{key}, ", f" GROUP BY {key}"
        else:
            api = lambda df=df: (df["x"].sum(), df["x"].mean())
            select, group = "", ""

        def sql(s, f_sum, mean, select=select, group=group):
            q = f"SELECT {select}{f_sum}(x) AS s, {mean} AS m FROM {src}{group}"
            return lambda: s.execute_sql(q).to_pandas()

        t_before = best(sql(one, "sum", "avg(x)"), args.repeat)
        t_api = best(api, args.repeat)
        exact_mean = "CASE WHEN count(x) > 0 THEN cormorant_sum_exact(x) / CAST(count(x) AS DOUBLE) END"
        t_exact = best(sql(many, "cormorant_sum_exact", exact_mean), args.repeat)
        t_duck = best(sql(many, "sum", "avg(x)"), args.repeat)
        rows.append((name, t_before, t_api, t_exact, t_duck))
    print(f"\n| query | before (1 thread) | cormorant | exact SQL | duckdb sum | before / cormorant | "
          f"exact / duckdb sum |")
    print("|---|---|---|---|---|---|---|")
    for name, b, a, e, d in rows:
        print(f"| {name} | {b:.3f}s | {a:.3f}s | {e:.3f}s | {d:.3f}s | {b / a:.2f}x | {e / d:.2f}x |")
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    many.close()
    one.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
