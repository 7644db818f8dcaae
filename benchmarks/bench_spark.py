#!/usr/bin/env python3
"""Benchmark: cormorant on Apache Spark (issue 14) against hand-written Spark SQL and
pandas-on-Spark, on the loopback cluster of scripts/spark.sh, with cormorant on DuckDB for
reference.

In one run, on the same data: db-benchmark's groupby questions q1-q5 (bench_groupby.py's
table, --rows, default 1M rows, one Parquet file) and the seed's partial-mode query (the last
day's downloads of one project from the synthetic PyPI file_downloads table, --pypi-rows,
default 3M rows, partitioned by day and clustered by project: bench_partial.py's query), each
through

  spark-sql        hand-written Spark SQL through pyspark's Spark Connect client
                   (spark.sql(...).toPandas()) over the same Parquet files
  pandas-on-spark  pyspark.pandas on the same Connect session, as a pandas user would write it,
                   with pandas-on-Spark's default index type (compute.default_index_type,
                   --ps-index-type to change it); groupby results sorted by the keys
                   (.sort_index()), as cormorant's and pandas' are. pyspark 4.3's
                   pyspark.pandas does not import with pandas 3: "n/a" unless --ps-shim
  cormorant-spark  cormorant's pandas API on Spark: cpd.Session(engine="spark",
                   spark_remote=URL) (issue 14's API; "not yet" while cormorant lacks it)
  cormorant-duckdb cormorant's pandas API on DuckDB (the default engine), for reference

Every result is checked against spark-sql's before timing (same groups and values to 1e-9
relative; for the partial-mode query, the whole filtered result, and the peeked rows are among
it). Times are end to end (a pandas result), best of --repeat after one warm-up (the check's
run), the systems timed in turn in each round so that all see the same load. For the
partial-mode query it prints the bytes processed (cormorant's query_job; Spark's own scan
metrics for the hand-written SQL when the client reports them).

    bash scripts/spark.sh setup                        # once: Java and pyspark into .venv
    .venv/bin/python benchmarks/bench_spark.py --rows 100000 --pypi-rows 300000   # quick
    .venv/bin/python benchmarks/bench_spark.py         # 1M-row groupby, 3M-row PyPI table

The cluster: the running one of scripts/spark.sh (its .spark/connect_url), else the script
starts one and stops it at the end (--keep-cluster keeps it); --spark-remote names another.
Its settings stay as scripts/spark.sh makes them (small heaps: a 1 GiB driver, one 1 GiB
executor of 2 cores, 4 shuffle partitions); the output says so. The machine is shared: the
load average is printed with every row. A benchmark, not a test: it never fails on a number.
"""

from __future__ import annotations

import argparse
import datetime
import inspect
import json
import math
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
from bench_groupby import QUESTIONS, canonical, ensure_parquet  # noqa: E402

SYSTEMS = ["spark-sql", "pandas-on-spark", "cormorant-spark", "cormorant-duckdb"]
SHORT = {"spark-sql": "sql", "pandas-on-spark": "ps", "cormorant-spark": "corm-sp", "cormorant-duckdb": "corm-dd"}
PARTIAL = "partial"  # the name of the seed's query in the tables
COLUMNS = ["timestamp", "project", "file"]


class Unavailable(Exception):
    """A system that cannot run here: cormorant on Spark before issue 14's API exists, or
    pandas-on-Spark when pyspark.pandas does not import."""


def load() -> float:
    return os.getloadavg()[0]


# -- the cluster ---------------------------------------------------------------------------
def spark_script(*args) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(REPO / "scripts" / "spark.sh"), *args], capture_output=True, text=True)


def cluster_url(args) -> tuple[str, bool]:
    """The Connect URL, and whether this run started the cluster (and so stops it)."""
    if args.spark_remote:
        return args.spark_remote, False
    if spark_script("status").returncode == 0:
        return spark_script("url").stdout.strip(), False
    print("starting the loopback cluster (bash scripts/spark.sh start) ...", flush=True)
    started = spark_script("start")
    if started.returncode != 0:
        sys.exit(f"could not start the cluster:\n{started.stdout}{started.stderr}"
                 "\n(run `bash scripts/spark.sh setup` once first)")
    return spark_script("url").stdout.strip(), True


