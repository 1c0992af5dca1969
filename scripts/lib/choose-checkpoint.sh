#!/usr/bin/env bash
# Chooses the model a recipe ships, on its dev set:
#   scripts/lib/choose-checkpoint.sh DIRECTION WORKDIR DEV_PREFIX
# Between the best checkpoint (WORKDIR/DIRECTION.heed) and the averages of the last 4 and 8
# snapshots, the one with the best dev BLEU (beam 4, f32 products: the reference's arithmetic) on
# DEV_PREFIX.SRC -> DEV_PREFIX.TGT; writes WORKDIR/choice and copies it to WORKDIR/DIRECTION.final.heed.
set -euo pipefail
shopt -s inherit_errexit  # a failed translation inside $(dev_score ...) stops the choice
cd "$(dirname "$0")/../.."
direction=$1 work=$2 dev=$3
src=${direction%-*} tgt=${direction#*-}
heed=build/heed
threads=()
[ -n "${THREADS:-}" ] && threads=(--threads "$THREADS")
bleu_of() { sed -n 's/^BLEU[^=]* = \([0-9.]*\) .*/\1/p' "$1"; }
dev_score() {  # MODEL NAME -> prints the dev BLEU
  "$heed" translate -q "${threads[@]}" --compute-type f32 -m "$1" -i "$dev.$src" -o "$work/$2.dev.hyp"
  "$heed" bleu -r "$dev.$tgt" -i "$work/$2.dev.hyp" > "$work/$2.dev"
  bleu_of "$work/$2.dev"
}
mapfile -t snapshots < <(ls -v "$work/$direction".step*.heed 2>/dev/null)
candidates=(best)
cp "$work/$direction.heed" "$work/best.heed"
for n in 4 8; do
  if [ "${#snapshots[@]}" -ge "$n" ]; then
    "$heed" average "${snapshots[@]: -$n}" -o "$work/avg$n.heed"
    candidates+=("avg$n")
  fi
done
chosen="" chosen_bleu=-1
: > "$work/choice"
for c in "${candidates[@]}"; do
  b=$(dev_score "$work/$c.heed" "$c")
  [ -n "$b" ] || { echo "choose-checkpoint: no dev BLEU for $c ($work/$c.dev)" >&2; exit 1; }
  echo "$c: dev BLEU $b (beam 4)" | tee -a "$work/choice"
  if awk -v a="$b" -v b="$chosen_bleu" 'BEGIN { exit !(a > b) }'; then chosen=$c chosen_bleu=$b; fi
done
echo "chosen: $chosen" | tee -a "$work/choice"
cp "$work/$chosen.heed" "$work/$direction.final.heed"

