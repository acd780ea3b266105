#!/usr/bin/env bash
# Home-page throughput of a cluster on this machine: one server on its own, then nginx in front of
# 1, 2 and 3 servers sharing one PostgreSQL database and Redis (scripts/cluster.sh), all in one
# run with Debian's wrk; then what one request costs PostgreSQL and Redis (statements and
# commands per request, counted over a fixed number of requests). Prints the Markdown and writes
# it into BENCHMARKS.md between <!-- cluster:start --> and <!-- cluster:end --> (appended at the
# end the first time; nothing else in the file is touched).
#
# Scenarios, each with wrk -t$BENCH_THREADS -c$BENCH_CONNECTIONS for $BENCH_SECONDS after a warm-up:
#   home, returning visitors   GET / with the cookies of BENCH_VISITORS visitors whose sessions
#                              exist, one visitor per request in turn (a Lua script): a session
#                              load and one counter increment each
#   home, first visits         GET / without cookies: counted in the test cookie, nothing stored
# CPU time per request is split between the servers, nginx, PostgreSQL and Redis
# (/proc/PID/stat; wrk's own share is the rest of the two cores).
#
# Settings (environment):
#   BENCH_SECONDS=10 BENCH_WARMUP=2 BENCH_CONNECTIONS=32 BENCH_THREADS=2   as in bench/run.sh
#   BENCH_VISITORS=1000      returning visitors (sessions) the first scenario rotates through
#   BENCH_COUNT_REQUESTS=200 requests per page when counting statements and commands
#   BENCH_ENGINE=redis       session engine (redis or db)
#   BENCH_SKIP_BUILD=1       use the existing release build instead of `make release`
#   BENCH_WRITE=0            print only; BENCHMARKS.md stays as it is
#   BENCH_KEEP=1             keep the run folder (logs, wrk outputs, nginx config)
#   BENCH_COMMIT             the commit to name in the header (default: this checkout's HEAD),
#                            for a LOCALLIBRARY_BIN built from another checkout
#   BENCH_CLUSTER_PORT=3970  nginx; the servers use the next three ports
#   LOCALLIBRARY_BIN, LOCALLIBRARY_SITE_ROOT   a build other than $CARGO_TARGET_DIR/release and
#                            target/site (with BENCH_SKIP_BUILD=1)
#   BENCH_WAIT_MAX=1800      seconds to wait for someone else's build (cargo, rustc), wrk or
#                            `locallibrary serve` to end before each measurement (on two cores
#                            they would take the CPU the numbers are about); then measure anyway,
#                            noted in the header
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

log() { printf '\033[1;34m[bench-cluster]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[bench-cluster]\033[0m %s\n' "$*" >&2; exit 1; }

SECONDS_PER_RUN=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP:-2}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
VISITORS=${BENCH_VISITORS:-1000}
COUNT_REQUESTS=${BENCH_COUNT_REQUESTS:-200}
ENGINE=${BENCH_ENGINE:-redis}
PORT=${BENCH_CLUSTER_PORT:-3970}
for n in "$SECONDS_PER_RUN" "$WARMUP" "$CONNECTIONS" "$THREADS" "$VISITORS" "$COUNT_REQUESTS" "$PORT"; do
  [[ $n =~ ^[0-9]+$ && $n -gt 0 ]] || die "BENCH_* settings take whole numbers above 0, not '$n'"
done
[[ $ENGINE == redis || $ENGINE == db ]] || die "BENCH_ENGINE is redis or db, not '$ENGINE'"
((THREADS <= CONNECTIONS)) || die "BENCH_THREADS ($THREADS) must not exceed BENCH_CONNECTIONS ($CONNECTIONS)"
WAIT_MAX=${BENCH_WAIT_MAX:-1800}
[[ $WAIT_MAX =~ ^[0-9]+$ ]] || die "BENCH_WAIT_MAX takes a whole number of seconds, not '$WAIT_MAX'"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

export CACHE_DIR="${CACHE_DIR:-$HOME/.cache/locallibrary}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE_DIR/target}"
export PATH="$CACHE_DIR/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
BIN=${LOCALLIBRARY_BIN:-$CARGO_TARGET_DIR/release/locallibrary}
SITE=${LOCALLIBRARY_SITE_ROOT:-${LEPTOS_SITE_ROOT:-$ROOT/target/site}}
PG_PORT=${LOCALLIBRARY_PG_PORT:-5439}
REDIS_PORT=${LOCALLIBRARY_REDIS_PORT:-6390}
PG_DATA=${LOCALLIBRARY_PG_DATA:-/var/tmp/locallibrary-postgres}
DB=locallibrary_cluster_bench
REDIS_DB=4

