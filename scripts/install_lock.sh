#!/usr/bin/env bash
# Installs a hash-checked lock (requirements/NAME.txt) into .venv on top of requirements/dev.txt,
# only when the lock has changed since it was last installed (.venv/.NAME-requirements.sha256).
# Used by scripts/bench.sh (bench.txt) and scripts/spark.sh (spark.txt).
#   bash scripts/install_lock.sh requirements/NAME.txt
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
LOCK=$1
NAME=$(basename "$LOCK" .txt)
STAMP=.venv/.$NAME-requirements.sha256
WANT=$(sha256sum "$LOCK" | cut -d' ' -f1)
if [ "$(cat "$STAMP" 2>/dev/null)" = "$WANT" ]; then
  echo "$NAME: $LOCK already installed"
else
  .venv/bin/pip install --quiet --disable-pip-version-check --require-hashes -r "$LOCK"
  echo "$WANT" >"$STAMP"
  echo "$NAME: installed $LOCK"
fi
