#!/usr/bin/env bash
# Sets everything up, builds, and runs the demo on the embedded default warehouse over the
# Palmer penguins: from Python (examples/demo.py), then from C++ (examples/demo.cpp).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
bash scripts/build.sh >/dev/null
.venv/bin/python examples/demo.py .deps/data/penguins.csv
echo
echo "== the same from C++ =="
build/dev/cormorant_demo .deps/data/penguins.csv
