#!/usr/bin/env bash
# Latency of catalog list and search pages on a 100 000-book synthetic catalog, on SQLite (the
# default) or PostgreSQL (BENCH_DB=postgres, on the server scripts/services.sh starts); also the
# seed's time (with the search index) and the search index's size on disk.
# Usage: bench/catalog.sh [BOOKS] [REQUESTS]   (needs `make release` first)
set -euo pipefail
cd "$(dirname "$0")/.."
BOOKS=${1:-100000}
REQUESTS=${2:-200}
BIN=${LOCALLIBRARY_BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/locallibrary/target}/release/locallibrary}
DIR=$(mktemp -d)
PORT=${BENCH_PORT:-3950}
DB=${BENCH_DB:-sqlite}
case $DB in
  sqlite) DATABASE_URL="sqlite://$DIR/bench.db" ;;
  postgres)
    eval "$(scripts/services.sh)"
    ADMIN=$LOCALLIBRARY_TEST_POSTGRES_URL
    NAME="ll_bench_$$"
    psql "$ADMIN" -qc "CREATE DATABASE $NAME"
    DATABASE_URL="${ADMIN%/*}/$NAME"
    ;;
  *) echo "BENCH_DB must be sqlite or postgres, not $DB" >&2; exit 2 ;;
esac
export DATABASE_URL LEPTOS_SITE_ADDR="127.0.0.1:$PORT" RUST_LOG=warn LEPTOS_ENV=PROD
cleanup() {
  kill "${SERVER:-}" 2>/dev/null || true
  wait "${SERVER:-}" 2>/dev/null || true
  [[ $DB == postgres ]] && psql "$ADMIN" -qc "DROP DATABASE IF EXISTS $NAME" || true
  rm -rf "$DIR"
}
trap cleanup EXIT

"$BIN" migrate >/dev/null
START=$(date +%s.%N)
# A 100 000-book seed runs statements longer than a request may.
DATABASE_TIMEOUT=300 LOCALLIBRARY_SEED=false "$BIN" seed --books "$BOOKS" --authors $((BOOKS / 10))
SEEDED=$(date +%s.%N)
# The access lines, as JSON, give each request's time in the server.
LOG_FORMAT=json RUST_LOG=warn,access=info "$BIN" serve >"$DIR/server.log" 2>&1 & SERVER=$!
until curl -sf "http://127.0.0.1:$PORT/favicon.ico" >/dev/null; do sleep 0.2; done

echo
echo "$DB, $BOOKS books: seed (with the search index) $(python3 -c "print(f'{$SEEDED - $START:.1f}')") s"
if [[ $DB == sqlite ]]; then
  python3 - "$DIR/bench.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
sizes = dict(db.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name"))
def mib(names): return sum(v for k, v in sizes.items() if any(k.startswith(n) for n in names)) / 2**20
print(f"search index on disk: {mib(['book_fts', 'author_fts']):.1f} MiB (FTS5), "
      f"{mib(['search_terms', 'search_typos']):.1f} MiB (vocabulary and typo keys), "
      f"database {sum(sizes.values()) / 2**20:.1f} MiB")
PY
else
  psql "$DATABASE_URL" -tAc "SELECT format('search index on disk: %s MiB (postings tables and their indexes; before migration 0015, tsvector tables and GIN), %s MiB (vocabulary and typo keys), database %s MiB',
      (SELECT round(SUM(pg_total_relation_size(t)) / 1048576.0, 1) FROM unnest(ARRAY[
        to_regclass('book_postings'), to_regclass('author_postings'),
        to_regclass('book_search'), to_regclass('author_search')]) AS t WHERE t IS NOT NULL),
      round((pg_total_relation_size('search_terms') + pg_total_relation_size('search_typos')) / 1048576.0, 1),
      round(pg_database_size(current_database()) / 1048576.0, 1))"
fi
echo

measure() { # LABEL PATH [FORM]: GET PATH, or POST FORM to it (a server function, as the live box calls it)
  local label=$1 path=$2 form=${3:-}
  local args=(-s -o /dev/null)
  local shown=$path
  if [[ -n $form ]]; then
    args+=(-H 'accept: application/json' --data "$form")
    shown="POST $path $form"
  fi
  # One untimed request first: the page's first query plans and caches count here.
  curl "${args[@]}" "http://127.0.0.1:$PORT$path"
  for _ in $(seq "$REQUESTS"); do
    curl "${args[@]}" -w '%{time_total} %header{x-request-id} %header{server-timing}\n' "http://127.0.0.1:$PORT$path"
  done >"$DIR/times"
  sleep 0.3 # the access lines of the last requests reach the log
  python3 - "$DIR/times" "$DIR/server.log" <<PY
import json, re, sys, statistics
lines = [line.split(' ', 2) for line in open(sys.argv[1]).read().splitlines()]
served = {}
for line in open(sys.argv[2]):
    try:
        fields = json.loads(line).get('fields', {})
    except ValueError:
        continue
    if fields.get('message') == 'answered':
        served[fields.get('id')] = float(fields['latency_ms'])
def cells(t):
    if not t: return '| |'
    t = sorted(t)
    return f'{statistics.median(t):.1f} ms | {t[int(len(t) * 0.95) - 1]:.1f} ms |'
total = [float(l[0]) * 1000 for l in lines]
server = [served[l[1]] for l in lines if len(l) > 1 and l[1] in served]
search = [float(m.group(1)) for l in lines if len(l) > 2 for m in [re.search(r'search;dur=([0-9.]+)', l[2])] if m]
print(f'| $label | \`$shown\` | {cells(total)} {cells(server)} {cells(search)}')
PY
}

# The whole answer as curl sees it; the server's time, from the request's access line (from
# the request reaching the outermost layer to its answer's headers); and the search's own time
# (its Server-Timing entry).
echo "| page | path | whole: median | p95 | server: median | p95 | search's own: median | p95 |"
echo "|---|---|---|---|---|---|---|---|"
measure "books, page 1" "/catalog/books"
measure "books, page 5000" "/catalog/books?page=5000"
measure "authors, page 500" "/catalog/authors?page=500"
measure "copies, page 100" "/catalog/bookinstances?page=100"
measure "live search: a word (7 143 matches)" "/api/catalog/search" "q=lighthouse"
measure "live search: a typo" "/api/catalog/search" "q=lighthose"
measure "live search: no match" "/api/catalog/search" "q=zzzzzz"
measure "live search: a prefix" "/api/catalog/search" "q=lightho"
measure "search: a word (7 143 matches)" "/catalog/search?q=lighthouse"
measure "search: a typo" "/catalog/search?q=lighthose"
measure "search: no match" "/catalog/search?q=zzzzzz"
measure "search: Cyrillic word" "/catalog/search?q=%D1%81%D0%B0%D0%B4"
measure "search: two words" "/catalog/search?q=silent+lighthouse"
measure "search: page 300" "/catalog/search?q=lighthouse&page=300"
measure "search: an author" "/catalog/search?q=morozov"
measure "book list filter (same engine)" "/catalog/books?q=lighthouse"
measure "book detail" "/catalog/book/54321"
measure "home (counts + visit)" "/"
