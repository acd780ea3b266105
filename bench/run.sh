#!/usr/bin/env bash
# `make bench`: throughput, latency, CPU time and memory per request of the release build,
# next to a bare-axum reference server (bench/reference), measured with Debian's wrk.
#
# Builds the release site and the reference, seeds a fresh SQLite database with 2 000 books by
# 500 authors and starts both servers on free loopback ports. First the browser side, on the
# fresh app: Lighthouse 12 (npm, installed into $CACHE_DIR/tools; mobile preset) on the home,
# books and book pages, and bench/first-load.mjs (Playwright) for the bytes, WASM instantiation
# and hydration times of a cold-cache first load and what a repeat visit downloads again, both in
# Debian's Chromium. Then wrk on each server scenario, and "home, with cookie" again with
# 1 000 000 sessions in the store. Prints the Markdown tables, with each target met or not, and
# writes them into BENCHMARKS.md between <!-- bench:start --> and <!-- bench:end -->.
#
# Before each measurement it waits until no wrk and no other `locallibrary serve` is running.
#
# Settings (environment):
#   BENCH_ONLY=server       only the wrk scenarios; BENCH_ONLY=browser: only Lighthouse and the
#                           first load (no wrk, no reference server). The part not run keeps its
#                           previous table in BENCHMARKS.md.
#   BENCH_SECONDS=10        seconds wrk measures each scenario (after a warm-up)
#   BENCH_CONNECTIONS=32    open connections wrk keeps (wrk -c)
#   BENCH_THREADS=2         wrk threads (wrk -t)
#   BENCH_WARMUP=2          seconds of warm-up load before each scenario
#   BENCH_SESSIONS=1000000  sessions in the store for the large-store variant
#   BENCH_SKIP_BUILD=1      skip `make release`: use the existing build (target/site and
#                           $CARGO_TARGET_DIR/release/locallibrary) instead of building
#   BENCH_WRITE=0           print the table without touching BENCHMARKS.md
#   BENCH_KEEP=1            keep the temporary folder (database, logs, wrk and Lighthouse outputs)
#   BENCH_LIGHTHOUSE_RUNS=3 Lighthouse runs per page (the table shows the median of each figure)
#   BENCH_FIRST_LOAD_RUNS=5 cold-cache first loads (each in a fresh browser context), median
#   BENCH_WAIT_MAX=1800     seconds to wait for someone else's wrk / `locallibrary serve` to end
#                           before measuring anyway (noted in the table's header)
#   CHROME_PATH=/usr/bin/chromium  the Chromium both browser measurements use
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-2}
BIG_STORE=${BENCH_SESSIONS:-1000000}
BASE_STORE=1000
LIGHTHOUSE_RUNS=${BENCH_LIGHTHOUSE_RUNS:-3}
FIRST_LOAD_RUNS=${BENCH_FIRST_LOAD_RUNS:-5}
WAIT_MAX=${BENCH_WAIT_MAX:-1800}
LIGHTHOUSE_VERSION=12.8.2
CHROME=${CHROME_PATH:-/usr/bin/chromium}
# The flags Chromium works with here (see /work/shared/TOOLCHAIN.md), for both Lighthouse and
# bench/first-load.mjs; no flag lets it reach for the network on its own.
CHROME_FLAGS="--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run \
--disable-background-networking --disable-component-update --disable-sync"
case ${BENCH_ONLY:-} in
  "" | all) RUN_SERVER=1 RUN_BROWSER=1 ;;
  server) RUN_SERVER=1 RUN_BROWSER=0 ;;
  browser) RUN_SERVER=0 RUN_BROWSER=1 ;;
  *) printf 'BENCH_ONLY is "server", "browser" or unset, not "%s"\n' "$BENCH_ONLY" >&2; exit 2 ;;
esac
export CACHE_DIR="${CACHE_DIR:-$HOME/.cache/locallibrary}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/target}"
export PATH="$CACHE_DIR/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
SITE=${LEPTOS_SITE_ROOT:-$ROOT/target/site}
BIN=$CARGO_TARGET_DIR/release/locallibrary
REF_BIN=$CARGO_TARGET_DIR/release/reference
COOKIE_NAME=${SESSION_COOKIE_NAME:-sessionid}
HELPER=(python3 "$ROOT/bench/bench.py")
# The functions below: logging, processes, waiting for a quiet machine, servers, scenarios.
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"