def connect(url: str):
    """A pyspark Spark Connect session for `url`, and pyspark.pandas bound to it."""
    os.environ["SPARK_REMOTE"] = url  # pyspark.pandas takes its session from here (Connect mode)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # pyspark's "does not yet fully support pandas 3"
        from pyspark.sql import SparkSession

        spark = SparkSession.builder.remote(url).getOrCreate()
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    return spark


def cluster_settings(spark) -> str:
    def conf(key):
        try:
            return spark.conf.get(key)
        except Exception:  # noqa: BLE001 - a setting the server does not show
            return "?"

    return (f"Spark {spark.version}; driver (Connect server) {conf('spark.driver.memory')}, executor "
            f"{conf('spark.executor.memory')} x {conf('spark.executor.cores')} cores (cores.max "
            f"{conf('spark.cores.max')}), shuffle partitions {conf('spark.sql.shuffle.partitions')}, "
            f"ANSI {conf('spark.sql.ansi.enabled')}: as scripts/spark.sh sets them (small heaps)")


def scan_metrics(df) -> dict:
    """Spark's scan metrics of the query `df` last ran, summed over the plan's scans ({} when the
    client does not report them): filesSize (the listed files' whole sizes), numFiles,
    numOutputRows (the rows of the row groups the Parquet reader kept), scanTime, ..."""
    info = getattr(df, "executionInfo", None)
    metrics = getattr(info, "metrics", None) if info is not None else None
    out: dict = {}
    if metrics is None or not hasattr(metrics, "extract_graph"):
        return out
    _, graph = metrics.extract_graph()
    for node in graph.values():
        if "Scan" not in node.name:
            continue
        for v in node.metrics:
            out[v.name] = out.get(v.name, 0) + int(v.value)
    return out


# -- data ----------------------------------------------------------------------------------
def pypi_table(args, cpd) -> dict:
    """The PyPI table in its own warehouse; its description and the files of its manifest."""
    from cormorant.datasets import ensure_pypi_file_downloads

    setup = cpd.Session(args.warehouse)
    try:
        info = ensure_pypi_file_downloads(rows=args.pypi_rows, days=args.days, session=setup,
                                          log=lambda m: print(m, flush=True))
    finally:
        setup.close()
    manifest = json.loads((Path(args.warehouse) / "catalog" / "pypi" / "file_downloads.json").read_text())
    table_dir = Path(args.warehouse) / "tables" / "pypi" / "file_downloads"
    info["paths"] = [str(table_dir / f["path"]) for f in manifest["files"]]
    print(f"PyPI table: {args.warehouse} pypi.file_downloads, {info['rows']:,} rows, {info['files']} files, "
          f"{info['row_groups']} row groups, {info['bytes']:,} bytes")
    return info


# -- the queries, per system ---------------------------------------------------------------
def spark_sql_groupby(keys, aggs) -> str:
    cols = ", ".join(keys)
    values = ", ".join(f"{'avg' if f == 'mean' else 'sum'}({c}) AS {out}" for out, c, f in aggs)
    return f"SELECT {cols}, {values} FROM groupby GROUP BY {cols} ORDER BY {cols}"


def spark_sql_partial(project: str, last_day: datetime.date, limit: int | None) -> str:
    sql = (f"SELECT `timestamp`, project, file FROM file_downloads "
           f"WHERE project = '{project}' AND `timestamp` >= TIMESTAMP_NTZ '{last_day} 00:00:00'")
    return sql + (f" LIMIT {limit}" if limit else "")


def sql_path(path) -> str:
    return "'" + str(path).replace("\\", "\\\\").replace("'", "\\'") + "'"


