#!/usr/bin/env python3
"""Benchmark: the cost of ``import cormorant.pandas`` against ``import duckdb`` (issue 12).

Each import runs in a fresh interpreter, alternating between the two, `--repeat` times; the
table prints the median wall time of the import and the resident memory after it (VmRSS, the
interpreter's own baseline included for both), their ratios against the 1.5x target, and which
of pandas, numpy and pyarrow the import loaded. A benchmark, not a test: it prints numbers.

    .venv/bin/python benchmarks/bench_import.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys

_PROBE = """
import json, sys, time
t = time.perf_counter()
import {module}
elapsed = time.perf_counter() - t
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS"))
print(json.dumps({{"seconds": elapsed, "rss_kb": rss,
                  "loaded": [m for m in ("pandas", "numpy", "pyarrow") if m in sys.modules]}}))
"""


def probe(module: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _PROBE.format(module=module)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    modules = ["cormorant.pandas", "duckdb"]
    runs = {m: [] for m in modules}
    for _ in range(args.repeat):
        for m in modules:
            runs[m].append(probe(m))
    rows = {}
    for m in modules:
        rows[m] = (statistics.median(r["seconds"] for r in runs[m]), statistics.median(r["rss_kb"] for r in runs[m]) / 1024,
                   runs[m][-1]["loaded"])
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}   repeat: {args.repeat}   python: {sys.version.split()[0]}")
    print(f"{'import':<18} {'time (s)':>9} {'RSS (MB)':>9}  loaded")
    for m, (t, rss, loaded) in rows.items():
        print(f"{m:<18} {t:>9.3f} {rss:>9.1f}  {', '.join(loaded) or '-'}")
    (ct, crss, _), (dt, drss, _) = rows["cormorant.pandas"], rows["duckdb"]
    print(f"{'ratio':<18} {ct / dt:>8.2f}x {crss / drss:>8.2f}x  (target: both within 1.5x)")


if __name__ == "__main__":
    main()
