#!/usr/bin/env bash
# `make bench-weight`: the release server on a fresh SQLite database (bundled catalog), a
# librarian account, then bench/weight.mjs: first loads of five pages and navigations into lazy
# pages, printed as JSON and as the table BENCHMARKS.md keeps. BENCH_RUNS (5) runs of each.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export CACHE_DIR="${CACHE_DIR:-$HOME/.cache/locallibrary}"
BIN=${LOCALLIBRARY_BIN:-${CARGO_TARGET_DIR:-$CACHE_DIR/target}/release/locallibrary}
SITE=${LEPTOS_SITE_ROOT:-$ROOT/target/site}
RUNS=${BENCH_RUNS:-5}
PORT=${BENCH_WEIGHT_PORT:-3980}
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "BENCH_RUNS takes a whole number above 0, not '$RUNS'" >&2; exit 2; }
[[ -x $BIN ]] || { echo "no release build at $BIN: run 'make release' first" >&2; exit 1; }
DIR=$(mktemp -d "${TMPDIR:-/tmp}/locallibrary-weight.XXXXXX")
PID=""
cleanup() { [[ -n $PID ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$DIR"; }
trap cleanup EXIT
export DATABASE_URL="sqlite://$DIR/library.db" RUST_LOG=warn
printf 'weight-bench-password\n' >"$DIR/password"
"$BIN" migrate >/dev/null 2>&1 || true
"$BIN" createuser weightlib --email weightlib@example.com --password-file "$DIR/password" --librarian >/dev/null
LEPTOS_SITE_ADDR=127.0.0.1:$PORT LEPTOS_SITE_ROOT=$SITE LEPTOS_ENV=PROD EMAIL_OUTBOX=$DIR/outbox \
  "$BIN" serve >"$DIR/server.log" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/favicon.ico" >/dev/null && break; sleep 0.1; done
node "$ROOT/bench/weight.mjs" "http://127.0.0.1:$PORT" "$RUNS" weightlib weight-bench-password >"$DIR/weight.json"
cat "$DIR/weight.json"
node -e '
const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const kb = (b) => (b / 1000).toFixed(1);
console.log("\n| first load, cold cache | HTML | CSS | JS | main WASM | chunks | total KB | WASM instantiated | hydrated |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const f of r.firstLoads) {
  const b = f.bytes;
  console.log(`| \`${f.page}\` | ${kb(b.html)} | ${kb(b.css)} | ${kb(b.js)} | ${kb(b.mainWasm)} | ${kb(b.chunks)} | **${kb(b.total)}** | ${f.instantiatedMs.toFixed(0)} ms | ${f.hydratedMs.toFixed(0)} ms |`);
}
console.log("\n| from home to | median | worst |");
console.log("|---|---:|---:|");
for (const n of r.navigations) console.log(`| \`${n.target}\` | ${n.medianMs.toFixed(0)} ms | ${n.worstMs.toFixed(0)} ms |`);
' "$DIR/weight.json"