class SparkSQL:
    """Hand-written Spark SQL over temporary views of the same files."""

    name = "spark-sql"

    def __init__(self, spark, data: Path, pypi: dict):
        self.spark = spark
        spark.sql(f"CREATE OR REPLACE TEMPORARY VIEW groupby USING parquet OPTIONS (path {sql_path(data)})")
        # The table's day files, by their paths (as a glob: the folder names are hive-style
        # "timestamp=<day>", whose discovered partition column would shadow the data column).
        glob = str(Path(pypi["paths"][0]).parent.parent / "*" / "*.parquet")
        spark.sql(f"CREATE OR REPLACE TEMPORARY VIEW file_downloads USING parquet OPTIONS (path {sql_path(glob)})")
        self.note = "spark.sql(...).toPandas() over CREATE TEMPORARY VIEW ... USING parquet"
        self.last = None

    def groupby(self, keys, aggs):
        query = spark_sql_groupby(keys, aggs)
        return lambda: self.spark.sql(query).toPandas()

    def partial(self, project, last_day, limit):
        query = spark_sql_partial(project, last_day, limit)

        def run():
            self.last = self.spark.sql(query)
            return self.last.toPandas()
        return run

    def scan_stats(self):
        """(bytes, files, what else) of the last partial-mode run, from Spark's scan metrics."""
        m = scan_metrics(self.last) if self.last is not None else {}
        if "filesSize" not in m:
            return None
        return (m["filesSize"], f"{m.get('numFiles', '?')} listed",
                f"{m.get('numOutputRows', 0):,} rows out of the scan (Spark's metrics: filesSize is the "
                f"listed files' whole size, not the column chunks read)")


def pandas3_shim() -> list[str]:
    """Puts back the two pandas 2 names that pyspark 4.3's pyspark.pandas imports when it is
    imported and pandas 3 removed (--ps-shim); returns which it added. pyspark does not support
    this: the answers are checked against Spark SQL's like every other system's."""
    import pandas.core.dtypes.common as common
    import pandas.tseries.frequencies as frequencies
    import pandas.tseries.offsets as offsets

    added = []
    if not hasattr(frequencies, "DateOffset"):
        frequencies.DateOffset = offsets.DateOffset
        added.append("pandas.tseries.frequencies.DateOffset")
    if not hasattr(common, "infer_dtype_from_object"):
        common.infer_dtype_from_object = lambda dtype: pd.api.types.pandas_dtype(dtype).type
        added.append("pandas.core.dtypes.common.infer_dtype_from_object")
    return added


class PandasOnSpark:
    """pyspark.pandas on the same Connect session, written as pandas."""

    name = "pandas-on-spark"

    def __init__(self, spark, data: Path, pypi: dict, index_type: str, shim: bool):
        shimmed = pandas3_shim() if shim else []
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", FutureWarning)
                import pyspark.pandas as ps
        except ImportError as e:  # pyspark.pandas of pyspark 4.3 predates pandas 3
            import pyspark

            raise Unavailable(f"cannot run: pyspark {pyspark.__version__}'s pyspark.pandas does not import "
                              f"with pandas {pd.__version__} ({type(e).__name__}: {e})"
                              + ("" if shim else "; --ps-shim runs it with two import shims")) from None
        self.ps = ps
        # Its advice on every call (read_parquet without index_col attaches the default index;
        # to_pandas collects to the driver) is what a pandas user meets; said once in the note.
        warnings.filterwarnings("ignore", category=ps.utils.PandasAPIOnSparkAdviceWarning)
        if index_type:
            ps.set_option("compute.default_index_type", index_type)
        self.note = (f"compute.default_index_type={ps.get_option('compute.default_index_type')!r}, other options "
                     f"default (its advice warnings silenced)" + (f"; pandas 3 import shims (unsupported by pyspark): {', '.join(shimmed)}"
                                   if shimmed else ""))
        self.data = str(data)
        self.glob = str(Path(pypi["paths"][0]).parent.parent / "*" / "*.parquet")

    def groupby(self, keys, aggs):
        named = {out: (c, f) for out, c, f in aggs}

        def run():
            psdf = self.ps.read_parquet(self.data)
            return psdf.groupby(keys).agg(**named).sort_index().to_pandas()
        return run

    def partial(self, project, last_day, limit):
        day = pd.Timestamp(last_day)

        def run():
            psdf = self.ps.read_parquet(self.glob)
            q = psdf[(psdf["project"] == project) & (psdf["timestamp"] >= day)][COLUMNS]
            return (q.head(limit) if limit else q).to_pandas()
        return run

    def scan_stats(self):
        return None


