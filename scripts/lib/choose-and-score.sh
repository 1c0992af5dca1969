#!/usr/bin/env bash
# The end of a general recipe (scripts/train-general.sh):
#   scripts/lib/choose-and-score.sh DIRECTION WORKDIR
# Chooses on the general dev set (scripts/lib/choose-checkpoint.sh: WORKDIR/DIRECTION.final.heed),
# then translates every test set once with the default compute type (beam 4) and writes BLEU,
# chrF2 and the degenerate-output rate to WORKDIR/scores. The test sets: Tatoeba test, Bible test,
# FLORES-200 devtest and newstest2013's last 2,000 lines (its first 1,000 are in the dev set, so
# they would score the model on the text it was chosen on); the last two from shared/data, where a
# developer has them.
set -euo pipefail
cd "$(dirname "$0")/../.."
direction=$1 work=$2
src=${direction%-*} tgt=${direction#*-}
heed=build/heed
threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
scripts/lib/choose-checkpoint.sh "$direction" "$work" data/general/dev

shared=../shared/data
# newstest2013-test: the lines of newstest2013 after those data/general/prepare.sh put in dev (the
# count its mix.tsv records).
news=$shared/wmt-news/newstest2013
in_dev=$(awk -F'\t' '$1 == "dev: newstest2013" { print $2 }' data/general/mix.tsv)
[ -n "$in_dev" ] || { echo "choose-and-score: data/general/mix.tsv names no newstest2013 dev lines" >&2; exit 1; }
if [ -f "$news.$src" ] && [ -f "$news.$tgt" ]; then
  for side in "$src" "$tgt"; do tail -n +"$((in_dev + 1))" "$news.$side" > "$work/newstest2013-test.$side"; done
fi
sets=("tatoeba-test data/tatoeba/test.$src data/tatoeba/test.$tgt"
      "bible-test data/bible/test.$src data/bible/test.$tgt"
      "flores-devtest $shared/flores200/flores200-devtest.$src $shared/flores200/flores200-devtest.$tgt"
      "newstest2013-test $work/newstest2013-test.$src $work/newstest2013-test.$tgt")
: > "$work/scores"
for entry in "${sets[@]}"; do
  read -r name in ref <<< "$entry"
  [ -f "$in" ] || { echo "$name: $in missing, not scored" | tee -a "$work/scores"; continue; }
  "$heed" translate -q "${threads[@]}" -m "$work/$direction.final.heed" -i "$in" -o "$work/$name.hyp"
  "$heed" bleu -r "$ref" -i "$work/$name.hyp" -m bleu,chrf | sed "s/^/$name: /" | tee -a "$work/scores"
  python3 scripts/lib/degenerate.py "$work/$name.hyp" | awk -v n="$name" -F'\t' \
    '{ print n ": degenerate " $2 " of " $3 " (" $4 ")" }' | tee -a "$work/scores"
done
