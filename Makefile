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

.PHONY: run test tools browser-tools release unit-tests e2e-tests seed-large fmt

## run: build the optimised site and serve it on $LEPTOS_SITE_ADDR (default 127.0.0.1:3000)
run: tools release
	LEPTOS_ENV=$${LEPTOS_ENV:-PROD} "$(BIN)" serve

## test: unit + integration tests, then Playwright against the release build in Chromium
test: browser-tools unit-tests release e2e-tests

tools:
	scripts/install-tools.sh

browser-tools:
	scripts/install-tools.sh --browser
	cd end2end && if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund; fi

release:
	cargo leptos build --release

# One test at a time: each integration test starts its own Leptos server, and several Leptos
# apps in one process can stall each other's renders (a single server under load does not).
unit-tests:
	cargo test --locked -p app -p server -- --test-threads=1

e2e-tests:
	cd end2end && LOCALLIBRARY_BIN="$(BIN)" LOCALLIBRARY_SITE_ROOT="$(LEPTOS_SITE_ROOT)" npx playwright test

## seed-large: add 100 000 synthetic books (for benchmarks) to $DATABASE_URL
seed-large: tools release
	"$(BIN)" seed --books 100000 --authors 10000

fmt:
	cargo fmt --all
