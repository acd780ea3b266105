#!/usr/bin/env bash
# The browser half of bench/run.sh (sourced by it after the app has started): Lighthouse on
# three pages and bench/first-load.mjs, when the browser part is asked for.
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
