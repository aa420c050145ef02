#!/usr/bin/env bash
# Installs what building and running the portal needs, from the package registries only
# (crates.io, npm, Debian). Idempotent: every step checks what is there first and skips it.
# See ../shared/design/TOOLCHAIN.md (in the steering repo) for why each pin is what it is.
#
#   scripts/install-tools.sh build   # rust target, cargo-leptos, wasm-bindgen-cli, wasm-opt
#   scripts/install-tools.sh test    # the above, plus chromium and end2end/ npm packages
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-build}"
CARGO_LEPTOS_VERSION="0.3.10"   # 0.3.11 needs rustc 1.96 with --locked; 0.3.10 builds as is
BINARYEN_VERSION="132.0.0"      # Debian's binaryen 108 breaks hydration: never use it
TOOLS_DIR="${HUISVANWERK_TOOLS:-$HOME/.cache/huisvanwerk-tools}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
export PATH="$HOME/.cargo/bin:$TOOLS_DIR/binaryen/node_modules/.bin:$PATH"

# 1. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# 2. cargo-leptos, built without its binary downloads.
if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 14 minutes on 2 cores)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

# 3. wasm-bindgen-cli, exactly the version in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline;print}' Cargo.lock | cut -d'"' -f2)
if [ -z "$wb_version" ]; then echo "no wasm-bindgen in Cargo.lock" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version"; then
  say "installing wasm-bindgen-cli $wb_version"
  # --locked fails on this registry (a pinned webpki-roots is missing); the CLI still matches.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

# 4. wasm-opt from npm's binaryen, in a private prefix (never Debian's).
if ! "$TOOLS_DIR/binaryen/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "${BINARYEN_VERSION%%.*}"; then
  say "installing binaryen $BINARYEN_VERSION (wasm-opt) from npm"
  mkdir -p "$TOOLS_DIR/binaryen"
  npm install --prefix "$TOOLS_DIR/binaryen" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null
fi

if [ "$what" = "test" ]; then
  # 5. Chromium for the browser tests, from Debian.
  if [ ! -x /usr/bin/chromium ]; then
    say "installing Debian's chromium"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  # 6. Playwright and axe-core for end2end/ (never `npx playwright install`).
  if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
    say "installing end2end/ npm packages"
    (cd end2end && npm ci --no-audit --no-fund)
  fi
fi
say "tools ready"
