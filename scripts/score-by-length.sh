#!/usr/bin/env bash
# BLEU and chrF of a translation by source length, to see where a model fails:
#   scripts/score-by-length.sh SOURCE REFERENCE HYPOTHESES
# Buckets by words of the source line: 1-5, 6-10, 11-15, 16-25, 26 and more.
set -euo pipefail
heed="$(dirname "$0")/../build/heed"
[ $# -eq 3 ] || { echo "usage: scripts/score-by-length.sh SOURCE REFERENCE HYPOTHESES" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
paste "$1" "$2" "$3" | awk -F'\t' -v dir="$tmp" '{
  n = split($1, w, " ")
  b = n <= 5 ? "01-05" : n <= 10 ? "06-10" : n <= 15 ? "11-15" : n <= 25 ? "16-25" : "26+"
  print $2 > (dir "/" b ".ref"); print $3 > (dir "/" b ".hyp")
}'
printf '%-8s %7s %6s %6s\n' words lines BLEU chrF2
for ref in "$tmp"/*.ref; do
  b="$(basename "$ref" .ref)"
  scores="$("$heed" bleu -r "$ref" -i "$tmp/$b.hyp" -m bleu,chrf | sed 's/^[^=]*= \([0-9.]*\).*/\1/' | tr '\n' ' ')"
  printf '%-8s %7d %6s %6s\n' "$b" "$(wc -l < "$ref")" $scores
done
