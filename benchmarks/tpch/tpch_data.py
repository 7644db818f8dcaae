"""TPC-H data and answers shared by the benchmark (bench_tpch.py) and its correctness test
(tests/python/test_tpch.py): generating the Parquet files with tpchgen-cli, the SQL oracle on
DuckDB, and comparing results."""

import datetime
import math
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from sql_queries import TABLES, sql  # noqa: E402


def tpchgen_cli() -> str:
    """The tpchgen-cli program of requirements/bench.txt (next to this Python, else on PATH)."""
    here = os.path.join(os.path.dirname(sys.executable), "tpchgen-cli")
    found = here if os.path.exists(here) else shutil.which("tpchgen-cli")
    if not found:
        raise RuntimeError("tpchgen-cli is not installed: pip install --require-hashes -r requirements/bench.txt "
                           "(scripts/bench.sh does it)")
    return found


def generate(scale: float, data_dir: str, threads: int | None = None) -> str:
    """The folder holding the eight tables at `scale` as Parquet files (`<table>.parquet`),
    generated with tpchgen-cli the first time (later calls reuse them)."""
    out = os.path.join(data_dir, f"tpch_sf{scale:g}")
    stamp = os.path.join(out, "COMPLETE")
    if os.path.exists(stamp):
        return out
    os.makedirs(out, exist_ok=True)
    cmd = [tpchgen_cli(), "parquet", "-s", f"{scale:g}", "-o", out, "--overwrite", "--quiet"]
    if threads:
        cmd += ["-n", str(threads)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True)
    missing = [t for t in TABLES if not os.path.exists(os.path.join(out, f"{t}.parquet"))]
    if missing:
        raise RuntimeError(f"tpchgen-cli wrote no {', '.join(missing)} in {out}")
    with open(stamp, "w") as f:
        f.write(f"tpchgen-cli parquet -s {scale:g}: {time.perf_counter() - start:.1f} s\n")
    return out


def path(folder: str, table: str) -> str:
    return os.path.join(folder, f"{table}.parquet")


def create_views(execute, folder: str) -> None:
    """Views named after the tables over their Parquet files, made with `execute` (a duckdb
    connection's execute, or a cormorant Session's execute_sql)."""
    for t in TABLES:
        execute(f"CREATE OR REPLACE VIEW {t} AS SELECT * FROM read_parquet('{path(folder, t)}')")


def _missing(v) -> bool:
    return v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v))


def normalize(result) -> pd.DataFrame:
    """A result as a plain pandas frame to compare: a number becomes a 1x1 frame; numbers are
    float64, dates 'YYYY-MM-DD' strings, everything else Python strings; a default index."""
    if not isinstance(result, pd.DataFrame):
        if hasattr(result, "to_pandas"):  # Polars
            result = result.to_pandas()
        else:
            result = pd.DataFrame({"value": [result]})
    out = {}
    for i, name in enumerate(result.columns):
        col = result.iloc[:, i]
        values = list(col)
        sample = next((v for v in values if not _missing(v)), None)
        if sample is not None and isinstance(sample, (datetime.date, datetime.datetime, pd.Timestamp, np.datetime64)):
            out[name] = pd.Series([pd.Timestamp(v).strftime("%Y-%m-%d") for v in values], dtype=object)
        elif sample is None or isinstance(sample, (int, float, np.integer, np.floating)) or hasattr(sample, "as_tuple"):
            out[name] = pd.Series([math.nan if _missing(v) else float(v) for v in values], dtype="float64")
        else:
            out[name] = pd.Series([str(v) for v in values], dtype=object)
    return pd.DataFrame(out)


def compare(got, want, rtol: float = 1e-6) -> str | None:
    """None when `got` equals the SQL answer `want` (same rows in the same order, same values,
    numbers to `rtol`); otherwise what differs. Column names are not compared (SQL and pandas
    name a computed value differently), their number and order are. Rows that tie on every
    column the two agree on may come in another order: an ORDER BY leaves ties in any order
    (pandas' stable sort keeps them in the order they had)."""
    g, w = normalize(got), normalize(want)
    if w.shape == (1, 1) and math.isnan(w.iloc[0, 0]) and g.shape == (1, 1) and g.iloc[0, 0] == 0:
        return None  # a sum of no rows: NULL in SQL, 0 in pandas
    if g.shape != w.shape:
        return f"shape {g.shape} != {w.shape}"
    for i in range(w.shape[1]):
        if w.dtypes.iloc[i] == "float64" and g.dtypes.iloc[i] != "float64":
            return f"column {i} ({w.columns[i]}): not numbers: {list(g.iloc[:3, i])}"
    bad = _differing(g, w, rtol)
    if not any(b.any() for b in bad):
        return None
    if _ties_reordered(g, w, bad, rtol):
        return None
    i = next(i for i, b in enumerate(bad) if b.any())
    a, b, r = g.iloc[:, i], w.iloc[:, i], int(np.argmax(bad[i]))
    return f"column {i} ({w.columns[i]}), row {r}: {a.iloc[r]!r} != {b.iloc[r]!r} ({int(bad[i].sum())} rows differ)"


def _differing(g, w, rtol):
    """Per column, a boolean array of the rows where `g` and `w` differ."""
    out = []
    for i in range(w.shape[1]):
        a, b = g.iloc[:, i], w.iloc[:, i]
        if b.dtype == "float64":
            out.append(~np.isclose(a.to_numpy(), b.to_numpy(), rtol=rtol, atol=1e-9))
        else:
            out.append((a.astype(str) != b.astype(str)).to_numpy())
    return out


def _ties_reordered(g, w, bad, rtol) -> bool:
    """Whether the rows differ only in the order of ties: runs of consecutive rows equal on
    the columns where no row differs hold the same rows in both."""
    keys = [i for i, b in enumerate(bad) if not b.any()]
    if not keys:
        return False
    tied = w.iloc[:, keys].astype(str).agg("|".join, axis=1)
    run = (tied != tied.shift()).cumsum()
    rows = np.flatnonzero(np.logical_or.reduce(bad))
    for r in np.unique(run.to_numpy()[rows]):
        part = (run == r).to_numpy()
        a = g[part].sort_values(list(g.columns), kind="stable").reset_index(drop=True)
        b = w[part].sort_values(list(w.columns), kind="stable").reset_index(drop=True)
        if any(x.any() for x in _differing(a, b, rtol)):
            return False
    return True
