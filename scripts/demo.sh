#!/usr/bin/env bash
# Sets everything up, builds, and runs the demo on the embedded default warehouse: the Palmer
# penguins from Python (examples/demo.py) and from C++ (examples/demo.cpp), then the seed's
# PyPI query in strict and partial ordering mode (examples/pypi_demo.py; it generates the
# 30M-row pypi.file_downloads table into the warehouse the first time, about 2-3 minutes).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
bash scripts/build.sh >/dev/null
.venv/bin/python examples/demo.py .deps/data/penguins.csv
echo
echo "== the same from C++ =="
build/dev/cormorant_demo .deps/data/penguins.csv
echo
echo "== partial ordering mode on a partitioned, clustered table =="
.venv/bin/python examples/pypi_demo.py
