#!/usr/bin/env bash
# For development: builds the extension and assembles an importable package (sources copied
# from python/), so `PYTHONPATH=build/devpkg .venv/bin/python` runs the working tree without
# reinstalling. An optional NAME argument uses build/pydev-NAME and build/devpkg-NAME instead,
# so that several people can build side by side.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
suffix=${1:+-$1}
build=build/pydev$suffix
pkg=build/devpkg$suffix
if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCORMORANT_BUILD_PYTHON=ON -DCORMORANT_BUILD_TESTS=OFF \
    -DPython_EXECUTABLE="$PWD/.venv/bin/python" -Dnanobind_DIR="$(.venv/bin/python -m nanobind --cmake_dir)" >/dev/null
fi
ninja -C "$build" _core >/dev/null
rm -rf "$pkg" && mkdir -p "$pkg"
cp -r python/cormorant "$pkg/cormorant"
cp "$build"/_core*.so .deps/duckdb/lib/libduckdb.so "$pkg/cormorant/"
