#!/usr/bin/env bash
# Packs a general run's last checkpoint into the repository, so that the next session, on any
# machine, goes on from it (scripts/train-general.sh starts there when its WORKDIR is empty):
#   scripts/carry-general.sh es-en|en-es [WORKDIR]
# writes models/runs/general-DIRECTION.last.heed (F16 weights) and .last.state (packed optimizer
# state; `heed pack`, docs/training.md) and the joint vocabulary models/runs/general.vocab.model.
# Stop the run first (SIGTERM writes its checkpoint).
set -euo pipefail
cd "$(dirname "$0")/.."
recipe_root=build/general2
source scripts/lib/direction.sh
command -v pgrep >/dev/null || { echo "carry-general: needs pgrep (Debian's procps)" >&2; exit 1; }
if pgrep -f "heed train .*--model [^ ]*$direction/$direction.heed" >/dev/null; then
  echo "carry-general: the $direction run is still training; stop it first (SIGTERM)" >&2
  exit 1
fi
mkdir -p models/runs
build/heed pack "$work/$direction.heed" -o "models/runs/general-$direction.heed"
rm -f "models/runs/general-$direction.last.state.prev"
cmp -s build/general2/vocab.model models/runs/general.vocab.model 2>/dev/null ||
  cp build/general2/vocab.model models/runs/general.vocab.model
build/heed info "models/runs/general-$direction.last.heed" | grep -E 'train_step|train_seconds|dev_bleu' >&2
