#!/usr/bin/env bash
# Throughput of the server-rendered home page against a static file of the same size served by
# the same server, measured side by side in one run (see bench/README.md). Then the heaviest
# page a visitor reaches, a full calculator result, at a fixed rate (BENCH_RATE, 200 req/s) with
# its latency percentiles, beside the same bytes as a static file (oha, coordinated omission
# corrected), with `Accept-Encoding: gzip, br` as browsers send it.
# Server pinned to core 0 with one tokio worker; wrk/oha pinned to core 1; loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-3200}"
DURATION="${BENCH_DURATION:-20}"
RUNS="${BENCH_RUNS:-3}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
SERVER=target/release/server
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v oha >/dev/null || cargo install oha --locked --version 1.16.0
[ -x "$SERVER" ] || { echo "build first: make build" >&2; exit 1; }

work=$(mktemp -d)
export DATABASE_URL="sqlite://$work/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=error
"$SERVER" seed
TOKIO_WORKER_THREADS=1 LEPTOS_SITE_ADDR="127.0.0.1:$PORT" taskset -c 0 "$SERVER" serve &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; rm -rf "$work" target/site/bench-static.html target/site/bench-result.html' EXIT
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

# A full result at a fixed rate: p50 and p99, rendered against static, one run.
RATE="${BENCH_RATE:-200}"
RESULT='/scholingscalculator?voor=werkgever&leeftijd=19&situatie=werkend&opleiding=mbo2&gemeente=GM0193&sector=zorg&soort=mbo_bbl&kosten=3200&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen'
curl -fs "$BASE$RESULT" -o target/site/bench-result.html
result_size=$(stat -c %s target/site/bench-result.html)
result_br=$(curl -fs -H 'Accept-Encoding: br' "$BASE$RESULT" | wc -c)
fixed() {
  taskset -c 1 oha --no-tui --output-format json -z "${DURATION}s" -q "$RATE" --latency-correction \
    -c "$CONNECTIONS" -H 'Accept-Encoding: gzip, br' "$1" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); p=r["latencyPercentiles"]; s=r["summary"]; print("%.0f req/s, p50 %.1f ms, p99 %.1f ms, success %.1f %%" % (s["requestsPerSec"], p["p50"]*1000, p["p99"]*1000, s["successRate"]*100))'
}
echo
echo "full calculator result: $result_size bytes of HTML ($result_br with brotli), at $RATE req/s for ${DURATION}s:"
echo "  rendered: $(fixed "$BASE$RESULT")"
echo "  static:   $(fixed "$BASE/bench-result.html")"
