#!/usr/bin/env bash
# Reproduces the README's performance table: heed and heed_ref.py (PyTorch) side by side, with
# the same configuration, weights and threads. Needs the PyTorch packages (see shared/README).
set -euo pipefail
cd "$(dirname "$0")/.."
ref=../shared/reference/heed_ref.py
threads="${THREADS:-2}"
export OMP_NUM_THREADS="$threads"
[ -x build/heed-bench ] || scripts/build.sh >/dev/null
data/bible/prepare.sh >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "== linear layers against a 2048^3 product"
build/heed-bench matmul --threads "$threads" | tail -1
for preset in small base; do
  echo "== training, $preset: target tokens/s"
  echo "heed    $(build/heed-bench train --preset "$preset" --threads "$threads" | tail -1)"
  echo "pytorch $(/usr/bin/python3 "$ref" bench-train --preset "$preset" --threads "$threads")"
done

echo "== translation, Bible test, beam 4, same random small weights"
build/heed tokenizer train --input data/bible/train.es data/bible/train.en --vocab-size 8000 --model "$work/vocab" 2>/dev/null
/usr/bin/python3 "$ref" init --spm "$work/vocab.model" --out "$work/small.heed" --preset small --seed 3
/usr/bin/python3 "$ref" translate -m "$work/small.heed" -i data/bible/test.es -o "$work/ref.out" --beam 4 --threads "$threads"
/usr/bin/time -f "heed peak memory %M KB" build/heed translate -m "$work/small.heed" -i data/bible/test.es -o "$work/heed.out" --beam-size 4 --threads "$threads"

if [ -f models/bible-es-en.heed ]; then
  echo "== translation, Bible test, beam 4, the shipped model (as F32 for both)"
  build/heed average models/bible-es-en.heed -o "$work/bible32.heed" 2>/dev/null
  /usr/bin/python3 "$ref" translate -m "$work/bible32.heed" -i data/bible/test.es -o "$work/ref2.out" --beam 4 --threads "$threads"
  /usr/bin/time -f "heed peak memory %M KB" build/heed translate -m "$work/bible32.heed" -i data/bible/test.es -o "$work/heed2.out" --beam-size 4 --threads "$threads"
fi
