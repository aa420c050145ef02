# Huis van Werk — the two commands a new user needs:
#   make run    install what is missing, build (release), create the database with demo data, serve
#   make test   install what is missing for testing too, then every check CI runs
# Everything else here is a step of those two. See README.md.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

TOOLS_DIR ?= $(HOME)/.cache/huisvanwerk-tools
export PATH := $(HOME)/.cargo/bin:$(TOOLS_DIR)/binaryen/node_modules/.bin:$(PATH)

# CI builds once from a clean clone: incremental artefacts would only cost disk and time.
ifeq ($(CI),true)
export CARGO_INCREMENTAL := 0
endif

SERVER := target/release/server
SITE := target/site
SOURCES := $(shell find app frontend server style public locales migrations data -type f 2>/dev/null) Cargo.toml Cargo.lock
BUILD_STAMP := target/.release-built

.PHONY: run serve build tools tools-test test fmt-check imports clippy unit-tests integration-tests wasm-guard e2e bench clean-db

## run: installs, builds, migrates and seeds, then serves http://127.0.0.1:3000 (LEPTOS_SITE_ADDR, DATABASE_URL honoured)
run: tools build
	LEPTOS_SITE_ROOT=$(SITE) $(SERVER) seed
	LEPTOS_SITE_ROOT=$(SITE) $(SERVER) serve

tools:
	@scripts/install-tools.sh build

tools-test:
	@scripts/install-tools.sh test

## build: the release build (server + hashed wasm/js/css bundle); skipped when nothing changed
build: $(BUILD_STAMP)

# The stamp takes the time the build started, so a source edited during the build is newer.
$(BUILD_STAMP): $(SOURCES)
	@mkdir -p target && touch $@.started
	cargo leptos build --release --precompress --split
	@mv $@.started $@

## test: everything CI checks, in order of cost
test: tools-test fmt-check imports clippy unit-tests integration-tests wasm-guard build e2e
	@echo "make test: all checks passed"

fmt-check:
	cargo fmt --all --check

## imports: which folder of app/src may import which (ARCHITECTURE.md, "Layers")
imports:
	python3 scripts/check-imports.py

# Per package and target: a workspace-wide build would turn on ssr and hydrate together.
clippy:
	cargo clippy -p app --features ssr --all-targets -- -D warnings
	cargo clippy -p server --all-targets -- -D warnings
	cargo clippy -p integration-tests --all-targets -- -D warnings
	cargo clippy -p app --features hydrate --lib --target wasm32-unknown-unknown -- -D warnings
	cargo clippy -p frontend --lib --target wasm32-unknown-unknown -- -D warnings

unit-tests:
	cargo test -p app --features ssr
	cargo test -p server

# On SQLite and on PostgreSQL (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test).
integration-tests:
	cargo test -p integration-tests

## wasm-guard: server-only crates must never reach the browser bundle
wasm-guard:
	scripts/check-wasm-deps.sh

## e2e: Playwright against the release build, JavaScript on and off, axe-core on every page
e2e: build
	cd end2end && npx playwright test

## bench: throughput of the server-rendered home page against a static asset (bench/README.md)
bench: build
	bench/http.sh

clean-db:
	rm -f data/huisvanwerk.db data/huisvanwerk.db-*
