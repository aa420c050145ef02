#!/usr/bin/env bash
# Lighthouse (mobile: a mid-range phone on slow 4G, Lighthouse's default) on the pages a visitor
# reaches first: the home page, the calculator, and a full employer result. Median of RUNS runs
# per page; performance and SEO scores, LCP, TBT, DOM size and the bytes transferred.
# Debian's Chromium (CHROME_PATH); lighthouse from npm in a private prefix. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_PORT:-3210}"
RUNS="${BENCH_RUNS:-5}"
SERVER=target/release/server
BASE="http://127.0.0.1:$PORT"
TOOLS_DIR="${HUISVANWERK_TOOLS:-$HOME/.cache/huisvanwerk-tools}"
LIGHTHOUSE_VERSION="12.8.2"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"

[ -x "$SERVER" ] || { echo "build first: make build" >&2; exit 1; }
lh="$TOOLS_DIR/lighthouse/node_modules/.bin/lighthouse"
if [ ! -x "$lh" ]; then
  mkdir -p "$TOOLS_DIR/lighthouse"
  npm install --prefix "$TOOLS_DIR/lighthouse" --no-audit --no-fund "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi

work=$(mktemp -d)
export DATABASE_URL="sqlite://$work/bench.db" LEPTOS_SITE_ROOT=target/site RUST_LOG=error
"$SERVER" seed
LEPTOS_SITE_ADDR="127.0.0.1:$PORT" "$SERVER" serve &
server_pid=$!
trap 'kill $server_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -fs "$BASE/readyz" >/dev/null && break; sleep 0.2; done

RESULT='/scholingscalculator?voor=werkgever&leeftijd=19&situatie=werkend&opleiding=mbo2&gemeente=GM0193&sector=zorg&soort=mbo_bbl&kosten=3200&maanden=12&uren=32&medewerkers=30&omzet=ja&leerbedrijf=ja&doelgroep=geen'
printf '%-28s %5s %5s %8s %7s %6s %9s\n' page perf seo LCP_ms TBT_ms DOM KB_total
for page in / /scholingscalculator "$RESULT"; do
  for i in $(seq "$RUNS"); do
    if ! "$lh" "$BASE$page" --quiet --output=json --output-path="$work/run-$i.json" \
      --only-categories=performance,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu" >"$work/lighthouse.log" 2>&1; then
      echo "lighthouse failed on $page (run $i):" >&2
      tail -5 "$work/lighthouse.log" >&2
      exit 1
    fi
  done
  python3 - "$work" "$RUNS" "$page" <<'EOF'
import json, statistics, sys
work, runs, page = sys.argv[1], int(sys.argv[2]), sys.argv[3]
reports = [json.load(open(f"{work}/run-{i}.json")) for i in range(1, runs + 1)]
def median(f):
    return statistics.median(f(r) for r in reports)
perf = median(lambda r: r["categories"]["performance"]["score"] * 100)
seo = median(lambda r: r["categories"]["seo"]["score"] * 100)
lcp = median(lambda r: r["audits"]["largest-contentful-paint"]["numericValue"])
tbt = median(lambda r: r["audits"]["total-blocking-time"]["numericValue"])
dom = median(lambda r: r["audits"]["dom-size"]["numericValue"])
kb = median(lambda r: r["audits"]["total-byte-weight"]["numericValue"] / 1000)
name = page if len(page) < 28 else page[:20] + "…result"
print(f"{name:<28} {perf:5.0f} {seo:5.0f} {lcp:8.0f} {tbt:7.0f} {dom:6.0f} {kb:9.1f}")
EOF
done
echo "median of $RUNS runs each; Lighthouse $LIGHTHOUSE_VERSION mobile, $(nproc) cores"
