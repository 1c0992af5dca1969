#!/usr/bin/env bash
# Turns the Bible run into the shipped model, models/bible-es-en.heed:
#   scripts/ship-bible.sh [WORKDIR]        (WORKDIR as given to scripts/train-bible.sh)
# Picks, by dev BLEU (beam 4), the best validated checkpoint, the last one (training may stop
# between validations) or the average of the two. Stores the weights as F16, checks that the F16
# model's test BLEU stays within 0.2 of the F32 model's (beam 4, WEB reference), and records the
# test scores and their signatures in the model's metadata. Prints the scores of both.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-build/bible}"
heed=build/heed
[ -f "$work/bible.heed" ] || { echo "ship-bible: $work/bible.heed does not exist; run scripts/train-bible.sh $work first" >&2; exit 1; }

# Scores of one model on the test split: the hypotheses, then BLEU+chrF (WEB), BLEU (WEB+KJV).
evaluate() {  # evaluate MODEL NAME
  "$heed" translate -q -m "$1" -i data/bible/test.es -o "$work/test.$2.en" --beam-size 4
  "$heed" bleu -r data/bible/test.en -i "$work/test.$2.en" -m bleu,chrf > "$work/test.$2.scores"
  "$heed" bleu -r data/bible/test.en -r data/bible/test.kjv -i "$work/test.$2.en" >> "$work/test.$2.scores"
}
number_of() { sed 's/^[^=]*= \([0-9.]*\).*/\1/'; }  # the score in a `heed bleu` line
score_of() { sed -n "$2p" "$1" | number_of; }

# The candidates, scored on dev.
"$heed" average "$work/bible.heed" "$work/bible.last.heed" -o "$work/bible.avg.heed" 2>/dev/null
best="" best_bleu=-1
for candidate in bible bible.last bible.avg; do
  "$heed" translate -q -m "$work/$candidate.heed" -i data/bible/dev.es -o "$work/dev.$candidate.en" --beam-size 4
  bleu=$("$heed" bleu -r data/bible/dev.en -i "$work/dev.$candidate.en" | number_of)
  echo "dev BLEU of $candidate.heed: $bleu"
  if awk -v a="$bleu" -v b="$best_bleu" 'BEGIN {exit !(a > b)}'; then best="$work/$candidate.heed" best_bleu=$bleu; fi
done
echo "shipping $best"

"$heed" average "$best" -o "$work/bible.f16.heed" --dtype f16 2>/dev/null
evaluate "$best" f32
evaluate "$work/bible.f16.heed" f16
f32=$(score_of "$work/test.f32.scores" 1)
f16=$(score_of "$work/test.f16.scores" 1)
echo "test BLEU: F32 $f32, F16 $f16"
awk -v a="$f32" -v b="$f16" 'BEGIN {d = a - b; if (d < 0) d = -d; exit !(d <= 0.2)}' ||
  { echo "ship-bible: F16 loses more than 0.2 BLEU; not shipping" >&2; exit 1; }

# The run as a whole (the last checkpoint's count of steps and time), and where the weights come from.
meta_of() { "$heed" info "$1" | sed -n "s/^meta $2 *//p"; }
last="$work/bible.last.heed"
origin="$(basename "$best")"
[ "$best" = "$work/bible.avg.heed" ] &&
  origin="average of bible.heed (step $(meta_of "$work/bible.heed" train_step)) and bible.last.heed (step $(meta_of "$last" train_step))"
mkdir -p models
"$heed" average "$best" -o models/bible-es-en.heed --dtype f16 \
  --meta "averaged_from=$origin" \
  --meta "dev_bleu=$best_bleu (beam 4)" \
  --meta "train_step=$(meta_of "$last" train_step)" \
  --meta "train_epoch=$(meta_of "$last" train_epoch)" \
  --meta "train_seconds=$(meta_of "$last" train_seconds)" \
  --meta "train_target_tokens=$(meta_of "$last" train_target_tokens)" \
  --meta "test_bleu=$(sed -n 1p "$work/test.f16.scores")" \
  --meta "test_chrf=$(sed -n 2p "$work/test.f16.scores")" \
  --meta "test_bleu_web_kjv=$(sed -n 3p "$work/test.f16.scores")" \
  --meta "test_bleu_f32_weights=$f32" \
  --meta "test_set=data/bible/test.es (622 verses, RV1909 -> WEB; KJV as a second reference), beam 4"
echo "F32:"; cat "$work/test.f32.scores"
echo "F16 (shipped as models/bible-es-en.heed):"; cat "$work/test.f16.scores"
ls -l models/bible-es-en.heed
