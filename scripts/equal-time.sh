#!/usr/bin/env bash
# Equal-time training comparison with PyTorch: the same model and recipe (the one of
# `heed_ref.py train`: 3+3 layers of width 256, 8k vocabulary, 4096-token batches, lr 7e-4 with
# 800 warm-up steps, label smoothing 0.1, dropout 0.1, clipping at 1.0) trained for MINUTES by
# heed_ref.py and then by heed, one after the other, each with the machine to itself. Both models
# are decoded by `heed translate` (beam 4) on the Bible test split and scored by `heed bleu`.
#   scripts/equal-time.sh [MINUTES (60)] [OUT_DIR (equal-time)]
# The 8k SentencePiece vocabulary is trained in OUT_DIR, or VOCAB=FILE.model names an existing one.
# Takes twice MINUTES plus a few minutes; keep other work off the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-60}"
out="$(realpath -m "${2:-equal-time}")"
threads="${THREADS:-2}"
ref=../shared/reference/heed_ref.py
export OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads"
[ -x build/heed ] || scripts/build.sh >/dev/null
data/bible/prepare.sh >/dev/null
d=data/bible
mkdir -p "$out"
vocab="${VOCAB:-$out/vocab.model}"
[ -f "$vocab" ] ||
  build/heed tokenizer train --input $d/train.es $d/train.en --vocab-size 8000 --model "${vocab%.model}" 2>/dev/null

echo "== PyTorch (heed_ref.py train), $minutes minutes"
/usr/bin/python3 "$ref" train -m "$out/torch.heed" --spm "$vocab" --train-src $d/train.es \
  --train-tgt $d/train.en --minutes "$minutes" --preset small --config-json '{"encoder_layers":3,"decoder_layers":3}' \
  --lr 7e-4 --warmup 800 --dropout 0.1 --batch-tokens 4096 --threads "$threads" 2>&1 | tee "$out/torch.log" | tail -1

echo "== heed train, $minutes minutes"
# No validation before the end (heed_ref.py validates never; its time would count against heed).
build/heed train --train $d/train.es $d/train.en --valid $d/dev.es $d/dev.en --vocab "$vocab" \
  --model "$out/heed.heed" --preset small --encoder-layers 3 --decoder-layers 3 --lr 7e-4 --warmup-steps 800 \
  --dropout 0.1 --label-smoothing 0.1 --clip-norm 1 --batch-tokens 4096 --valid-every 1000000 \
  --time-limit "${minutes}m" --threads "$threads" 2> "$out/heed.log"
tail -1 "$out/heed.log"

for m in torch heed; do
  echo "== $m: Bible test, beam 4"
  build/heed translate -m "$out/$m.heed" --beam-size 4 --threads "$threads" -i $d/test.es -o "$out/$m.test.en"
  build/heed bleu -i "$out/$m.test.en" -r $d/test.en -m bleu,chrf
done