for n in "$SECONDS_PER_RUN" "$CONNECTIONS" "$THREADS" "$WARMUP" "$BIG_STORE" "$LIGHTHOUSE_RUNS" \
  "$FIRST_LOAD_RUNS" "$WAIT_MAX"; do
  [[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || die "BENCH_* settings take whole numbers above 0, not '$n'"
done
((THREADS <= CONNECTIONS)) || die "BENCH_THREADS ($THREADS) must not exceed BENCH_CONNECTIONS ($CONNECTIONS)"

# --- processes and clean-up -------------------------------------------------------------------
APP_PID="" REF_PID=""
DIR=$(mktemp -d "${TMPDIR:-/tmp}/locallibrary-bench.XXXXXX")
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# --- a quiet machine --------------------------------------------------------------------------
# Someone else's load generator or server would take cores from this run's numbers.
BUSY_NOTE=""

# --- tools and builds -------------------------------------------------------------------------
if ((RUN_SERVER)) && ! command -v wrk >/dev/null; then
  log "installing Debian's wrk"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || die "curl is needed"
command -v python3 >/dev/null || die "python3 is needed"

# The browser tools. Whatever is missing is noted (the table then says "not measured" for its
# rows) and the run carries on.
TOOLS_DIR=$CACHE_DIR/tools
LIGHTHOUSE=$TOOLS_DIR/node_modules/.bin/lighthouse
LIGHTHOUSE_MISSING="" FIRST_LOAD_MISSING=""
if ((RUN_BROWSER)); then
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    LIGHTHOUSE_MISSING="Node.js and npm are not installed" FIRST_LOAD_MISSING="Node.js is not installed"
  # Like binaryen in scripts/install-tools.sh: from npm into $CACHE_DIR/tools, once. Lighthouse
  # itself downloads no browser (it drives the Chromium at CHROME_PATH).
  elif ! "$LIGHTHOUSE" --version 2>/dev/null | grep -q "^${LIGHTHOUSE_VERSION%%.*}\."; then
    log "installing lighthouse $LIGHTHOUSE_VERSION from npm into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    (cd "$TOOLS_DIR" && npm install --no-audit --no-fund --silent "lighthouse@$LIGHTHOUSE_VERSION") >&2 \
      || LIGHTHOUSE_MISSING="npm could not install lighthouse@$LIGHTHOUSE_VERSION into $TOOLS_DIR"
  fi
  if [[ ! -x $CHROME ]]; then
    # scripts/install-tools.sh --browser (make browser-tools) installs Debian's chromium.
    LIGHTHOUSE_MISSING="no Chromium at $CHROME (make browser-tools installs it)"
    FIRST_LOAD_MISSING=$LIGHTHOUSE_MISSING
  fi
  if [[ -z $FIRST_LOAD_MISSING && ! -d $ROOT/end2end/node_modules/playwright-core ]]; then
    FIRST_LOAD_MISSING="Playwright is not installed in end2end/node_modules (make browser-tools installs it)"
  fi
  [[ -n $LIGHTHOUSE_MISSING ]] && log "Lighthouse will not run: $LIGHTHOUSE_MISSING"
  [[ -n $FIRST_LOAD_MISSING ]] && log "the first-load measurement will not run: $FIRST_LOAD_MISSING"
fi

if [[ ${BENCH_SKIP_BUILD:-0} == 1 ]]; then
  log "BENCH_SKIP_BUILD=1: using the existing release build"
  wait_for_build
else
  # `make release` is `cargo leptos build --release` with the project's flags.
  log "building the release site (make release)"
  make --no-print-directory -C "$ROOT" release
fi
if ((RUN_SERVER)); then
  log "building the reference server (cargo build --release -p reference)"
  cargo build --release --quiet -p reference
fi
[[ -x $BIN ]] || die "no release binary at $BIN: run without BENCH_SKIP_BUILD, or 'make release'"
[[ -d $SITE/pkg ]] || die "no built site at $SITE/pkg: run without BENCH_SKIP_BUILD, or 'make release'"
# A private copy, so a rebuild during the run cannot swap the binary between the two starts
# (with hash.txt, which the server reads beside its binary for content-hashed asset names).
cp "$BIN" "$DIR/locallibrary"
[[ -f $(dirname "$BIN")/hash.txt ]] && cp "$(dirname "$BIN")/hash.txt" "$DIR/hash.txt"
BIN=$DIR/locallibrary

# --- servers ----------------------------------------------------------------------------------
APP_PORT=$("${HELPER[@]}" free-port)
REF_PORT=$("${HELPER[@]}" free-port)
[[ $APP_PORT != "$REF_PORT" ]] || REF_PORT=$("${HELPER[@]}" free-port)
APP="http://127.0.0.1:$APP_PORT"
REF="http://127.0.0.1:$REF_PORT"
DB="$DIR/bench.db"
export DATABASE_URL="sqlite://$DB" LOCALLIBRARY_SEED=false LEPTOS_ENV=PROD \
  LEPTOS_SITE_ROOT="$SITE" LEPTOS_SITE_ADDR="127.0.0.1:$APP_PORT" REGISTRATION_RATE_LIMIT=0 \
  RUST_LOG=warn

log "seeding a fresh database with 2 000 books by 500 authors ($DB)"
"$BIN" seed --books 2000 --authors 500 >"$DIR/seed.log" 2>&1 || { tail -n 20 "$DIR/seed.log"; die "seeding failed"; }

APP_RESTARTS=""
start_app
if ((RUN_SERVER)); then
  "$REF_BIN" "127.0.0.1:$REF_PORT" >"$DIR/reference.log" 2>&1 &
  REF_PID=$!
  wait_until_up "the reference server" "$REF_PID" "$REF/static" "$DIR/reference.log"
  log "app (pid $APP_PID) on $APP, reference (pid $REF_PID) on $REF"
else
  log "app (pid $APP_PID) on $APP"
fi
# The files the home page links must answer: a site and binary from two builds would not.
HOME_HTML=$(curl -sf "$APP/") || die "the home page did not answer"
for linked in $(grep -o '/pkg/[A-Za-z0-9._-]*\.\(css\|js\|wasm\)' <<<"$HOME_HTML" | sort -u); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$APP$linked")
  [[ $code == 200 ]] || die "$linked, linked from the home page, answered $code: $SITE and $BIN \
come from different builds (was one under way?); rerun once the build has ended"
done
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git status --porcelain 2>/dev/null) ]] && COMMIT="$COMMIT with uncommitted changes"

