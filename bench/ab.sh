#!/usr/bin/env bash
# A/B: two release binaries (or one binary with two settings) side by side on copies of one
# database, measured in turns (A, B, A, B, …) so the shared machine's drift hits both alike.
# Prints server CPU µs per request and req/s of each, per scenario, with B's change against A.
#
# Usage: bench/ab.sh BINARY_A BINARY_B [ROUNDS]
#   AB_ENV_A / AB_ENV_B   extra settings for one side ("DATABASE_MAX_CONNECTIONS=4 …")
#   AB_SECONDS=5          seconds per wrk run; AB_SITE: the built site (target/site)
# Each binary reads hash.txt beside it: copy the one of its build next to it.
set -euo pipefail
cd "$(dirname "$0")/.."
A=$1 B=$2 ROUNDS=${3:-3}
SECONDS_PER_RUN=${AB_SECONDS:-5}
SITE=${AB_SITE:-$PWD/target/site}
DIR=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$DIR"' EXIT
export LOCALLIBRARY_SEED=false LEPTOS_ENV=PROD LEPTOS_SITE_ROOT=$SITE RUST_LOG=warn REGISTRATION_RATE_LIMIT=0

DATABASE_URL="sqlite://$DIR/seed.db" "$A" seed --books 2000 --authors 500 >/dev/null 2>&1
# Into the file itself (the seed sits in the write-ahead log until checkpointed), then copied.
python3 -c "import sqlite3, sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA wal_checkpoint(TRUNCATE)')" "$DIR/seed.db"
[[ $(python3 -c "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM books').fetchone()[0])" "$DIR/seed.db") == 2000 ]] \
  || { echo "seeding failed" >&2; exit 1; }

start() { # NAME BINARY PORT ENV: starts a server on its own copy of the database
  cp "$DIR/seed.db" "$DIR/$1.db"
  env $4 DATABASE_URL="sqlite://$DIR/$1.db" LEPTOS_SITE_ADDR="127.0.0.1:$3" "$2" serve >"$DIR/$1.log" 2>&1 &
  PIDS+=($!)
  until curl -sf "http://127.0.0.1:$3/healthz" >/dev/null; do
    kill -0 "${PIDS[-1]}" 2>/dev/null || { echo "server $1 ($2) did not start:" >&2; tail -n 5 "$DIR/$1.log" >&2; exit 1; }
    sleep 0.2
  done
}
start a "$A" 3971 "${AB_ENV_A:-}"
PID_A=${PIDS[-1]}
start b "$B" 3972 "${AB_ENV_B:-}"
PID_B=${PIDS[-1]}

cookie() { # PORT: the cookies a browser holds after two home visits
  local jar
  jar=$(mktemp)
  curl -sf -o /dev/null -c "$jar" "http://127.0.0.1:$1/"
  curl -sf -o /dev/null -b "$jar" -c "$jar" "http://127.0.0.1:$1/"
  awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s%s=%s", (n++ ? "; " : ""), $6, $7 }' "$jar"
  rm -f "$jar"
}
COOKIE_A=$(cookie 3971)
COOKIE_B=$(cookie 3972)

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # PID PORT PATH COOKIE → "cpu_ticks requests"
  local before out
  before=$(ticks "$1")
  if [[ -n $4 ]]; then
    out=$(wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" -H "Cookie: $4" "http://127.0.0.1:$2$3")
  else
    out=$(wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" "http://127.0.0.1:$2$3")
  fi
  echo "$(($(ticks "$1") - before)) $(awk '/requests in/ {print $1}' <<<"$out")"
}

HZ=$(getconf CLK_TCK)
printf '| scenario | A µs/req | B µs/req | B vs A | A req/s | B req/s |\n|---|---:|---:|---:|---:|---:|\n'
for scenario in "home, cookie|/|1" "books, cookie|/catalog/books|1" "book, cookie|/catalog/book/1|1" \
  "books, no cookie|/catalog/books|0" "book, no cookie|/catalog/book/1|0" "home, no cookie|/|0"; do
  IFS='|' read -r label path with_cookie <<<"$scenario"
  ca="" cb=""
  ((with_cookie)) && ca=$COOKIE_A cb=$COOKIE_B
  ta=0 na=0 tb=0 nb=0
  for _ in $(seq "$ROUNDS"); do
    read -r t n < <(run "$PID_A" 3971 "$path" "$ca"); ta=$((ta + t)); na=$((na + n))
    read -r t n < <(run "$PID_B" 3972 "$path" "$cb"); tb=$((tb + t)); nb=$((nb + n))
  done
  awk -v ta=$ta -v na=$na -v tb=$tb -v nb=$nb -v hz="$HZ" -v s=$((ROUNDS * SECONDS_PER_RUN)) -v l="$label" 'BEGIN {
    a = ta / hz * 1e6 / na; b = tb / hz * 1e6 / nb
    printf "| %s | %.0f | %.0f | %+.0f %% | %.0f | %.0f |\n", l, a, b, (b / a - 1) * 100, na / s, nb / s }'
done
printf '\nRSS after: A %s MiB, B %s MiB\n' \
  "$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' /proc/$PID_A/status)" \
  "$(awk '/VmRSS/ {printf "%.1f", $2 / 1024}' /proc/$PID_B/status)"
