"""TPC-H on Spark: the pandas-API queries (queries.py) through cormorant on the Spark engine
against the same queries hand-written in Spark SQL (sql_queries.py, run by Spark as written),
over the same Parquet files, on a running Spark Connect server (benchmarks/README.md).

    bash scripts/spark.sh start
    .venv/bin/python benchmarks/tpch/bench_tpch_spark.py                       # SF 0.1, all 22
    .venv/bin/python benchmarks/tpch/bench_tpch_spark.py --scale 1 --queries 3,14 --repeat 5

Both systems share one Spark Connect server and run in this process, timed in turn in each
round (best of --repeat after a warm-up each), so that load on the shared machine falls on
both alike; the load average is printed with every query. Every answer is checked against the
SQL's answer on DuckDB (the oracle of bench_tpch.py); a query Spark SQL cannot run as written,
or cormorant refuses on Spark, is shown as an error and left out of the ratios. For the slowest
queries the script prints what cormorant's Spark SQL holds (windows, joins, sorts).
"""

import argparse
import math
import os
import sys
import tempfile
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import tpch_data  # noqa: E402
from sql_queries import TABLES, sql  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))


def load() -> str:
    return "%.1f" % os.getloadavg()[0]


def _remote(given):
    if given:
        return given
    url = os.path.join(os.environ.get("CORMORANT_SPARK_DIR", os.path.join(ROOT, ".spark")), "connect_url")
    if not os.path.exists(url):
        sys.exit(f"no Spark cluster: no {url}; run bash scripts/spark.sh start or pass --remote sc://host:port")
    with open(url) as f:
        return f.read().strip()


def _best(run, repeat):
    """(best seconds of `repeat` runs after one warm-up, the answer); an error as a string."""
    try:
        answer = run()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            answer = run()
            times.append(time.perf_counter() - start)
        return min(times), answer
    except Exception as e:  # noqa: BLE001 - shown in the table, not fatal
        return None, f"{type(e).__name__}: {str(e).splitlines()[0][:160]}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=0.1, help="TPC-H scale factor (default 0.1)")
    ap.add_argument("--queries", default="1-22", help="e.g. 1,3,14 or 1-22")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs after the warm-up (best is shown)")
    ap.add_argument("--remote", default=None, help="Spark Connect URL (default: this worktree's scripts/spark.sh cluster)")
    ap.add_argument("--data-dir", default=os.path.join(ROOT, "build", "bench-data"))
    ap.add_argument("--sql-chars", type=int, default=0, help="print this much of the slowest queries' cormorant SQL")
    args = ap.parse_args()
    qs = []
    for part in args.queries.split(","):
        lo, _, hi = part.partition("-")
        qs += list(range(int(lo), int(hi or lo) + 1))

    import duckdb

    import cormorant.pandas as cpd
    import queries
    from cormorant import _spark

    remote = _remote(args.remote)
    folder = tpch_data.generate(args.scale, os.path.abspath(args.data_dir))
    print(f"TPC-H SF{args.scale:g} on Spark at {remote}, queries {args.queries}, best of {args.repeat}; "
          f"load average {load()}")

    oracle = duckdb.connect()
    tpch_data.create_views(oracle.execute, folder)
    spark = _spark.connect(remote)  # (UTC, as cormorant's sessions)
    for t in TABLES:
        spark.read.parquet(tpch_data.path(folder, t)).createOrReplaceTempView(t)
    warehouse = tempfile.mkdtemp(prefix="tpch_spark_")
    session = cpd.Session(warehouse, engine="spark", spark_remote=remote)
    tables = {t: session.read_parquet(tpch_data.path(folder, t)) for t in TABLES}

    def run_sql(q):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            return spark.sql(sql(q, args.scale)).toArrow().to_pandas()

    def run_cormorant(q):
        out = queries.QUERIES[q](tables, args.scale)
        return out.to_pandas() if hasattr(out, "to_pandas") else out

    results = {}
    print(f"{'q':>3} {'spark-sql s':>11} {'cormorant s':>11} {'ratio':>6} {'load':>5}  notes")
    for q in qs:
        want = oracle.execute(sql(q, args.scale)).df()
        best = {"sql": [], "cormorant": []}
        notes = []
        for _ in range(max(1, args.repeat)):  # each round: both systems in turn
            for name, run in (("sql", run_sql), ("cormorant", run_cormorant)):
                if best[name] is None:
                    continue
                seconds, answer = _best(lambda: run(q), 1)
                if seconds is None:
                    best[name] = None
                    notes.append(f"{name}: {answer}")
                    continue
                best[name].append(seconds)
                if len(best[name]) == 1:
                    # (Spark SQL's avg and division of DECIMALs keep 6 decimal places: the
                    # hand-written SQL's agree with DuckDB's doubles to about 1e-5)
                    wrong = tpch_data.compare(answer, want, rtol=1e-4 if name == "sql" else 1e-6)
                    if wrong:
                        best[name] = None
                        notes.append(f"{name} WRONG: {wrong}")
        s = min(best["sql"]) if best["sql"] else None
        c = min(best["cormorant"]) if best["cormorant"] else None
        ratio = c / s if s and c else float("nan")
        results[q] = (s, c, ratio, session.last_query.sql if c else "")
        fmt = lambda v: f"{v:11.3f}" if v is not None else f"{'-':>11}"  # noqa: E731
        print(f"{q:>3} {fmt(s)} {fmt(c)} {ratio:6.2f} {load():>5}  {'; '.join(notes)}", flush=True)

    ratios = [r for _, _, r, _ in results.values() if math.isfinite(r)]
    if ratios:
        geo = math.exp(sum(math.log(r) for r in ratios) / len(ratios))
        print(f"{len(ratios)} of {len(qs)} queries ran on both; cormorant-on-Spark / Spark SQL: geometric mean "
              f"{geo:.2f}x, {sum(r > 1.2 for r in ratios)} over 1.2x")
    worst = sorted(((r, q) for q, (_, _, r, _) in results.items() if math.isfinite(r)), reverse=True)[:3]
    for r, q in worst:
        text = results[q][3]
        upper = text.upper()
        print(f"Q{q} ({r:.2f}x): cormorant's SQL has {upper.count('ROW_NUMBER()')} row_number(), "
              f"{upper.count('OVER (')} windows, {upper.count('ORDER BY')} ORDER BY, {upper.count(' JOIN ')} JOIN, "
              f"{upper.count('REPARTITION(1)')} one-task sorts, {len(text)} characters")
        if args.sql_chars:
            print("  " + text[:args.sql_chars] + ("..." if len(text) > args.sql_chars else ""))
    print(f"load average {load()}")
    session.close()
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