# --- browser: Lighthouse and the first load -------------------------------------------------
# shellcheck source=bench/browser.sh
source "$ROOT/bench/browser.sh"

if ((RUN_SERVER)); then

# Asset names may carry a content hash: take the URLs pages link, else the newest built files.
PAGE_HTML=$(curl -sf "$APP/catalog/books") || die "the books page did not answer"
CSS=$(asset css)
WASM=$(asset wasm)
CSS_BYTES=$(asset_size "$CSS")
WASM_BYTES=$(asset_size "$WASM")
log "assets: $CSS ($CSS_BYTES bytes), $WASM ($WASM_BYTES bytes)"

APP_COOKIE=$(cookies_from "$APP/")
REF_COOKIE=$(cookies_from "$REF/counter")
[[ $APP_COOKIE == *"$COOKIE_NAME="* ]] || die "the app's home page set no $COOKIE_NAME cookie (got '$APP_COOKIE')"
[[ $REF_COOKIE == *"sessionid="* ]] || die "the reference set no session cookie (got '$REF_COOKIE')"


# --- scenarios --------------------------------------------------------------------------------
RESULTS="$DIR/results.tsv"
: >"$RESULTS"
TOTAL=13 STEP=0

TICKS_PER_SECOND=$(getconf CLK_TCK)


log "each scenario: ${WARMUP} s warm-up, then wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s"
# /static first: "no cookie" leaves every session it makes in the reference's memory.
scenario ref_static "reference \`/static\`" - "$REF_PID" "$REF/static"
scenario ref_counter_cookie "reference \`/counter\`, with cookie" - "$REF_PID" "$REF/counter" "$REF_COOKIE"
scenario ref_counter_fresh "reference \`/counter\`, no cookie" - "$REF_PID" "$REF/counter"

