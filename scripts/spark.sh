#!/usr/bin/env bash
# A loopback Apache Spark cluster for cormorant's Spark engine and its tests (issue 14): a
# standalone master, one worker and a Spark Connect server, all on 127.0.0.1, run from the Spark
# that ships inside the pyspark package (its jars and bin/) with small heaps.
#
#   bash scripts/spark.sh setup    Java (Debian's openjdk-17-jre-headless, if java is missing) and
#                                  requirements/spark.txt (hash-checked) into .venv; idempotent
#   bash scripts/spark.sh start    starts the cluster on free ports, waits until the Connect port
#                                  answers, prints the Connect URL; idempotent (a running cluster
#                                  is kept)
#   bash scripts/spark.sh stop     stops what start started, by process id
#   bash scripts/spark.sh status   prints each process and the URL; exit 0 only if all are up
#   bash scripts/spark.sh url      prints the Connect URL of the running cluster
#   bash scripts/spark.sh test [pytest args]
#                                  setup, then on one cluster (started if none runs, stopped at the
#                                  end if started here) the Spark suite (tests/spark) and the
#                                  Python suite's Spark subset (tests/spark/python_subset.txt, run
#                                  with CORMORANT_TEST_ENGINE=spark); what CI runs
#   bash scripts/spark.sh test-all [--fresh] [--sample N] [--until TIME] [FILE...]
#                                  the Spark suite, then the whole Python suite (tests/python) on
#                                  Spark instead of its subset, file by file: long (hours), so it
#                                  resumes: each file's outcome is a line of SUITE/results.txt
#                                  (FILE rc=.. commit=HASH[+dirty] tests=N SECONDSs, then pytest's
#                                  summary) and its failures are in SUITE/logs/FILE.log, where
#                                  SUITE is $CORMORANT_SPARK_SUITE_DIR (default
#                                  $CORMORANT_SPARK_DIR/suite), so results can outlive the
#                                  cluster's state; a later run skips the files that passed
#                                  (rc=0; --fresh forgets them; FILE... runs only those, in that
#                                  order). --sample N runs an even sample of at most N tests of
#                                  each file (discovery; not recorded as the files' passes, so
#                                  not skipped later). --until TIME (what date -d reads, e.g.
#                                  10:15) starts no file at or after TIME. A cluster that died is
#                                  started again before the next file.
#
# State (pid files, ports, logs, the worker's and driver's scratch) lives in $CORMORANT_SPARK_DIR,
# by default .spark/ in the worktree, so clusters of several worktrees do not meet. The Connect
# URL is written to $CORMORANT_SPARK_DIR/connect_url, which the tests read.
# User functions (UDF routines, remote functions) run on the executors in Spark's Python workers:
# their Python is the worktree's .venv (PYSPARK_PYTHON, spark.pyspark.python), which has
# cormorant, pyarrow and pandas.
# Sizes: master and worker 256 MiB heaps, the Connect server (Spark's driver) 3 GiB (small
# read_pandas frames are kept on the driver as local relations: 1 GiB ran out in the Spark suite;
# frames past options.session.spark_frame_bytes go as Parquet files instead), one executor of
# 1 GiB and 2 cores. Override with SPARK_DRIVER_MEMORY / SPARK_EXECUTOR_MEMORY. A Connect server
# out of memory exits (-XX:+ExitOnOutOfMemoryError): its sessions get EngineConnectionError at
# once rather than hanging on a server whose threads died.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
STATE=${CORMORANT_SPARK_DIR:-$ROOT/.spark}
PY=$ROOT/.venv/bin/python
HOST=127.0.0.1
COMPONENTS=(master worker connect)

say() { echo "spark: $*"; }
die() { echo "spark: ERROR: $*" >&2; exit 1; }

# --- setup -------------------------------------------------------------------------------------
setup() {
  if command -v java >/dev/null 2>&1; then
    say "java: $(java -version 2>&1 | head -n 1)"
  else
    local SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      openjdk-17-jre-headless >/dev/null
    say "java: installed openjdk-17-jre-headless"
  fi
  [ -x "$PY" ] || bash scripts/setup.sh
  # pyspark is a source archive: pip builds its wheel once (then pip's cache keeps it).
  bash scripts/install_lock.sh requirements/spark.txt
}

# --- helpers -----------------------------------------------------------------------------------
spark_home() {
  "$PY" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))' 2>/dev/null \
    || die "pyspark is not installed in .venv: run bash scripts/spark.sh setup"
}