class Cormorant:
    """cormorant's pandas API on one engine, over the PyPI table's warehouse: a session in the
    default (strict) ordering mode for the groupby, one in partial mode for the seed's query."""

    def __init__(self, cpd, engine: str, url: str, data: Path, warehouse: str):
        self.name = f"cormorant-{engine}"
        kwargs = {}
        if engine == "spark":
            params = inspect.signature(cpd.Session.__init__).parameters
            if "engine" not in params or "spark_remote" not in params:
                raise Unavailable("not yet: cormorant has no cpd.Session(engine='spark', spark_remote=...) (issue 14)")
            kwargs = {"engine": "spark", "spark_remote": url}
        self.note = f"cpd.Session(warehouse{''.join(f', {k}={v!r}' for k, v in kwargs.items())}): read_parquet, read_table"
        try:
            self.strict = cpd.Session(warehouse, **kwargs)
            self.partial_session = cpd.Session(warehouse, ordering_mode="partial", **kwargs)
            self.frame = self.strict.read_parquet(data)
        except Exception as e:  # noqa: BLE001 - the Spark engine refusing a session or a read
            if engine != "spark":
                raise
            raise Unavailable(refusal("cormorant-spark", e)) from None
        self.last = None

    def groupby(self, keys, aggs):
        named = {out: (c, f) for out, c, f in aggs}
        return lambda: self.frame.groupby(keys).agg(**named).to_pandas()

    def partial(self, project, last_day, limit):
        from cormorant.datasets import PYPI_TABLE

        def run():
            df = self.partial_session.read_table(PYPI_TABLE)
            q = df[(df["project"] == project) & (df["timestamp"] >= last_day.isoformat())][COLUMNS]
            out = q.peek(limit) if limit else q.to_pandas()
            self.last = self.partial_session.last_query
            return out
        return run

    def scan_stats(self):
        """(bytes, files, row groups) of the last partial-mode run, from its query_job."""
        j = self.last
        if j is None:
            return None
        return (j.bytes_processed, f"{j.files_scanned}/{j.files_total}",
                f"{j.row_groups_scanned}/{j.row_groups_total} row groups (query_job: the referenced "
                f"columns' chunks of the kept row groups)")

    def close(self):
        self.strict.close()
        self.partial_session.close()


# -- checks --------------------------------------------------------------------------------
def partial_canonical(out) -> pd.DataFrame:
    """The rows of the partial-mode query, comparable across systems: timestamps as microseconds
    since the epoch (naive, UTC), strings as objects, sorted by every column."""
    out = out.reset_index(drop=True)
    ts = pd.to_datetime(out["timestamp"])
    if getattr(ts.dt, "tz", None) is not None:
        ts = ts.dt.tz_convert("UTC").dt.tz_localize(None)
    frame = pd.DataFrame({
        "timestamp": ts.astype("datetime64[us]").astype("int64").to_numpy(),
        "project": out["project"].astype(object).to_numpy(),
        "file": out["file"].astype(object).to_numpy(),
    })
    return frame.sort_values(COLUMNS, kind="stable").reset_index(drop=True)


def same_groups(got: pd.DataFrame, ref: pd.DataFrame, keys) -> str:
    """'' when equal (keys exactly, values to 1e-9 relative), else what differs."""
    if len(got) != len(ref) or list(got.columns) != list(ref.columns):
        return f"{len(got)} rows {list(got.columns)} vs {len(ref)} rows {list(ref.columns)}"
    for c in ref.columns:
        if c in keys:
            if not (got[c].to_numpy() == ref[c].to_numpy()).all():
                return f"keys {c} differ"
        elif not np.allclose(got[c], ref[c], rtol=1e-9, atol=1e-9, equal_nan=True):
            return f"values {c} differ"
    return ""


