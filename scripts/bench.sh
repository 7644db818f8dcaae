#!/usr/bin/env bash
# Sets everything up, builds, and runs the benchmarks (benchmarks/README.md): bench_ordering.py,
# bench_groupby.py, bench_partial.py, bench_overhead.py, then TPC-H (benchmarks/tpch/bench_tpch.py,
# SF1, about 30 minutes on 2 cores). Arguments go to the first three, e.g.
# `bash scripts/bench.sh --rows 1000000`; TPCH_ARGS to TPC-H, e.g. TPCH_ARGS="--scale 10".
# The benchmarks' own packages (requirements/bench.txt, hash-checked) go into .venv on top of
# requirements/dev.txt, only when that lock has changed since it was last installed. build.sh
# installs cormorant into .venv, so no PYTHONPATH is needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
bash scripts/install_lock.sh requirements/bench.txt
bash scripts/build.sh
.venv/bin/python benchmarks/bench_ordering.py "$@"
.venv/bin/python benchmarks/bench_groupby.py "$@"
.venv/bin/python benchmarks/bench_partial.py "$@"
.venv/bin/python benchmarks/bench_overhead.py
.venv/bin/python benchmarks/tpch/bench_tpch.py ${TPCH_ARGS:-}