# N free TCP ports on 127.0.0.1 (bound then released; distinct from each other).
free_ports() {
  "$PY" - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
EOF
}

port_answers() { "$PY" -c 'import socket, sys; socket.create_connection(("127.0.0.1", int(sys.argv[1])), 1).close()' "$1" 2>/dev/null; }

# The pid in STATE/NAME.pid if that process is alive and is the one this script started (its
# command line names this state folder), else nothing.
live_pid() {
  local f=$STATE/$1.pid pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$STATE"; then
    echo "$pid"
  fi
}

# Executors the worker started: java processes whose working folder is under STATE/work.
executor_pids() {
  local d pid cwd
  for d in /proc/[0-9]*; do
    pid=${d#/proc/}
    cwd=$(readlink "$d/cwd" 2>/dev/null) || continue
    case "$cwd" in "$STATE/work/"*) echo "$pid" ;; esac
  done
}

kill_pid() {  # TERM, up to 20 s, then KILL
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for i in $(seq 1 40); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -9 "$pid" 2>/dev/null || true
}

wait_port() {  # wait_port PORT COMPONENT SECONDS
  local port=$1 name=$2 secs=$3 i
  for i in $(seq 1 $((secs * 2))); do
    port_answers "$port" && return 0
    # (kill -0, not live_pid: until spark-class execs java, the command line is bash's)
    if ! kill -0 "$(cat "$STATE/$name.pid")" 2>/dev/null; then
      tail -n 30 "$STATE/logs/$name.log" >&2 || true
      die "the $name process exited while starting (log: $STATE/logs/$name.log)"
    fi
    sleep 0.5
  done
  tail -n 30 "$STATE/logs/$name.log" >&2 || true
  die "the $name did not answer on $HOST:$port within ${secs}s (log: $STATE/logs/$name.log)"
}

running() {  # all three processes alive and the Connect port answering
  local c
  for c in "${COMPONENTS[@]}"; do [ -n "$(live_pid "$c")" ] || return 1; done
  [ -f "$STATE/connect_port" ] && port_answers "$(cat "$STATE/connect_port")"
}

# --- start / stop / status ---------------------------------------------------------------------
start() {
  if running; then
    say "already running: $(cat "$STATE/connect_url")"
    return 0
  fi
  stop_quietly  # what is left of a cluster that half started or half died
  command -v java >/dev/null 2>&1 || die "java is missing: run bash scripts/spark.sh setup"
  local home
  home=$(spark_home)
  mkdir -p "$STATE/logs" "$STATE/work" "$STATE/tmp" "$STATE/conf"
  rm -f "$STATE/connect_url" "$STATE/connect_port"
  local master_port master_ui worker_ui connect_port
  read -r master_port master_ui worker_ui connect_port <<<"$(free_ports 4)"
  export SPARK_HOME=$home
  export SPARK_CONF_DIR=$STATE/conf  # no spark-defaults.conf or log4j2 file from elsewhere
  export SPARK_LOCAL_IP=$HOST SPARK_LOCAL_HOSTNAME=localhost
  export SPARK_DAEMON_MEMORY=256m SPARK_WORKER_DIR=$STATE/work SPARK_LOCAL_DIRS=$STATE/tmp
  export PYSPARK_PYTHON=$PY JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
  # Each java runs in its own process group (setsid), so stopping it never reaches this shell.
  # -Dcormorant.spark.state names the state folder on each command line (live_pid checks it).
  export SPARK_DAEMON_JAVA_OPTS="-Dcormorant.spark.state=$STATE"

  setsid nohup "$home/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host "$HOST" --port "$master_port" --webui-port "$master_ui" \
    >"$STATE/logs/master.log" 2>&1 </dev/null &
  echo $! >"$STATE/master.pid"
  wait_port "$master_port" master 60

  setsid nohup "$home/bin/spark-class" org.apache.spark.deploy.worker.Worker \
    --host "$HOST" --webui-port "$worker_ui" --cores 2 --memory 2g --work-dir "$STATE/work" \
    "spark://$HOST:$master_port" >"$STATE/logs/worker.log" 2>&1 </dev/null &
  echo $! >"$STATE/worker.pid"

  # (without SPARK_DAEMON_MEMORY: Spark gives it to the Connect server as a daemon, over
  # --driver-memory)
  setsid nohup env -u SPARK_DAEMON_MEMORY "$home/bin/spark-submit" \
    --master "spark://$HOST:$master_port" \
    --class org.apache.spark.sql.connect.service.SparkConnectServer \
    --name cormorant-spark-connect \
    --driver-memory "${SPARK_DRIVER_MEMORY:-3g}" \
    --driver-java-options "-Dcormorant.spark.state=$STATE -Dderby.system.home=$STATE/tmp -XX:+ExitOnOutOfMemoryError" \
    --conf spark.executor.memory="${SPARK_EXECUTOR_MEMORY:-1g}" \
    --conf spark.executor.cores=2 --conf spark.cores.max=2 \
    --conf spark.driver.host="$HOST" --conf spark.driver.bindAddress="$HOST" \
    --conf spark.connect.grpc.binding.address="$HOST" \
    --conf spark.connect.grpc.binding.port="$connect_port" \
    --conf spark.ui.enabled=false \
    --conf spark.sql.shuffle.partitions=4 \
    --conf spark.pyspark.python="$PY" \
    --conf spark.local.dir="$STATE/tmp" \
    --conf spark.sql.warehouse.dir="$STATE/spark-warehouse" \
    spark-internal >"$STATE/logs/connect.log" 2>&1 </dev/null &
  echo $! >"$STATE/connect.pid"
  wait_port "$connect_port" connect 180

  echo "$connect_port" >"$STATE/connect_port"
  echo "sc://$HOST:$connect_port" >"$STATE/connect_url"
  printf 'master=%s master_ui=%s worker_ui=%s connect=%s\n' \
    "$master_port" "$master_ui" "$worker_ui" "$connect_port" >"$STATE/ports"
  say "started: sc://$HOST:$connect_port (state and logs: $STATE)"
}

