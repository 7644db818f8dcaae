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
REQ_SHA=$(sha256sum requirements/bench.txt | cut -d' ' -f1)
if [ "$(cat .venv/.bench-requirements.sha256 2>/dev/null)" = "$REQ_SHA" ]; then
  echo "bench: requirements/bench.txt already installed"
else
  .venv/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/bench.txt
  echo "$REQ_SHA" >.venv/.bench-requirements.sha256
  echo "bench: installed requirements/bench.txt"
fi
bash scripts/build.sh
.venv/bin/python benchmarks/bench_ordering.py "$@"
.venv/bin/python benchmarks/bench_groupby.py "$@"
.venv/bin/python benchmarks/bench_partial.py "$@"
.venv/bin/python benchmarks/bench_overhead.py
.venv/bin/python benchmarks/tpch/bench_tpch.py ${TPCH_ARGS:-}
