#!/usr/bin/env bash
# A LocalLibrary cluster on this machine: PostgreSQL and Redis (scripts/services.sh), N release
# servers sharing one PostgreSQL database and one session store, and Debian's nginx in front of
# them, balancing round-robin with passive health checks.
#
# Usage: scripts/cluster.sh up|down|roll|status
#   up      start whatever is not running yet (PostgreSQL, Redis, the servers, nginx) and wait
#           until every server answers /readyz and nginx answers; running pieces are kept
#   down    stop exactly what `up` started (the pid files in the run folder): nginx, then the
#           servers (SIGTERM, in-flight requests finish); PostgreSQL and Redis only if `up`
#           started them and no other client uses them now
#   roll    restart the servers one at a time (SIGTERM, wait for the exit, start, wait for
#           /readyz), so the site stays up; also how a new build is deployed
#   status  what runs, on which port
#
# Settings (environment; `up` records them in the run folder and down, roll and status use those):
#   INSTANCES=3                  servers (app1 … appN, each with INSTANCE_NAME, so every
#                                response names its server in X-Instance)
#   CLUSTER_PORT=8080            nginx listens on 127.0.0.1:CLUSTER_PORT
#   CLUSTER_SERVER_PORT=3101     the first server's port; the others follow (3102, 3103, …)
#   CLUSTER_METRICS_PORT=9101    the first server's METRICS_ADDR port (/metrics on 127.0.0.1,
#                                never through nginx); the others follow
#   CLUSTER_SESSION_ENGINE=redis where sessions live: redis (REDIS_URL) or db (PostgreSQL)
#   CLUSTER_DB=locallibrary_cluster   the PostgreSQL database the servers share
#   CLUSTER_REDIS_DB=1           the Redis database number the sessions use
#   CLUSTER_DIR=$CACHE_DIR/cluster    the run folder: nginx.conf, pid files, logs, outbox
#   CLUSTER_FRESH=1              `up` drops the database and empties the Redis database first
#                                (refused while a server of this cluster runs)
#   CLUSTER_MAX_FAILS=2, CLUSTER_FAIL_TIMEOUT=3   nginx's passive health check: a server that
#                                fails this many times is left out for this many seconds
#   CLUSTER_NGINX_WORKERS=auto   nginx worker processes
#   CLUSTER_KEEPALIVE=32         idle connections nginx keeps to each server (0: none)
#   LOCALLIBRARY_BIN             the server binary ($CARGO_TARGET_DIR/release/locallibrary)
#   LOCALLIBRARY_SITE_ROOT       the built site (LEPTOS_SITE_ROOT, else target/site)
#   SECRET_KEY                   shared by every server (generated once into the run folder)
# Anything else in the environment (RUST_LOG, REGISTRATION_RATE_LIMIT, SHUTDOWN_TIMEOUT, …)
# reaches the servers as it is. The servers log JSON (LOG_FORMAT=json unless set otherwise), each
# line of a request with nginx's $request_id, which nginx's access log also shows.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

log() { printf '\033[1;34m[cluster]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[cluster]\033[0m %s\n' "$*" >&2; exit 1; }

export CACHE_DIR="${CACHE_DIR:-$HOME/.cache/locallibrary}"
RUN="${CLUSTER_DIR:-$CACHE_DIR/cluster}"
ENV_FILE="$RUN/cluster.env"
COMMAND="${1:-}"
case $COMMAND in
  up | down | roll | status) ;;
  *) die "usage: scripts/cluster.sh up|down|roll|status (got '${COMMAND}')" ;;
esac

