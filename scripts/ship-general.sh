#!/usr/bin/env bash
# Turns a general run into a shipped model, models/DIRECTION.heed:
#   scripts/ship-general.sh es-en|en-es [WORKDIR]   (WORKDIR as given to scripts/train-general.sh)
# Takes the model the recipe chose on dev (WORKDIR/DIRECTION.final.heed, scored on every test set
# with the default compute type in WORKDIR/scores), stores its weights as F16, translates every
# test set again with the F16 model, refuses to ship if any BLEU moves by more than 0.2, and
# records each set's BLEU, chrF2 (with signatures) and degenerate-output rate, the dev choice and
# the run's size in the model's metadata. The model card (models/README.md) is written by hand
# from WORKDIR/scores.f16 and the learning curve (WORKDIR/DIRECTION.curve.svg).
set -euo pipefail
cd "$(dirname "$0")/.."
recipe_root=build/general2
source scripts/lib/direction.sh
heed=build/heed
final="$work/$direction.final.heed"
[ -f "$final" ] && [ -s "$work/scores" ] ||
  { echo "ship-general: no $final with scores; run scripts/train-general.sh $direction $work to its end (or with EVALUATE=1) first" >&2; exit 1; }

# The test sets as scripts/lib/choose-and-score.sh scored them (those it found).
shared=../shared/data
declare -A sources=([tatoeba-test]=data/tatoeba/test [bible-test]=data/bible/test
                    [flores-devtest]=$shared/flores200/flores200-devtest [newstest2013-test]=$work/newstest2013-test)
mapfile -t sets < <(sed -n 's/^\([a-z0-9-]*\): BLEU.*/\1/p' "$work/scores")
[ "${#sets[@]}" -gt 0 ] || { echo "ship-general: $work/scores holds no BLEU line" >&2; exit 1; }

"$heed" average "$final" -o "$work/f16.heed" --dtype f16 >/dev/null
: > "$work/scores.f16"
for set in "${sets[@]}"; do
  prefix=${sources[$set]:-}
  [ -n "$prefix" ] && [ -f "$prefix.$src" ] || { echo "ship-general: no source text for $set" >&2; exit 1; }
  "$heed" translate -q -m "$work/f16.heed" -i "$prefix.$src" -o "$work/$set.f16.hyp"
  "$heed" bleu -r "$prefix.$tgt" -i "$work/$set.f16.hyp" -m bleu,chrf | sed "s/^/$set: /" >> "$work/scores.f16"
  python3 scripts/lib/degenerate.py "$work/$set.f16.hyp" | awk -v n="$set" -F'\t' \
    '{ print n ": degenerate " $2 " of " $3 " (" $4 ")" }' >> "$work/scores.f16"
done

number_of() { sed -n "s/^$1: $2[^=]*= \([0-9.]*\).*/\1/p" "$3"; }  # SET METRIC FILE
line_of() { sed -n "s/^$1: \($2.*\)/\1/p" "$work/scores.f16"; }  # SET METRIC
for set in "${sets[@]}"; do
  f32=$(number_of "$set" BLEU "$work/scores") f16=$(number_of "$set" BLEU "$work/scores.f16")
  echo "$set BLEU: F32 weights $f32, F16 weights $f16"
  awk -v a="$f32" -v b="$f16" 'BEGIN {d = a - b; if (d < 0) d = -d; exit !(d <= 0.2)}' ||
    { echo "ship-general: F16 weights move $set's BLEU by more than 0.2; not shipping" >&2; exit 1; }
done

# Metadata: per set, its key prefix (tatoeba-test -> tatoeba_test_bleu ...).
meta_of() { "$heed" info "$1" | sed -n "s/^meta $2 *//p"; }
last="$work/$direction.last.heed"
meta=(--meta "chosen_on_dev=$(tr '\n' ';' < "$work/choice")"
      --meta "dev_set=data/general/dev ($src -> $tgt: the first 1,000 pairs of Tatoeba dev and of newstest2013)"
      --meta "train_recipe=scripts/train-general.sh $direction"
      --meta "test_compute_type=$("$heed" --version | sed -n 's/.* \([a-z0-9]*\) (auto).*/\1/p')"
      --meta "train_step=$(meta_of "$last" train_step)"
      --meta "train_epoch=$(meta_of "$last" train_epoch)"
      --meta "train_seconds=$(meta_of "$last" train_seconds)"
      --meta "train_target_tokens=$(meta_of "$last" train_target_tokens)")
for set in "${sets[@]}"; do
  key=${set//-/_}
  meta+=(--meta "${key}_bleu=$(line_of "$set" BLEU)" --meta "${key}_chrf=$(line_of "$set" chrF2)"
         --meta "${key}_degenerate=$(line_of "$set" degenerate | sed 's/^degenerate //')")
done
mkdir -p models
"$heed" average "$final" -o "models/$direction.heed" --dtype f16 "${meta[@]}"
echo "F32 weights:"; cat "$work/scores"
echo "F16 weights (shipped as models/$direction.heed):"; cat "$work/scores.f16"
ls -l "models/$direction.heed"
