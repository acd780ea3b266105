#!/usr/bin/env bash
# Guards the first load after a release build with --split --precompress:
#  1. the main WASM chunk (brotli) may not grow more than 5 % over bench/wasm-size.txt;
#  2. every page declared in app/src/routes/lazy.rs must really live in its group's chunk: the
#     split manifest lists the chunk, the chunk's own module is there, and the main module (as
#     split, before wasm-opt strips names) holds no function of the page's component, which the
#     unsplit module must hold (else the component was inlined and the check would be blind);
#  3. serde_qs's decoder (ActionForm's) is not in the main module.
# To accept a new main-chunk size on purpose: scripts/check-wasm-size.sh --record (and say why in
# BENCHMARKS.md).
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
PKG="$SITE_ROOT/pkg"
RECORD=bench/wasm-size.txt
LAZY=app/src/routes/lazy.rs
FRONT="${CARGO_TARGET_DIR:-${CACHE_DIR:-$HOME/.cache/locallibrary}/target}/front/wasm32-unknown-unknown/wasm-release"
SPLIT_MAIN="$FRONT/frontend_split.wasm"
UNSPLIT="$FRONT/frontend.wasm"

mains=("$PKG"/locallibrary.*.wasm "$PKG"/locallibrary.wasm)
main=${mains[0]:-}
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
lazy_files=("$PKG"/split_*.wasm.br "$PKG"/chunk_*.wasm.br)
lazy_br=0
((${#lazy_files[@]})) && lazy_br=$(cat "${lazy_files[@]}" | wc -c)
echo "main WASM chunk: $br bytes brotli ($raw raw); recorded $recorded, limit $limit; lazy chunks: $lazy_br bytes brotli in all"
if ((br > limit)); then
  echo "the main WASM chunk grew more than 5 % ($br > $limit bytes brotli): put the new code in a" \
    "lazy route (app/src/routes/lazy.rs), or if every first visit needs it, record the new size" \
    "with $0 --record and explain it in BENCHMARKS.md" >&2
  failed=1
fi

manifests=("$PKG"/__wasm_split_manifest*.json)
manifest=${manifests[0]:-}
if [[ -z "$manifest" ]]; then
  echo "no split manifest under $PKG: the build was not made with --split (make release)" >&2
  exit 1
fi
# chunk<TAB>Component, one line per lazy_page! block.
pages=$(perl -0777 -ne 'print "$1\t$2\n" while /\bin\s+(lazy_\w+),.*?=>\s*view!\s*\{\s*<(\w+)/sg' "$LAZY")
declared=$(grep -c 'lazy_page! {' "$LAZY" || true)
if [[ -z "$pages" || $(wc -l <<<"$pages") -ne $declared ]]; then
  echo "$LAZY: $declared lazy_page! blocks, but $(grep -c . <<<"$pages" || true) read as" \
    "'Route in lazy_group, … => view! { <Component'; keep every block in that shape" >&2
  exit 1
fi
for file in "$SPLIT_MAIN" "$UNSPLIT"; do
  [[ -f $file ]] || { echo "$file is missing: run 'make release' (CARGO_TARGET_DIR must be the build's)" >&2; exit 1; }
done
checked=0
while IFS=$'\t' read -r chunk component; do
  if ! grep -q "\"$chunk\"" "$manifest"; then
    echo "$component: chunk $chunk is not in the split manifest $(basename "$manifest")" >&2
    failed=1
    continue
  fi
  own=("$PKG"/split_"$chunk".*wasm "$PKG"/split_"$chunk".wasm)
  if ((${#own[@]} == 0)); then
    echo "$component: chunk $chunk has no module of its own under $PKG" >&2
    failed=1
  fi
  # snake_case of the component, as the #[component] macro names its function.
  snake=$(sed -E 's/([a-z0-9])([A-Z])/\1_\2/g' <<<"$component" | tr 'A-Z' 'a-z')
  symbol="__component_${snake}17h[0-9a-f]{16}E"
  if ! grep -a -q -E "$symbol" "$UNSPLIT"; then
    echo "$component: no function of its own in $(basename "$UNSPLIT") (inlined?): cannot tell" \
      "which chunk holds it" >&2
    failed=1
  elif grep -a -q -E "$symbol" "$SPLIT_MAIN"; then
    echo "$component (meant for chunk $chunk) is compiled into the main WASM chunk: something" \
      "outside app/src/routes/lazy.rs uses it" >&2
    failed=1
  fi
  checked=$((checked + 1))
done <<<"$pages"
echo "lazy pages checked: $checked"
# Code only lazy pages need, kept out of the first load on purpose (BENCHMARKS.md, issue 22):
# serde_qs's decoder reads an ActionForm's fields back (its encoder, which every server function
# call uses, stays); the shell's forms are PostForms.
if grep -a -q -E "_ZN8serde_qs2de" "$SPLIT_MAIN"; then
  echo "the main WASM chunk holds serde_qs's decoder again: an ActionForm is in the shell or the" \
    "home page; use ui::post_form::PostForm there, or move the form to a lazy page" >&2
  failed=1
fi
exit "$failed"
