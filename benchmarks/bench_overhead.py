"""Per-query overhead: small queries through cormorant's pandas API against the same query
written by hand in SQL on DuckDB (the duckdb Python package, same engine version) over the
same Parquet file, end to end (both give a pandas DataFrame). Prints the median and best
times of many runs, their ratio (target 1.1x) and the load average.

    .venv/bin/python benchmarks/bench_overhead.py            # ~20 s
"""

import argparse
import os
import statistics
import sys
import time

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq


def load():
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def write_data(path, rows, seed):
    if os.path.exists(path):
        return
    rng = np.random.default_rng(seed)
    table = pa.table({
        "id": np.arange(rows, dtype=np.int64),
        "x": rng.random(rows),
        "y": rng.integers(0, 1000, rows),
        "g": pa.array(np.array(["a", "b", "c", "d", "e"])[rng.integers(0, 5, rows)]),
    })
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pq.write_table(table, path + ".tmp", row_group_size=1_000_000)
    os.replace(path + ".tmp", path)


def timed(fn, repeat):
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data-dir", default=os.path.join(os.path.dirname(__file__), "..", "build", "bench-data"))
    ap.add_argument("--target", type=float, default=1.1)
    args = ap.parse_args()

    import duckdb
    import cormorant
    import cormorant.pandas as cpd

    path = os.path.abspath(os.path.join(args.data_dir, f"overhead_{args.rows}_seed{args.seed}.parquet"))
    write_data(path, args.rows, args.seed)
    print(f"cormorant from {os.path.dirname(cormorant.__file__)}; duckdb {duckdb.__version__}; {args.rows} rows, "
          f"{args.repeat} runs each")
    print(load())

    con = duckdb.connect()
    df = cpd.read_parquet(path)
    session = cpd.get_global_session()
    cases = [
        ("head(10)", lambda: df.head(10).to_pandas(), f"SELECT * FROM read_parquet('{path}') LIMIT 10"),
        ("mask.head(10)", lambda: df[df["x"] > 0.5].head(10).to_pandas(),
         f"SELECT * FROM read_parquet('{path}') WHERE x > 0.5 LIMIT 10"),
        ("len(mask)", lambda: len(df[df["x"] > 0.5]), f"SELECT count(*) FROM read_parquet('{path}') WHERE x > 0.5"),
    ]
    print(f"{'query':<14} {'cormorant ms':>13} {'(best)':>8} {'SQL ms':>8} {'(best)':>8} {'ratio':>6}  target {args.target}x")
    worst = 0.0
    for name, ours, sql in cases:
        c_med, c_best = timed(ours, args.repeat)
        s_med, s_best = timed(lambda: con.execute(sql).df(), args.repeat)
        ratio = c_med / s_med
        worst = max(worst, ratio)
        print(f"{name:<14} {c_med * 1e3:13.2f} {c_best * 1e3:8.2f} {s_med * 1e3:8.2f} {s_best * 1e3:8.2f} {ratio:5.2f}x"
              f"{'' if ratio <= args.target else '  over target'}")
    # What asking for the stats costs, once after a query (they are measured lazily).
    def stats_after_query():
        df.head(10).to_pandas()
        start = time.perf_counter()
        stats = session.last_query
        return time.perf_counter() - start, stats

    spent = [stats_after_query()[0] for _ in range(20)]
    stats = stats_after_query()[1]
    print(f"last_query after a query: {statistics.median(spent) * 1e3:.2f} ms (bytes_processed {stats.bytes_processed}, "
          f"row groups {stats.row_groups_scanned} of {stats.row_groups_total})")
    print(load())
    return 0


if __name__ == "__main__":
    sys.exit(main())
