#!/usr/bin/env bash
# Builds the C++ core, its tests and demo (build/dev, Ninja + ccache) and installs the Python
# package into .venv (pip drives CMake through scikit-build-core; build/python is reused, so
# rebuilds are incremental). Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# ccache hits across clones and worktrees of the repository: paths are taken relative to it.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
# One compiler and one build type (pyproject's cmake.build-type) for both build trees: ccache keys
# on the compiler's name and the flags, so the package's build reuses build/dev's objects.
cxx="${CXX:-/usr/bin/c++}"
cmake -S . -B build/dev -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
ninja -C build/dev
# A cmake.define given here replaces pyproject's whole cmake.define table (scikit-build-core), so
# its two settings are repeated: without them the wheel held no extension module (_core).
.venv/bin/pip install --quiet --no-build-isolation --no-deps \
  --config-settings=cmake.define.CMAKE_CXX_COMPILER="$cxx" \
  --config-settings=cmake.define.CORMORANT_BUILD_PYTHON=ON \
  --config-settings=cmake.define.CORMORANT_BUILD_TESTS=OFF .
