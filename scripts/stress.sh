#!/usr/bin/env bash
# A longer soak of the warehouse fault and concurrency suite: the same tests as the normal run
# (tests/python/test_warehouse_concurrency.py) with more writers' batches, trials and killed
# writers. CORMORANT_STRESS scales them (default here 5; the normal run uses 1); ROUNDS repeats.
# SPARK=1 also runs the writers on the Spark engine beside DuckDB's
# (tests/spark/test_to_table_concurrency.py; its fixture uses the worktree's running cluster or
# starts one: bash scripts/spark.sh setup first).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export CORMORANT_STRESS="${CORMORANT_STRESS:-5}"
for round in $(seq "${ROUNDS:-3}"); do
  echo "stress: round $round (CORMORANT_STRESS=$CORMORANT_STRESS)"
  .venv/bin/python -m pytest tests/python/test_warehouse_concurrency.py -q -x
  if [ "${SPARK:-0}" = 1 ]; then
    .venv/bin/python -m pytest tests/spark/test_to_table_concurrency.py -q -x
  fi
done