def same_rows(got: pd.DataFrame, ref: pd.DataFrame) -> str:
    if len(got) != len(ref):
        return f"{len(got)} rows vs {len(ref)}"
    for c in COLUMNS:
        if not (got[c].to_numpy() == ref[c].to_numpy()).all():
            return f"column {c} differs"
    return ""


def within(peeked: pd.DataFrame, whole: pd.DataFrame, limit: int) -> str:
    """'' when `peeked` holds min(limit, len(whole)) rows, all rows of `whole`."""
    if len(peeked) != min(limit, len(whole)):
        return f"{len(peeked)} rows peeked, expected {min(limit, len(whole))}"
    keys = set(map(tuple, whole.itertuples(index=False)))
    if not all(tuple(r) in keys for r in peeked.itertuples(index=False)):
        return "peeked rows not in the result"
    return ""


# -- the run -------------------------------------------------------------------------------
def refusal(system: str, e: Exception) -> str:
    """Why `system` has no answer: "not yet" when cormorant on Spark refuses what it does not
    support yet (UnsupportedError, a NotImplementedError), "failed" for any other error."""
    text = (str(e).strip().splitlines() or [""])[0][:160]
    not_yet = system == "cormorant-spark" and isinstance(e, NotImplementedError)
    return f"{'not yet' if not_yet else 'failed'}: {type(e).__name__}: {text}"


def measure_query(impls: dict, repeat: int, prepare, compare, stats: bool = False) -> dict:
    """One query on every system: {system: (seconds, rows, check, load, scan stats)}, or a text
    saying why not (Unavailable, or what the system raised). `prepare(impl)` runs the query once
    (the check's run, also the warm-up) and returns (the timed callable, the answer to check,
    the rows it returned); `compare(got, reference)` is '' when they agree; spark-sql's answer
    is the reference. Then `repeat` rounds, each timing every system once in turn (so that all
    see the same load on a shared machine), and each system's best; with repeat 0 nothing is
    timed (seconds NaN). The scan stats are those of each system's last run."""
    row: dict = {}
    ref = None
    timed: dict = {}
    for s, impl in impls.items():
        if isinstance(impl, str):
            row[s] = impl
            continue
        try:
            fn, got, rows = prepare(impl)
        except Exception as e:  # noqa: BLE001 - cormorant on Spark refusing a query, a peer failing
            if s == "spark-sql":
                raise
            row[s] = refusal(s, e)
            continue
        if ref is None:
            ref = got
        timed[s] = (fn, rows, compare(got, ref) or "same")
    best = {s: math.inf if repeat > 0 else math.nan for s in timed}
    loads = {s: load() for s in timed}
    for _ in range(repeat):
        for s, (fn, _, _) in timed.items():
            t0 = time.perf_counter()
            fn()
            best[s] = min(best[s], time.perf_counter() - t0)
            loads[s] = max(loads[s], load())
    for s, (fn, rows, check) in timed.items():
        row[s] = (best[s], rows, check, loads[s], impls[s].scan_stats() if stats else None)
    return dict(sorted(row.items(), key=lambda kv: list(impls).index(kv[0])))


