"""UDF benchmark: Python functions over --rows values (default 10M), in the same run through
cormorant (the Python call in-process, in 1 and 2 worker processes, and the default: the SQL
form of a transpiled function, else in-process with automatic workers past
cormorant.udf.AUTO_WORKERS_ROWS), pandas' Series.apply, DuckDB's Python
create_function (native and arrow), and a plain Python loop over a list.

Prints a table of best-of-N seconds with ratios against the plain loop, and the load average
(the 2-worker speedup needs an otherwise idle machine); then --pairs rounds of the CPU-heavy
function on workers=1 and workers=2, interleaved so that both see the same load, with the
spread of the speedup, and for each workers=2 round the rows each worker computed and the share
of the time it was busy (cormorant.udf.worker_stats). Not a test: it never fails on a slow number.

--only 'x + 1' (repeatable) runs only some functions, --systems 'cormorant' only some systems
besides the plain loop: e.g. the x + 1 row in process, quickly, on an idle machine:
    benchmarks/bench_udf.py --only 'x + 1' --systems cormorant --pairs 0
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import numpy as np
import pandas as pd
import pyarrow as pa


def plus_one(x: int) -> int:
    return None if x is None else x + 1


def title_case(s: str) -> str:
    return None if s is None else s.title().replace(" ", "_")


def heavy(x: int) -> int:
    # CPU-bound: a small loop per value.
    if x is None:
        return None
    acc = 0
    for i in range(60):
        acc = (acc * 31 + x + i) % 1000003
    return acc


def arrow_version(fn):
    """`fn` over a whole Arrow array, row by row (DuckDB's type="arrow" functions)."""
    def over_array(a):
        return pa.array([fn(v) for v in a.to_pylist()])

    return over_array


def _arrow_table(relation):
    """The relation's result, computed (DuckDB 1.5's .arrow() returns a lazy reader)."""
    out = relation.arrow()
    return out.read_all() if hasattr(out, "read_all") else out


def best(fn, repeat: int) -> float:
    """The best of `repeat` timed runs after one untimed warm-up (workers start, code loads)."""
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def once(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


FUNCTIONS = {"x + 1": (plus_one, int), "str.title": (title_case, str), "cpu-heavy": (heavy, int)}
SYSTEMS = ["python loop", "pandas apply", "cormorant", "cormorant workers=1", "cormorant workers=2",
           "cormorant default", "duckdb native", "duckdb arrow"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--heavy-rows", type=int, default=1_000_000, help="rows for the CPU-heavy function")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=5,
                    help="interleaved rounds of workers=1 then workers=2 on the CPU-heavy function")
    ap.add_argument("--only", action="append", metavar="FUNCTION",
                    help="run only this function ('x + 1', 'str.title' or 'cpu-heavy'); may be repeated")
    ap.add_argument("--systems", default=None, metavar="LIST",
                    help=f"comma-separated systems to time besides the plain loop, of: {', '.join(SYSTEMS[1:])}")
    args = ap.parse_args()
    functions = args.only or list(FUNCTIONS)
    systems = ["python loop"] + ([x.strip() for x in args.systems.split(",")] if args.systems else SYSTEMS[1:])
    for name, known in (("function", FUNCTIONS), ("system", SYSTEMS)):
        unknown = [x for x in (functions if name == "function" else systems) if x not in known]
        if unknown:
            ap.error(f"unknown {name}(s) {unknown}; known: {list(known)}")

    import duckdb

    import cormorant.pandas as cpd
    from cormorant.udf import worker_stats

    print(f"cormorant from {cpd.__file__}; load average {os.getloadavg()}; cpus {os.cpu_count()}")
    rng = np.random.default_rng(7)
    ints = rng.integers(0, 1_000_000, args.rows)
    words = np.array(["alpha beta", "gamma", "delta epsilon zeta", "eta"])[rng.integers(0, 4, args.rows)]
    heavy_ints = ints[: args.heavy_rows]
    session = cpd.Session(tempfile.mkdtemp(prefix="bench_udf_"))
    columns = {"x + 1": pd.Series(ints, dtype="Int64"), "str.title": pd.Series(words, dtype="string"),
               "cpu-heavy": pd.Series(heavy_ints, dtype="Int64")}
    frames = {label: (fn, t, t, columns[label]) for label, (fn, t) in FUNCTIONS.items() if label in functions}
    rows = []
    modes = {}
    con = duckdb.connect()
    for label, (fn, tin, tout, values) in frames.items():
        src = session.read_pandas(pd.DataFrame({"v": values}))["v"]
        src.to_pandas()  # the data is in the session before timing
        plain = values.tolist()
        # The Python call in this process (workers=0: never the automatic workers; no SQL form).
        udfs = {
            "cormorant": dict(workers=0, transpile=False),
            "cormorant workers=1": dict(workers=1, transpile=False),
            "cormorant workers=2": dict(workers=2, transpile=False),
            "cormorant default": {},  # SQL form if any, else automatic workers
        }
        runs = {
            "python loop": lambda: [fn(v) for v in plain],
            "pandas apply": lambda: values.apply(fn),
        }
        for system, options in udfs.items():
            u = session.udf(fn, input_types=[tin], output_type=tout, **options)
            runs[system] = lambda u=u: src.apply(u).to_pandas()
            if system == "cormorant default":
                modes[label] = "SQL (transpiled)" if u.transpiled else "Python, automatic workers"
        tbl = pa.table({"v": pa.array(values)})
        dtype = duckdb.sqltype("BIGINT") if tin is int else duckdb.sqltype("VARCHAR")
        con.register("t", tbl)
        for kind in ("native", "arrow"):
            if f"duckdb {kind}" not in systems:
                continue
            name = f"f_{kind}_{label.replace(' ', '_').replace('+', 'p').replace('.', '_').replace('-', '_')}"
            if kind == "native":
                con.create_function(name, fn, [dtype], dtype, type="native", null_handling="special")
            else:
                con.create_function(name, arrow_version(fn), [dtype], dtype, type="arrow")
            runs[f"duckdb {kind}"] = lambda name=name: _arrow_table(con.sql(f"SELECT {name}(v) FROM t"))
        results = {system: best(runs[system], args.repeat) for system in systems}
        rows.append((label, len(values), results))

    print(f"\nbest of {args.repeat}, seconds (ratio to the plain Python loop)")
    names = list(rows[0][2])
    print("| function | rows | " + " | ".join(names) + " |")
    print("|---|---|" + "---|" * len(names))
    for label, n, r in rows:
        base = r["python loop"]
        cells = [f"{r[k]:.2f} ({r[k] / base:.2f}x)" for k in names]
        print(f"| {label} | {n:,} | " + " | ".join(cells) + " |")
    if "cormorant default" in systems:
        print("cormorant default: " + "; ".join(f"{k}: {v}" for k, v in modes.items()))
    print(f"load average now {os.getloadavg()}")
    if "cpu-heavy" not in functions or args.pairs == 0:
        session.close()
        return
    h = dict(zip([r[0] for r in rows], [r[2] for r in rows]))["cpu-heavy"]
    if "cormorant workers=1" in h and "cormorant workers=2" in h:
        print(f"\ncpu-heavy: workers=2 is {h['cormorant workers=1'] / h['cormorant workers=2']:.2f}x faster than "
              f"workers=1 (target 1.7x on an idle machine); load average now {os.getloadavg()}")
    print(f"\ncpu-heavy, {args.heavy_rows:,} rows, workers=1 then workers=2 in each round (interleaved, so both see "
          "the same load):")
    fn, tin, tout, values = frames["cpu-heavy"]
    src = session.read_pandas(pd.DataFrame({"v": values}))["v"]
    w1 = session.udf(fn, input_types=[tin], output_type=tout, workers=1, transpile=False)
    w2 = session.udf(fn, input_types=[tin], output_type=tout, workers=2, transpile=False)
    src.apply(w2).to_pandas()  # both workers started, the routine loaded
    speedups = []
    for i in range(args.pairs):
        t1 = once(lambda: src.apply(w1).to_pandas())
        worker_stats(reset=True)
        t2 = once(lambda: src.apply(w2).to_pandas())
        speedups.append(t1 / t2)
        print(f"  round {i + 1}: workers=1 {t1:.2f} s, workers=2 {t2:.2f} s, {t1 / t2:.2f}x; load average {os.getloadavg()}")
        # Each worker's rows and the share of the query's time it had a call in flight: the
        # pool's part of the speedup, whatever the load.
        print("    workers=2: " + "; ".join(f"worker {k + 1}: {st['rows']:,} rows in {st['calls']} calls, busy "
                                            f"{st['busy_seconds'] / t2:.0%} of the time"
                                            for k, st in enumerate(x for x in worker_stats() if x["calls"])))
    speedups.sort()
    print(f"  speedup min {speedups[0]:.2f}x, median {speedups[len(speedups) // 2]:.2f}x, max {speedups[-1]:.2f}x "
          "(target 1.7x on an otherwise idle machine)")
    session.close()


if __name__ == "__main__":
    sys.exit(main())