if ! command -v wrk >/dev/null; then
  log "installing Debian's wrk"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq wrk >/dev/null
fi
command -v curl >/dev/null || die "curl is needed"
if [[ ${BENCH_SKIP_BUILD:-0} == 1 ]]; then
  log "BENCH_SKIP_BUILD=1: using the existing release build"
else
  log "building the release site (make release)"
  make --no-print-directory -C "$ROOT" release
fi
[[ -x $BIN ]] || die "no release binary at $BIN: run without BENCH_SKIP_BUILD, or 'make release'"
[[ -d $SITE/pkg ]] || die "no built site at $SITE/pkg: run without BENCH_SKIP_BUILD, or 'make release'"

DIR=$(mktemp -d "${TMPDIR:-/tmp}/locallibrary-bench-cluster.XXXXXX")
# A private copy of the binary, so a rebuild during the run cannot swap it between starts.
cp "$BIN" "$DIR/locallibrary"
[[ -f $(dirname "$BIN")/hash.txt ]] && cp "$(dirname "$BIN")/hash.txt" "$DIR/hash.txt"
export LOCALLIBRARY_BIN=$DIR/locallibrary LOCALLIBRARY_SITE_ROOT=$SITE CLUSTER_DIR=$DIR/cluster \
  CLUSTER_PORT=$PORT CLUSTER_SERVER_PORT=$((PORT + 1)) CLUSTER_DB=$DB CLUSTER_REDIS_DB=$REDIS_DB \
  CLUSTER_SESSION_ENGINE=$ENGINE REGISTRATION_RATE_LIMIT=0 RUST_LOG=warn
NGINX_URL="http://127.0.0.1:$PORT"
DIRECT_URL="http://127.0.0.1:$((PORT + 1))"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  # The bench's own database and Redis database go; then what `up` started stops.
  for pid_file in "$CLUSTER_DIR"/app*.pid; do
    [[ -f $pid_file ]] && kill "$(cat "$pid_file")" 2>/dev/null || true
  done
  psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli -p "$REDIS_PORT" -n "$REDIS_DB" flushdb >/dev/null 2>&1 || true
  scripts/cluster.sh down >/dev/null 2>&1 || log "scripts/cluster.sh down failed: see $DIR"
  if [[ ${BENCH_KEEP:-0} == 1 ]]; then log "kept $DIR"; else rm -rf "$DIR"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

psql_admin() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

cluster_up() { # INSTANCES
  INSTANCES=$1 scripts/cluster.sh up 2>>"$DIR/cluster.log" \
    || { tail -n 20 "$DIR/cluster.log" >&2; die "scripts/cluster.sh up failed (INSTANCES=$1)"; }
}

# --- a quiet machine --------------------------------------------------------------------------
BUSY_NOTE=""
others_running() { # what else takes CPU now (not this run's servers), or nothing
  local pid name busy="" ours
  ours=" $(cat "$CLUSTER_DIR"/app*.pid 2>/dev/null | tr '\n' ' ') "
  for name in cargo rustc cargo-leptos wrk; do
    for pid in $(pgrep -x "$name"); do busy+=" $name (pid $pid)"; done
  done
  for pid in $(pgrep -x locallibrary); do
    [[ $ours == *" $pid "* ]] && continue
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qw serve && busy+=" locallibrary serve (pid $pid)"
  done
  echo "${busy# }"
}
wait_quiet() {
  local busy waited=0
  while busy=$(others_running) && [[ -n $busy ]]; do
    ((waited == 0)) && log "waiting for someone else's ${busy:0:200} to end (up to ${WAIT_MAX} s)"
    if ((waited >= WAIT_MAX)); then
      log "still running after ${WAIT_MAX} s; measuring anyway"
      [[ -n $BUSY_NOTE ]] || BUSY_NOTE=" Measured while someone else's ${busy%% (*} was running (after ${WAIT_MAX} s of waiting)."
      return 0
    fi
    sleep 5
    waited=$((waited + 5))
  done
  ((waited == 0)) || log "quiet again after ${waited} s"
}

