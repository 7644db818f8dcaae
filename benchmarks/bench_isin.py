"""isin with long lists (issue 9, item 13): prints the time of Series.isin on a small frame
for lists of 1e3, 1e5 and 1e6 values, and on a 1M-row frame. Not a test; never fails on a
slow number. Run: PYTHONPATH=build/devpkg .venv/bin/python benchmarks/bench_isin.py
"""

import time

import numpy as np
import pandas as pd

import cormorant.pandas as cpd


def timed(label, fn):
    start = time.perf_counter()
    out = fn()
    print(f"{label:<44} {time.perf_counter() - start:8.3f} s")
    return out


def main():
    small = cpd.read_pandas(pd.DataFrame({"a": [1, 2, 3]}))
    big_pdf = pd.DataFrame({"a": np.arange(1_000_000)})
    big = cpd.read_pandas(big_pdf)
    for n in (1_000, 100_000, 1_000_000):
        values = list(range(0, 2 * n, 2))
        timed(f"3 rows, isin({n:,} ints)", lambda: small[small["a"].isin(values)].to_pandas())
        timed(f"1M rows, isin({n:,} ints)", lambda: len(big[big["a"].isin(values)]))
        strings = [f"v{i}" for i in range(n)]
        timed(f"3 rows, isin({n:,} strings)", lambda: small["a"].astype("string").isin(strings).to_pandas())
        timed(f"pandas: 1M rows, isin({n:,} ints)", lambda: int(big_pdf["a"].isin(values).sum()))


if __name__ == "__main__":
    main()
