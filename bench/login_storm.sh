#!/usr/bin/env bash
# Login storm: 300 logins at once from 300 clients against the release server, reporting how
# many were checked or refused (503), the server's peak and final resident memory, and the
# slowest catalog page served during it (see BENCHMARKS.md, SECURITY.md; issue 21).
# Usage: bench/login_storm.sh   (needs `make release` first)
set -euo pipefail
cd "$(dirname "$0")/.."
export CACHE_DIR="${CACHE_DIR:-$HOME/.cache/locallibrary}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/target}"
export LOCALLIBRARY_BIN="${LOCALLIBRARY_BIN:-$CARGO_TARGET_DIR/release/locallibrary}"
[[ -x "$LOCALLIBRARY_BIN" ]] || { echo "build the release binary first: make release" >&2; exit 1; }
cargo test --locked -p server --test api \
  accounts::attacks::a_login_storm_keeps_memory_bounded_and_pages_served -- --exact --nocapture \
  | grep -E '^storm:|test result'
