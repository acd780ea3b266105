# LocalLibrary: `make run` serves the release build, `make test` runs every test.
# Both install missing tools first and pass the environment through to the server.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c

# Builds live outside the clone so fresh clones (and CI) reuse them.
export CACHE_DIR ?= $(HOME)/.cache/locallibrary
export CARGO_TARGET_DIR ?= $(CACHE_DIR)/target
export PATH := $(CACHE_DIR)/tools/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export LEPTOS_SITE_ROOT ?= $(CURDIR)/target/site

BIN := $(CARGO_TARGET_DIR)/release/locallibrary

.PHONY: run test tools browser-tools release wasm-size unit-tests fuzz e2e-tests e2e-cluster seed-large fmt \
	cluster cluster-down cluster-roll

## run: build the optimised site and serve it on $LEPTOS_SITE_ADDR (default 127.0.0.1:3000)
run: tools release
	LEPTOS_ENV=$${LEPTOS_ENV:-PROD} "$(BIN)" serve

## test: unit + integration tests, a bounded fuzz run, then Playwright against the release build
test: browser-tools unit-tests fuzz release wasm-size e2e-tests e2e-cluster

tools:
	scripts/install-tools.sh

browser-tools:
	scripts/install-tools.sh --browser
	cd end2end && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi

# --precompress writes brotli and gzip copies of every static file, served as they are.
release:
	cargo leptos build --release --precompress --split

## wasm-size: fail when the main WASM chunk grew more than 5 % over bench/wasm-size.txt, or a lazy page is in it
wasm-size:
	scripts/check-wasm-size.sh

# Redis and PostgreSQL run for real (scripts/services.sh installs and starts them on loopback).
unit-tests:
	eval "$$(scripts/services.sh)"; cargo test --locked -p app -p server

# cargo-fuzz needs nightly-only flags; RUSTC_BOOTSTRAP lets the stable toolchain accept them.
FUZZ_SECONDS ?= 60
fuzz:
	@echo "fuzzing form, page, search and cookie parsing for $(FUZZ_SECONDS) s"
	cd fuzz && RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$(CACHE_DIR)/fuzz-target" \
		cargo fuzz run form_and_cookie -- -max_total_time=$(FUZZ_SECONDS) > "$(CACHE_DIR)/fuzz.log" 2>&1 \
		|| { tail -n 40 "$(CACHE_DIR)/fuzz.log"; echo "fuzzing found a crash: see fuzz/artifacts/"; exit 1; }
	@grep -E '^Done [0-9]+ runs' "$(CACHE_DIR)/fuzz.log"

e2e-tests:
	cd end2end && LOCALLIBRARY_BIN="$(BIN)" LOCALLIBRARY_SITE_ROOT="$(LEPTOS_SITE_ROOT)" npx playwright test

# The same Playwright, against three servers behind nginx (scripts/cluster.sh, own ports 3960-3963).
e2e-cluster:
	cd end2end && LOCALLIBRARY_BIN="$(BIN)" LOCALLIBRARY_SITE_ROOT="$(LEPTOS_SITE_ROOT)" \
		npx playwright test -c playwright.cluster.config.ts

## cluster: PostgreSQL, Redis, $INSTANCES (3) release servers and nginx on http://127.0.0.1:8080 (scripts/cluster.sh)
cluster: tools release
	scripts/cluster.sh up

## cluster-down: stop what `make cluster` started
cluster-down:
	scripts/cluster.sh down

## cluster-roll: rebuild, then restart the cluster's servers one at a time (a deploy without downtime)
cluster-roll: tools release
	scripts/cluster.sh roll

## seed-large: add 100 000 synthetic books (for benchmarks) to $DATABASE_URL
seed-large: tools release
	"$(BIN)" seed --books 100000 --authors 10000

fmt:
	cargo fmt --all

## bench-weight: first-load bytes and timings of five pages, and navigations into lazy pages (bench/weight.sh)
.PHONY: bench-weight
bench-weight: browser-tools release
	bench/weight.sh

## bench: req/s, latency, CPU and memory per request vs a bare-axum reference (BENCH_SECONDS, BENCH_CONNECTIONS; see bench/run.sh)
.PHONY: bench
bench: tools
	bench/run.sh
