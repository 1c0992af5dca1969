#!/usr/bin/env bash
# Turns a general run into a shipped model, models/DIRECTION.heed:
#   scripts/ship-tatoeba.sh es-en|en-es [WORKDIR]     (WORKDIR as given to scripts/train-tatoeba.sh)
# Takes the model the recipe chose on dev (WORKDIR/DIRECTION.final.heed, already scored in
# WORKDIR/scores), stores its weights as F16, checks that the F16 model's Tatoeba test BLEU stays
# within 0.2 of the F32 model's (both with f32 products), and records the scores, their signatures and the run's size in
# the model's metadata.
set -euo pipefail
cd "$(dirname "$0")/.."
recipe_root=build/general
source scripts/lib/direction.sh
heed=build/heed
final="$work/$direction.final.heed"
[ -f "$final" ] && [ -s "$work/scores" ] ||
  { echo "ship-tatoeba: no $final with scores; run scripts/train-tatoeba.sh $direction $work to its end first" >&2; exit 1; }

"$heed" average "$final" -o "$work/f16.heed" --dtype f16 2>/dev/null
: > "$work/scores.f16"
for set in tatoeba-test bible-test; do
  case $set in
    tatoeba-test) in=data/tatoeba/test.$src ref=data/tatoeba/test.$tgt ;;
    bible-test) in=data/bible/test.$src ref=data/bible/test.$tgt ;;
  esac
  "$heed" translate -q --compute-type f32 -m "$work/f16.heed" -i "$in" -o "$work/$set.f16.hyp"
  "$heed" bleu -r "$ref" -i "$work/$set.f16.hyp" -m bleu,chrf | sed "s/^/$set: /" >> "$work/scores.f16"
done
number_of() { sed -n "s/^$1: $2[^=]*= \([0-9.]*\).*/\1/p" "$3"; }  # SET METRIC FILE
f32=$(number_of tatoeba-test BLEU "$work/scores")
f16=$(number_of tatoeba-test BLEU "$work/scores.f16")
echo "Tatoeba test BLEU: F32 $f32, F16 $f16"
awk -v a="$f32" -v b="$f16" 'BEGIN {d = a - b; if (d < 0) d = -d; exit !(d <= 0.2)}' ||
  { echo "ship-tatoeba: F16 loses more than 0.2 BLEU; not shipping" >&2; exit 1; }

# The run as a whole (the last checkpoint's steps and time) and where the weights come from.
meta_of() { "$heed" info "$1" | sed -n "s/^meta $2 *//p"; }
line_of() { sed -n "s/^$1: \($2.*\)/\1/p" "$work/scores.f16"; }
last="$work/$direction.last.heed"
mkdir -p models
"$heed" average "$final" -o "models/$direction.heed" --dtype f16 \
  --meta "chosen_on_dev=$(tr '\n' ';' < "$work/choice")" \
  --meta "train_step=$(meta_of "$last" train_step)" \
  --meta "train_epoch=$(meta_of "$last" train_epoch)" \
  --meta "train_seconds=$(meta_of "$last" train_seconds)" \
  --meta "train_target_tokens=$(meta_of "$last" train_target_tokens)" \
  --meta "test_bleu=$(line_of tatoeba-test BLEU)" \
  --meta "test_chrf=$(line_of tatoeba-test chrF2)" \
  --meta "test_bleu_f32_weights=$f32" \
  --meta "test_set=tatoeba-test-v2021-08-07 ($src -> $tgt, 16,583 sentences), beam 4" \
  --meta "bible_test_bleu=$(line_of bible-test BLEU)" \
  --meta "bible_test_chrf=$(line_of bible-test chrF2)"
echo "F32:"; cat "$work/scores"
echo "F16 (shipped as models/$direction.heed):"; cat "$work/scores.f16"
ls -l "models/$direction.heed"
