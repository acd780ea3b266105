#!/usr/bin/env bash
# Installs (from Debian's packages) and starts the Redis and PostgreSQL servers the test suite
# uses, on loopback only, then prints the URLs as shell exports. Idempotent: running servers are
# reused. Usage: eval "$(scripts/services.sh)"
set -euo pipefail

REDIS_PORT="${LOCALLIBRARY_REDIS_PORT:-6390}"
PG_PORT="${LOCALLIBRARY_PG_PORT:-5439}"
STATE_DIR="${CACHE_DIR:-$HOME/.cache/locallibrary}/services"
log() { printf '\033[1;34m[services]\033[0m %s\n' "$*" >&2; }
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
if ((${#missing[@]})); then
  log "installing ${missing[*]} from Debian's packages"
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
mkdir -p "$STATE_DIR"

if ! redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  log "starting redis on 127.0.0.1:$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save '' \
    --appendonly no --dir "$STATE_DIR" --logfile "$STATE_DIR/redis.log" >&2
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

# PostgreSQL refuses to run as root; its own cluster lives in our state folder, owned by postgres.
PG_BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)"
# Outside $HOME: the postgres user may not enter root's home.
PG_DATA="${LOCALLIBRARY_PG_DATA:-/var/tmp/locallibrary-postgres}"
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if ! "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$PG_PORT" -q; then
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "creating a PostgreSQL cluster in $PG_DATA"
    mkdir -p "$PG_DATA"
    if [[ $(id -u) -eq 0 ]]; then chown postgres:postgres "$PG_DATA"; fi
    as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DATA" start >/dev/null
fi
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = 'locallibrary_test'" | grep -q 1 \
  || "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE locallibrary_test" >&2

# Each PostgreSQL test works in a fresh `ll_<uuid>` database; drop those of earlier runs.
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q >/dev/null <<'SQL'
SELECT format('DROP DATABASE %I', datname) FROM pg_database WHERE datname LIKE 'll\_%' \gexec
SQL

echo "export LOCALLIBRARY_TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
echo "export LOCALLIBRARY_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:$PG_PORT/locallibrary_test"
