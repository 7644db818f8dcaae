"""The seed's example: the last day's downloads of one project from a partitioned, clustered
PyPI ``file_downloads`` table, ``[["timestamp", "project", "file"]].peek()``, in strict and in
partial ordering mode, with what each query cost.

Usage: python examples/pypi_demo.py [ROWS] [DAYS]   (default 30,000,000 rows over 30 days)
The table is generated once into the default warehouse (pypi.file_downloads) and reused.
"""

from __future__ import annotations

import datetime
import sys
import warnings

import cormorant.pandas as cpd
from cormorant import exceptions
from cormorant.datasets import PYPI_START as START
from cormorant.datasets import PYPI_TABLE as TABLE
from cormorant.datasets import ensure_pypi_file_downloads

PROJECT = "pandas"


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
    info = ensure_pypi_file_downloads(rows=rows, days=days, log=lambda m: print(m, flush=True))
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
