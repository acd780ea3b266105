#!/usr/bin/env bash
# Latency of catalog list and search pages on a 100 000-book synthetic catalog.
# Usage: bench/catalog.sh [BOOKS] [REQUESTS]   (needs `make release` first)
set -euo pipefail
cd "$(dirname "$0")/.."
BOOKS=${1:-100000}
REQUESTS=${2:-200}
BIN=${LOCALLIBRARY_BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/locallibrary/target}/release/locallibrary}
DIR=$(mktemp -d)
PORT=${BENCH_PORT:-3950}
export DATABASE_URL="sqlite://$DIR/bench.db" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn LEPTOS_ENV=PROD
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT

"$BIN" migrate >/dev/null
LOCALLIBRARY_SEED=false "$BIN" seed --books "$BOOKS" --authors $((BOOKS / 10))
"$BIN" serve & SERVER=$!
until curl -sf "http://127.0.0.1:$PORT/favicon.ico" >/dev/null; do sleep 0.2; done

measure() {
  local label=$1 path=$2
  for _ in $(seq "$REQUESTS"); do
    curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT$path"
  done | python3 -c "
import sys, statistics
t = sorted(float(x) * 1000 for x in sys.stdin)
print(f'| $label | \`$path\` | {statistics.median(t):.1f} ms | {t[int(len(t) * 0.95) - 1]:.1f} ms |')"
}

echo "| page | path | median | p95 |"
echo "|---|---|---|---|"
measure "books, page 1" "/catalog/books"
measure "books, page 5000" "/catalog/books?page=5000"
measure "authors, page 500" "/catalog/authors?page=500"
measure "copies, page 100" "/catalog/bookinstances?page=100"
measure "search (title word)" "/catalog/books?q=lighthouse"
measure "search (Cyrillic)" "/catalog/books?q=%D1%81%D0%B0%D0%B4"
measure "search (no match)" "/catalog/books?q=zzzzzz"
measure "book detail" "/catalog/book/54321"
measure "home (counts + visit)" "/"
