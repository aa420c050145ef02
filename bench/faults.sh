#!/usr/bin/env bash
# Fault checks anyone can rerun against the release build (see bench/README.md):
#   bench/faults.sh crash       kill -9 during writes (SQLite): no acknowledged application lost
#   bench/faults.sh outage      PostgreSQL restarted, then down for 30 s: what visitors see, recovery
#   bench/faults.sh slowloris   1,100 connections sending their headers a byte at a time
#   bench/faults.sh [all]       the three in turn
# Each part prints its figures and exits non-zero when its invariant breaks.
set -euo pipefail
cd "$(dirname "$0")/.."

PART="${1:-all}"
PORT="${BENCH_PORT:-3310}"
SERVER=target/release/server
BASE="http://127.0.0.1:$PORT"
HELPER=bench/faults.py

CRASHES="${FAULT_CRASHES:-20}"                # crash: how many kill -9s
WRITERS="${FAULT_WRITERS:-8}"                 # crash: concurrent writers
OUTAGE_SECONDS="${FAULT_OUTAGE_SECONDS:-30}"  # outage: how long PostgreSQL stays down
RECOVERY_LIMIT="${FAULT_RECOVERY_LIMIT:-10}"  # outage: seconds allowed to answer well again
PG_ADMIN_URL="${FAULT_PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
PG_VERSION="${FAULT_PG_VERSION:-$(ls /etc/postgresql 2>/dev/null | head -n1)}"
PG_CLUSTER="${FAULT_PG_CLUSTER:-main}"       # the cluster listening at FAULT_PG_ADMIN_URL
PG_DB=hvw_faults
SLOW_CONNECTIONS="${FAULT_SLOW_CONNECTIONS:-1100}"

case "$PART" in
  all)
    # Each part in its own process: its own server, temp directory and clean-up.
    results=(); status=0
    for part in crash outage slowloris; do
      echo "=== $part ==="
      if "$0" "$part"; then results+=("$part: ok"); else results+=("$part: FAILED"); status=1; fi
      echo
    done
    printf '%s\n' "${results[@]}"
    exit "$status"
    ;;
  crash | outage | slowloris) ;;
  *)
    echo "usage: $0 [crash|outage|slowloris|all]" >&2
    exit 2
    ;;
esac

command -v curl >/dev/null || { echo "curl is needed" >&2; exit 1; }
[ -x "$SERVER" ] || { echo "build first: make build" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
helper_pid=""
pg_touched=""

# psql on the admin database, without NOTICEs (such as "database does not exist, skipping").
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "$PG_ADMIN_URL" "$@"; }

now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}'; }

