#!/usr/bin/env bash
# Installs everything cormorant needs to build and test on Debian 12:
# apt packages, DuckDB's shared library + C header (from npm, hash-pinned, into .deps/duckdb),
# the penguins test data (from Debian's r-cran-palmerpenguins, into .deps/data) and the
# Python venv .venv (from the hash-checked lock requirements/dev.txt).
# Idempotent: a second run only checks and prints one line per step.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
mkdir -p .deps
LOG=$ROOT/.deps/setup.log
: >"$LOG"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo

say() { echo "setup: $*"; }
die() { echo "setup: ERROR: $*" >&2; exit 1; }
# Run a noisy command with its output in $LOG; show the log's tail if it fails.
quiet() {
  if ! "$@" >>"$LOG" 2>&1; then
    tail -n 30 "$LOG" >&2
    die "failed: $* (full log: $LOG)"
  fi
}
APT_UPDATED=0
apt_update_once() {
  [ "$APT_UPDATED" -eq 1 ] && return 0
  quiet $SUDO apt-get update -qq
  APT_UPDATED=1
}
installed() { dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'; }
sha512_integrity() {  # npm-style "sha512-<base64>" of a file
  python3 -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$1"
}

# --- a. apt packages -------------------------------------------------------
# ca-certificates: npm and pip need it for https (it is usually there already).
pkgs=(build-essential cmake ninja-build ccache libgtest-dev nlohmann-json3-dev libflatbuffers-dev libcpp-httplib-dev libcurl4-openssl-dev libssl-dev python3 python3-venv python3-dev git ca-certificates)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  apt_update_once
  quiet $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  say "apt: installed ${missing[*]}"
else
  say "apt: all packages present"
fi

# --- b. DuckDB library + header from npm (hash-pinned) ---------------------
LIB_SPEC=@duckdb/node-bindings-linux-x64@1.5.6-r.1
LIB_SHA=sha512-IXcrZJE6kEqM0Z4wwdVnGBHX/frOS33VPNAwDXQ/Q+Fs84b058Qe94chrCCIcNJlG8Y3UHIUU4eBeCQxW5mN1Q==
HDR_SPEC=duckdb@1.4.4
HDR_SHA=sha512-hEJJ5hyVF0VLj3dmOLpsWrQR0b3d4Ykqtygm6iUXjHJDDnSqg/USKxcb5qvNrOhFYPgktayU6dXCtgPqcmmpog==
DUCK=.deps/duckdb
STAMP="$LIB_SPEC $LIB_SHA
$HDR_SPEC $HDR_SHA"

# npm pack SPEC into $TMP, check its integrity, print the tarball's path.
npm_fetch() {
  local spec=$1 want=$2 name got
  name=$(cd "$TMP" && npm pack --silent "$spec" 2>>"$LOG" | tail -n 1) \
    || die "npm pack $spec failed (see $LOG)"
  [ -f "$TMP/$name" ] || die "npm pack $spec produced no tarball (see $LOG)"
  got=$(sha512_integrity "$TMP/$name")
  [ "$got" = "$want" ] || die "integrity mismatch for $spec:
  expected $want
  got      $got
  Refusing to unpack it."
  echo "$TMP/$name"
}

if [ -f $DUCK/lib/libduckdb.so ] && [ -f $DUCK/include/duckdb.h ] \
   && [ "$(cat $DUCK/VERSION 2>/dev/null)" = "$STAMP" ]; then
  say "duckdb: up to date ($LIB_SPEC, header $HDR_SPEC)"
else
  rm -rf "$DUCK" && mkdir -p "$TMP/lib" "$TMP/hdr"
  tgz=$(npm_fetch "$LIB_SPEC" "$LIB_SHA")
  tar -xzf "$tgz" -C "$TMP/lib" package/libduckdb.so
  tgz=$(npm_fetch "$HDR_SPEC" "$HDR_SHA")
  tar -xzf "$tgz" -C "$TMP/hdr" package/src/duckdb/src/include/duckdb.h
  install -D -m 0755 "$TMP/lib/package/libduckdb.so" "$DUCK/lib/libduckdb.so"
  install -D -m 0644 "$TMP/hdr/package/src/duckdb/src/include/duckdb.h" "$DUCK/include/duckdb.h"
  echo "$STAMP" >"$DUCK/VERSION"
  say "duckdb: installed into $DUCK ($LIB_SPEC, header $HDR_SPEC)"
fi

# --- c. Penguins data from Debian's r-cran-palmerpenguins ------------------
PENGUINS=.deps/data/penguins.csv
if [ -f $PENGUINS ]; then
  say "data: $PENGUINS present"
else
  mkdir -p "$TMP/deb" && chmod 755 "$TMP" "$TMP/deb"  # readable by apt's _apt user
  # Try with the current package lists first; refresh them once if that fails.
  if ! (cd "$TMP/deb" && apt-get download r-cran-palmerpenguins=0.1.1-1 >>"$LOG" 2>&1); then
    apt_update_once
    (cd "$TMP/deb" && quiet apt-get download r-cran-palmerpenguins=0.1.1-1)
  fi
  quiet dpkg-deb -x "$TMP"/deb/r-cran-palmerpenguins_*.deb "$TMP/deb/x"
  csv=$(find "$TMP/deb/x" -path '*/extdata/penguins.csv' | head -n 1)
  [ -n "$csv" ] || die "penguins.csv not found in r-cran-palmerpenguins"
  install -D -m 0644 "$csv" $PENGUINS
  say "data: wrote $PENGUINS"
fi

# --- d. Python venv --------------------------------------------------------
python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
  || die "python3 is $(python3 --version 2>&1); requirements/dev.txt is locked for CPython 3.11"
if ! .venv/bin/python -c '' 2>/dev/null; then
  rm -rf .venv
  quiet python3 -m venv .venv
  say "venv: created .venv ($(.venv/bin/python --version))"
fi
REQ_SHA=$(sha256sum requirements/dev.txt | cut -d' ' -f1)
if [ "$(cat .venv/.dev-requirements.sha256 2>/dev/null)" = "$REQ_SHA" ]; then
  say "venv: requirements/dev.txt already installed"
else
  quiet .venv/bin/pip install --disable-pip-version-check --require-hashes -r requirements/dev.txt
  echo "$REQ_SHA" >.venv/.dev-requirements.sha256
  say "venv: installed requirements/dev.txt"
fi
