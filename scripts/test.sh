#!/usr/bin/env bash
# Sets everything up, builds, and runs all tests: the C++ suite (ctest), the Python suite
# (pytest, pandas as the oracle), then the Spark suite on a loopback cluster (scripts/spark.sh:
# Java and pyspark installed if missing, the cluster started and stopped by process id).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
bash scripts/build.sh
(cd build/dev && ctest --output-on-failure -j2)
.venv/bin/python -m pytest tests/python
bash scripts/spark.sh test
