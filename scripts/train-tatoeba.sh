#!/usr/bin/env bash
# Trains a general Spanish<->English model on Tatoeba plus the Bible: corpus, vocabulary,
# training, evaluation.
#   scripts/train-tatoeba.sh es-en|en-es [WORKDIR]    start, or continue if WORKDIR has a checkpoint
# WORKDIR (default: build/general/DIRECTION) receives the corpus, checkpoints, log and curve; the
# joint vocabulary, shared by both directions, is build/general/vocab.model. Training stops after
# 300 minutes of training time in all (resumed runs included); interrupt it (Ctrl-C, SIGTERM) and
# run the script again to continue. Environment: THREADS (default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
direction="${1:-}"
case "$direction" in
  es-en) src=es tgt=en ;;
  en-es) src=en tgt=es ;;
  *) echo "usage: scripts/train-tatoeba.sh es-en|en-es [WORKDIR]" >&2; exit 2 ;;
esac
work="${2:-build/general/$direction}"
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
  --valid-every 1000 --valid-beam 1 --log-every 100 \
  --time-limit 300m \
  "${resume[@]}"

# Evaluation (beam 4): Tatoeba dev and test, and for es-en the Bible test split.
evaluate() {  # NAME SRCFILE REFFILE
  "$heed" translate -q "${threads[@]}" -m "$work/$direction.heed" -i "$2" -o "$work/$1.hyp"
  "$heed" bleu -r "$3" -i "$work/$1.hyp" -m bleu,chrf | sed "s/^/$1: /" | tee -a "$work/scores"
}
: > "$work/scores"
evaluate tatoeba-dev data/tatoeba/dev.$src data/tatoeba/dev.$tgt
evaluate tatoeba-test data/tatoeba/test.$src data/tatoeba/test.$tgt
if [ "$direction" = es-en ]; then
  evaluate bible-test data/bible/test.es data/bible/test.en
fi