stop_quietly() {
  local c pid executors
  executors=$( [ -d "$STATE/work" ] && executor_pids || true)
  for c in connect worker master; do
    pid=$(live_pid "$c")
    [ -n "$pid" ] && kill_pid "$pid"
    rm -f "$STATE/$c.pid"
  done
  for pid in $executors; do kill_pid "$pid"; done
  rm -f "$STATE/connect_url" "$STATE/connect_port"
}

stop() {
  if [ ! -d "$STATE" ]; then
    say "not running"
    return 0
  fi
  stop_quietly
  say "stopped"
}

status() {
  local c pid up=0
  for c in "${COMPONENTS[@]}"; do
    pid=$(live_pid "$c")
    if [ -n "$pid" ]; then echo "$c: running (pid $pid)"; else echo "$c: not running"; up=1; fi
  done
  if [ "$up" -eq 0 ] && running; then
    echo "connect url: $(cat "$STATE/connect_url")"
    return 0
  fi
  return 1
}

# --- the whole suite, file by file (resumable) --------------------------------------------------
# The commit under test: HEAD's short hash, "+dirty" if the worktree has changes.
tree_commit() {
  local c
  c=$(git rev-parse --short HEAD 2>/dev/null) || { echo unknown; return; }
  [ -z "$(git status --porcelain 2>/dev/null | head -n 1)" ] || c+="+dirty"
  echo "$c"
}

# run_file NAME LOG PYTEST-ARGS...: one pytest run on the cluster; appends NAME's line to results
# (its rc, the commit, the number of tests pytest ran, seconds, pytest's summary line). A cluster
# that died during the run is started again; its logs (which start truncates) are kept first, in
# LOG's folder as NAME.cluster/, for the cause.
run_file() {
  local name=$1 log=$2 t0 rc=0 secs n summary
  shift 2
  t0=$(date +%s)
  CORMORANT_TEST_ENGINE=spark CORMORANT_SPARK_REMOTE=$(cat "$STATE/connect_url") \
    "$PY" -m pytest "$@" -p no:cacheprovider -p no:warnings -rfE --tb=short >"$log" 2>&1 || rc=$?
  secs=$(( $(date +%s) - t0 ))
  # (pyproject's -q: no "collected" line; the summary's counts, e.g. "3 failed, 40 passed in 9s",
  # is the last line with " in N.NNs", not always the log's last line: pyspark may warn at exit)
  summary=$(grep -E ' in [0-9.]+s' "$log" | tail -n 1)
  [ -n "$summary" ] || summary=$(tail -n 1 "$log")
  n=$(echo "$summary" | grep -oE '[0-9]+ (passed|failed|skipped|xfailed|xpassed|errors?)\b' \
      | awk '{ s += $1 } END { print s + 0 }')
  echo "$name rc=$rc commit=$(tree_commit) tests=$n ${secs}s $summary" >>"$SUITE/results.txt"
  say "$name rc=$rc tests=$n ${secs}s $summary"
  if ! running; then
    say "the cluster is down after $name: its logs are in $(dirname "$log")/$name.cluster; starting it again"
    rm -rf "$(dirname "$log")/$name.cluster"
    cp -r "$STATE/logs" "$(dirname "$log")/$name.cluster" 2>/dev/null || true
    stop_quietly
    start
  fi
  return "$rc"
}

