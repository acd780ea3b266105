#!/usr/bin/env bash
# Installs the build tools LocalLibrary needs, skipping whatever is already present.
# Idempotent: a second run only checks versions. Usage: scripts/install-tools.sh [--browser]
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132.0.0
TOOLS_DIR="${CACHE_DIR:-$HOME/.cache/locallibrary}/tools"

log() { printf '\033[1;34m[tools]\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (first time only, ~15 min)"
  cargo install --locked "cargo-leptos@$CARGO_LEPTOS_VERSION"
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  # Not --locked: its lockfile pins a webpki-roots release the registry mirror lacks.
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (first time only, ~4 min)"
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

# Debian's binaryen builds a .wasm that never hydrates; npm's current release works.
if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "${BINARYEN_VERSION%%.*}"; then
  log "installing binaryen $BINARYEN_VERSION from npm into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  (cd "$TOOLS_DIR" && npm install --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION")
fi

# Test-only tools: the fuzzer driver, and Debian's Chromium for Playwright.
if [[ "${1:-}" == "--browser" ]] && ! cargo fuzz --version >/dev/null 2>&1; then
  log "installing cargo-fuzz 0.13.2 (first time only, ~3 min)"
  cargo install --locked cargo-fuzz@0.13.2
fi

if [[ "${1:-}" == "--browser" ]] && ! command -v chromium >/dev/null; then
  log "installing Debian chromium for the browser tests"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The cluster suite (make e2e-cluster, scripts/cluster.sh) puts Debian's nginx in front of the
# servers; scripts/cluster.sh runs its own nginx from a config in its run folder.
if [[ "${1:-}" == "--browser" ]] && ! command -v nginx >/dev/null && [[ ! -x /usr/sbin/nginx ]]; then
  log "installing Debian nginx for the cluster tests"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
fi
