#!/usr/bin/env bash
# Trains a general Spanish<->English model on Tatoeba plus the Bible: corpus, vocabulary,
# training, evaluation.
#   scripts/train-tatoeba.sh es-en|en-es [WORKDIR]    start, or continue if WORKDIR has a checkpoint
# WORKDIR (default: build/general/DIRECTION) receives the corpus, checkpoints, log and curve; the
# joint vocabulary, shared by both directions, is build/general/vocab.model. Training stops after
# 300 minutes of training time in all (resumed runs included); interrupt it (Ctrl-C, SIGTERM) and
# run the script again to continue. At the end it chooses, on the dev set, between the best
# checkpoint and averages of the last snapshots (WORKDIR/choice), writes the choice to
# WORKDIR/DIRECTION.final.heed and scores it (WORKDIR/scores). Environment: THREADS (default: all
# cores), TIME_LIMIT (default 300m: the recipe's budget; less ends a session's share sooner).
set -euo pipefail
cd "$(dirname "$0")/.."
recipe_root=build/general
source scripts/lib/direction.sh
vocab=build/general/vocab.model
heed=build/heed
[ -x "$heed" ] || scripts/build.sh >/dev/null
data/bible/prepare.sh >/dev/null
data/tatoeba/prepare.sh >/dev/null
mkdir -p "$work" "$(dirname "$vocab")"

# Training text: Tatoeba's train split, then the Bible's; dev: Tatoeba's dev split.
for side in es en; do
  cat data/tatoeba/train.$side data/bible/train.$side > "$work/train.$side.tmp"
  mv "$work/train.$side.tmp" "$work/train.$side"
done
if [ ! -f "$vocab" ]; then
  "$heed" tokenizer train --input "$work/train.es" "$work/train.en" --vocab-size 8000 \
    --model "${vocab%.model}"
fi

threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
resume=()
[ -f "$work/$direction.last.heed" ] && resume=(--resume)
"$heed" train "${threads[@]}" \
  --train "$work/train.$src" "$work/train.$tgt" \
  --valid data/tatoeba/dev.$src data/tatoeba/dev.$tgt \
  --vocab "$vocab" --model "$work/$direction.heed" \
  --preset small \
  --dropout 0.2 --attention-dropout 0.1 --label-smoothing 0.1 --lr 1e-3 --warmup-steps 1000 --clip-norm 1.0 \
  --batch-tokens 4096 --seed 1 \
  --valid-every 500 --valid-beam 1 --log-every 100 --keep-snapshots 8 \
  --time-limit "${TIME_LIMIT:-300m}" \
  "${resume[@]}"

# The shipped model is chosen on the dev set (beam 4, f32 products): the best checkpoint by greedy
# dev BLEU, or the average of the last 4 or 8 snapshots. The test set is translated once, by the choice.
scripts/lib/choose-checkpoint.sh "$direction" "$work" data/tatoeba/dev

evaluate() {  # NAME SRCFILE REFFILE
  "$heed" translate -q "${threads[@]}" --compute-type f32 -m "$work/$direction.final.heed" -i "$2" -o "$work/$1.hyp"
  "$heed" bleu -r "$3" -i "$work/$1.hyp" -m bleu,chrf | sed "s/^/$1: /" | tee -a "$work/scores"
}
: > "$work/scores"
evaluate tatoeba-dev data/tatoeba/dev.$src data/tatoeba/dev.$tgt
evaluate tatoeba-test data/tatoeba/test.$src data/tatoeba/test.$tgt
evaluate bible-test data/bible/test.$src data/bible/test.$tgt