# Whether TIME (date -d) has come; false without one.
past() { [ -n "$1" ] && [ "$(date +%s)" -ge "$(date -d "$1" +%s)" ]; }

test_all() {
  local fresh=0 sample=0 until="" named files=() f ids picked rc=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --fresh) fresh=1 ;;
      --sample) sample=$2; shift ;;
      --until) until=$2; shift; date -d "$until" >/dev/null || die "--until: not a time: $until" ;;
      *) files+=("$(basename "$1")") ;;
    esac
    shift
  done
  SUITE=${CORMORANT_SPARK_SUITE_DIR:-$STATE/suite}
  [ "$fresh" -eq 0 ] || rm -rf "$SUITE"
  mkdir -p "$SUITE/logs"
  touch "$SUITE/results.txt"
  setup
  running || start
  passed() { awk -v f="$1" '$1 == f && $2 == "rc=0" { ok = 1 } END { exit !ok }' "$SUITE/results.txt"; }
  if [ ${#files[@]} -eq 0 ]; then
    mapfile -t files < <(cd tests/python && ls test_*.py)
    named=0
  else
    named=1
  fi
  if [ "$sample" -eq 0 ] && [ "$named" -eq 0 ] && ! passed tests/spark && ! past "$until"; then
    run_file tests/spark "$SUITE/logs/tests_spark.log" tests/spark || rc=1
  fi
  if [ "$sample" -eq 0 ]; then
    for f in "${files[@]}"; do
      passed "$f" && continue
      if past "$until"; then say "it is $(date -u +%H:%M) UTC, past --until $until: stopping before $f"; rc=1; break; fi
      run_file "$f" "$SUITE/logs/$f.log" "tests/python/$f" || rc=1
    done
  else
    # every k-th test of each file (one collection for all files, one pytest run a file)
    mapfile -t ids < <(CORMORANT_TEST_ENGINE=spark "$PY" -m pytest "${files[@]/#/tests/python/}" \
      --collect-only -p no:cacheprovider 2>/dev/null | grep '::' | awk -F'::' -v n="$sample" '
        { file[NR] = $1; id[NR] = $0; count[$1]++ }
        END { for (i = 1; i <= NR; i++) { k = int((count[file[i]] + n - 1) / n); seen[file[i]]++
              if ((seen[file[i]] - 1) % k == 0) print id[i] } }')
    for f in "${files[@]}"; do
      mapfile -t picked < <(printf '%s\n' "${ids[@]}" | grep -F "tests/python/$f::" || true)
      [ ${#picked[@]} -gt 0 ] || continue
      if past "$until"; then say "it is $(date -u +%H:%M) UTC, past --until $until: stopping before $f"; rc=1; break; fi
      run_file "$f[sample ${#picked[@]}]" "$SUITE/logs/$f.sample.log" "${picked[@]}" || rc=1
    done
  fi
  say "results: $SUITE/results.txt ($(grep -c ' rc=0 ' "$SUITE/results.txt") passed lines of $(wc -l <"$SUITE/results.txt"))"
  return "$rc"
}

case "${1:-}" in
  setup) setup ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  url) running || die "no cluster is running: bash scripts/spark.sh start"; cat "$STATE/connect_url" ;;
  test-all) shift; test_all "$@" ;;
  test)
    shift
    setup
    started=0
    running || { start; started=1; }
    mapfile -t python_tests < <(grep -v '^\s*\(#\|$\)' tests/spark/python_subset.txt)
    rc=0
    "$PY" -m pytest tests/spark -p no:cacheprovider "$@" || rc=$?
    say "the Python suite on Spark: ${python_tests[*]:0:3}... (${#python_tests[@]} entries)"
    CORMORANT_TEST_ENGINE=spark CORMORANT_SPARK_REMOTE=$(cat "$STATE/connect_url") \
      "$PY" -m pytest "${python_tests[@]}" -p no:cacheprovider "$@" || rc=$?
    [ "$started" -eq 0 ] || stop
    exit "$rc"
    ;;
  *) die "usage: bash scripts/spark.sh setup|start|stop|status|url|test [pytest args]|test-all [--fresh] [--sample N] [--until TIME] [FILE...]" ;;
esac
