#!/usr/bin/env bash
# Session flood: 200 000 cookie-less home-page requests against the release server, reporting
# resident memory before and after and the database size (see BENCHMARKS.md, SECURITY.md).
# Usage: bench/flood.sh [REQUESTS]   (needs `make release` first)
set -euo pipefail
cd "$(dirname "$0")/.."
export CACHE_DIR="${CACHE_DIR:-$HOME/.cache/locallibrary}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/target}"
export LOCALLIBRARY_BIN="$CARGO_TARGET_DIR/release/locallibrary"
export LOCALLIBRARY_FLOOD_REQUESTS="${1:-200000}"
[[ -x "$LOCALLIBRARY_BIN" ]] || { echo "build the release binary first: make release" >&2; exit 1; }
cargo test --locked -p server --test api flood::cookie_less_flood_keeps_memory_flat -- --exact --nocapture \
  | grep -E '^flood:|test result'