# --- CPU time of each part --------------------------------------------------------------------
ticks() { # PID…: utime + stime of these processes so far, summed
  local pid stat total=0 f
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    read -r -a f <<<"$stat"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}
app_pids() { cat "$CLUSTER_DIR"/app*.pid 2>/dev/null || true; }
nginx_pids() { local m; m=$(cat "$CLUSTER_DIR/nginx.pid" 2>/dev/null) || return 0; echo "$m"; pgrep -P "$m" || true; }
pg_pids() { local m; m=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null) || return 0; echo "$m"; pgrep -P "$m" || true; }
redis_pids() { redis-cli -p "$REDIS_PORT" info server | tr -d '\r' | sed -n 's/^process_id://p'; }
# The children of PostgreSQL come and go (a connection per backend): count them at both ends.
cpu_snapshot() { # -> "app nginx pg redis" ticks
  # shellcheck disable=SC2046
  echo "$(ticks $(app_pids)) $(ticks $(nginx_pids)) $(ticks $(pg_pids)) $(ticks $(redis_pids))"
}

# --- returning visitors -----------------------------------------------------------------------
# VISITORS visitors, each after two home views (the second stores the session), as Cookie lines.
make_visitors() { # URL COUNT FILE
  python3 - "$@" <<'PY'
import concurrent.futures, http.client, sys, urllib.parse
url, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
host = urllib.parse.urlsplit(url)

def visitor(_):
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    jar = {}
    for _ in range(2):
        headers = {"Accept-Language": "en"}
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        conn.request("GET", "/", headers=headers)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"home page answered {response.status}")
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                k, v = value.split(";", 1)[0].split("=", 1)
                jar[k.strip()] = v.strip()
    conn.close()
    if "sessionid" not in jar:
        raise SystemExit(f"no session cookie after two visits: {jar}")
    return "; ".join(f"{k}={v}" for k, v in jar.items())

with concurrent.futures.ThreadPoolExecutor(8) as pool:
    lines = list(pool.map(visitor, range(count)))
open(out, "w").write("\n".join(lines) + "\n")
PY
}

