#!/usr/bin/env bash
# The figures of real text (docs/translation.md), for the installed es-en and en-es models:
#   scripts/bench-real-text.sh [OUTDIR] [HEED]     (defaults: build/real-text, build/heed)
# For each direction and test set (Tatoeba test, Bible test, FLORES-200 devtest, newstest2013):
# BLEU, chrF2 and the share of degenerate outputs (scripts/lib/degenerate.py; the references'
# own share beside it). Then the Tatoeba test joined into paragraphs of 1-5 consecutive
# sentences against the same sentences line by line; the Tatoeba test in capitals against its
# capitalized reference; and language detection on both sides of the Tatoeba test, whole and
# cut to their first 1, 2 and 3 words. Every translation: the default compute type, beam 4.
# FLORES and newstest2013 are read from ../shared/data where a developer has them.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-build/real-text}
heed=$(realpath "${2:-build/heed}")
shared=../shared/data
mkdir -p "$out"
[ -f data/tatoeba/test.en ] || data/tatoeba/prepare.sh >/dev/null
[ -f data/bible/test.en ] || data/bible/prepare.sh >/dev/null
bleu() { "$heed" bleu -r "$1" -i "$2" -m bleu,chrf -w 2 | sed -n 's/^\(BLEU\|chrF2\)[^=]*= \([0-9.]*\).*/\2/p' | paste -sd' '; }
degenerate() { python3 scripts/lib/degenerate.py "$1" | cut -f2,3 | tr '\t' '/'; }

echo "# test sets: BLEU chrF2, degenerate outputs (and in the reference)"
for direction in es-en en-es; do
  src=${direction%-*} tgt=${direction#*-}
  for entry in "tatoeba data/tatoeba/test" "bible data/bible/test" \
               "flores $shared/flores200/flores200-devtest" "news13 $shared/wmt-news/newstest2013"; do
    read -r name prefix <<< "$entry"
    [ -f "$prefix.$src" ] || { echo "$direction $name: $prefix.$src missing"; continue; }
    "$heed" translate -q -m "$direction" -i "$prefix.$src" -o "$out/$direction.$name.hyp"
    echo "$direction $name: $(bleu "$prefix.$tgt" "$out/$direction.$name.hyp"), degenerate" \
         "$(degenerate "$out/$direction.$name.hyp") (reference $(degenerate "$prefix.$tgt"))"
  done
done

echo "# paragraphs of 1-5 Tatoeba test sentences against the same sentences line by line"
for direction in es-en en-es; do
  src=${direction%-*} tgt=${direction#*-}
  python3 - data/tatoeba/test "$src" "$tgt" "$out/$direction" <<'PY'
import random, sys
prefix, src, tgt, out = sys.argv[1:5]
a = open(f"{prefix}.{src}", encoding="utf-8").read().split("\n")[:-1]
b = open(f"{prefix}.{tgt}", encoding="utf-8").read().split("\n")[:-1]
rng, i, sizes = random.Random(1), 0, []
while i < len(a):
    n = min(rng.randint(1, 5), len(a) - i)
    sizes.append(n)
    i += n
with open(out + ".para.src", "w", encoding="utf-8") as s, open(out + ".para.ref", "w", encoding="utf-8") as r, \
     open(out + ".para.sizes", "w") as z:
    i = 0
    for n in sizes:
        s.write(" ".join(a[i:i + n]) + "\n"); r.write(" ".join(b[i:i + n]) + "\n"); z.write(f"{n}\n")
        i += n
PY
  "$heed" translate -q -m "$direction" -i "$out/$direction.para.src" -o "$out/$direction.para.hyp"
  # The line-by-line translations (above), joined into the same paragraphs.
  python3 - "$out/$direction.tatoeba.hyp" "$out/$direction.para.sizes" > "$out/$direction.para.lines" <<'PY'
import sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")[:-1]
i = 0
for n in map(int, open(sys.argv[2])):
    print(" ".join(lines[i:i + int(n)])); i += int(n)
PY
  same=$(paste -d'\t' "$out/$direction.para.hyp" "$out/$direction.para.lines" | awk -F'\t' '$1 == $2 { s++ } END { print s "/" NR }')
  echo "$direction paragraphs: identical to line by line $same; BLEU chrF2 paragraphs" \
       "$(bleu "$out/$direction.para.ref" "$out/$direction.para.hyp"), line by line $(bleu "$out/$direction.para.ref" "$out/$direction.para.lines")"
done

echo "# the Tatoeba test in capitals (against its capitalized reference) and as it is"
upper() { python3 -c "import sys; sys.stdout.write(sys.stdin.read().upper())"; }
for direction in es-en en-es; do
  src=${direction%-*} tgt=${direction#*-}
  upper < data/tatoeba/test.$src > "$out/$direction.upper.src"
  upper < data/tatoeba/test.$tgt > "$out/$direction.upper.ref"
  "$heed" translate -q -m "$direction" -i "$out/$direction.upper.src" -o "$out/$direction.upper.hyp"
  upper < "$out/$direction.tatoeba.hyp" > "$out/$direction.normal-upper.hyp"
  echo "$direction capitals: $(bleu "$out/$direction.upper.ref" "$out/$direction.upper.hyp");" \
       "normal case $(bleu data/tatoeba/test.$tgt "$out/$direction.tatoeba.hyp")," \
       "normal case's output in capitals $(bleu "$out/$direction.upper.ref" "$out/$direction.normal-upper.hyp")"
done

echo "# language detection on the Tatoeba test: accuracy, mean confidence"
"$heed" detect --help >/dev/null 2>&1 || { echo "this heed has no detect"; exit 0; }
for lang in es en; do
  for words in 0 1 2 3; do
    if [ "$words" = 0 ]; then cp data/tatoeba/test.$lang "$out/detect.in"
    else awk -v w="$words" '{ s = $1; for (i = 2; i <= w && i <= NF; i++) s = s " " $i; print s }' data/tatoeba/test.$lang > "$out/detect.in"
    fi
    "$heed" detect -i "$out/detect.in" | awk -v l="$lang" -v w="$words" \
      '{ n++; ok += $1 == l; c += $2 } END { printf "detect %s %s: %.2f%% right, mean confidence %.1f\n", l, (w ? w " words" : "whole"), 100 * ok / n, c / n }'
  done
done
