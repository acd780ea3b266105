#!/usr/bin/env bash
# Guards the first load after a release build with --split --precompress:
#  1. the main WASM chunk (brotli) may not grow more than 5 % over bench/wasm-size.txt;
#  2. every page declared in app/src/routes/lazy.rs must really live in its own chunk: the split
#     manifest lists the chunk, the chunk's own module is there, and the main module (as split,
#     before wasm-opt strips names) holds no function of the page's component.
# To accept a new main-chunk size on purpose: scripts/check-wasm-size.sh --record (and say why in
# BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
PKG="$SITE_ROOT/pkg"
RECORD=bench/wasm-size.txt
LAZY=app/src/routes/lazy.rs
SPLIT_MAIN="${CARGO_TARGET_DIR:-target}/front/wasm32-unknown-unknown/wasm-release/frontend_split.wasm"

main=$(ls "$PKG"/locallibrary.*.wasm "$PKG"/locallibrary.wasm 2>/dev/null | head -n1 || true)
if [[ -z "$main" || ! -f "$main.br" ]]; then
  echo "no precompressed WASM under $PKG: run 'make release' first" >&2
  exit 1
fi
raw=$(stat -c %s "$main")
br=$(stat -c %s "$main.br")
if [[ "${1:-}" == "--record" ]]; then
  echo "$br" >"$RECORD"
  echo "recorded main WASM chunk: $br bytes brotli ($raw raw)"
  exit 0
fi

failed=0
recorded=$(tr -dc '0-9' <"$RECORD")
limit=$((recorded * 105 / 100))
lazy_br=$(cat "$PKG"/split_*.wasm.br "$PKG"/chunk_*.wasm.br 2>/dev/null | wc -c)
echo "main WASM chunk: $br bytes brotli ($raw raw); recorded $recorded, limit $limit; lazy chunks: $lazy_br bytes brotli in all"
if ((br > limit)); then
  echo "the main WASM chunk grew more than 5 % ($br > $limit bytes brotli): put the new code in a" \
    "lazy route (app/src/routes/lazy.rs), or if every first visit needs it, record the new size" \
    "with $0 --record and explain it in BENCHMARKS.md" >&2
  failed=1
fi

manifest=$(ls "$PKG"/__wasm_split_manifest*.json 2>/dev/null | head -n1 || true)
if [[ -z "$manifest" ]]; then
  echo "no split manifest under $PKG: the build was not made with --split (make release)" >&2
  exit 1
fi
# chunk<TAB>Component, one line per lazy_page! block.
pages=$(perl -0777 -ne 'print "$1\t$2\n" while /\bin\s+(lazy_\w+),.*?=>\s*view!\s*\{\s*<(\w+)/sg' "$LAZY")
[[ -n "$pages" ]] || { echo "no lazy_page! declarations found in $LAZY" >&2; exit 1; }
checked=0
while IFS=$'\t' read -r chunk component; do
  if ! grep -q "\"$chunk\"" "$manifest"; then
    echo "$component: chunk $chunk is not in the split manifest $(basename "$manifest")" >&2
    failed=1
    continue
  fi
  own=$(ls "$PKG"/split_"$chunk".*wasm "$PKG"/split_"$chunk".wasm 2>/dev/null | head -n1 || true)
  if [[ -z "$own" ]]; then
    echo "$component: chunk $chunk has no module of its own under $PKG" >&2
    failed=1
  fi
  if [[ -f "$SPLIT_MAIN" ]]; then
    # snake_case of the component, as the #[component] macro names its function.
    snake=$(sed -E 's/([a-z0-9])([A-Z])/\1_\2/g' <<<"$component" | tr 'A-Z' 'a-z')
    if grep -a -q -E "__component_${snake}17h[0-9a-f]{16}E" "$SPLIT_MAIN"; then
      echo "$component (meant for chunk $chunk) is compiled into the main WASM chunk: something" \
        "outside app/src/routes/lazy.rs uses it" >&2
      failed=1
    fi
  fi
  checked=$((checked + 1))
done <<<"$pages"
if [[ -f "$SPLIT_MAIN" ]]; then
  # The check above must be able to see a page that is in the main chunk.
  if ! grep -a -q -E "__component_home_page17h[0-9a-f]{16}E" "$SPLIT_MAIN"; then
    echo "cannot read function names in $SPLIT_MAIN: the main-chunk check is blind" >&2
    failed=1
  fi
else
  echo "note: $SPLIT_MAIN is missing; checked the manifest only" >&2
fi
echo "lazy pages checked: $checked, each in its own chunk"
exit "$failed"