cat >"$DIR/visitors.lua" <<'LUA'
-- One returning visitor per request, in turn (each thread starts at its own place).
local cookies = {}
for line in io.lines(os.getenv("BENCH_COOKIES")) do cookies[#cookies + 1] = line end
local i = 0
function setup(thread) thread:set("offset", math.random(#cookies)) end
function init(args) i = offset or 0 end
function request()
  i = i % #cookies + 1
  return wrk.format("GET", "/", { ["Cookie"] = cookies[i], ["Accept-Language"] = "en" })
end
LUA

# --- measurements -----------------------------------------------------------------------------
RESULTS=$DIR/results.tsv
: >"$RESULTS"
TICK=$(getconf CLK_TCK)

measure() { # SETUP-LABEL SCENARIO-LABEL URL [LUA]
  local setup=$1 scenario=$2 url=$3 lua=${4:-} out before after
  out="$DIR/$(echo "$setup-$scenario" | tr -c 'a-zA-Z0-9\n' '_').wrk"
  local args=(-t"$THREADS" -c"$CONNECTIONS" --latency -H 'Accept-Language: en')
  [[ -n $lua ]] && args+=(-s "$lua")
  wait_quiet
  wrk "${args[@]}" -d"${WARMUP}s" "$url" >/dev/null
  before=$(cpu_snapshot)
  wrk "${args[@]}" -d"${SECONDS_PER_RUN}s" "$url" >"$out"
  after=$(cpu_snapshot)
  local rps p50 p99 count errors
  read -r rps p50 p99 count errors <<<"$(python3 bench/bench.py parse "$out")"
  local cpu
  cpu=$(awk -v b="$before" -v a="$after" -v n="$count" -v hz="$TICK" 'BEGIN {
    split(b, x, " "); split(a, y, " ");
    for (k = 1; k <= 4; k++) printf "%s%.0f", (k > 1 ? " " : ""), (y[k] - x[k]) / hz * 1e6 / (n ? n : 1) }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$setup" "$scenario" "$rps" "$p50" "$p99" "$count" "$errors" "$cpu" >>"$RESULTS"
  log "$setup, $scenario: $rps req/s, p50 $p50 ms, p99 $p99 ms, CPU µs/req (app nginx pg redis) $cpu$( ((errors)) && echo ", $errors FAILED")"
}

log "run folder $DIR; a fresh database $DB, sessions: $ENGINE"
CLUSTER_FRESH=1 cluster_up 1
log "making $VISITORS returning visitors"
make_visitors "$NGINX_URL" "$VISITORS" "$DIR/cookies.txt"
export BENCH_COOKIES=$DIR/cookies.txt

log "each scenario: ${WARMUP} s warm-up, then wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s"
measure "one server, no nginx" "home, returning visitors" "$DIRECT_URL/" "$DIR/visitors.lua"
measure "one server, no nginx" "home, first visits" "$DIRECT_URL/"
for n in 1 2 3; do
  cluster_up "$n"
  label="nginx + $n server$( ((n > 1)) && echo s || true)"
  measure "$label" "home, returning visitors" "$NGINX_URL/" "$DIR/visitors.lua"
  measure "$label" "home, first visits" "$NGINX_URL/"
done
# The same three servers with nginx opening a connection per request instead of keeping them.
KEEPALIVE_DEFAULT=$(sed -n 's/^  KEEPALIVE=\${CLUSTER_KEEPALIVE:-\([0-9]*\)}$/\1/p' scripts/cluster.sh)
if [[ ${CLUSTER_KEEPALIVE:-$KEEPALIVE_DEFAULT} == 0 ]]; then
  OTHER_KEEPALIVE=32 OTHER_LABEL="upstream keep-alive 32" KEEPALIVE_LABEL="a new connection to a server per request"
else
  OTHER_KEEPALIVE=0 OTHER_LABEL="no upstream keep-alive"
  KEEPALIVE_LABEL="up to ${CLUSTER_KEEPALIVE:-$KEEPALIVE_DEFAULT} idle connections kept to each server per worker"
fi
CLUSTER_KEEPALIVE=$OTHER_KEEPALIVE cluster_up 3
measure "nginx + 3 servers, $OTHER_LABEL" "home, returning visitors" "$NGINX_URL/" "$DIR/visitors.lua"
measure "nginx + 3 servers, $OTHER_LABEL" "home, first visits" "$NGINX_URL/"
cluster_up 3

# --- statements and commands per request ------------------------------------------------------
# Every statement the servers send is logged (log_statement=all for this database only, from
# their next connection on: the servers are restarted), with the backend's pid; only lines of
# the backends connected to this database are counted.
PG_LOG=$PG_DATA/server.log
[[ -r $PG_LOG ]] || die "cannot read PostgreSQL's log $PG_LOG"
psql_admin -c "ALTER DATABASE $DB SET log_statement = 'all'" >/dev/null
scripts/cluster.sh roll 2>>"$DIR/cluster.log" || die "scripts/cluster.sh roll failed (see $DIR/cluster.log)"
redis_stats() { redis-cli -p "$REDIS_PORT" info commandstats | tr -d '\r' | sed -n 's/^cmdstat_\([a-z|_]*\):calls=\([0-9]*\),.*/\1 \2/p'; }

COUNTS=$DIR/counts.tsv
: >"$COUNTS"
count_requests() { # LABEL PATH CONCURRENCY [COOKIE-FILE]
  local label=$1 path=$2 concurrency=$3 cookies=${4:-} offset
  wait_quiet
  sleep 1
  offset=$(stat -c %s "$PG_LOG")
  redis_stats >"$DIR/redis-before"
  python3 - "$NGINX_URL" "$path" "$COUNT_REQUESTS" "$concurrency" "$cookies" <<'PY'
import concurrent.futures, http.client, sys, urllib.parse
url, path, count, concurrency, cookie_file = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
host = urllib.parse.urlsplit(url)
cookies = open(cookie_file).read().split("\n")[:-1] if cookie_file else []

def one(n):
    conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
    headers = {"Accept-Language": "en"}
    if cookies:
        headers["Cookie"] = cookies[n % len(cookies)]
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"{path} answered {response.status}")

with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
    list(pool.map(one, range(count)))
PY
  sleep 1
  redis_stats >"$DIR/redis-after"
  local pids
  pids=$(psql_admin -c "SELECT pid FROM pg_stat_activity WHERE datname = '$DB'" | paste -sd '|')
  tail -c +"$((offset + 1))" "$PG_LOG" >"$DIR/pg-$label.log"
  python3 - "$label" "$COUNT_REQUESTS" "$DIR/pg-$label.log" "$pids" "$DIR/redis-before" "$DIR/redis-after" >>"$COUNTS" <<'PY'
import collections, re, sys
label, n, log, pids, before, after = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
pids = set(pids.split("|")) if pids else set()
kinds = collections.Counter()
for line in open(log, errors="replace"):
    m = re.search(r"\[(\d+)\] LOG:  (?:statement|execute [^:]*): (.*)", line)
    if not m or m.group(1) not in pids:
        continue
    sql = m.group(2).strip()
    kinds[(sql.split() or ["?"])[0].upper()] += 1
def stats(path):
    return {k: int(v) for k, v in (l.split() for l in open(path) if l.strip())}
b, a = stats(before), stats(after)
redis = collections.Counter({k: a[k] - b.get(k, 0) for k in a if a[k] - b.get(k, 0) > 0})
redis.pop("info", None)  # our own INFO calls
pg_total = sum(kinds.values())
detail = ", ".join(f"{k} {v / n:.2f}" for k, v in kinds.most_common())
rdetail = ", ".join(f"{k.upper()} {v / n:.2f}" for k, v in redis.most_common())
print(f"{label}\t{pg_total / n:.2f}\t{detail or '—'}\t{sum(redis.values()) / n:.2f}\t{rdetail or '—'}")
PY
  log "counted $label: $(tail -n 1 "$COUNTS" | cut -f2,4 | tr '\t' ' ') (PostgreSQL statements, Redis commands per request)"
}
# Fill every server's pools first: a connection opened while counting adds its set-up statements.
wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s "$DIR/visitors.lua" "$NGINX_URL/" >/dev/null
HOME_COOKIE=$DIR/one-visitor.txt
head -n 1 "$DIR/cookies.txt" >"$HOME_COOKIE"
count_requests "home, returning visitor, one at a time" / 1 "$HOME_COOKIE"
count_requests "home, $CONNECTIONS returning visitors at once, 3 servers" / "$CONNECTIONS" "$DIR/cookies.txt"
count_requests "home, first visit" / 1
count_requests "books list, returning visitor" /catalog/books 1 "$HOME_COOKIE"
count_requests "books list, first visit" /catalog/books 1
count_requests "book page, returning visitor" /catalog/book/1 1 "$HOME_COOKIE"
# The same concurrent load on one server: its counter writer batches all of it.
cluster_up 1
count_requests "home, $CONNECTIONS returning visitors at once, 1 server" / "$CONNECTIONS" "$DIR/cookies.txt"
psql_admin -c "ALTER DATABASE $DB RESET log_statement" >/dev/null
# Whether a counter update could stay on its heap page without new index entries (HOT).
sleep 1
read -r UPDATES HOT_UPDATES < <(psql_admin -d "$DB" -F ' ' -c \
  "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE relname = 'visit_counters'")

# --- report -----------------------------------------------------------------------------------
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git status --porcelain 2>/dev/null) ]] && COMMIT="$COMMIT with uncommitted changes"
# A binary built elsewhere (LOCALLIBRARY_BIN) names its commit with BENCH_COMMIT.
COMMIT=${BENCH_COMMIT:-$COMMIT}
NGINX_VERSION=$(nginx -v 2>&1 | sed 's/.*nginx\///')
PG_VERSION=$(psql_admin -c "SHOW server_version" | cut -d' ' -f1)
REDIS_VERSION=$(redis-cli -p "$REDIS_PORT" info server | tr -d '\r' | sed -n 's/^redis_version://p')
SECTION=$DIR/section.md
export PG_VERSION REDIS_VERSION NGINX_VERSION KEEPALIVE_LABEL OTHER_LABEL VISITORS CPU_MODEL COMMIT \
  THREADS CONNECTIONS SECONDS_PER_RUN WARMUP ENGINE LOAD_BEFORE BUSY_NOTE COUNT_REQUESTS UPDATES HOT_UPDATES
