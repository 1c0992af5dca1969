#!/usr/bin/env bash
# Trains the Spanish->English Bible model end to end: corpus, vocabulary, training, evaluation.
#   scripts/train-bible.sh [WORKDIR]            start (or continue, if WORKDIR has a checkpoint)
# WORKDIR (default: build/bible) receives the vocabulary, checkpoints, log and curve. Training
# stops after 150 minutes of training time in all (resumed runs included) or 25 epochs; it can be
# interrupted (Ctrl-C, SIGTERM) and continued by running the script again.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-build/bible}"
heed=build/heed
[ -x "$heed" ] || scripts/build.sh >/dev/null
data/bible/prepare.sh
mkdir -p "$work"

resume=()
[ -f "$work/bible.last.heed" ] && resume=(--resume)
"$heed" train \
  --train data/bible/train.es data/bible/train.en \
  --valid data/bible/dev.es data/bible/dev.en \
  --vocab "$work/vocab.model" --vocab-size 8000 \
  --model "$work/bible.heed" \
  --preset small --encoder-layers 4 --decoder-layers 3 \
  --dropout 0.2 --label-smoothing 0.1 --lr 1e-3 --warmup-steps 1000 --clip-norm 1.0 \
  --batch-tokens 4096 --seed 1 \
  --valid-every 500 --valid-beam 1 --log-every 50 \
  --time-limit 150m --max-epochs 25 \
  "${resume[@]}"

# Evaluation on the test split: WEB reference, then WEB + KJV.
"$heed" translate -m "$work/bible.heed" -i data/bible/test.es -o "$work/test.hyp.en" --beam-size 4
"$heed" bleu -r data/bible/test.en -i "$work/test.hyp.en" -m bleu,chrf | tee "$work/test.scores"
"$heed" bleu -r data/bible/test.en -r data/bible/test.kjv -i "$work/test.hyp.en" | tee -a "$work/test.scores"
