"""Remote-function benchmark: the deploy time of a function without packages (bigframes takes
about 90 s on Cloud Run; the target is under 1 s), and rows per second of a remote ``x + 1``
over --rows values (default 10M) on loopback (target at least 200,000 rows/s on 2 cores),
with the same function as an in-process UDF and in 2 worker processes for comparison.

Starts the function service of a temporary warehouse, stops it at the end, and prints the
load average (other work on the machine slows every number). Not a test: it never fails on a
slow number.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

import numpy as np
import pandas as pd


def plus_one(x: int) -> int:
    return None if x is None else x + 1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--max-instances", type=int, default=2)
    args = ap.parse_args()

    import cormorant.pandas as cpd
    from cormorant import remote

    print(f"cormorant from {cpd.__file__}; load average {os.getloadavg()}; cpus {os.cpu_count()}")
    warehouse = tempfile.mkdtemp(prefix="bench_remote_")
    session = cpd.Session(warehouse)
    try:
        t = time.perf_counter()
        url, pid = remote.start_service(warehouse)
        start = time.perf_counter() - t
        deploys = []
        for i in range(5):
            t = time.perf_counter()
            session.remote_function(plus_one, dataset="bench", name=f"plus_one_{i}", max_instances=args.max_instances)
            deploys.append(time.perf_counter() - t)
        first_call = time.perf_counter()
        f = session.read_function("bench.plus_one_0")
        src = session.read_pandas(pd.DataFrame({"v": pd.Series(np.arange(args.rows), dtype="Int64")}))["v"]
        src.head(1).apply(f).to_pandas()
        first_call = time.perf_counter() - first_call
        print(f"service start {start:.3f} s (the first deploy of a warehouse includes it); deploy without packages: best {min(deploys):.3f} s, "
              f"worst {max(deploys):.3f} s (target < 1 s; bigframes ~90 s); first call {first_call:.3f} s")

        def best(fn):
            fn()
            times = []
            for _ in range(args.repeat):
                t0 = time.perf_counter()
                fn()
                times.append(time.perf_counter() - t0)
            return min(times)

        # transpile=False: the Python call, as the remote function makes it (x + 1 would run as SQL).
        udf = session.udf(plus_one, transpile=False, workers=0)
        workers = session.udf(plus_one, transpile=False, workers=2)
        results = {
            "remote": best(lambda: src.apply(f).to_pandas()),
            "udf (in process)": best(lambda: src.apply(udf).to_pandas()),
            "udf workers=2": best(lambda: src.apply(workers).to_pandas()),
        }
        print(f"\nx + 1 over {args.rows:,} rows, best of {args.repeat}")
        print("| path | seconds | rows/s |")
        print("|---|---|---|")
        for name, secs in results.items():
            print(f"| {name} | {secs:.2f} | {args.rows / secs:,.0f} |")
        print(f"\nremote target >= 200,000 rows/s; load average now {os.getloadavg()}")
    finally:
        session.close()
        remote.stop_service(warehouse)


if __name__ == "__main__":
    sys.exit(main())