# --- settings -----------------------------------------------------------------------------------
# `up` takes them from the environment and records them; the other commands read the record, so
# `make cluster-roll` restarts exactly the cluster `make cluster` started.
settings_from_env() {
  INSTANCES=${INSTANCES:-3}
  CLUSTER_PORT=${CLUSTER_PORT:-8080}
  CLUSTER_SERVER_PORT=${CLUSTER_SERVER_PORT:-3101}
  CLUSTER_METRICS_PORT=${CLUSTER_METRICS_PORT:-9101}
  ENGINE=${CLUSTER_SESSION_ENGINE:-redis}
  DB=${CLUSTER_DB:-locallibrary_cluster}
  REDIS_DB=${CLUSTER_REDIS_DB:-1}
  MAX_FAILS=${CLUSTER_MAX_FAILS:-2}
  FAIL_TIMEOUT=${CLUSTER_FAIL_TIMEOUT:-3}
  WORKERS=${CLUSTER_NGINX_WORKERS:-auto}
  KEEPALIVE=${CLUSTER_KEEPALIVE:-32}
  REDIS_PORT=${LOCALLIBRARY_REDIS_PORT:-6390}
  PG_PORT=${LOCALLIBRARY_PG_PORT:-5439}
  BIN=${LOCALLIBRARY_BIN:-${CARGO_TARGET_DIR:-$CACHE_DIR/target}/release/locallibrary}
  SITE=${LOCALLIBRARY_SITE_ROOT:-${LEPTOS_SITE_ROOT:-$ROOT/target/site}}
  for n in "$INSTANCES" "$CLUSTER_PORT" "$CLUSTER_SERVER_PORT" "$CLUSTER_METRICS_PORT" "$REDIS_DB" "$MAX_FAILS" \
    "$FAIL_TIMEOUT" "$KEEPALIVE" "$REDIS_PORT" "$PG_PORT"; do
    [[ $n =~ ^[0-9]+$ ]] || die "INSTANCES, CLUSTER_* ports and counts take whole numbers, not '$n'"
  done
  ((INSTANCES >= 1 && INSTANCES <= 64)) || die "INSTANCES is 1 to 64, not $INSTANCES"
  ((CLUSTER_SERVER_PORT + INSTANCES - 1 <= 65535)) || die "CLUSTER_SERVER_PORT $CLUSTER_SERVER_PORT leaves no room for $INSTANCES servers"
  ((CLUSTER_PORT < CLUSTER_SERVER_PORT || CLUSTER_PORT >= CLUSTER_SERVER_PORT + INSTANCES)) \
    || die "CLUSTER_PORT $CLUSTER_PORT is one of the servers' ports ($CLUSTER_SERVER_PORT…)"
  ((CLUSTER_METRICS_PORT + INSTANCES - 1 <= 65535)) || die "CLUSTER_METRICS_PORT $CLUSTER_METRICS_PORT leaves no room for $INSTANCES servers"
  for p in "$CLUSTER_PORT" "$CLUSTER_SERVER_PORT"; do
    ((p + INSTANCES <= CLUSTER_METRICS_PORT || p >= CLUSTER_METRICS_PORT + INSTANCES)) \
      || die "CLUSTER_METRICS_PORT $CLUSTER_METRICS_PORT overlaps the site's ports ($p…)"
  done
  [[ $ENGINE == redis || $ENGINE == db ]] || die "CLUSTER_SESSION_ENGINE is redis or db, not '$ENGINE'"
  [[ $DB =~ ^[a-z_][a-z0-9_]*$ ]] || die "CLUSTER_DB is a plain lower-case name, not '$DB'"
  [[ $WORKERS == auto || $WORKERS =~ ^[1-9][0-9]*$ ]] || die "CLUSTER_NGINX_WORKERS is auto or a number, not '$WORKERS'"
  BIN=$(realpath -m "$BIN")
  SITE=$(realpath -m "$SITE")
}

save_settings() {
  mkdir -p "$RUN"
  {
    for name in INSTANCES CLUSTER_PORT CLUSTER_SERVER_PORT CLUSTER_METRICS_PORT ENGINE DB REDIS_DB MAX_FAILS FAIL_TIMEOUT \
      WORKERS KEEPALIVE REDIS_PORT PG_PORT BIN SITE STARTED_PG STARTED_REDIS; do
      printf '%s=%q\n' "$name" "${!name}"
    done
  } >"$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
}

# One value as `up` recorded it (empty when none), without touching the current settings.
recorded() { [[ -f $ENV_FILE ]] && (source "$ENV_FILE" && echo "${!1:-}") || true; }

