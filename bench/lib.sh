#!/usr/bin/env bash
# Functions for bench/run.sh (sourced by it; they read its settings and variables).

log() { printf '\033[1;34m[bench]\033[0m %s\n' "$*" >&2; }

die() { printf '\033[1;31m[bench]\033[0m %s\n' "$*" >&2; exit 1; }

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

# The cookies a browser would keep after its first visit to URL, as one Cookie header value.
# The cookies a browser holds after two visits to URL: the app stores a session only when the
# test cookie of the first visit comes back (the reference sets its session at once).
cookies_from() {
  local jar
  jar=$(mktemp)
  curl -sf -o /dev/null -c "$jar" "$1"
  curl -sf -o /dev/null -b "$jar" -c "$jar" "$1"
  awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
  rm -f "$jar"
}

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

cpu_ticks() { # PID: utime + stime of every thread so far (fields 14 and 15 of /proc/PID/stat)
  local stat
  stat=$(<"/proc/$1/stat")
  stat=${stat##*) }  # the command name may hold spaces; fields resume after its ')'
  read -r -a f <<<"$stat"
  echo $((f[11] + f[12]))
}

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

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
