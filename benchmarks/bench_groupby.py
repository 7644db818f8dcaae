#!/usr/bin/env python3
"""Benchmark: groupby aggregations (db-benchmark's groupby questions 1-5) in cormorant, pandas,
Polars and hand-written DuckDB SQL.

The data is h2oai db-benchmark's groupby table (seeded numpy, cached as Parquet): id1, id2
(strings, 100 levels), id3 (string, rows/10 levels), id4, id5 (int, 100 levels), id6 (int,
rows/10 levels), v1, v2 (int 1..5), v3 (float uniform 0..100).

    q1  sum v1 by id1                 q4  mean v1:v3 by id4
    q2  sum v1 by id1:id2             q5  sum v1:v3 by id6
    q3  sum v1, mean v3 by id3

    cd /work/main && bash scripts/devpkg.sh bench
    PYTHONPATH=build/devpkg-bench .venv/bin/python benchmarks/bench_groupby.py --rows 1000000  # quick
    PYTHONPATH=build/devpkg-bench .venv/bin/python benchmarks/bench_groupby.py                 # 10M rows

Each system runs all five questions in its own child process (multiprocessing 'spawn'), so its
peak memory (the child's max RSS, from getrusage) is its own:

  cormorant-parquet  session.read_parquet(file) (lazy); df.groupby(keys).agg(...).to_pandas()
  cormorant-pandas   pd.read_parquet(file) then session.read_pandas(pdf) (a session table) once
  pandas             pd.read_parquet(file) once; pdf.groupby(keys, sort=True).agg(...)
  polars             pl.scan_parquet(file).group_by(keys).agg(...).sort(keys).collect()
  sql                hand-written DuckDB SQL on read_parquet(file) through session.execute_sql
                     (the same embedded engine as cormorant), then .to_pandas()
  sql-table          the same SQL on a session table (CREATE TABLE AS read_parquet), which is
                     what cormorant-pandas scans

cormorant's groupby sorts by the keys (sort=True, like pandas), so the hand-written SQL has an
ORDER BY on the keys and Polars a .sort(keys): every system does the same work. Its sums are
CAST to BIGINT (DuckDB's sum of BIGINT is HUGEINT, which cormorant cannot hand over yet).
All results are checked against each other after sorting by the keys: same groups, same values.

This is a benchmark, not a test: it prints timings and never fails on a slow ratio.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent
ROW_GROUP = 1_000_000
K = 100  # levels of id1, id2, id4, id5

# name, keys, [(output, column, function)]
QUESTIONS = [
    ("q1", "sum v1 by id1", ["id1"], [("v1", "v1", "sum")]),
    ("q2", "sum v1 by id1:id2", ["id1", "id2"], [("v1", "v1", "sum")]),
    ("q3", "sum v1 mean v3 by id3", ["id3"], [("v1", "v1", "sum"), ("v3", "v3", "mean")]),
    ("q4", "mean v1:v3 by id4", ["id4"], [("v1", "v1", "mean"), ("v2", "v2", "mean"), ("v3", "v3", "mean")]),
    ("q5", "sum v1:v3 by id6", ["id6"], [("v1", "v1", "sum"), ("v2", "v2", "sum"), ("v3", "v3", "sum")]),
]
SYSTEMS = ["cormorant-parquet", "cormorant-pandas", "pandas", "polars", "sql", "sql-table"]
SHORT = {"cormorant-parquet": "corm-pq", "cormorant-pandas": "corm-pd", "pandas": "pandas",
         "polars": "polars", "sql": "sql", "sql-table": "sql-tbl"}


# -- data ----------------------------------------------------------------------------------
def parquet_path(data_dir: Path, rows: int, seed: int) -> Path:
    return data_dir / f"groupby_{rows}_seed{seed}.parquet"


def generate_parquet(path: Path, rows: int, seed: int) -> None:
    """db-benchmark's groupby table, written in row groups of ROW_GROUP rows from one seeded generator."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".parquet.tmp")
    rng = np.random.default_rng(seed)
    nk = max(1, rows // 10)  # levels of id3 and id6
    small = pa.array([f"id{i:03d}" for i in range(1, K + 1)], type=pa.string())
    large = pa.array([f"id{i:010d}" for i in range(1, nk + 1)], type=pa.string())
    schema = pa.schema([("id1", pa.string()), ("id2", pa.string()), ("id3", pa.string()),
                        ("id4", pa.int64()), ("id5", pa.int64()), ("id6", pa.int64()),
                        ("v1", pa.int64()), ("v2", pa.int64()), ("v3", pa.float64())])
    with pq.ParquetWriter(tmp, schema) as writer:
        for start in range(0, rows, ROW_GROUP):
            n = min(ROW_GROUP, rows - start)
            chunk = pa.table(
                {
                    "id1": small.take(pa.array(rng.integers(0, K, n))),
                    "id2": small.take(pa.array(rng.integers(0, K, n))),
                    "id3": large.take(pa.array(rng.integers(0, nk, n))),
                    "id4": rng.integers(1, K + 1, n, dtype=np.int64),
                    "id5": rng.integers(1, K + 1, n, dtype=np.int64),
                    "id6": rng.integers(1, nk + 1, n, dtype=np.int64),
                    "v1": rng.integers(1, 6, n, dtype=np.int64),
                    "v2": rng.integers(1, 6, n, dtype=np.int64),
                    "v3": np.round(rng.uniform(0, 100, n), 6),
                },
                schema=schema,
            )
            writer.write_table(chunk, row_group_size=ROW_GROUP)
    os.replace(tmp, path)


def ensure_parquet(data_dir: Path, rows: int, seed: int) -> Path:
    """The cached table of `rows` rows (generated the first time), saying which and its size."""
    path = parquet_path(data_dir, rows, seed)
    if path.exists():
        print(f"data: {path} (cached)")
    else:
        t0 = time.perf_counter()
        generate_parquet(path, rows, seed)
        print(f"data: {path} (generated in {time.perf_counter() - t0:.1f}s)")
    meta = pq.ParquetFile(path).metadata
    print(f"      {meta.num_rows:,} rows, {meta.num_row_groups} row groups, {path.stat().st_size / 1e6:.0f} MB")
    return path


# -- helpers -------------------------------------------------------------------------------
def best_of(fn, repeat: int):
    """One warm-up, then the best of `repeat` timed runs; returns (seconds, last result)."""
    result = fn()
    best = math.inf
    for _ in range(repeat):
        result = None  # free the previous result before the next run, as a fresh call would
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def sql_literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def compact(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).replace("( ", "(").replace(" )", ")").strip()


def shorten(sql: str, limit: int) -> str:
    s = compact(sql)
    return s if limit <= 0 or len(s) <= limit else s[: limit - 25] + f" ... [{len(s)} chars]"


def hand_sql(relation: str, keys, aggs) -> str:
    def agg(c, f):  # sum of an int column is HUGEINT in DuckDB: cast it back, as cormorant does
        return f"avg({c})" if f == "mean" else f"sum({c})" if c == "v3" else f"sum({c})::BIGINT"

    cols = ", ".join(keys)
    values = ", ".join(f"{agg(c, f)} AS {out}" for out, c, f in aggs)
    return f"SELECT {cols}, {values} FROM {relation} GROUP BY {cols} ORDER BY {cols}"


def canonical(out, keys) -> pd.DataFrame:
    """Keys as columns, values as float64, rows sorted by the keys: comparable across systems."""
    if not isinstance(out, pd.DataFrame):
        if hasattr(out, "to_pandas"):  # Arrow table, Polars frame
            out = out.to_pandas()
        else:
            raise TypeError(type(out))
    if list(out.index.names) == list(keys):
        out = out.reset_index()
    out = out.reset_index(drop=True)
    result = {}
    for k in keys:
        col = out[k]
        if pd.api.types.is_integer_dtype(col.dtype):
            result[k] = col.to_numpy(dtype="int64")
        else:
            result[k] = col.astype(object).to_numpy()
    for c in out.columns:
        if c not in keys:
            result[c] = out[c].to_numpy(dtype="float64", na_value=np.nan)
    return pd.DataFrame(result).sort_values(list(keys), kind="stable").reset_index(drop=True)


# -- one system, in a child process --------------------------------------------------------
def run_system(system: str, data: str, check_dir: str, repeat: int, threads: int, breakdown: bool) -> dict:
    """Loads the data once and times the five questions; returns timings, the SQL, memory."""
    data = Path(data)
    base = max_rss_mb()
    info = dict(system=system, times={}, rows={}, sql={}, engine={}, note="", base_mb=base)
    t0 = time.perf_counter()
    session = None
    if system.startswith("cormorant") or system.startswith("sql"):
        import cormorant.pandas as cpd

        session = cpd.Session(":memory:", threads=threads)
        version = session.execute_sql("SELECT version() AS v, current_setting('threads') AS t").to_pylist()[0]
        info["engine_version"] = f"DuckDB {version['v']}, {version['t']} threads"

    if system == "cormorant-parquet":
        df = session.read_parquet(data)
        info["note"] = "read_parquet (lazy)"
    elif system == "cormorant-pandas":
        pdf = pd.read_parquet(data)
        df = session.read_pandas(pdf)
        del pdf
        info["note"] = "pd.read_parquet + read_pandas"
    elif system == "pandas":
        pdf = pd.read_parquet(data)
        info["note"] = "pd.read_parquet"
    elif system == "polars":
        import polars as pl

        lf = pl.scan_parquet(data)
        info["note"] = f"scan_parquet (lazy), polars {pl.__version__}, {pl.thread_pool_size()} threads"
    elif system == "sql":
        relation = f"read_parquet({sql_literal(data)})"
        info["note"] = "FROM read_parquet(file)"
    elif system == "sql-table":
        session.execute_sql(f"CREATE TABLE t AS SELECT * FROM read_parquet({sql_literal(data)})")
        relation = "t"
        info["note"] = "CREATE TABLE t AS read_parquet"
    else:
        raise ValueError(system)
    info["load_s"] = time.perf_counter() - t0

    peak = max_rss_mb()
    for name, _, keys, aggs in QUESTIONS:
        named = {out: (c, f) for out, c, f in aggs}
        if system.startswith("cormorant"):
            def fn():
                return df.groupby(keys).agg(**named).to_pandas()
            info["sql"][name] = df.groupby(keys).agg(**named).sql
        elif system == "pandas":
            def fn():
                return pdf.groupby(keys, sort=True).agg(**named)
        elif system == "polars":
            exprs = [(pl.col(c).sum() if f == "sum" else pl.col(c).mean()).alias(out) for out, c, f in aggs]

            def fn():
                return lf.group_by(keys).agg(exprs).sort(keys).collect()
        else:
            query = hand_sql(relation, keys, aggs)
            info["sql"][name] = query

            def fn():
                return session.execute_sql(query).to_pandas()
        seconds, out = best_of(fn, repeat)
        info["times"][name] = seconds
        info["rows"][name] = len(out)
        peak = max(peak, max_rss_mb())  # before the check's conversion below
        canonical(out, keys).to_parquet(Path(check_dir) / f"{system}_{name}.parquet")
        del out
        if breakdown and session is not None:
            # The engine alone: the same SQL run to Arrow, no pandas conversion.
            info["engine"][name], _ = best_of(lambda: session.execute_sql(info["sql"][name]), repeat)
    info["peak_mb"] = peak
    return info


def run_child(system: str, args, check_dir: str) -> dict:
    ctx = mp.get_context("spawn")
    with ctx.Pool(1) as pool:
        return pool.apply(run_system, (system, str(args.data), check_dir, args.repeat, args.threads, args.breakdown))


# -- report --------------------------------------------------------------------------------
def compare(check_dir: Path, systems, reference: str):
    """{question: {system: 'same' | 'DIFFERENT: ...'}} against the reference system's result."""
    out = {}
    for name, _, keys, _ in QUESTIONS:
        ref = pd.read_parquet(check_dir / f"{reference}_{name}.parquet")
        out[name] = {}
        for s in systems:
            if s == reference:
                continue
            got = pd.read_parquet(check_dir / f"{s}_{name}.parquet")
            why = ""
            if len(got) != len(ref) or list(got.columns) != list(ref.columns):
                why = f"{len(got)} rows {list(got.columns)} vs {len(ref)} rows {list(ref.columns)}"
            else:
                for k in keys:
                    if not (got[k].to_numpy() == ref[k].to_numpy()).all():
                        why = f"keys {k} differ"
                        break
                else:
                    for c in ref.columns:
                        if c not in keys and not np.allclose(got[c], ref[c], rtol=1e-9, atol=1e-9, equal_nan=True):
                            why = f"values {c} differ"
                            break
            out[name][s] = "same" if not why else "DIFFERENT: " + why
    return out


def features(sql: str) -> list[str]:
    """What cormorant's groupby SQL does beyond the hand-written GROUP BY ... ORDER BY keys."""
    s = compact(sql)
    parts = []
    if "file_row_number" in s or '"rowid"' in s:
        parts.append("reads row positions (" + ("file_row_number" if "file_row_number" in s else "rowid") + ")")
    if re.search(r"min\(\"c\d+\"\) AS BIGINT\)", s):
        parts.append("one more aggregate per group: min(position), the first appearance")
    if "IS NOT NULL" in s:
        parts.append("WHERE key IS NOT NULL (dropna=True)")
    if "coalesce(" in s:
        parts.append("coalesce(sum, 0) (pandas' sum of no values is 0)")
    m = re.search(r"ORDER BY (.*)$", s)
    if m and m.group(1).count(",") >= 1:
        parts.append("ORDER BY keys + the first-appearance position (a tie-breaker the unique keys never need)")
    return parts


def print_report(infos: dict, checks, args) -> None:
    systems = [s for s in SYSTEMS if s in infos]
    corm = [s for s in systems if s.startswith("cormorant")]
    print(f"\n=== results: {args.rows:,} rows, best of {args.repeat} after 1 warm-up, seconds, "
          f"target cormorant/SQL <= {args.target}x")
    print("    every system sorts by the keys (cormorant and pandas sort=True; SQL ORDER BY keys; Polars .sort(keys))")
    print("    cormorant end to end (plan, engine, nullable pandas result); sql = execute_sql(...).to_pandas();")
    print("    pandas = groupby on a loaded DataFrame; polars = lazy scan, collect() to a Polars frame")
    print("    ratios: corm-pq / sql (both scan the Parquet file), corm-pd / sql-tbl (both scan a session table);")
    print("    /pandas and /polars use the faster cormorant source of the run (named in 'best')")
    print()
    cols = [SHORT[s] for s in systems]
    header = f"{'q':<3} {'question':<22} {'rows out':>9} " + " ".join(f"{c:>8}" for c in cols)
    ratio_cols = []
    if "cormorant-parquet" in infos and "sql" in infos:
        ratio_cols.append(("pq/sql", "cormorant-parquet", "sql"))
    if "cormorant-pandas" in infos and "sql-table" in infos:
        ratio_cols.append(("pd/tbl", "cormorant-pandas", "sql-table"))
    header += " " + " ".join(f"{c:>7}" for c, _, _ in ratio_cols)
    if corm:
        header += f" {'best':>7} {'/pandas':>7} {'/polars':>7}"
    header += "  check"
    print(header)
    print("-" * len(header))
    total = {s: 0.0 for s in systems}
    for name, label, _, _ in QUESTIONS:
        rows_out = {infos[s]["rows"][name] for s in systems}
        line = f"{name:<3} {label:<22} {'/'.join(f'{r:,}' for r in sorted(rows_out)):>9} "
        line += " ".join(f"{infos[s]['times'][name]:8.3f}" for s in systems)
        for s in systems:
            total[s] += infos[s]["times"][name]
        verdicts = []
        for _, a, b in ratio_cols:
            r = infos[a]["times"][name] / infos[b]["times"][name]
            line += f" {r:6.2f}x"
            if r > args.target:
                verdicts.append(f"{SHORT[a]} SLOW")
        if corm:
            best = min(corm, key=lambda s: infos[s]["times"][name])
            t = infos[best]["times"][name]
            line += f" {SHORT[best]:>7}"
            line += f" {t / infos['pandas']['times'][name]:6.2f}x" if "pandas" in infos else f" {'n/a':>7}"
            line += f" {t / infos['polars']['times'][name]:6.2f}x" if "polars" in infos else f" {'n/a':>7}"
        bad = [f"{SHORT[s]} {v}" for s, v in checks[name].items() if v != "same"]
        print(line + "  " + ("same" if not bad else "; ".join(bad)) + ("  " + ", ".join(verdicts) if verdicts else ""))
    line = f"{'all':<3} {'total':<22} {'':>9} " + " ".join(f"{total[s]:8.3f}" for s in systems)
    for _, a, b in ratio_cols:
        line += f" {total[a] / total[b]:6.2f}x"
    print(line)

    print("\n=== per system: load (once, not in the times above), peak memory (child's max RSS, "
          "getrusage), threads")
    for s in systems:
        i = infos[s]
        print(f"  {s:<18} load {i['load_s']:7.2f}s   peak {i['peak_mb']:7.0f} MB "
              f"(child at start {i['base_mb']:4.0f} MB)   {i['note']}"
              + (f"; {i['engine_version']}" if "engine_version" in i else ""))
    if "pandas" in infos:
        print("  (pandas' groupby is single-threaded; DuckDB and Polars use every core they are given)")
    if corm:
        tot = {s: sum(infos[s]["times"].values()) for s in corm}
        fastest = min(tot, key=tot.get)
        print(f"  faster cormorant source over the five questions: {fastest}; "
              + ", ".join(f"{s} {t:.3f}s" for s, t in tot.items())
              + f" (plus loading: " + ", ".join(f"{s} {infos[s]['load_s']:.2f}s" for s in corm) + ")")

    if args.breakdown and any(infos[s]["engine"] for s in systems):
        print("\n=== engine only: the same SQL run to Arrow with execute_sql (no pandas conversion), seconds")
        eng = [s for s in systems if infos[s]["engine"]]
        print(f"{'q':<3} " + " ".join(f"{SHORT[s]:>8}" for s in eng)
              + (f" {'pq/sql':>7}" if {'cormorant-parquet', 'sql'} <= set(eng) else "")
              + (f" {'pd/tbl':>7}" if {'cormorant-pandas', 'sql-table'} <= set(eng) else ""))
        for name, _, _, _ in QUESTIONS:
            line = f"{name:<3} " + " ".join(f"{infos[s]['engine'][name]:8.3f}" for s in eng)
            if {"cormorant-parquet", "sql"} <= set(eng):
                line += f" {infos['cormorant-parquet']['engine'][name] / infos['sql']['engine'][name]:6.2f}x"
            if {"cormorant-pandas", "sql-table"} <= set(eng):
                line += f" {infos['cormorant-pandas']['engine'][name] / infos['sql-table']['engine'][name]:6.2f}x"
            print(line)

    print("\n=== SQL (whitespace collapsed)")
    for name, label, _, _ in QUESTIONS:
        print(f"\n[{name}] {label}")
        for s in corm:
            sql = infos[s]["sql"][name]
            print(f"  {s}: {shorten(sql, args.sql_chars)}")
            print(f"    beyond the hand-written SQL: {'; '.join(features(sql)) or 'nothing'}")
        for s in ("sql", "sql-table"):
            if s in infos:
                print(f"  {s}: {infos[s]['sql'][name]}")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=10_000_000, help="rows in the table (default 10M)")
    p.add_argument("--data-dir", type=Path, default=REPO / "build" / "bench-data", help="where the data is cached")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated: " + ", ".join(SYSTEMS))
    p.add_argument("--repeat", type=int, default=3, help="timed runs per question (best is reported)")
    p.add_argument("--threads", type=int, default=0, help="DuckDB threads (0: DuckDB's default); "
                   "Polars: set POLARS_MAX_THREADS")
    p.add_argument("--target", type=float, default=1.25, help="the cormorant/SQL ratio to stay under")
    p.add_argument("--sql-chars", type=int, default=700, help="shorten printed SQL to this many chars (0: all)")
    p.add_argument("--no-breakdown", dest="breakdown", action="store_false",
                   help="skip the engine-only timings (the SQL to Arrow, no pandas conversion)")
    args = p.parse_args(argv)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        p.error(f"unknown systems {unknown}; use {', '.join(SYSTEMS)}")

    import cormorant

    print(f"cormorant {getattr(cormorant, '__version__', '?')} from {Path(cormorant.__file__).parent}")
    print(f"pandas {pd.__version__}, pyarrow {pa.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}")
    args.data = ensure_parquet(args.data_dir, args.rows, args.seed)
    load = os.getloadavg()[0]
    print(f"{os.cpu_count()} CPUs, load average at start: {load:.2f}" + ("  (busy machine: timings will be noisy)" if load > 0.5 else ""))

    t0 = time.perf_counter()
    infos = {}
    with tempfile.TemporaryDirectory(prefix="bench_groupby_") as check_dir:
        for s in systems:
            ts = time.perf_counter()
            infos[s] = run_child(s, args, check_dir)
            i = infos[s]
            print(f"  {s:<18} " + " ".join(f"{q} {t:7.3f}s" for q, t in i["times"].items())
                  + f"   load {i['load_s']:.2f}s, peak {i['peak_mb']:.0f} MB ({time.perf_counter() - ts:.0f}s)",
                  flush=True)
        reference = "sql" if "sql" in infos else systems[0]
        checks = compare(Path(check_dir), systems, reference)
    print_report(infos, checks, args)
    if any(v != "same" for c in checks.values() for v in c.values()):
        print(f"\nWARNING: some results differ from {reference}'s (see the check column)")
    print(f"\ntotal {time.perf_counter() - t0:.0f}s; load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