def measure(impls: dict, args, last_day) -> dict:
    """{query: measure_query's row} for q1-q5 and the partial-mode query."""
    results: dict = {}
    for name, _, keys, aggs in QUESTIONS:
        def prepare(impl, keys=keys, aggs=aggs):
            fn = impl.groupby(keys, aggs)
            got = canonical(fn(), keys)
            return fn, got, len(got)

        results[name] = measure_query(impls, args.repeat, prepare, lambda got, ref, keys=keys: same_groups(got, ref, keys))
        print(f"  {name} done (load {load():.2f})", flush=True)

    def prepare_partial(impl):
        whole = partial_canonical(impl.partial(args.project, last_day, None)())
        peek = impl.partial(args.project, last_day, args.limit)
        peeked = partial_canonical(peek())
        return peek, (whole, peeked), len(peeked)

    def compare_partial(got, ref):
        return same_rows(got[0], ref[0]) or within(got[1], got[0], args.limit)

    results[PARTIAL] = measure_query(impls, args.repeat, prepare_partial, compare_partial, stats=True)
    print(f"  {PARTIAL} done (load {load():.2f})", flush=True)
    return results


def report(results: dict, systems: dict, args) -> None:
    names = list(systems)
    cols = [SHORT[s] for s in names]
    print(f"\n=== seconds, best of {args.repeat} after 1 warm-up, end to end (a pandas result); "
          f"ratio = system / hand-written Spark SQL (issue 14's target for cormorant on Spark: <= 1.2x, "
          f"and faster than pandas-on-Spark)")
    header = (f"{'query':<8} {'rows':>7} " + " ".join(f"{c:>8}" for c in cols) + " "
              + " ".join(f"{c + '/sql':>11}" for c in cols[1:]) + f" {'corm-sp/ps':>11} {'load':>5}  check")
    print(header)
    print("-" * len(header))
    for q, row in results.items():
        timed = {s: v for s, v in row.items() if isinstance(v, tuple)}
        rows = sorted({v[1] for v in timed.values()})
        line = f"{q:<8} {'/'.join(map(str, rows)):>7} "
        line += " ".join(f"{'n/a':>8}" if s not in timed else f"{'-':>8}" if math.isnan(timed[s][0])
                         else f"{timed[s][0]:8.3f}" for s in names)
        pairs = [(s, "spark-sql") for s in names[1:]] + [("cormorant-spark", "pandas-on-spark")]
        for a, b in pairs:
            r = timed[a][0] / timed[b][0] if a in timed and b in timed else None
            line += f" {r:10.{2 if r >= 0.1 else 3}f}x" if r is not None and not math.isnan(r) else f" {'-':>11}"
        loads = [v[3] for v in timed.values()]
        line += f" {max(loads) if loads else load():5.2f}  "
        bad = [f"{SHORT[s]} {v[2]}" for s, v in timed.items() if v[2] != "same"]
        print(line + ("same" if not bad else "DIFFERENT: " + "; ".join(bad)))
    print("  (load: the highest 1-minute load average seen while that query's rounds ran; each round times every "
        "system once, in turn)")

    part = results.get(PARTIAL, {})
    print(f"\n=== {PARTIAL}: project == {args.project!r}, timestamp >= last day, "
          f"[{', '.join(COLUMNS)}], {args.limit} rows (cormorant: peek({args.limit}) in partial mode; "
          f"Spark SQL: LIMIT {args.limit}; pandas-on-Spark: head({args.limit}))")
    print(f"  {'':<17} {'bytes':>15} {'files':>9}")
    for s in names:
        v = part.get(s)
        if isinstance(v, tuple):
            st = v[4]
            if st is None:
                print(f"  {s:<17} {'not reported':>15}")
            else:
                print(f"  {s:<17} {st[0]:>15,} {st[1]:>9}   {st[2]}")
        else:
            print(f"  {s:<17} {v or '-'}")
    print()
    for s in names:  # why a system has no times (once per distinct reason)
        reasons = dict.fromkeys(v for row in results.values() for k, v in row.items() if k == s and isinstance(v, str))
        for why in reasons:
            queries = [q for q, row in results.items() if row.get(s) == why]
            print(f"n/a {s} ({', '.join(queries)}): {why}")


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rows", type=int, default=1_000_000, help="rows of the groupby table (default 1M)")
    p.add_argument("--pypi-rows", type=int, default=3_000_000, help="rows of the PyPI table (default 3M)")
    p.add_argument("--days", type=int, default=30)
    p.add_argument("--project", default="pandas")
    p.add_argument("--limit", type=int, default=5, help="rows the partial-mode query peeks")
    p.add_argument("--repeat", type=int, default=3, help="timed runs per query (the best is reported); "
                   "0: only check the answers (tests/spark/test_bench_spark.py)")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--data-dir", type=Path, default=REPO / "build" / "bench-data")
    p.add_argument("--warehouse", default=None, help="the PyPI table's warehouse "
                   "(default build/bench-data/warehouse_spark_<pypi-rows>)")
    p.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated: " + ", ".join(SYSTEMS))
    p.add_argument("--ps-index-type", default="", help="pandas-on-Spark's compute.default_index_type "
                   "(default: its own default, 'distributed-sequence')")
    p.add_argument("--ps-shim", action="store_true", help="run pandas-on-Spark under pandas 3 by putting back the "
                   "two pandas 2 names pyspark.pandas imports (unsupported by pyspark; answers are checked)")
    p.add_argument("--spark-remote", default="", help="a Spark Connect URL (default: the loopback cluster)")
    p.add_argument("--keep-cluster", action="store_true", help="do not stop a cluster this run started")
    args = p.parse_args(argv)
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown or "spark-sql" not in systems:
        p.error(f"systems must include spark-sql (the reference) and be among {', '.join(SYSTEMS)}")
    args.systems = systems
    args.warehouse = args.warehouse or str(args.data_dir / f"warehouse_spark_{args.pypi_rows}")
    return args