# The store holds BASE_STORE sessions for the first home-page run (before "no cookie" adds more).
"${HELPER[@]}" sessions "$DB" "$BASE_STORE" >/dev/null
check_session "$(session_id "$APP_COOKIE")"
scenario home_cookie "home \`/\`, with cookie, $(thousands "$(session_count)") sessions" \
  ref_counter_cookie "$APP_PID" "$APP/" "$APP_COOKIE"
scenario home_fresh "home \`/\`, no cookie" ref_counter_fresh "$APP_PID" "$APP/"
scenario books "books \`/catalog/books\`" ref_static "$APP_PID" "$APP/catalog/books" "$APP_COOKIE"
scenario book "book \`/catalog/book/1\`" ref_static "$APP_PID" "$APP/catalog/book/1" "$APP_COOKIE"
# Strangers: no cookie, so the kept page (middleware/page_cache.rs) answers after the first.
scenario books_fresh "books \`/catalog/books\`, no cookie" ref_static "$APP_PID" "$APP/catalog/books"
scenario book_fresh "book \`/catalog/book/1\`, no cookie" ref_static "$APP_PID" "$APP/catalog/book/1"
scenario search "search \`/catalog/books?q=the\`" ref_static "$APP_PID" "$APP/catalog/books?q=the" "$APP_COOKIE"
scenario css "stylesheet \`/pkg/*.css\`, $((CSS_BYTES / 1024)) KiB" ref_static "$APP_PID" "$APP$CSS" "$APP_COOKIE"
scenario wasm "WASM \`/pkg/*.wasm\`, $((WASM_BYTES / 1024)) KiB" ref_static "$APP_PID" "$APP$WASM" "$APP_COOKIE"

log "stopping the app to fill the session store up to $(thousands "$BIG_STORE") sessions"
stop "$APP_PID"; APP_PID=""
SYNTHETIC=$("${HELPER[@]}" sessions "$DB" "$BIG_STORE")
log "store now holds $(thousands "$(session_count)") sessions ($(du -h "$DB" | cut -f1) database); restarting the app"
start_app
check_session "$SYNTHETIC"
check_session "$(session_id "$APP_COOKIE")"
scenario home_cookie_big "home \`/\`, with cookie, $(thousands "$(session_count)") sessions" \
  home_cookie "$APP_PID" "$APP/" "$APP_COOKIE"
fi # RUN_SERVER

# --- report -----------------------------------------------------------------------------------
ERRORS=$(grep -c ' ERROR ' "$DIR/app.log" || true)
if ((ERRORS)); then
  log "the app logged $ERRORS errors (wrk closing connections mid-request causes some), most frequent:"
  grep ' ERROR ' "$DIR/app.log" | cut -d' ' -f2- | sort | uniq -c | sort -rn | head -n 3 >&2
fi
MD=$ROOT/BENCHMARKS.md
[[ ${BENCH_WRITE:-1} == 0 ]] && MD=-
BUSY=""
[[ -n $BUSY_NOTE ]] && BUSY=" Measured while someone else's $BUSY_NOTE was still running after ${WAIT_MAX} s of waiting."
[[ -n $APP_RESTARTS ]] && BUSY+=" The app exited during the run ($APP_RESTARTS) and was started again."
RUN="Run $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores ($CPU_MODEL), commit $COMMIT"
if ((RUN_SERVER)); then
  HEADER="$RUN; wrk -t$THREADS -c$CONNECTIONS, ${SECONDS_PER_RUN} s per scenario after ${WARMUP} s of \
warm-up; load average at the start $LOAD_BEFORE.$BUSY"
  echo
  echo "$HEADER"
  echo
  "${HELPER[@]}" report "$RESULTS" "$MD" "$HEADER"
fi
if ((RUN_BROWSER)); then
  HEADER="$RUN; $CHROMIUM_VERSION ($CHROME), headless; load average at the start $BROWSER_LOAD.$BUSY"
  echo
  echo "$HEADER"
  echo
  "${HELPER[@]}" browser "$LIGHTHOUSE_TSV" "$FIRST_LOAD_JSON" "$FIRST_LOAD_MISSING" "$MD" "$HEADER"
fi
[[ $MD == - ]] || log "written into BENCHMARKS.md"
