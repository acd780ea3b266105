#!/usr/bin/env bash
# Fails when the brotli-compressed WASM bundle grew more than 10 % over the size recorded in
# bench/wasm-size.txt (what a visitor downloads on a first load). Run after a release build with
# --precompress. To accept a new size on purpose: scripts/check-wasm-size.sh --record
set -euo pipefail
cd "$(dirname "$0")/.."
SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
RECORD=bench/wasm-size.txt

wasm=$(ls "$SITE_ROOT"/pkg/*.wasm 2>/dev/null | head -n1 || true)
if [[ -z "$wasm" || ! -f "$wasm.br" ]]; then
  echo "no precompressed WASM under $SITE_ROOT/pkg: run 'cargo leptos build --release --precompress' first" >&2
  exit 1
fi
raw=$(stat -c %s "$wasm")
br=$(stat -c %s "$wasm.br")
if [[ "${1:-}" == "--record" ]]; then
  echo "$br" > "$RECORD"
  echo "recorded WASM size: $br bytes brotli ($raw bytes raw)"
  exit 0
fi
recorded=$(tr -dc '0-9' < "$RECORD")
limit=$((recorded * 110 / 100))
echo "WASM: $br bytes brotli ($raw raw); recorded $recorded, limit $limit"
if ((br > limit)); then
  echo "the WASM bundle grew more than 10 % ($br > $limit bytes brotli): find what grew" \
    "(twiggy top) or, if it is worth it, record the new size with $0 --record" >&2
  exit 1
fi
