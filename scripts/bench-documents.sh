#!/usr/bin/env bash
# The figures of documents (docs/documents.md), for the installed es-en and en-es models:
#   scripts/bench-documents.sh [OUTDIR] [HEED]     (defaults: build/documents, build/heed)
# 1. Pages built from test sentences (the first 2,000 of the Tatoeba test, and the FLORES-200
#    devtest where a developer has it in ../shared/data): blocks of 1-4 sentences, inline markup
#    around words of half of them. Each page translated as HTML: its tags (in order, with their
#    attributes) against the source page's, and BLEU of its blocks' text against the same blocks
#    translated as plain text.
# 2. Subtitles from the same sentences (cues of up to 7 words): timing lines kept.
# 3. Speed (THROUGHPUT=1): a page of 1 MB against plain text of the same blocks.
# Every translation: the default compute type, beam 4.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/documents}
heed=$(realpath "${2:-build/heed}")
shared=../shared/data
make=scripts/lib/make_documents.py
mkdir -p "$out"
[ -f data/tatoeba/test.en ] || data/tatoeba/prepare.sh >/dev/null
bleu() { "$heed" bleu -r "$1" -i "$2" -m bleu -w 2 | sed -n 's/^BLEU[^=]*= \([0-9.]*\).*/\1/p'; }

for direction in es-en en-es; do
  src=${direction%-*} tgt=${direction#*-}
  head -2000 data/tatoeba/test.$src > "$out/tatoeba.$src"
  head -2000 data/tatoeba/test.$tgt > "$out/tatoeba.$tgt"
  sets=("tatoeba $out/tatoeba")
  [ -f "$shared/flores200/flores200-devtest.$src" ] && sets+=("flores $shared/flores200/flores200-devtest")
  for entry in "${sets[@]}"; do
    read -r name prefix <<< "$entry"
    base="$out/$direction.$name"
    python3 $make html "$prefix.$src" "$prefix.$tgt" "$base"
    "$heed" translate -q -m "$direction" -i "$base.html" -o "$base.out.html"
    "$heed" translate -q -m "$direction" -i "$base.blocks.src" -o "$base.plain.hyp"
    python3 $make text "$base.out.html" > "$base.html.hyp"
    same_tags=$(cmp -s <(python3 $make tags "$base.html") <(python3 $make tags "$base.out.html") && echo yes || echo NO)
    echo "$direction $name: $(wc -l < "$base.blocks.src") blocks; tags kept: $same_tags;" \
         "BLEU as HTML $(bleu "$base.blocks.ref" "$base.html.hyp"), as plain text $(bleu "$base.blocks.ref" "$base.plain.hyp")"
    python3 $make srt "$prefix.$src" "$base.srt"
    "$heed" translate -q -m "$direction" -i "$base.srt" -o "$base.out.srt"
    timings=$(grep -c -- "-->" "$base.srt")
    kept=$(diff <(grep -- "-->" "$base.srt") <(grep -- "-->" "$base.out.srt") >/dev/null && echo "$timings" || echo "not all")
    echo "$direction $name subtitles: $timings cues, timings kept: $kept"
  done
done

if [ "${THROUGHPUT:-0}" = 1 ]; then
  python3 $make html data/tatoeba/test.es data/tatoeba/test.en "$out/big" 1000000
  for round in 1 2 3; do
    for kind in html plain; do
      input="$out/big.html"
      [ $kind = plain ] && input="$out/big.blocks.src"
      start=$(date +%s.%N)
      "$heed" translate -q -m es-en -i "$input" -o "$out/big.$kind.out"
      echo "throughput round $round $kind: $(echo "$(date +%s.%N) - $start" | bc) s for $(wc -c < "$input") bytes"
    done
  done
fi
