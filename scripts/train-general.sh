#!/usr/bin/env bash
# Trains a general Spanish<->English model on the general mix (data/general: Tatoeba, the Bible,
# WMT news 2008-2012 and Debian's documentation, catalogues and package descriptions, with joined
# pairs and capitals; data/README.md): corpus, vocabulary, training, choice on dev, scores.
#   scripts/train-general.sh es-en|en-es [WORKDIR]   start, or continue if WORKDIR has a checkpoint
# WORKDIR (default build/general2/DIRECTION) receives the checkpoints, log and curve; the joint
# 16k vocabulary, shared by both directions, is build/general2/vocab.model. Training stops after
# TIME_LIMIT of training time in all (default 480m; resumed runs included); interrupt it (Ctrl-C,
# SIGTERM) and run the script again to continue. When the budget is spent (or with EVALUATE=1, at
# any time, without training) it chooses, on the dev set, between the best checkpoint and averages of the last
# snapshots, writes WORKDIR/DIRECTION.final.heed and scores it on every test set (WORKDIR/scores).
# A run carried in the repository (models/runs/general-DIRECTION.last.*, written by
# scripts/carry-general.sh with its vocabulary) is where a WORKDIR without a checkpoint starts.
# Environment: THREADS (default: all cores), TIME_LIMIT, PRECISION (default bf16 where the CPU
# has it, else f32).
set -euo pipefail
cd "$(dirname "$0")/.."
recipe_root=build/general2
source scripts/lib/direction.sh
vocab=build/general2/vocab.model
heed=build/heed
carried=models/runs/general-$direction
mkdir -p "$work" "$(dirname "$vocab")"
# Both directions share the build, the data and the vocabulary: the first run to get here makes
# them, while the other waits on the lock (they are usually started together) and then reads them.
# mix.tsv is the last file data/general/prepare.sh writes.
(
  flock 9
  [ -x "$heed" ] || scripts/build.sh >/dev/null
  [ -f data/general/mix.tsv ] || data/general/prepare.sh
  if [ ! -f "$vocab" ] && [ -f models/runs/general.vocab.model ]; then
    cp models/runs/general.vocab.model "$vocab.tmp" && mv "$vocab.tmp" "$vocab"
  elif [ ! -f "$vocab" ]; then
    "$heed" tokenizer train --input data/general/train.es data/general/train.en --vocab-size 16000 \
      --character-coverage 0.9999 --model "${vocab%.model}"
  fi
) 9> "$vocab.lock"

threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
precision=${PRECISION:-$("$heed" --version | grep -q 'bf16' && echo bf16 || echo f32)}
if [ ! -f "$work/$direction.last.heed" ] && [ -f "$carried.last.heed" ]; then
  echo "train-general: starting from the carried run $carried.last.heed" >&2
  # The state first and each under a temporary name: a model on disk always has its state, and an
  # interrupted copy leaves nothing that looks like a checkpoint.
  cp "$carried.last.state" "$work/$direction.last.state.tmp"
  mv "$work/$direction.last.state.tmp" "$work/$direction.last.state"
  cp "$carried.last.heed" "$work/$direction.last.heed.tmp"
  mv "$work/$direction.last.heed.tmp" "$work/$direction.last.heed"
fi
resume=()
[ -f "$work/$direction.last.heed" ] && resume=(--resume)
# A wider model than the Tatoeba recipe's (width 512, 8 heads, feed-forward 2048) for twice the
# data and longer sentences; a deep encoder and a shallow decoder (6 + 3), which translates
# nearly as well as 6 + 6 at a cost per output word of half the decoder's.
[ "${EVALUATE:-0}" = 1 ] || "$heed" train "${threads[@]}" \
  --train data/general/train.$src data/general/train.$tgt \
  --valid data/general/dev.$src data/general/dev.$tgt \
  --vocab "$vocab" --model "$work/$direction.heed" \
  --d-model 512 --heads 8 --ffn-dim 2048 --encoder-layers 6 --decoder-layers 3 \
  --precision "$precision" \
  --dropout 0.2 --attention-dropout 0.1 --label-smoothing 0.1 --lr 8e-4 --warmup-steps 800 \
  --clip-norm 1.0 --batch-tokens 8192 --seed 1 \
  --valid-every 500 --valid-beam 1 --log-every 100 --keep-snapshots 8 \
  --time-limit "${TIME_LIMIT:-480m}" \
  "${resume[@]}"

scripts/lib/choose-and-score.sh "$direction" "$work"
