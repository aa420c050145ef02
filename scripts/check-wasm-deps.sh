#!/usr/bin/env bash
# Fails when a server-only crate is in the browser (wasm32) build of `frontend`.
# A positive control first: the same query must find sqlx in `server`, so a broken query
# cannot pass silently.
set -euo pipefail
cd "$(dirname "$0")/.."

found_in() { # package target crate
  cargo tree -p "$1" ${2:+--target "$2"} -e normal -i "$3" --prefix none 2>/dev/null | grep -q .
}

found_in server "" sqlx || { echo "positive control failed: cargo tree finds no sqlx in server" >&2; exit 1; }

status=0
for crate in sqlx sqlx-core tokio mio axum tower-http leptos_axum hyper libsqlite3-sys tracing-subscriber; do
  if found_in frontend wasm32-unknown-unknown "$crate"; then
    echo "server-only crate '$crate' is in the wasm build:" >&2
    cargo tree -p frontend --target wasm32-unknown-unknown -e normal -i "$crate" >&2 || true
    status=1
  fi
done
[ $status -eq 0 ] && echo "wasm guard: no server-only crate in the browser bundle"
exit $status
