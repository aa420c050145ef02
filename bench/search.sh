#!/usr/bin/env bash
# The subsidy search against SQLite FTS5 (see bench/README.md, "Subsidy search"): index build
# time and search latency p50/p95 over the real catalogue and a generated one of 100,000
# schemes, the ratios, and whether the goals (p95 ≤ 2 ms real, ≤ 20 ms on 100,000) are met.
#
#   bench/search.sh
#   SEARCH_BENCH_SIZE=20000 SEARCH_BENCH_SECONDS=20 bench/search.sh   # smaller, quicker
#
# Knobs: SEARCH_BENCH_SIZE (100000), SEARCH_BENCH_CALLS (2016 timed calls per engine and
# catalogue), SEARCH_BENCH_SECONDS (60: time budget per engine and catalogue, at least one round
# of the 32 queries). The output is also kept in target/bench-search.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
cargo bench -p app --features ssr --bench search 2>&1 | tee target/bench-search.txt
