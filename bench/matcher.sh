#!/usr/bin/env bash
# The vacaturematcher at scale (see bench/README.md, "Vacaturematcher"): rank a Skills CV
# against 100,000 and 1,000,000 generated vacancies with the index and by scoring every
# vacancy, in one run on one core: index build time and memory, latency p50/p95, the ratios,
# and whether the goals (index p95 ≤ 5 ms at 100,000, ≤ 50 ms at 1,000,000) are met.
#
#   bench/matcher.sh
#   MATCHER_BENCH_SIZES=20000 MATCHER_BENCH_CVS=50 bench/matcher.sh   # smaller, quicker
#
# The output is also kept in target/bench-matcher.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
cargo bench -p app --features ssr --bench matcher --no-run
# One core for the measurement (the build above uses both).
taskset -c 0 cargo bench -p app --features ssr --bench matcher 2>&1 | tee target/bench-matcher.txt
