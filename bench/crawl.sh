#!/usr/bin/env bash
# A crawler walking every book page of a 100 000-book catalog without cookies: requests/s,
# server CPU per request and resident memory, with the strangers' page cache bounded by
# PAGE_CACHE_MB (default 8). Prints one Markdown table row per phase.
# Usage: bench/crawl.sh [BOOKS] [SECONDS]   (needs `make release` first; Debian's wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
BOOKS=${1:-100000}
SECONDS_PER_PHASE=${2:-20}
BIN=${LOCALLIBRARY_BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/locallibrary/target}/release/locallibrary}
[[ -x $BIN ]] || { echo "build the release binary first: make release" >&2; exit 1; }
command -v wrk >/dev/null || { echo "needs wrk (apt-get install -y wrk)" >&2; exit 1; }
DIR=$(mktemp -d)
PORT=${BENCH_PORT:-3951}
export DATABASE_URL="sqlite://$DIR/crawl.db" LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn \
  LEPTOS_ENV=PROD LEPTOS_SITE_ROOT=${LEPTOS_SITE_ROOT:-$PWD/target/site}
SERVER=""
trap '[[ -n $SERVER ]] && kill $SERVER 2>/dev/null; rm -rf "$DIR"' EXIT

# A copy beside its hash.txt, so a rebuild during the run cannot change what is measured.
cp "$BIN" "$DIR/locallibrary"
[[ -f $(dirname "$BIN")/hash.txt ]] && cp "$(dirname "$BIN")/hash.txt" "$DIR/"
"$DIR/locallibrary" migrate >/dev/null
LOCALLIBRARY_SEED=false "$DIR/locallibrary" seed --books "$BOOKS" --authors $((BOOKS / 10)) >/dev/null
"$DIR/locallibrary" serve & SERVER=$!
until curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; do sleep 0.2; done

# Each wrk thread walks its own stretch of ids, one book after another, never twice in a row.
cat >"$DIR/walk.lua" <<EOF
local threads = 0
function setup(thread) thread:set("offset", threads * math.floor($BOOKS / 2)); threads = threads + 1 end
function init() n = tonumber(offset) or 0 end
function request() n = n + 1; return wrk.format("GET", "/catalog/book/" .. ((n % $BOOKS) + 1)) end
EOF

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
rss_mib() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$SERVER/status"; }
phase() { # LABEL WRK-ARGS...: one row
  local label=$1; shift
  local before after out rps
  before=$(cpu_ticks)
  out=$(wrk -t2 -c16 -d"${SECONDS_PER_PHASE}s" "$@")
  after=$(cpu_ticks)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  local total
  total=$(awk '/requests in/ {print $1}' <<<"$out")
  printf '| %s | %s | %s µs | %s MiB |\n' "$label" "$rps" \
    "$(awk -v t=$((after - before)) -v n="$total" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}')" \
    "$(rss_mib)"
}

echo "| phase | req/s | CPU per request | RSS after |"
echo "|---|---:|---:|---:|"
printf '| started, %s books | | | %s MiB |\n' "$BOOKS" "$(rss_mib)"
phase "crawler walking book pages (each page once)" -s "$DIR/walk.lua" "http://127.0.0.1:$PORT"
phase "crawler again (pages from the first walk evicted or kept)" -s "$DIR/walk.lua" "http://127.0.0.1:$PORT"
phase "one book page, over and over" "http://127.0.0.1:$PORT/catalog/book/1"
