#!/usr/bin/env bash
# What a browser downloads before a route is interactive: the wasm, the JS glue and the CSS of
# the release build, raw, gzip -9 and brotli -q 11 (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v brotli >/dev/null || { apt-get update -qq && apt-get install -y -qq brotli >/dev/null; }
pkg=target/site/pkg
[ -d "$pkg" ] || { echo "build first: make build" >&2; exit 1; }
printf '%-40s %10s %10s %10s\n' file raw gzip-9 brotli-11
total_br=0; js_wasm_br=0
# Islands (ARCHITECTURE.md): a page without islands loads no code at all; a page with islands
# (app/src/shell.rs, ISLAND_PAGES) loads the same files, the islands' wasm, its JS glue and the
# split loader of the lazy islands; a lazy island's chunk loads only on its own page.
for f in "$pkg"/huisvanwerk.*.wasm "$pkg"/huisvanwerk.*.js "$pkg"/__wasm_split.*.js "$pkg"/*.css; do
  [ -e "$f" ] || continue
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total_br=$((total_br + br))
  case "$f" in *.wasm|*.js) js_wasm_br=$((js_wasm_br + br));; esac
  printf '%-40s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
echo
islands=$(python3 -c 'import re,sys; m=re.search(r"ISLAND_PAGES: &\[&str\] = &\[(.*?)\];", open("app/src/shell.rs").read(), re.S); print(" ".join(re.findall(r"\"([^\"]+)\"", m.group(1))))')
echo "A page without islands (the front door, and every page but: $islands): 0 bytes of JS + WASM"
echo "A page with islands, JS + WASM before interactive (brotli -q 11): $js_wasm_br bytes ($((js_wasm_br / 1024)) KiB); budget 200 KB"
echo "JS + WASM + CSS (brotli -q 11):               $total_br bytes"
echo
echo "Lazy islands' chunks (each loads only on the page with its island):"
for f in "$pkg"/*.wasm; do
  case "$(basename "$f")" in huisvanwerk.*) continue;; esac
  [ -e "$f" ] || continue
  printf '%-40s %10d %10d %10d\n' "$(basename "$f")" "$(stat -c %s "$f")" "$(gzip -9 -c "$f" | wc -c)" "$(brotli -q 11 -c "$f" | wc -c)"
done
