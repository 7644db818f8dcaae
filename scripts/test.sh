#!/usr/bin/env bash
# Sets everything up, builds, and runs all tests: the C++ suite (ctest), then the Python
# suite (pytest, pandas as the oracle).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
bash scripts/build.sh
(cd build/dev && ctest --output-on-failure -j2)
.venv/bin/python -m pytest tests/python
