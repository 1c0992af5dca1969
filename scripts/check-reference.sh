#!/usr/bin/env bash
# Checks heed's arithmetic against the independent PyTorch implementation of the model file's
# specification (heed_ref.py, a developer's reference: not part of heed, and not needed by any
# test): a model written by heed as F16 scores the same in both, to 1e-3 nats per sentence.
#   scripts/check-reference.sh [PATH/TO/heed_ref.py]     (default: ../shared/reference/heed_ref.py)
# Needs python3-torch and python3-sentencepiece.
set -euo pipefail
cd "$(dirname "$0")/.."
ref_py=${1:-../shared/reference/heed_ref.py}
[ -f "$ref_py" ] || { echo "check-reference: $ref_py: no such file" >&2; exit 1; }
/usr/bin/python3 -c "import torch, sentencepiece" 2>/dev/null ||
  { echo "check-reference: needs python3-torch and python3-sentencepiece" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ref=tests/data/ref
build/heed average "$ref/tiny-pre-learned.heed" -o "$work/half.heed" --dtype f16 2>/dev/null
OMP_NUM_THREADS=1 /usr/bin/python3 "$ref_py" score -m "$work/half.heed" --src "$ref/score.es" --tgt "$ref/score.en" \
  --threads 1 > "$work/ref.scores"
build/heed score -m "$work/half.heed" --src "$ref/score.es" --tgt "$ref/score.en" > "$work/heed.scores"
paste "$work/ref.scores" "$work/heed.scores" | awk '{ d = $1 - $2; if (d < 0) d = -d; if (d > m) m = d }
  END { printf "largest difference: %.2g nats over %d sentences\n", m, NR; exit !(m <= 1e-3 && NR == 20) }'