export RUN_DATE=$(date -u '+%Y-%m-%d %H:%M UTC') CORES=$(nproc)
python3 - "$RESULTS" "$COUNTS" >"$SECTION" <<'PY'
import os, sys, textwrap
e = os.environ
results = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
counts = [l.rstrip("\n").split("\t") for l in open(sys.argv[2]) if l.strip()]
def thousands(x): return f"{x:,.0f}".replace(",", " ")
def ms(x):
    x = float(x)
    return f"{x * 1000:.0f} µs" if x < 1 else f"{x:.1f} ms"
def para(text): print(textwrap.fill(" ".join(text.split()), 100, break_on_hyphens=False) + "\n")
print("<!-- cluster:start -->\n## Cluster: 1, 2 and 3 servers behind nginx\n")
para(f"""`bench/cluster.sh` starts a cluster with `scripts/cluster.sh` (release servers sharing one
PostgreSQL {e['PG_VERSION']} database and Redis {e['REDIS_VERSION']} for the sessions, nginx
{e['NGINX_VERSION']} in front, round-robin, {e['KEEPALIVE_LABEL']}) and loads the home page with
Debian's wrk: one server on its own port, then nginx in front of 1, 2 and 3 servers, then 3
servers with {e['OTHER_LABEL']}, in one run on one machine. "Returning visitors" rotates through
the cookies of {thousands(int(e['VISITORS']))} visitors whose sessions exist (a session load from
Redis and a counter increment per request); "first visits" sends no cookie (the visit is counted
in the test cookie, nothing is stored). CPU time per request comes from `/proc/PID/stat` of the
servers, nginx's workers, every PostgreSQL process and Redis; wrk uses what is left of the
cores.""")
para(f"""Run {e['RUN_DATE']} on {e['CORES']} cores ({e['CPU_MODEL']}), commit {e['COMMIT']}; wrk
-t{e['THREADS']} -c{e['CONNECTIONS']}, {e['SECONDS_PER_RUN']} s per scenario after {e['WARMUP']} s
of warm-up; sessions: `{e['ENGINE']}`; load average at the start {e['LOAD_BEFORE']}.{e['BUSY_NOTE']}""")
print("| setup | scenario | req/s | p50 | p99 | CPU µs/req: servers | nginx | PostgreSQL | Redis | errors |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for setup, scenario, rps, p50, p99, count, errors, cpu in results:
    app, nginx, pg, redis = cpu.split()
    print(f"| {setup} | {scenario} | {thousands(float(rps))} | {ms(p50)} | {ms(p99)} | {app} | "
          f"{nginx if 'nginx +' in setup else '—'} | {pg} | {redis} | {errors} |")
print()
para("""Every server, nginx, PostgreSQL, Redis and wrk share the same cores here, so more servers
cannot add throughput on this machine: the table shows what each part costs per request and how
that cost moves as servers are added. docs/SCALING.md reads it.""")
para(f"""Statements and commands per request, counted over {e['COUNT_REQUESTS']} requests through
nginx per line, after the pools were filled (PostgreSQL with `log_statement = all` for this
database only, each backend's lines by its pid; Redis by `INFO commandstats` before and after).
sqlx also sends a Sync round trip (its `test_before_acquire` ping) each time a connection leaves
the pool, which the statement log does not show.""")
print("| requests | PostgreSQL statements / request | of which | Redis commands / request | of which |")
print("|---|---:|---|---:|---|")
for label, pg, detail, redis, rdetail in counts:
    print(f"| {label} | {pg} | {detail} | {redis} | {rdetail} |")
print()
para(f"""Over the whole run `visit_counters` took {thousands(int(e['UPDATES'] or 0))} row updates, of
which {thousands(int(e['HOT_UPDATES'] or 0))} were HOT (written on the same page without new index
entries; PostgreSQL's `pg_stat_user_tables`).""")
print("<!-- cluster:end -->")
PY
echo
cat "$SECTION"
if [[ ${BENCH_WRITE:-1} != 0 ]]; then
  python3 - "$ROOT/BENCHMARKS.md" "$SECTION" <<'PY'
import re, sys
md, section = sys.argv[1], open(sys.argv[2]).read().rstrip("\n") + "\n"
text = open(md).read()
pattern = re.compile(r"<!-- cluster:start -->.*?<!-- cluster:end -->\n?", re.S)
if pattern.search(text):
    text = pattern.sub(lambda _: section, text)
else:
    text = text.rstrip("\n") + "\n\n" + section
open(md, "w").write(text)
PY
  log "written into BENCHMARKS.md (between <!-- cluster:start --> and <!-- cluster:end -->)"
fi
