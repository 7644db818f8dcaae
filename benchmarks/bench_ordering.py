#!/usr/bin/env python3
"""Benchmark: what pandas ordering semantics cost in cormorant, against hand-written DuckDB SQL.

Every query runs twice on the same data in the same embedded engine (one cormorant Session):
once through cormorant's pandas API (which returns pandas), once as the SQL a person would write
by hand, run with ``Session.execute_sql`` (which returns Arrow, then ``.to_pandas()``), so both
sides are timed end to end.

    cd /work/main && bash scripts/devpkg.sh
    PYTHONPATH=build/devpkg .venv/bin/python benchmarks/bench_ordering.py               # 10M rows
    PYTHONPATH=build/devpkg .venv/bin/python benchmarks/bench_ordering.py --rows 200000  # quick

The data (id, x, y, g; seeded numpy) is written once to Parquet under --data-dir and reused.
Sources (--sources, comma-separated):

  pandas   read_pandas(pyarrow-read Parquet): a session table; the default index is the table's
           rowid, so it costs nothing (the fast path). read_csv gives the same plan.
  parquet  read_parquet(file): lazy; a row's position is its row number in its file plus the
           rows of earlier files (Parquet metadata): no window, no sort.
  csv      read_csv(file written once from the Parquet): the same session-table plan as pandas;
           off by default because loading a large CSV is slow (it reads serially, in file order).

The hand-written SQL has no ORDER BY: DuckDB keeps scan order (preserve_insertion_order, on by
default), which is what a person writing SQL over one table or one file relies on.

This is a benchmark, not a test: it prints timings and never fails on a slow ratio. It does
check that both sides return the same rows in the same order and says so in the table.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

REPO = Path(__file__).resolve().parent.parent

# Whatever `cormorant` is on the path; .venv may also hold an installed (older) copy, so the
# report prints which one ran and warns unless it is the development build (build/devpkg).
import cormorant
import cormorant.pandas as cpd

CATEGORIES = np.array(["alpha", "beta", "gamma", "delta", "epsilon"])
ROW_GROUP = 1_000_000


# -- data ----------------------------------------------------------------------------------
def parquet_path(data_dir: Path, rows: int, seed: int) -> Path:
    return data_dir / f"ordering_{rows}_seed{seed}.parquet"


def generate_parquet(path: Path, rows: int, seed: int) -> None:
    """Writes the table in chunks of ROW_GROUP rows (one row group each) from one seeded generator."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".parquet.tmp")
    rng = np.random.default_rng(seed)
    schema = pa.schema([("id", pa.int64()), ("x", pa.float64()), ("y", pa.int64()), ("g", pa.string())])
    categories = pa.array(CATEGORIES, type=pa.string())
    with pq.ParquetWriter(tmp, schema) as writer:
        for start in range(0, rows, ROW_GROUP):
            n = min(ROW_GROUP, rows - start)
            chunk = pa.table(
                {
                    "id": np.arange(start, start + n, dtype=np.int64),
                    "x": rng.random(n),
                    "y": rng.integers(-1_000_000, 1_000_000, n, dtype=np.int64),
                    "g": categories.take(pa.array(rng.integers(0, len(CATEGORIES), n))),
                },
                schema=schema,
            )
            writer.write_table(chunk, row_group_size=ROW_GROUP)
    os.replace(tmp, path)


def ensure_csv(parquet: Path) -> Path:
    import pyarrow.csv as pcsv

    path = parquet.with_suffix(".csv")
    if not path.exists():
        tmp = path.with_suffix(".csv.tmp")
        pcsv.write_csv(pq.read_table(parquet), tmp)
        os.replace(tmp, path)
    return path


# -- helpers -------------------------------------------------------------------------------
def best_of(fn, repeat: int):
    """One warm-up, then the best of `repeat` timed runs; returns (seconds, last result)."""
    result = fn()
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


