#!/usr/bin/env bash
# Runs a test command many times in a row and reports how many passed: a test that fails now and
# then is a bug to find. Default: the HTTP integration tests (SQLite and PostgreSQL), 20 times.
#
#   bench/flakes.sh                      # cargo test -p integration-tests, 20 runs
#   RUNS=5 WARMUP=0 bench/flakes.sh make e2e   # any command (WARMUP=0: no first run to build)
#
# Stops at the first failure and keeps its output in target/flakes/run-N.log.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-20}"
if [ "$#" -eq 0 ]; then set -- cargo test -p integration-tests; fi
mkdir -p target/flakes
if [ "${WARMUP:-1}" != 0 ]; then "$@" >/dev/null 2>&1 || true; fi   # build once, outside the count

passed=0
for i in $(seq "$RUNS"); do
  log="target/flakes/run-$i.log"
  start=$(date +%s)
  if "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
    echo "run $i: passed in $(( $(date +%s) - start )) s"
    rm -f "$log"
  else
    echo "run $i: FAILED after $(( $(date +%s) - start )) s — see $log"
    grep -E "^test .* FAILED|panicked at" "$log" | head -20 || true
    echo "$passed of $RUNS runs passed in a row before the failure: $*"
    exit 1
  fi
done
echo "$passed of $RUNS runs in a row passed: $*"