pgctl() { pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" "$@"; }

cleanup() {
  set +e
  [ -n "$helper_pid" ] && kill "$helper_pid" 2>/dev/null
  [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  if [ -n "$pg_touched" ]; then
    # Whatever happened, PostgreSQL is running again when this script ends.
    if ! pgctl status >/dev/null 2>&1; then
      echo "clean-up: starting PostgreSQL again"
      pgctl start
    fi
    psql_admin -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Common server settings: errors only in the log, the built site, this port.
export LEPTOS_SITE_ROOT=target/site RUST_LOG=error LEPTOS_SITE_ADDR="127.0.0.1:$PORT"

start_server() {
  "$SERVER" serve >>"$work/server.log" 2>&1 &
  server_pid=$!
}

# Waits (at most 10 s) until /readyz answers 200; prints the seconds it took.
wait_ready() {
  local began; began=$(now)
  for _ in $(seq 100); do
    if curl -fs --max-time 1 "$BASE/readyz" >/dev/null; then seconds_since "$began"; return 0; fi
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "the server did not become ready; its log:" >&2
  tail -n 20 "$work/server.log" >&2
  return 1
}

# ---------------------------------------------------------------------------------------------
# crash: kill -9 while 8 writers post the aanmeldformulier (SQLite). Every application the
# server acknowledged with its 303 must be in the database afterwards, and the file intact.
crash() {
  # No e-mail outbox page; a form rate limit no test of 8 writers can reach.
  export DATABASE_URL="sqlite://$work/crash.db" HVW_DEV_OUTBOX=false HVW_FORM_RATE_PER_MINUTE=1000000
  "$SERVER" seed >>"$work/server.log" 2>&1
  : >"$work/acked"
  local i ready delay_ms
  for i in $(seq "$CRASHES"); do
    start_server
    ready=$(wait_ready)
    python3 "$HELPER" writers --port "$PORT" --threads "$WRITERS" --acked "$work/acked" \
      >"$work/writers.json" &
    helper_pid=$!
    # A random moment 1–3 s into the writes.
    delay_ms=$((1000 + RANDOM % 2001))
    sleep "$(awk -v ms="$delay_ms" 'BEGIN {printf "%.3f", ms / 1000}')"
    kill -9 "$server_pid"
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    # The writers stop by themselves once connections are refused.
    wait "$helper_pid"
    helper_pid=""
    printf 'crash %2d: ready after %s s, killed after %4d ms; writers: %s\n' \
      "$i" "$ready" "$delay_ms" "$(cat "$work/writers.json")"
  done
  # The server comes up after the last crash too.
  start_server
  ready=$(wait_ready)
  kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
  echo "restart after the last crash: ready after $ready s"
  echo
  if python3 "$HELPER" check-sqlite --db "$work/crash.db" --acked "$work/acked"; then
    echo "crash: OK (nothing acknowledged was lost, the database is intact)"
  else
    echo "crash: FAIL"
    return 1
  fi
}

# ---------------------------------------------------------------------------------------------
# outage: the server on PostgreSQL; probes every 100 ms while PostgreSQL restarts, and while it
# is down for 30 s. Reports what visitors saw and how long until good answers came back.
outage() {
  command -v pg_ctlcluster >/dev/null || { echo "outage needs pg_ctlcluster (Debian's postgresql-common)" >&2; return 1; }
  # Stopping PostgreSQL breaks every other session on it (a test run, someone's psql): refuse
  # unless nobody else is connected, or FAULT_PG_FORCE=1.
  local others
  others=$(psql_admin -Atc "SELECT count(*) FROM pg_stat_activity
    WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")
  if [ "$others" -gt 0 ] && [ "${FAULT_PG_FORCE:-0}" != 1 ]; then
    echo "outage: not run: $others other session(s) on PostgreSQL would be cut off" \
      "(FAULT_PG_FORCE=1 runs it anyway)" >&2
    psql_admin -Atc "SELECT datname, usename, application_name FROM pg_stat_activity
      WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" >&2
    return 1
  fi
  pg_touched=1
  psql_admin -qc "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null
  psql_admin -qc "CREATE DATABASE $PG_DB" >/dev/null
  export DATABASE_URL="${PG_ADMIN_URL%/*}/$PG_DB" HVW_DEV_OUTBOX=false HVW_FORM_RATE_PER_MINUTE=1000000
  "$SERVER" seed >>"$work/server.log" 2>&1
  start_server
  wait_ready >/dev/null

  event() { echo "$1 $(now)" >>"$work/events"; }
  python3 "$HELPER" poll --port "$PORT" --out "$work/poll.jsonl" --stop-file "$work/stop" &
  helper_pid=$!
  sleep 3                                    # a baseline: everything answers well

  echo "restarting PostgreSQL"
  event restart_begin; pgctl restart; event restart_end
  sleep $((RECOVERY_LIMIT + 2))

  echo "stopping PostgreSQL for $OUTAGE_SECONDS s"
  event stop_begin; pgctl stop; event stop_end
  sleep "$OUTAGE_SECONDS"
  echo "starting PostgreSQL"
  event start_begin; pgctl start; event start_end
  sleep $((RECOVERY_LIMIT + 2))
  event end

  touch "$work/stop"
  wait "$helper_pid"
  helper_pid=""
  python3 "$HELPER" analyze-outage --poll "$work/poll.jsonl" --events "$work/events" \
    --limit "$RECOVERY_LIMIT"
}

# ---------------------------------------------------------------------------------------------
# slowloris: 1,100 connections each trickling a never-ending header; a normal request must
# still be answered within 2 s; how many slow connections the server closes, after 15 and 40 s.
slowloris() {
  export DATABASE_URL="sqlite://$work/slow.db"
  "$SERVER" seed >>"$work/server.log" 2>&1
  start_server
  wait_ready >/dev/null
  python3 "$HELPER" slowloris --port "$PORT" --connections "$SLOW_CONNECTIONS" \
    --early-at 5 --check-at 15 --end-at 40 --limit 2
}

"$PART"
