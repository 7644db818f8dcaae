#!/usr/bin/env bash
# For development: builds the extension in build/pydev and assembles an importable package in
# build/devpkg (sources linked, not copied), so `PYTHONPATH=build/devpkg .venv/bin/python`
# runs the working tree without reinstalling.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -f build/pydev/build.ninja ]; then
  cmake -S . -B build/pydev -G Ninja -DCORMORANT_BUILD_PYTHON=ON -DCORMORANT_BUILD_TESTS=OFF \
    -DPython_EXECUTABLE="$PWD/.venv/bin/python" -Dnanobind_DIR="$(.venv/bin/python -m nanobind --cmake_dir)" >/dev/null
fi
ninja -C build/pydev _core >/dev/null
rm -rf build/devpkg && mkdir -p build/devpkg
ln -s "$PWD/python/cormorant" build/devpkg/cormorant_src
cp -r python/cormorant build/devpkg/cormorant
cp build/pydev/_core*.so .deps/duckdb/lib/libduckdb.so build/devpkg/cormorant/