load_settings() {
  [[ -f $ENV_FILE ]] || return 1
  # shellcheck disable=SC1090
  source "$ENV_FILE"
}

# --- processes ----------------------------------------------------------------------------------
server_port() { echo $((CLUSTER_SERVER_PORT + $1 - 1)); }
pid_file() { echo "$RUN/app$1.pid"; }

# The pid in FILE if that process still runs and is what the file says it is (a pid the kernel
# gave to something else since is not ours to signal).
live_pid() { # FILE PATTERN
  local pid
  [[ -f $1 ]] || return 1
  pid=$(<"$1")
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "$2" || return 1
  echo "$pid"
}

server_pid() { live_pid "$(pid_file "$1")" 'locallibrary.* serve'; }
nginx_pid() { live_pid "$RUN/nginx.pid" 'nginx: master'; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

http_code() { curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" || true; }

start_server() { # I
  local i=$1 port pid
  port=$(server_port "$i")
  if pid=$(server_pid "$i"); then
    log "app$i already runs (pid $pid) on 127.0.0.1:$port"
    return 0
  fi
  port_busy "$port" && die "port $port (app$i) is taken by another program: stop it or set CLUSTER_SERVER_PORT"
  local redis=()
  [[ $ENGINE == redis ]] && redis=(REDIS_URL="redis://127.0.0.1:$REDIS_PORT/$REDIS_DB")
  # setsid: the servers outlive this script and the terminal's Ctrl-C.
  env LEPTOS_SITE_ROOT="$RUN/site" LEPTOS_SITE_ADDR="127.0.0.1:$port" LEPTOS_ENV=PROD \
    INSTANCE_NAME="app$i" \
    METRICS_ADDR="127.0.0.1:$((${CLUSTER_METRICS_PORT:-9101} + i - 1))" \
    LOG_FORMAT="${LOG_FORMAT:-json}" \
    DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$DB" \
    SESSION_ENGINE="$ENGINE" "${redis[@]}" \
    TRUSTED_PROXIES=127.0.0.1 \
    SECRET_KEY="$SECRET_KEY" \
    SITE_URL="http://127.0.0.1:$CLUSTER_PORT" \
    EMAIL_OUTBOX="$RUN/outbox" \
    setsid "$BIN" serve </dev/null >>"$RUN/logs/app$i.log" 2>&1 &
  echo $! >"$(pid_file "$i")"
  log "started app$i (pid $!) on 127.0.0.1:$port, log $RUN/logs/app$i.log"
}

wait_ready() { # I [SECONDS]: until the server answers /readyz with 200
  local i=$1 limit=${2:-90} port pid
  port=$(server_port "$i")
  for ((t = 0; t < limit * 5; t++)); do
    [[ $(http_code "http://127.0.0.1:$port/readyz") == 200 ]] && return 0
    if ! pid=$(server_pid "$i"); then
      tail -n 15 "$RUN/logs/app$i.log" | sed 's/^/  | /' >&2
      die "app$i exited before it was ready (its log is above: $RUN/logs/app$i.log)"
    fi
    sleep 0.2
  done
  tail -n 15 "$RUN/logs/app$i.log" | sed 's/^/  | /' >&2
  die "app$i (pid $pid) did not answer /readyz on 127.0.0.1:$port within ${limit} s"
}

stop_pid() { # PID NAME SIGNAL SECONDS: signal, wait for the exit; SIGKILL after SECONDS
  local pid=$1 name=$2 signal=$3 limit=$4
  kill "-$signal" "$pid" 2>/dev/null || return 0
  for ((t = 0; t < limit * 10; t++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  log "$name (pid $pid) still runs ${limit} s after SIG$signal: SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
}

# The servers serve the site from a copy in the run folder that keeps the files of earlier builds:
# during a roll onto a new build, a page made by a server still on the old build names the old
# content-hashed files, and the next server asked for them may be a new one (the build deletes
# them from target/site). A fresh start (nothing running) begins the copy anew.
sync_site() { # fresh|keep
  [[ $1 == fresh ]] && rm -rf "$RUN/site"
  mkdir -p "$RUN/site"
  cp -a "$SITE/." "$RUN/site/"
}

# SIGTERM lets requests in flight finish within the server's SHUTDOWN_TIMEOUT (30 s by default).
STOP_WAIT=$((${SHUTDOWN_TIMEOUT:-30} + 10))

stop_server() { # I
  local pid
  if pid=$(server_pid "$1"); then
    stop_pid "$pid" "app$1" TERM "$STOP_WAIT"
    log "stopped app$1 (pid $pid)"
  fi
  rm -f "$(pid_file "$1")"
}

# --- nginx --------------------------------------------------------------------------------------
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

install_nginx() {
  [[ -x $NGINX ]] && return 0
  log "installing Debian's nginx"
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx >/dev/null
  # The package starts a system-wide nginx on port 80 where it can; the cluster runs its own.
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
  [[ -x $NGINX ]] || die "nginx is still missing after apt-get install nginx"
}

write_nginx_conf() {
  local servers="" i keepalive="" user=""
  for ((i = 1; i <= INSTANCES; i++)); do
    servers+="        server 127.0.0.1:$(server_port "$i") max_fails=$MAX_FAILS fail_timeout=${FAIL_TIMEOUT}s;"$'\n'
  done
  ((KEEPALIVE > 0)) && keepalive="        keepalive $KEEPALIVE;"
  # Workers write temporary files into the run folder, under a home others may not enter.
  [[ $(id -u) -eq 0 ]] && user="user root;"
  cat >"$RUN/nginx.conf.tmp" <<EOF
# Generated by scripts/cluster.sh; run as: nginx -p $RUN -c $RUN/nginx.conf
$user
worker_processes $WORKERS;
pid $RUN/nginx.pid;
error_log $RUN/logs/nginx-error.log warn;
events { worker_connections 4096; }

http {
    client_body_temp_path $RUN/tmp/client_body;
    proxy_temp_path $RUN/tmp/proxy;
    fastcgi_temp_path $RUN/tmp/fastcgi;
    uwsgi_temp_path $RUN/tmp/uwsgi;
    scgi_temp_path $RUN/tmp/scgi;
    # A reset link's path is its token: the log shows the address without it.
    map \$request_uri \$logged_uri {
        ~^/accounts/reset/[^/?]+ /accounts/reset/[hidden];
        default \$request_uri;
    }
    log_format upstream '\$remote_addr [\$time_local] "\$request_method \$logged_uri \$server_protocol" \$status \$body_bytes_sent '
                        'upstream=\$upstream_addr upstream_status=\$upstream_status '
                        'instance=\$upstream_http_x_instance time=\$request_time id=\$request_id';
    access_log $RUN/logs/nginx-access.log upstream buffer=64k flush=1s;
    server_tokens off;
    keepalive_requests 10000;

    # Round-robin. Passive health checks: a server that fails max_fails times within
    # fail_timeout is left out for fail_timeout, then tried again with one request.
    upstream locallibrary {
        # Shared by the workers: one round-robin turn and one view of failed servers.
        zone locallibrary 64k;
$servers$keepalive
    }

    server {
        listen 127.0.0.1:$CLUSTER_PORT;
        client_max_body_size 1m;

        location / {
            proxy_pass http://locallibrary;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # The servers compare Host with Origin and Referer (cross-site checks, the
            # cookie test), and believe X-Forwarded-* from 127.0.0.1 (TRUSTED_PROXIES).
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # One id per client request, the same on a retry to the next server.
            proxy_set_header X-Request-Id \$request_id;
            # A refused or broken connection, a timeout, a 502 or a 503 sends the request to the
            # next server, but for idempotent requests only: without "non_idempotent", nginx
            # never resends a POST, PATCH or LOCK once it has reached a server.
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_timeout 15s;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            proxy_buffers 32 16k;
        }
    }
}
EOF
}

start_nginx() {
  mkdir -p "$RUN/tmp" "$RUN/logs"
  write_nginx_conf
  local pid
  if pid=$(nginx_pid); then
    if cmp -s "$RUN/nginx.conf.tmp" "$RUN/nginx.conf"; then
      rm -f "$RUN/nginx.conf.tmp"
      log "nginx already runs (pid $pid) on 127.0.0.1:$CLUSTER_PORT"
      return 0
    fi
    mv "$RUN/nginx.conf.tmp" "$RUN/nginx.conf"
    "$NGINX" -t -q -p "$RUN" -c "$RUN/nginx.conf" -e "$RUN/logs/nginx-error.log" \
      || die "the generated $RUN/nginx.conf is invalid (see above)"
    kill -HUP "$pid"
    log "nginx (pid $pid) reloaded with $INSTANCES servers"
    return 0
  fi
  mv "$RUN/nginx.conf.tmp" "$RUN/nginx.conf"
  port_busy "$CLUSTER_PORT" && die "port $CLUSTER_PORT is taken by another program: stop it or set CLUSTER_PORT"
  "$NGINX" -t -q -p "$RUN" -c "$RUN/nginx.conf" -e "$RUN/logs/nginx-error.log" \
    || die "the generated $RUN/nginx.conf is invalid (see above)"
  "$NGINX" -p "$RUN" -c "$RUN/nginx.conf" -e "$RUN/logs/nginx-error.log" \
    || { tail -n 10 "$RUN/logs/nginx-error.log" >&2; die "nginx did not start (log above)"; }
  for _ in $(seq 50); do pid=$(nginx_pid) && break; sleep 0.1; done
  [[ -n ${pid:-} ]] || die "nginx wrote no pid file ($RUN/nginx.pid)"
  log "started nginx (pid $pid) on 127.0.0.1:$CLUSTER_PORT, config $RUN/nginx.conf"
}

stop_nginx() {
  local pid
  if pid=$(nginx_pid); then
    # SIGQUIT: a graceful stop; requests in flight are answered first.
    stop_pid "$pid" nginx QUIT 15
    log "stopped nginx (pid $pid)"
  fi
  rm -f "$RUN/nginx.pid"
}

# --- PostgreSQL and Redis -----------------------------------------------------------------------
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)"
psql_admin() { "${PG_BIN:-/usr/bin}/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
pg_up() { [[ -n $PG_BIN ]] && "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; }
redis_up() { redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; }

start_services() {
  STARTED_PG=0 STARTED_REDIS=0
  pg_up || STARTED_PG=1
  redis_up || STARTED_REDIS=1
  # Installs what is missing and starts what is not running, on loopback (idempotent).
  LOCALLIBRARY_REDIS_PORT=$REDIS_PORT LOCALLIBRARY_PG_PORT=$PG_PORT scripts/services.sh >/dev/null
  PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
  pg_up || die "PostgreSQL does not answer on 127.0.0.1:$PG_PORT"
  redis_up || die "Redis does not answer on 127.0.0.1:$REDIS_PORT"
}

prepare_database() {
  if [[ ${CLUSTER_FRESH:-0} == 1 ]]; then
    log "CLUSTER_FRESH=1: dropping database $DB and emptying Redis database $REDIS_DB"
    psql_admin -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
    redis-cli -p "$REDIS_PORT" -n "$REDIS_DB" flushdb >/dev/null
  fi
  if [[ -z $(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'") ]]; then
    psql_admin -c "CREATE DATABASE $DB" >/dev/null
    log "created PostgreSQL database $DB (the servers migrate and seed it; one at a time)"
  fi
}

# Other clients than the cluster's servers (which are stopped by then).
pg_clients() { psql_admin -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()" 2>/dev/null || echo "?"; }
redis_clients() { redis-cli -p "$REDIS_PORT" info clients 2>/dev/null | sed -n 's/^connected_clients:\([0-9]*\).*/\1/p'; }

stop_services() {
  local others
  if [[ ${STARTED_REDIS:-0} == 1 ]] && redis_up; then
    others=$(($(redis_clients) - 1)) # this redis-cli is one
    if ((others > 0)); then
      log "leaving Redis on port $REDIS_PORT running: $others other clients use it"
    else
      redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
      log "stopped Redis on port $REDIS_PORT (the cluster had started it)"
    fi
  fi
  if [[ ${STARTED_PG:-0} == 1 ]] && pg_up; then
    others=$(pg_clients)
    if [[ $others != 0 ]]; then
      log "leaving PostgreSQL on port $PG_PORT running: $others other clients use it"
    else
      local data="${LOCALLIBRARY_PG_DATA:-/var/tmp/locallibrary-postgres}"
      if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
      else
        "$PG_BIN/pg_ctl" -D "$data" -m fast -w stop >/dev/null
      fi
      log "stopped PostgreSQL on port $PG_PORT (the cluster had started it)"
    fi
  fi
}

# --- commands -----------------------------------------------------------------------------------
running_servers() { # the indexes of servers with a live pid file, whatever INSTANCES says now
  local f i
  for f in "$RUN"/app*.pid; do
    [[ -e $f ]] || continue
    i=${f##*/app}; i=${i%.pid}
    server_pid "$i" >/dev/null && echo "$i"
  done
  return 0
}

cmd_up() {
  settings_from_env
  local running name
  running=$(running_servers | paste -sd ' ')
  if [[ -n $running || -n $(nginx_pid || true) ]]; then
    for name in BIN SITE ENGINE DB REDIS_DB CLUSTER_PORT CLUSTER_SERVER_PORT REDIS_PORT PG_PORT; do
      [[ $(recorded "$name") == "${!name}" ]] || die "the cluster running from $RUN has $name=$(recorded "$name"), \
not ${!name}: run 'scripts/cluster.sh down' first (or set CLUSTER_DIR for a second cluster)"
    done
  fi
  if [[ ${CLUSTER_FRESH:-0} == 1 && -n $running ]]; then
    die "CLUSTER_FRESH=1 would drop the database under running servers (app $running): run 'scripts/cluster.sh down' first"
  fi
  [[ -x $BIN ]] || die "no server binary at $BIN: build it with 'make release' (or set LOCALLIBRARY_BIN)"
  [[ -d $SITE/pkg ]] || die "no built site at $SITE (no pkg/ folder): build it with 'make release' (or set LOCALLIBRARY_SITE_ROOT)"
  command -v curl >/dev/null || die "curl is needed"
  install_nginx
  mkdir -p "$RUN/logs" "$RUN/tmp" "$RUN/outbox"

  # Services first; whether this run started them is kept for `down` (and never forgotten by a
  # later `up` that found them running).
  local before_pg before_redis
  before_pg=$(recorded STARTED_PG) before_redis=$(recorded STARTED_REDIS)
  start_services
  ((STARTED_PG)) && log "PostgreSQL was not running: started on 127.0.0.1:$PG_PORT"
  ((STARTED_REDIS)) && log "Redis was not running: started on 127.0.0.1:$REDIS_PORT"
  [[ $before_pg == 1 ]] && STARTED_PG=1
  [[ $before_redis == 1 ]] && STARTED_REDIS=1
  prepare_database
  save_settings

  # One key for every server, kept (readable by this user only) for `roll` to start them with.
  if [[ -n ${SECRET_KEY:-} ]]; then
    (umask 077 && printf '%s' "$SECRET_KEY" >"$RUN/secret_key")
  elif [[ ! -s $RUN/secret_key ]]; then
    (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$RUN/secret_key")
  fi
  SECRET_KEY=$(<"$RUN/secret_key")

  # Servers left over from a larger INSTANCES are stopped once nginx no longer sends them work.
  local extra=() i
  for i in $(running_servers); do ((i > INSTANCES)) && extra+=("$i"); done
  # All at once: the advisory lock lets one migrate and seed while the others wait.
  if [[ -z $running ]]; then sync_site fresh; else sync_site keep; fi
  for ((i = 1; i <= INSTANCES; i++)); do start_server "$i"; done
  for ((i = 1; i <= INSTANCES; i++)); do wait_ready "$i"; done
  log "all $INSTANCES servers answer /readyz (session engine $ENGINE, database $DB)"
  start_nginx
  for i in "${extra[@]}"; do stop_server "$i"; done
  local code
  for _ in $(seq 50); do
    code=$(http_code "http://127.0.0.1:$CLUSTER_PORT/readyz")
    [[ $code == 200 ]] && break
    sleep 0.1
  done
  [[ $code == 200 ]] || die "nginx on 127.0.0.1:$CLUSTER_PORT answered /readyz with '$code' (see $RUN/logs/nginx-error.log)"
  log "cluster up: http://127.0.0.1:$CLUSTER_PORT/ → $INSTANCES servers on ports $CLUSTER_SERVER_PORT-$(server_port "$INSTANCES"); stop it with 'scripts/cluster.sh down'"
}

cmd_down() {
  if ! load_settings; then
    log "nothing to stop: no cluster was started from $RUN"
    return 0
  fi
  local i stopped=0
  if nginx_pid >/dev/null; then stop_nginx; stopped=1; fi
  rm -f "$RUN/nginx.pid"
  for i in $(running_servers); do stop_server "$i"; stopped=1; done
  rm -f "$RUN"/app*.pid
  stop_services
  STARTED_PG=0 STARTED_REDIS=0
  save_settings
  if ((stopped)); then
    log "cluster down (database $DB and logs in $RUN kept; CLUSTER_FRESH=1 on the next 'up' starts afresh)"
  else
    log "nothing was running"
  fi
}

cmd_roll() {
  load_settings || die "no cluster was started from $RUN: run 'scripts/cluster.sh up' first"
  nginx_pid >/dev/null || die "nginx of the cluster in $RUN is not running: run 'scripts/cluster.sh up'"
  # The key the running servers have (`up` kept it), whatever this shell's SECRET_KEY says.
  [[ -s $RUN/secret_key ]] || die "no $RUN/secret_key: run 'scripts/cluster.sh up' first"
  SECRET_KEY=$(<"$RUN/secret_key")
  [[ -x $BIN ]] || die "no server binary at $BIN"
  [[ -d $SITE/pkg ]] || die "no built site at $SITE (no pkg/ folder)"
  sync_site keep
  local i pid t0
  for ((i = 1; i <= INSTANCES; i++)); do
    t0=$(date +%s.%N)
    if pid=$(server_pid "$i"); then
      log "app$i: SIGTERM (pid $pid), waiting for its requests to finish"
      stop_pid "$pid" "app$i" TERM "$STOP_WAIT"
    else
      log "app$i was not running"
    fi
    rm -f "$(pid_file "$i")"
    start_server "$i"
    wait_ready "$i"
    log "app$i ready again after $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
    # nginx may have left the server out after refused connections; give it fail_timeout to be
    # tried again before the next one goes down, so two are never out at once.
    ((i < INSTANCES)) && sleep "$FAIL_TIMEOUT"
  done
  log "rolled all $INSTANCES servers"
}

cmd_status() {
  load_settings || { log "no cluster was started from $RUN"; return 0; }
  local i pid any=0
  if pid=$(nginx_pid); then
    echo "nginx  pid $pid  http://127.0.0.1:$CLUSTER_PORT/  (readyz $(http_code "http://127.0.0.1:$CLUSTER_PORT/readyz"))"
    any=1
  else
    echo "nginx  not running"
  fi
  for ((i = 1; i <= INSTANCES; i++)); do
    if pid=$(server_pid "$i"); then
      echo "app$i   pid $pid  http://127.0.0.1:$(server_port "$i")/  (readyz $(http_code "http://127.0.0.1:$(server_port "$i")/readyz"))"
      any=1
    else
      echo "app$i   not running"
    fi
  done
  echo "database $DB on 127.0.0.1:$PG_PORT, sessions: $ENGINE$([[ $ENGINE == redis ]] && echo " (redis://127.0.0.1:$REDIS_PORT/$REDIS_DB)")"
  ((any)) || return 3
}

"cmd_$COMMAND"
