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

log() { printf '\033[1;34m[bench]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[bench]\033[0m %s\n' "$*" >&2; exit 1; }

for n in "$SECONDS_PER_RUN" "$CONNECTIONS" "$THREADS" "$WARMUP" "$BIG_STORE" "$LIGHTHOUSE_RUNS" \
  "$FIRST_LOAD_RUNS" "$WAIT_MAX"; do
  [[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || die "BENCH_* settings take whole numbers above 0, not '$n'"
done
((THREADS <= CONNECTIONS)) || die "BENCH_THREADS ($THREADS) must not exceed BENCH_CONNECTIONS ($CONNECTIONS)"

# --- processes and clean-up -------------------------------------------------------------------
APP_PID="" REF_PID=""
DIR=$(mktemp -d "${TMPDIR:-/tmp}/locallibrary-bench.XXXXXX")
stop() { # PID: SIGTERM, wait up to 10 s, then SIGKILL
  local pid=$1
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop "$APP_PID"
  stop "$REF_PID"
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $DIR"; else rm -rf "$DIR"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# --- a quiet machine --------------------------------------------------------------------------
# Someone else's load generator or server would take cores from this run's numbers.
BUSY_NOTE=""
others_running() { # prints what runs that would pollute the numbers; nothing when quiet
  local pid busy=""
  for pid in $(pgrep -x wrk); do busy+=" wrk (pid $pid)"; done
  for pid in $(pgrep -x locallibrary); do
    [[ $pid == "$APP_PID" ]] && continue
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qw serve && busy+=" locallibrary serve (pid $pid)"
  done
  echo "${busy# }"
}
wait_quiet() {
  local busy waited=0
  while busy=$(others_running) && [[ -n $busy ]]; do
    if ((waited == 0)); then log "waiting for someone else's $busy to end (up to ${WAIT_MAX} s)"; fi
    if ((waited >= WAIT_MAX)); then
      log "still running after ${WAIT_MAX} s: $busy; measuring anyway"
      [[ $BUSY_NOTE == *"$busy"* ]] || BUSY_NOTE+="${BUSY_NOTE:+, }$busy"
      return 0
    fi
    sleep 5
    waited=$((waited + 5))
  done
  if ((waited)); then log "quiet again after ${waited} s"; fi
}
# A build writes the binary, hash.txt and target/site one after the other: wait for it to end
# before copying them, so the copies match.
wait_for_build() {
  local pids waited=0
  while pids=$(pgrep -x cargo-leptos | paste -sd ' ') && [[ -n $pids ]]; do
    if ((waited == 0)); then log "waiting for a build under way (cargo-leptos, pid $pids) to end"; fi
    ((waited < WAIT_MAX)) || die "cargo-leptos (pid $pids) still runs after ${WAIT_MAX} s"
    sleep 5
    waited=$((waited + 5))
  done
}

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

wait_until_up() { # NAME PID URL LOG
  for _ in $(seq 150); do
    curl -sf -o /dev/null "$3" && return 0
    kill -0 "$2" 2>/dev/null || { tail -n 20 "$4" >&2; die "$1 exited before answering"; }
    sleep 0.2
  done
  tail -n 20 "$4" >&2
  die "$1 did not answer $3 within 30 s"
}
start_app() {
  "$BIN" serve >>"$DIR/app.log" 2>&1 &
  APP_PID=$!
  wait_until_up "the app" "$APP_PID" "$APP/favicon.ico" "$DIR/app.log"
}
# Before a browser measurement: the app must still run (on a shared machine something may have
# stopped it); if it exited, say how and start it again on the same database.
ensure_app() {
  kill -0 "$APP_PID" 2>/dev/null && return 0
  local status=0
  wait "$APP_PID" 2>/dev/null || status=$?
  log "the app (pid $APP_PID) exited with status $status$( ((status > 128)) && echo " (signal $((status - 128)))"); \
last log lines:$(tail -n 5 "$DIR/app.log" | sed 's/^/ | /' | tr '\n' ' '); starting it again"
  APP_RESTARTS+="${APP_RESTARTS:+, }status $status"
  start_app
}
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
# Before the wrk scenarios, on a fresh server and store, so nothing of theirs lingers.
LIGHTHOUSE_TSV="$DIR/lighthouse.tsv"
FIRST_LOAD_JSON="$DIR/first-load.json"
LIGHTHOUSE_TIMEOUT=300
if ((RUN_BROWSER)); then
  : >"$LIGHTHOUSE_TSV"
  BROWSER_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
  CHROMIUM_VERSION="Chromium $("$CHROME" --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -n 1 || true)"
  # lighthouse_page KEY LABEL PATH: LIGHTHOUSE_RUNS runs, one TSV line each
  #   key  label  path  json-file  reason-it-failed (empty when it worked)
  lighthouse_page() {
    local key=$1 label=$2 path=$3 i out lhlog reason summary status
    for ((i = 1; i <= LIGHTHOUSE_RUNS; i++)); do
      out="$DIR/lighthouse-$key-$i.json" lhlog="$DIR/lighthouse-$key-$i.log"
      reason=$LIGHTHOUSE_MISSING
      if [[ -z $reason ]]; then
        wait_quiet
        ensure_app
        # Mobile preset (Lighthouse's default): simulated slow 4G, 4x slower CPU, cold cache.
        status=0
        CHROME_PATH="$CHROME" timeout -s INT -k 20 "$LIGHTHOUSE_TIMEOUT" "$LIGHTHOUSE" "$APP$path" \
          --output=json --output-path="$out" --only-categories=performance --form-factor=mobile \
          --throttling-method=simulate --max-wait-for-load=60000 --no-enable-error-reporting \
          --chrome-flags="$CHROME_FLAGS" >"$lhlog" 2>&1 || status=$?
        if ((status == 124)); then
          reason="lighthouse did not finish within $LIGHTHOUSE_TIMEOUT s"
        elif ((status)); then
          summary=$(grep -iE 'error|fail|timed out|unable' "$lhlog" | tail -n 1 | cut -c1-300 || true)
          reason="lighthouse exited with status $status: ${summary:-$(tail -n 1 "$lhlog" | cut -c1-300)}"
        elif ! summary=$("${HELPER[@]}" lighthouse-summary "$out" 2>&1); then
          reason=$summary
        fi
      fi
      if [[ -n $reason ]]; then
        log "Lighthouse $label, run $i/$LIGHTHOUSE_RUNS: not measured: $reason"
        [[ -n $LIGHTHOUSE_MISSING ]] && i=$LIGHTHOUSE_RUNS  # one line says it all
      else
        log "Lighthouse $label, run $i/$LIGHTHOUSE_RUNS: $summary"
      fi
      printf '%s\t%s\t%s\t%s\t%s\n' "$key" "$label" "$path" "$out" "${reason//$'\t'/ }" >>"$LIGHTHOUSE_TSV"
    done
  }
  [[ -z $LIGHTHOUSE_MISSING ]] && log "Lighthouse $("$LIGHTHOUSE" --version), mobile preset, $LIGHTHOUSE_RUNS runs per page, $CHROMIUM_VERSION"
  lighthouse_page home "home \`/\`" /
  lighthouse_page books "books \`/catalog/books\`" /catalog/books
  lighthouse_page book "book \`/catalog/book/1\`" /catalog/book/1

  : >"$FIRST_LOAD_JSON"
  if [[ -z $FIRST_LOAD_MISSING ]]; then
    wait_quiet
    ensure_app
    log "first load of $APP/ with a cold cache, then a repeat visit: $FIRST_LOAD_RUNS runs (bench/first-load.mjs)"
    if ! CHROME_PATH="$CHROME" timeout -s INT -k 20 300 node "$ROOT/bench/first-load.mjs" "$APP/" "$FIRST_LOAD_RUNS" \
      >"$FIRST_LOAD_JSON" 2>"$DIR/first-load.err"; then
      FIRST_LOAD_MISSING="bench/first-load.mjs failed: $(grep -v '^\s*$' "$DIR/first-load.err" | tail -n 1 | cut -c1-300)"
      [[ $FIRST_LOAD_MISSING == *": " ]] && FIRST_LOAD_MISSING+="no output (timed out after 300 s?)"
      log "first load not measured: $FIRST_LOAD_MISSING"
      : >"$FIRST_LOAD_JSON"
    fi
  fi
fi

if ((RUN_SERVER)); then

# Asset names may carry a content hash: take the URLs pages link, else the newest built files.
PAGE_HTML=$(curl -sf "$APP/catalog/books") || die "the books page did not answer"
asset() { # EXTENSION -> path, e.g. /pkg/locallibrary.abc.css
  local linked
  linked=$(grep -o "/pkg/[A-Za-z0-9._-]*\.$1\b" <<<"$PAGE_HTML" | head -n 1 || true)
  [[ -z $linked ]] && linked=$(cd "$SITE" && ls -t pkg/*."$1" 2>/dev/null | head -n 1 | sed 's|^|/|')
  [[ -n $linked ]] || die "found no .$1 file: neither linked from a page nor under $SITE/pkg"
  echo "$linked"
}
asset_size() { # PATH -> bytes served (fails unless it answers 200)
  curl -sf -o /dev/null -w '%{size_download}' "$APP$1" || die "$APP$1 did not answer 200"
}
CSS=$(asset css)
WASM=$(asset wasm)
CSS_BYTES=$(asset_size "$CSS")
WASM_BYTES=$(asset_size "$WASM")
log "assets: $CSS ($CSS_BYTES bytes), $WASM ($WASM_BYTES bytes)"

# The cookies a browser would keep after its first visit to URL, as one Cookie header value.
cookies_from() {
  curl -sf -o /dev/null -D - "$1" | tr -d '\r' \
    | sed -n 's/^[Ss]et-[Cc]ookie: *\([^;]*\).*/\1/p' | paste -sd ';' | sed 's/;/; /g'
}
APP_COOKIE=$(cookies_from "$APP/")
REF_COOKIE=$(cookies_from "$REF/counter")
[[ $APP_COOKIE == *"$COOKIE_NAME="* ]] || die "the app's home page set no $COOKIE_NAME cookie (got '$APP_COOKIE')"
[[ $REF_COOKIE == *"sessionid="* ]] || die "the reference set no session cookie (got '$REF_COOKIE')"
session_id() { sed -n "s/.*$COOKIE_NAME=\([^;]*\).*/\1/p" <<<"$1"; }

# Sessions checked to load: one made by the app and one synthetic row, through the home page.
check_session() { # ID: the home page must answer 200 and keep the session (no new id)
  local headers
  headers=$(curl -s -o /dev/null -D - -w '%{http_code}\n' -H "Cookie: $COOKIE_NAME=$1" "$APP/" | tr -d '\r')
  [[ $(tail -n 1 <<<"$headers") == 200 ]] || die "home page with session $1 answered $(tail -n 1 <<<"$headers")"
  if grep -qi "^set-cookie: $COOKIE_NAME=" <<<"$headers" \
    && ! grep -qi "^set-cookie: $COOKIE_NAME=$1;" <<<"$headers"; then
    die "session $1 did not load (the app started a new one): synthetic sessions are malformed"
  fi
}

# --- scenarios --------------------------------------------------------------------------------
RESULTS="$DIR/results.tsv"
: >"$RESULTS"
TOTAL=11 STEP=0

cpu_ticks() { # PID: utime + stime of every thread so far (fields 14 and 15 of /proc/PID/stat)
  local stat
  stat=$(<"/proc/$1/stat")
  stat=${stat##*) }  # the command name may hold spaces; fields resume after its ')'
  read -r -a f <<<"$stat"
  echo $((f[11] + f[12]))
}
rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }
TICKS_PER_SECOND=$(getconf CLK_TCK)

# scenario KEY LABEL REFERENCE-KEY PID URL [COOKIE]
scenario() {
  local key=$1 label=$2 ref=$3 pid=$4 url=$5 cookie=${6:-} out="$DIR/$1.wrk" before after
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency)
  [[ -n $cookie ]] && args+=(-H "Cookie: $cookie")
  STEP=$((STEP + 1))
  wait_quiet
  wrk "${args[@]}" -d"${WARMUP}s" "$url" >/dev/null
  before=$(cpu_ticks "$pid")
  wrk "${args[@]}" -d"${SECONDS_PER_RUN}s" "$url" >"$out"
  after=$(cpu_ticks "$pid")
  local cpu rss summary
  cpu=$(awk -v t=$((after - before)) -v hz="$TICKS_PER_SECOND" 'BEGIN { printf "%.4f", t / hz }')
  rss=$(rss_kib "$pid")
  summary=$("${HELPER[@]}" parse "$out")
  read -r rps p50 p99 count errors <<<"$summary"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$key" "$label" "$ref" "$out" "$cpu" "$rss" >>"$RESULTS"
  log "[$STEP/$TOTAL] $label: $rps req/s, p50 $p50 ms, p99 $p99 ms, $(awk -v c="$cpu" -v n="$count" \
    'BEGIN { printf "%.0f", c * 1e6 / (n ? n : 1) }') µs CPU/req, RSS $((rss / 1024)) MiB$( ((errors)) && echo ", $errors FAILED")"
}
session_count() {
  python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from tower_sessions").fetchone()[0])' "$DB"
}
thousands() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}".replace(",", " "))' "$1"; }

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
