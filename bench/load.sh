#!/usr/bin/env bash
# "No page hangs": 10,000 requests, 100 at a time, round-robin over the public pages, the
# calculator's results and the probes; every response timed (see bench/README.md).
# Server pinned to core 0 (default tokio workers), wrk pinned to core 1; loopback.
# Fails when any response took longer than 2 s, was not a 200 (a 408 included), or never came.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-3300}"
REQUESTS="${LOAD_REQUESTS:-10000}"
CONCURRENCY="${LOAD_CONCURRENCY:-100}"
TIMEOUT="${LOAD_TIMEOUT_SECONDS:-10}"        # a response this late is a timeout
MAX_SECONDS="${LOAD_MAX_SECONDS:-600}"       # the whole run ends after this, answered or not
ENCODING="${LOAD_ACCEPT_ENCODING-gzip, br}"  # what browsers send; empty: no compression
PG_URL="${LOAD_DATABASE_URL:-}"              # postgres://…/name: run on a fresh PostgreSQL database
SERVER=target/release/server
BASE="http://127.0.0.1:$PORT"

PATHS=(
  /
  /intake
  /scholingscalculator
  # A person's result.
  "/scholingscalculator?voor=ik&leeftijd=34&situatie=bijstand&opleiding=mbo2&gemeente=GM0166&sector=zorg&soort=mbo_bol&nlqf=3&kosten=2400&maanden=12"
  # An employer's result. "vmbo" is no answer the calculator knows: vmbo is "geen" (no
  # startkwalificatie, app/src/domain/schemes.rs); with "vmbo" the page is a 200 form with an error.
  "/scholingscalculator?voor=werkgever&leeftijd=19&situatie=werkend&opleiding=geen&gemeente=GM0193&sector=zorg&soort=mbo_bbl&nlqf=2&kosten=3000&maanden=12&medewerkers=30"
  "/scholingscalculator/aanmelden?regeling=leerwerkloket"
  /subsidies
  /vacatures
  /stages
  /monitor
  /toegankelijkheid
  /privacy
  /registreren
  /inloggen
  /wachtwoord-vergeten
  /api/regelingen
  /healthz
)

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x "$SERVER" ] || { echo "build first: make build" >&2; exit 1; }
# One wrk thread per connection (that is what lets bench/load.lua time every response).
[ "$CONCURRENCY" -le "$REQUESTS" ] || CONCURRENCY=$REQUESTS

work=$(mktemp -d)
server_pid=""
wrk_pid=""
pg_db=""
# psql on the server's maintenance database, without NOTICEs ("does not exist, skipping").
psql_admin() { PGOPTIONS="-c client_min_messages=warning" psql "${PG_URL%/*}/postgres" "$@"; }
cleanup() {
  set +e
  [ -n "$wrk_pid" ] && kill "$wrk_pid" 2>/dev/null
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [ -n "$pg_db" ] && psql_admin -qc "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

if [ -n "$PG_URL" ]; then
  # A fresh database of that name, dropped again at the end.
  pg_db="${PG_URL##*/}"; pg_db="${pg_db%%\?*}"
  psql_admin -qc "DROP DATABASE IF EXISTS \"$pg_db\" WITH (FORCE)" >/dev/null
  psql_admin -qc "CREATE DATABASE \"$pg_db\"" >/dev/null
  export DATABASE_URL="$PG_URL"
else
  export DATABASE_URL="sqlite://$work/load.db"
fi
export LEPTOS_SITE_ROOT=target/site RUST_LOG=error
"$SERVER" seed
LEPTOS_SITE_ADDR="127.0.0.1:$PORT" taskset -c 0 "$SERVER" serve >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 50); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.2; done
curl -fs "$BASE/readyz" >/dev/null || { echo "server not ready:" >&2; cat "$work/server.log" >&2; exit 1; }

# Each path once, on its own, so a wrong URL shows before the load. A calculator URL whose
# answers the calculator does not take comes back as the form with an error (still a 200): stop.
echo "each path once:"
invalid=0
for path in "${PATHS[@]}"; do
  rm -f "$work/page"
  curl -s -o "$work/page" -w "  %{http_code} %{time_total}s  $path\n" \
    --max-time "$TIMEOUT" "$BASE$path" || echo "  ---  (no answer)  $path"
  if [[ "$path" == *"?voor="* ]] && grep -qs 'class="error-summary"' "$work/page"; then
    echo "        ^ the calculator refused these answers (error summary on the page)"
    invalid=1
  fi
done
[ "$invalid" = 0 ] || { echo "fix the calculator URLs (fields: FIELDS in app/src/domain/calculator.rs)" >&2; exit 1; }

echo
echo "load: $REQUESTS requests, $CONCURRENCY at a time, over ${#PATHS[@]} paths; Accept-Encoding: ${ENCODING:-none}"
echo "database: ${DATABASE_URL%%\?*}; $(nproc) cores; server on core 0, wrk on core 1"
mkdir "$work/done"
LOAD_PATHS="$(printf '%s\n' "${PATHS[@]}")" LOAD_REQUESTS="$REQUESTS" LOAD_THREADS="$CONCURRENCY" \
LOAD_DONE_DIR="$work/done" LOAD_ACCEPT_ENCODING="$ENCODING" LOAD_TIMEOUT_SECONDS="$TIMEOUT" \
  taskset -c 1 wrk -t"$CONCURRENCY" -c"$CONCURRENCY" -d"${MAX_SECONDS}s" --timeout "${TIMEOUT}s" \
  --latency -s bench/load.lua "$BASE" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
# wrk sleeps for its whole -d duration; once every thread has done its share (or the server
# died), SIGINT ends it and it reports.
while kill -0 "$wrk_pid" 2>/dev/null; do
  if [ "$(find "$work/done" -type f | wc -l)" -ge "$CONCURRENCY" ] || ! kill -0 "$server_pid" 2>/dev/null; then
    kill -INT "$wrk_pid"
    break
  fi
  sleep 0.2
done
wait "$wrk_pid" || true
wrk_pid=""

# wrk's own summary (kept with LOAD_VERBOSE=1) comes from its latency histogram, which wrk 4.1
# adjusts with synthetic samples; the report of bench/load.lua has the measured figures.
if [ "${LOAD_VERBOSE:-0}" = 1 ]; then
  sed -n '/== load report ==/q;p' "$work/wrk.out"
fi
sed -n '/== load report ==/,$p' "$work/wrk.out"
grep -q '== load report ==' "$work/wrk.out" || { echo "wrk failed:" >&2; cat "$work/wrk.out" >&2; exit 1; }

if ! kill -0 "$server_pid" 2>/dev/null; then
  echo "the server is gone; its log:" >&2
  tail -n 20 "$work/server.log" >&2
  exit 1
fi
grep -q '^verdict: OK' "$work/wrk.out"