def sql_literal_path(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def session_table(df) -> str:
    """The session table a read_pandas / read_csv frame scans (from the SQL cormorant generates)."""
    m = re.search(r'FROM "(cormorant_[0-9a-f]+_\d+)"', df.sql)
    if not m:
        raise RuntimeError("could not find the session table in:\n" + df.sql)
    return '"' + m.group(1) + '"'


def compact(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).replace("( ", "(").replace(" )", ")").strip()


def shorten(sql: str, limit: int) -> str:
    s = compact(sql)
    return s if limit <= 0 or len(s) <= limit else s[: limit - 25] + f" ... [{len(s)} chars]"


def features(sql: str) -> str:
    """What in a query costs more than a scan: windows, sorts, limits."""
    s = compact(sql).upper()
    parts = []
    windows = s.count(" OVER (")
    if windows:
        parts.append(f"{windows} window")
    sorts = len(re.findall(r"ORDER BY", s)) - windows  # a window's ORDER BY is not a sort of the result
    if sorts > 0:
        parts.append(f"{sorts} ORDER BY")
    if " LIMIT " in s:
        parts.append("LIMIT")
    return ", ".join(parts) or "scan only"


class QueryLog:
    """The statements the session's engine ran during a block (DuckDB's QueryLog, if available)."""

    def __init__(self, session):
        self.session = session
        self.available = True
        try:
            session.execute_sql("CALL truncate_duckdb_logs()")
        except Exception:
            self.available = False

    def capture(self, fn) -> list[str] | None:
        if not self.available:
            fn()
            return None
        run = self.session.execute_sql
        run("CALL truncate_duckdb_logs()")
        run("CALL enable_logging('QueryLog')")
        try:
            fn()
        finally:
            run("CALL disable_logging()")
        messages = run("SELECT message FROM duckdb_logs WHERE type = 'QueryLog' ORDER BY timestamp").column(0)
        run("CALL truncate_duckdb_logs()")
        skip = ("enable_logging", "disable_logging", "duckdb_logs")
        return [m for m in messages.to_pylist() if m and not any(k in m for k in skip)]


# -- correctness ---------------------------------------------------------------------------
def same_rows(cormorant_pdf: pd.DataFrame | pd.Series, hand_pdf: pd.DataFrame) -> bool:
    """Same positions (index vs the hand-written position column), same values, same order."""
    if isinstance(cormorant_pdf, pd.Series):
        cormorant_pdf = cormorant_pdf.to_frame()
    if len(cormorant_pdf) != len(hand_pdf):
        return False
    if not np.array_equal(cormorant_pdf.index.to_numpy(dtype="int64"), hand_pdf["pos"].to_numpy(dtype="int64")):
        return False
    for name in cormorant_pdf.columns:
        left = cormorant_pdf[name]
        right = hand_pdf[name]
        if pd.api.types.is_float_dtype(left.dtype) or pd.api.types.is_float_dtype(right.dtype):
            a = left.to_numpy(dtype="float64", na_value=np.nan)
            b = right.to_numpy(dtype="float64", na_value=np.nan)
            if not np.array_equal(a, b, equal_nan=True):
                return False
        elif not (left.astype(object).to_numpy() == right.astype(object).to_numpy()).all():
            return False
    return True


# -- the benchmark -------------------------------------------------------------------------
def queries(df, relation: str, scan: str, pos: str, v: float, lo: float, hi: float, dims, dims_table: str):
    """One dict per query for one source: cormorant end to end, cormorant up to Arrow (the engine
    part, with the plan built beforehand), the hand-written SQL, and a check of the results.
    `relation` is the FROM with row positions, `scan` the plain FROM (for the count); `dims` a
    small frame (g -> w) in session table `dims_table`, merged with the data."""

    def q_head():
        return df[df.x > v].head(10).to_pandas()

    def q_len():
        return len(df[df.x > v])

    def q_align():
        a = df["x"]
        return (a[a > lo] + a[a < hi]).to_pandas()

    dims_sql = f"(SELECT col0 AS g, col1 AS w FROM {dims_table})"  # read_pandas names columns by position
    merged = df.merge(dims, on="g")
    merged_head = merged.head(10)
    top = merged.groupby("g").agg(s=("y", "sum")).sort_values("s", ascending=False).head(3)

    def q_merge_head():
        return df.merge(dims, on="g").head(10).to_pandas()

    def q_merge_top():
        return df.merge(dims, on="g").groupby("g").agg(s=("y", "sum")).sort_values("s", ascending=False).head(3).to_pandas()

    def same_top(c, h):
        return list(c.index) == list(h["g"]) and [int(x) for x in c["s"]] == [int(x) for x in h["s"]]

    head = df[df.x > v].head(10)
    filtered = df[df.x > v]
    a = df["x"]
    aligned = a[a > lo] + a[a < hi]
    return [
        dict(
            name=f"df[df.x > {v}].head(10)",
            run=q_head,
            engine=lambda: pa.table(head._core.to_arrow()),
            sql=lambda: head.sql,
            hand=f"SELECT {pos} AS pos, id, x, y, g FROM {relation} WHERE x > {v} LIMIT 10",
            check=same_rows,
        ),
        dict(
            name=f"len(df[df.x > {v}])",
            run=q_len,
            engine=lambda: filtered._core.shape,
            sql=lambda: filtered.sql + "   -- (len counts the rows of this)",
            hand=f"SELECT count(*) AS n FROM {scan} WHERE x > {v}",
            check=lambda c, h: int(c) == int(h["n"].iloc[0]),
        ),
        dict(
            name=f"a[a > {lo}] + a[a < {hi}]",
            run=q_align,
            engine=lambda: pa.table(aligned._core.to_frame().to_arrow()),
            sql=lambda: aligned.sql,
            hand=f"SELECT {pos} AS pos, CASE WHEN x > {lo} AND x < {hi} THEN x + x END AS x "
            f"FROM {relation} WHERE x > {lo} OR x < {hi}",
            check=same_rows,
        ),
        # pandas' merge keeps the left rows' order: the first 10 by position, numbered 0..9
        dict(
            name="df.merge(dims).head(10)",
            run=q_merge_head,
            engine=lambda: pa.table(merged_head._core.to_arrow()),
            sql=lambda: merged_head.sql,
            hand=f"SELECT t.{pos} AS pos, id, x, y, g, w FROM {relation} AS t JOIN {dims_sql} AS d USING (g) "
            f"ORDER BY t.{pos} LIMIT 10",
            check=same_rows,
        ),
        # the groupby re-orders: nothing of the merge's order is needed
        dict(
            name="merge.groupby.sort.head(3)",
            run=q_merge_top,
            engine=lambda: pa.table(top._core.to_arrow()),
            sql=lambda: top.sql,
            hand=f"SELECT g, CAST(sum(y) AS BIGINT) AS s FROM {scan} AS t JOIN {dims_sql} AS d USING (g) GROUP BY g "
            f"ORDER BY s DESC LIMIT 3",
            check=same_top,
        ),
    ]


def load_source(session, kind: str, parquet: Path):
    """(frame, FROM with positions, plain FROM, position column, load notes) for one source."""
    if kind in ("pandas", "csv"):
        t0 = time.perf_counter()
        if kind == "pandas":
            pdf = pq.read_table(parquet).to_pandas(types_mapper=pd.ArrowDtype)
            t1 = time.perf_counter()
            df = session.read_pandas(pdf)
            del pdf
            what = "pyarrow read"
        else:
            csv = ensure_csv(parquet)
            t1 = time.perf_counter()
            df = session.read_csv(csv)
            what = "CSV written/found"
        t2 = time.perf_counter()
        table = session_table(df)
        if kind == "pandas":  # read_pandas names the table's columns by position
            table = f"(SELECT rowid, col0 AS id, col1 AS x, col2 AS y, col3 AS g FROM {table})"
        note = f"{what} {t1 - t0:.2f}s, read_{kind} into session table {table} {t2 - t1:.2f}s; index = rowid"
        return df, table, table, "rowid", note
    if kind == "parquet":
        t0 = time.perf_counter()
        df = session.read_parquet(parquet)
        note = f"read_parquet is lazy ({time.perf_counter() - t0:.3f}s schema probe); index = file row number + rows of earlier files (Parquet metadata)"
        path = sql_literal_path(parquet)
        return df, f"read_parquet({path}, file_row_number = true)", f"read_parquet({path})", "file_row_number", note
    raise SystemExit(f"unknown source {kind!r}; use pandas, parquet or csv")


def run_source(session, kind: str, parquet: Path, args) -> list[dict]:
    df, relation, scan, pos, note = load_source(session, kind, parquet)
    dims = session.read_pandas(pd.DataFrame({"g": CATEGORIES, "w": np.arange(len(CATEGORIES))}))
    print(f"\n== source: {kind} ({note})", flush=True)
    log = QueryLog(session)
    rows = []
    for q in queries(df, relation, scan, pos, args.v, args.lo, args.hi, dims, session_table(dims)):
        t_c, out_c = best_of(q["run"], args.repeat)
        t_h, out_h = best_of(lambda: session.execute_sql(q["hand"]).to_pandas(), args.repeat)
        t_ce = t_he = None
        if args.breakdown:
            try:
                t_ce, _ = best_of(q["engine"], args.repeat)
            except Exception as e:  # the private core API may change under us; the main numbers stand
                print(f"   (no engine-only timing for {q['name']}: {type(e).__name__}: {e})")
            t_he, _ = best_of(lambda: session.execute_sql(q["hand"]), args.repeat)
        ok = q["check"](out_c, out_h)
        del out_c, out_h
        ran = log.capture(q["run"])
        row = dict(source=kind, query=q["name"], cormorant=t_c, hand=t_h, ratio=t_c / t_h if t_h > 0 else math.inf,
                   cormorant_arrow=t_ce, hand_arrow=t_he, check="same" if ok else "DIFFERENT",
                   sql="\n;\n".join(ran) if ran else q["sql"](), hand_sql=q["hand"],
                   statements=len(ran) if ran is not None else None)
        rows.append(row)
        print(f"   {q['name']:<28} cormorant {t_c:8.4f}s   hand-written {t_h:8.4f}s   {row['ratio']:7.2f}x   "
              f"{row['check']}", flush=True)
    return rows


def fmt(t) -> str:
    return f"{t:.4f}" if t is not None else "n/a"


def print_report(rows: list[dict], args) -> None:
    print(f"\n=== results: {args.rows:,} rows, best of {args.repeat} after 1 warm-up, target <= {args.target}x")
    print("    end to end: cormorant returns pandas; hand-written = execute_sql(...).to_pandas()")
    if args.breakdown:
        print("    engine only (Arrow, no pandas): cormorant plan built beforehand, run to Arrow; hand = execute_sql")
    print()
    header = (f"{'source':<8} {'query':<27} {'cormorant s':>11} {'hand SQL s':>10} {'ratio':>8} {'target':>6}  "
              f"{'verdict':<7}")
    if args.breakdown:
        header += f" {'engine: corm s':>14} {'hand s':>7} {'ratio':>7}"
    header += "  rows"
    print(header)
    print("-" * len(header))
    for r in rows:
        verdict = "ok" if r["ratio"] <= args.target else "SLOW"
        line = (f"{r['source']:<8} {r['query']:<27} {r['cormorant']:11.4f} {r['hand']:10.4f} "
                f"{r['ratio']:7.2f}x {args.target:5.2f}x  {verdict:<7}")
        if args.breakdown:
            ratio = (f"{r['cormorant_arrow'] / r['hand_arrow']:6.2f}x"
                     if r["cormorant_arrow"] is not None and r["hand_arrow"] else "    n/a")
            line += f" {fmt(r['cormorant_arrow']):>14} {fmt(r['hand_arrow']):>7} {ratio}"
        print(line + f"  {r['check']}")
    print("\n=== SQL (cormorant's, as the engine ran it, from DuckDB's query log; whitespace collapsed)")
    for r in rows:
        n = "" if r["statements"] is None else f", {r['statements']} statement(s)"
        print(f"\n[{r['source']}] {r['query']}   ratio {r['ratio']:.2f}x")
        print(f"  cormorant ({features(r['sql'])}{n}): {shorten(r['sql'], args.sql_chars)}")
        print(f"  hand-written ({features(r['hand_sql'])}): {r['hand_sql']}")
    slow = [r for r in rows if r["ratio"] > args.target]
    if slow:
        print("\n=== over the target")
        for r in slow:
            why = []
            fc, fh = features(r["sql"]), features(r["hand_sql"])
            if "window" in fc:
                why.append("cormorant numbers the rows with a row_number() window (a sort of every row) "
                           "that the hand-written query does not need")
            if "ORDER BY" in fc and "ORDER BY" not in fh:
                why.append("cormorant ORDER BYs (a LIMIT behind an ORDER BY cannot stop early); "
                           "the hand-written query relies on scan order")
            if r["statements"] and r["statements"] > 1:
                why.append(f"cormorant ran {r['statements']} statements")
            if not why:
                why.append("same shape of SQL, so the gap is per-call overhead (plan building, SQL compile, "
                           "nullable-dtype pandas conversion) or noise; compare the engine-only columns")
            print(f"  [{r['source']}] {r['query']}: {r['ratio']:.2f}x: " + "; ".join(why))
    if any(r["check"] != "same" for r in rows):
        print("\nWARNING: some results differ between cormorant and the hand-written SQL (see the rows column)")


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=10_000_000, help="rows in the table (default 10M)")
    p.add_argument("--data-dir", type=Path, default=REPO / "build" / "bench-data", help="where the data is cached")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--sources", default="pandas,parquet", help="comma-separated: pandas, parquet, csv")
    p.add_argument("--repeat", type=int, default=5, help="timed runs per query (best is reported)")
    p.add_argument("--threads", type=int, default=0, help="engine threads (0: DuckDB's default)")
    p.add_argument("--target", type=float, default=1.3, help="the ratio cormorant should stay under")
    p.add_argument("--v", type=float, default=0.5, help="filter threshold for queries 1-2 (~50%% pass)")
    p.add_argument("--lo", type=float, default=0.25, help="lower threshold of the alignment query")
    p.add_argument("--hi", type=float, default=0.75, help="upper threshold of the alignment query")
    p.add_argument("--sql-chars", type=int, default=900, help="shorten printed SQL to this many chars (0: all)")
    p.add_argument("--no-breakdown", dest="breakdown", action="store_false",
                   help="skip the engine-only (Arrow, no pandas conversion) timings")
    args = p.parse_args(argv)
    if args.lo >= args.hi:
        p.error("--lo must be below --hi")

    print(f"cormorant {getattr(cormorant, '__version__', '?')} from {Path(cormorant.__file__).parent}")
    if "devpkg" not in cormorant.__file__:
        print("  note: not the development build; run with PYTHONPATH=build/devpkg after scripts/devpkg.sh")
    data = parquet_path(args.data_dir, args.rows, args.seed)
    if data.exists():
        print(f"data: {data} (cached)")
    else:
        t0 = time.perf_counter()
        generate_parquet(data, args.rows, args.seed)
        print(f"data: {data} (generated in {time.perf_counter() - t0:.1f}s)")
    meta = pq.ParquetFile(data).metadata
    print(f"      {meta.num_rows:,} rows, {meta.num_row_groups} row groups, {data.stat().st_size / 1e6:.0f} MB")

    session = cpd.Session(":memory:", threads=args.threads)
    version = session.execute_sql("SELECT version() AS v, current_setting('threads') AS t").to_pylist()[0]
    print(f"engine: DuckDB {version['v']}, {version['t']} threads; {os.cpu_count()} CPUs")

    load = os.getloadavg()[0]
    print(f"load average at start: {load:.2f}" + ("  (busy machine: timings will be noisy)" if load > 0.5 else ""))
    t0 = time.perf_counter()
    rows = []
    for kind in [s.strip() for s in args.sources.split(",") if s.strip()]:
        rows += run_source(session, kind, data, args)
    print_report(rows, args)
    print(f"\ntotal {time.perf_counter() - t0:.0f}s; load average at end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
