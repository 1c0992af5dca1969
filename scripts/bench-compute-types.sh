#!/usr/bin/env bash
# Measures heed translate in each compute type this CPU runs, side by side in one run:
# sentences/s on a test set (beam 4), BLEU and chrF2 against its references, peak memory, and the
# time to answer a lone short sentence after start-up; ratios against f32 of the same run.
#   scripts/bench-compute-types.sh [MODEL [SRC REF]]
# Default: the Bible model on the Bible test split. Each type runs twice, alternating, and keeps
# its faster run (the machine is shared). Needs /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
heed=build/heed
[ -x "$heed" ] || scripts/build.sh >/dev/null
[ -x /usr/bin/time ] || { echo "bench-compute-types: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
model=${1:-bible-es-en}
if [ $# -ge 3 ]; then src=$2 ref=$3; else data/bible/prepare.sh >/dev/null; src=data/bible/test.es ref=data/bible/test.en; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lone=${LONE_SENTENCE:-Dios es amor.}
printf '%s\n' "$lone" > "$work/one"
for _ in $(seq 200); do printf '%s\n' "$lone"; done > "$work/many"
types=$("$heed" --version | sed -n 's/.*compute types \(.*\)/\1/p' | sed 's/ (auto)//; s/,//g')
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'); $("$heed" --version | sed -n 2p)"
echo "model $model, $(wc -l < "$src") sentences of $src"

seconds() { sed -n 's/.* in \([0-9.]*\) s: .*/\1/p' "$1"; }
declare -A rate rss latency
for round in 1 2; do
  for t in $types; do
    /usr/bin/time -f %M -o "$work/$t.rss" "$heed" translate -m "$model" --compute-type "$t" -b 4 \
      -i "$src" -o "$work/$t.hyp" 2> "$work/$t.log"
    r=$(sed -n 's/.* s: \([0-9.]*\) sentences\/s.*/\1/p' "$work/$t.log")
    awk -v a="$r" -v b="${rate[$t]:-0}" 'BEGIN { exit !(a > b) }' && rate[$t]=$r
    rss[$t]=$(cat "$work/$t.rss")
    # A lone sentence: 200 translated one after another on one thread, as heed translates a
    # sentence typed at a prompt (batches of one), less the start-up of translating one.
    "$heed" translate -m "$model" --compute-type "$t" --threads 1 --max-sentences 1 -i "$work/one" -o /dev/null 2> "$work/one.log"
    "$heed" translate -m "$model" --compute-type "$t" --threads 1 --max-sentences 1 -i "$work/many" -o /dev/null 2> "$work/many.log"
    l=$(awk -v a="$(seconds "$work/many.log")" -v b="$(seconds "$work/one.log")" 'BEGIN { printf "%.2f", (a - b) / 199 * 1000 }')
    awk -v a="$l" -v b="${latency[$t]:-1e9}" 'BEGIN { exit !(a < b) }' && latency[$t]=$l
  done
done
printf '%-6s %14s %8s %8s %8s %14s %8s %16s\n' type sentences/s "vs f32" BLEU chrF2 "peak RSS MB" "vs f32" "lone sentence ms"
for t in $types; do
  scores=$("$heed" bleu -r "$ref" -i "$work/$t.hyp" -m bleu,chrf)
  bleu=$(sed -n 's/^BLEU[^=]* = \([0-9.]*\) .*/\1/p' <<< "$scores")
  chrf=$(sed -n 's/^chrF2[^=]* = \([0-9.]*\).*/\1/p' <<< "$scores")
  printf '%-6s %14s %8s %8s %8s %14s %8s %16s\n' "$t" "${rate[$t]}" \
    "$(awk -v a="${rate[$t]}" -v b="${rate[f32]}" 'BEGIN { printf "%.2f", a / b }')" "$bleu" "$chrf" \
    "$((rss[$t] / 1024))" "$(awk -v a="${rss[$t]}" -v b="${rss[f32]}" 'BEGIN { printf "%.2f", a / b }')" "${latency[$t]}"
done
for t in $types; do
  [ "$t" = f32 ] || echo "$t: $(paste -d '\t' "$work/f32.hyp" "$work/$t.hyp" | awk -F'\t' '$1 == $2' | wc -l) of $(wc -l < "$src") lines equal f32's"
done
