#!/usr/bin/env bash
# Throughput of the server-rendered home page against a static file of the same size served by
# the same server, measured side by side in one run (see bench/README.md).
# Server pinned to core 0 with one tokio worker; wrk pinned to core 1; loopback; no compression.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-3200}"
DURATION="${BENCH_DURATION:-20}"
RUNS="${BENCH_RUNS:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
SERVER=target/release/server
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ -x "$SERVER" ] || { echo "build first: make build" >&2; exit 1; }

work=$(mktemp -d)
export DATABASE_URL="sqlite://$work/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=error
"$SERVER" seed
TOKIO_WORKER_THREADS=1 LEPTOS_SITE_ADDR="127.0.0.1:$PORT" taskset -c 0 "$SERVER" serve &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; rm -rf "$work" target/site/bench-static.html' EXIT
for _ in $(seq 50); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.2; done

# The reference: the home page's own bytes, as a static file of the same server.
curl -fs "$BASE/" -o target/site/bench-static.html
size=$(stat -c %s target/site/bench-static.html)

rps() { taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" "$1" | awk '/^Requests\/sec/ {print $2}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

ssr=(); static=()
for i in $(seq "$RUNS"); do
  ssr+=("$(rps "$BASE/")")
  static+=("$(rps "$BASE/bench-static.html")")
  echo "run $i: ssr ${ssr[-1]} req/s, static ${static[-1]} req/s"
done
ssr_median=$(printf '%s\n' "${ssr[@]}" | median)
static_median=$(printf '%s\n' "${static[@]}" | median)
ratio=$(awk -v a="$ssr_median" -v b="$static_median" 'BEGIN {printf "%.1f", 100 * a / b}')

echo
echo "machine: $(nproc) cores, $(free -h | awk '/^Mem/ {print $2}') RAM; $RUNS runs × ${DURATION}s, $CONNECTIONS connections"
echo "home page: $size bytes of HTML"
echo "median SSR home page:     $ssr_median req/s"
echo "median static same size:  $static_median req/s"
echo "ratio SSR / static:       $ratio %   (target ≥ 50 %)"
