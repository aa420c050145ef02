#!/usr/bin/env bash
# The stages board under load: reads alone, then reads while young people's responses are
# posted; every acknowledged response is looked up afterwards (see bench/README.md).
# Server pinned to core 0 (default tokio workers), the Python clients on core 1; loopback.
# STAGES_DATABASE_URL=postgres://…/name runs it on a fresh PostgreSQL database.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-3400}"
SECONDS_PER_PHASE="${STAGES_SECONDS:-20}"
READERS="${STAGES_READERS:-8}"
WRITERS="${STAGES_WRITERS:-4}"
PLEDGERS="${STAGES_PLEDGERS:-2}"
PG_URL="${STAGES_DATABASE_URL:-}"
SERVER=target/release/server
[ -x "$SERVER" ] || { echo "build first: make build" >&2; exit 1; }

work=$(mktemp -d)
server_pid=""
pg_db=""
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "${PG_URL%/*}/postgres" "$@"; }
cleanup() {
  set +e
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$pg_db" ] && psql_admin -qc "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "$PG_URL" ]; then
  pg_db="${PG_URL##*/}"
  psql_admin -qc "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null
  psql_admin -qc "CREATE DATABASE \"$pg_db\"" >/dev/null
  export DATABASE_URL="$PG_URL"
else
  export DATABASE_URL="sqlite://$work/stages.db"
fi
# The writers all come from 127.0.0.1: the per-IP form limit would measure itself. The employer
# who pledges signs up through the development outbox.
export LEPTOS_SITE_ROOT=target/site RUST_LOG=error HVW_FORM_RATE_PER_MINUTE=100000 \
  HVW_LOGIN_RATE_PER_MINUTE=1000 HVW_DEV_OUTBOX=true
"$SERVER" seed >/dev/null
LEPTOS_SITE_ADDR="127.0.0.1:$PORT" taskset -c 0 "$SERVER" serve &
server_pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done

if [ -n "$PG_URL" ]; then backend=PostgreSQL; else backend=SQLite; fi
echo "machine: $(nproc) cores; database: $backend"
taskset -c 1 python3 bench/stages_load.py --port "$PORT" --seconds "$SECONDS_PER_PHASE" \
  --readers "$READERS" --writers "$WRITERS" --pledgers "$PLEDGERS"
