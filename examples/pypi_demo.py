"""The seed's example: the last day's downloads of one project from a partitioned, clustered
PyPI ``file_downloads`` table, ``[["timestamp", "project", "file"]].peek()``, in strict and in
partial ordering mode, with what each query cost.

Usage: python examples/pypi_demo.py [ROWS] [DAYS]   (default 30,000,000 rows over 30 days)
The table is generated once into the default warehouse (pypi.file_downloads) and reused.
"""

from __future__ import annotations

import datetime
import sys
import time
import warnings

import cormorant.pandas as cpd
from cormorant import exceptions
from cormorant.datasets import make_pypi_file_downloads

TABLE = "pypi.file_downloads"
START = datetime.date(2026, 10, 1)
PROJECT = "pandas"


def ensure_table(rows: int, days: int) -> dict:
    session = cpd.get_global_session()
    if TABLE.split(".")[0] in session.list_datasets() and "file_downloads" in session.list_tables("pypi"):
        info = session.describe_table(TABLE)
        if info["rows"] == rows and info["files"] == days:
            return info
    print(f"generating {TABLE}: {rows:,} rows over {days} days (once) ...", flush=True)
    start = time.perf_counter()
    info = make_pypi_file_downloads(TABLE, rows=rows, days=days, start=START)
    print(f"  written in {time.perf_counter() - start:.1f} s", flush=True)
    return info


def seed_query(mode: str, last_day: datetime.date):
    """Runs the query in a session of the given ordering mode; returns the rows and its stats."""
    session = cpd.Session(ordering_mode=mode)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", exceptions.DefaultIndexWarning)
            df = session.read_table(TABLE)
        for w in caught:
            print(f"  [{mode}] DefaultIndexWarning: {str(w.message)[:110]}...")
        downloads = df[(df["project"] == PROJECT) & (df["timestamp"] >= last_day.isoformat())]
        rows = downloads[["timestamp", "project", "file"]].peek()
        return rows, session.last_query
    finally:
        session.close()


def main(rows: int, days: int) -> None:
    info = ensure_table(rows, days)
    print(f"\n{TABLE}: {info['rows']:,} rows, {info['bytes'] / 1e6:.1f} MB in {info['files']} files / "
          f"{info['row_groups']} row groups; partitioned by {info['partitioning']}, clustered by "
          f"{', '.join(info['clustering'])}\n")
    last_day = START + datetime.timedelta(days=days - 1)
    print(f'df[(df["project"] == "{PROJECT}") & (df["timestamp"] >= "{last_day}")]'
          '[["timestamp", "project", "file"]].peek()\n')
    stats = {}
    for mode in ("strict", "partial"):
        result, job = seed_query(mode, last_day)
        stats[mode] = job
        print(f"-- ordering_mode = {mode!r}")
        print(result.to_string())
        print(f"  bytes processed {job.bytes_processed:,}; files scanned {job.files_scanned} of {job.files_total}; "
              f"row groups scanned {job.row_groups_scanned} of {job.row_groups_total}; "
              f"{job.elapsed_seconds * 1000:.1f} ms\n")
    strict, partial = stats["strict"], stats["partial"]
    print(f"strict / partial bytes processed: {strict.bytes_processed / max(partial.bytes_processed, 1):.2f}x; "
          f"whole table / partial: {info['bytes'] / max(partial.bytes_processed, 1):,.0f}x")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30_000_000, int(sys.argv[2]) if len(sys.argv) > 2 else 30)