def run(args: argparse.Namespace) -> dict:
    """The whole run, printed as it goes; returns measure()'s results."""
    systems = args.systems
    # pyspark 4.3's toPandas under pandas 3 (astype(copy=False)): noise, not the benchmark's.
    warnings.filterwarnings("ignore", message="The copy keyword is deprecated", module=r"pyspark\.")
    import cormorant
    import cormorant.pandas as cpd
    from cormorant.datasets import PYPI_START

    print(f"cormorant {getattr(cormorant, '__version__', '?')} from {Path(cormorant.__file__).parent}")
    print(f"pandas {pd.__version__}, numpy {np.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    print(f"load average at start: {load():.2f} (a shared machine: other sessions build and test on "
          f"the same cores, so compare ratios within one run)")
    data = ensure_parquet(args.data_dir, args.rows, args.seed)
    pypi = pypi_table(args, cpd)
    last_day = PYPI_START + datetime.timedelta(days=args.days - 1)

    url, started = cluster_url(args)
    t0 = time.perf_counter()
    impls: dict = {}
    spark = None
    try:
        spark = connect(url)
        print(f"cluster: {url}; {cluster_settings(spark)}")
        impls["spark-sql"] = SparkSQL(spark, data, pypi)
        if "pandas-on-spark" in systems:
            try:
                impls["pandas-on-spark"] = PandasOnSpark(spark, data, pypi, args.ps_index_type, args.ps_shim)
            except Unavailable as e:
                impls["pandas-on-spark"] = str(e)
        for engine in ("spark", "duckdb"):
            if f"cormorant-{engine}" in systems:
                try:
                    impls[f"cormorant-{engine}"] = Cormorant(cpd, engine, url, data, args.warehouse)
                except Unavailable as e:
                    impls[f"cormorant-{engine}"] = str(e)
        for s, impl in impls.items():
            print(f"  {s:<17} {impl if isinstance(impl, str) else impl.note}")
        results = measure(impls, args, last_day)
        report(results, impls, args)
    finally:
        for impl in impls.values():
            if hasattr(impl, "close"):
                impl.close()
        if spark is not None:
            # (before the cluster stops: pyspark's exit hook would otherwise retry releasing
            # this session on the stopped server for ten minutes)
            spark.stop()
        if started and not args.keep_cluster:
            print(spark_script("stop").stdout.strip())
    print(f"\ntotal {time.perf_counter() - t0:.0f}s; load average at end: {load():.2f}")
    return results


def main(argv=None) -> int:
    run(parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
