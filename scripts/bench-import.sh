#!/usr/bin/env bash
# Speed on the same model: a CTranslate2 model imported into heed and translated by heed int8,
# against CTranslate2 int8 on the same sentences and threads, in one run; prints both rates and
# their ratio (heed / CTranslate2), and the imported file's size and load time.
#
#   scripts/bench-import.sh [--ct2 DIR] [--heed MODEL.heed] [--input FILE] [--lines N] [--threads N] [--rounds N]
#
# --ct2 DIR: a CTranslate2 model directory holding its SentencePiece model (spm.model or
# sentencepiece.model). Without it, the heed model (--heed, default models/es-en.heed) is written
# as one with `heed export ctranslate2` first. The input defaults to data/bible/test.es. Needs a
# build (build/heed) and CTranslate2's Python module: set CT2_PYTHON to its python/ folder
# (a source build, /work/ct2/src/python in the recipe) unless it is installed. Time on an idle
# machine only: rounds alternate the engines (--rounds, default 3) and the medians are compared.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
HEED="${HEED:-$here/build/heed}"
PY=/usr/bin/python3
ct2="" heed_model="$here/models/es-en.heed" input="$here/data/bible/test.es" lines=0 threads=2 rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --ct2) ct2="$2"; shift 2 ;;
    --heed) heed_model="$2"; shift 2 ;;
    --input) input="$2"; shift 2 ;;
    --lines) lines="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) echo "bench-import: unknown option $1" >&2; exit 2 ;;
  esac
done
[ -f "$input" ] || { echo "bench-import: no $input (data/bible/prepare.sh makes it; or give --input)" >&2; exit 1; }
[ -n "${CT2_PYTHON:-}" ] && export PYTHONPATH="$CT2_PYTHON${PYTHONPATH:+:$PYTHONPATH}"
$PY -c 'import sys; sys.modules["torch"] = None; import ctranslate2' 2>/dev/null ||
  { echo "bench-import: the ctranslate2 module is not importable (set CT2_PYTHON)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "$ct2" ]; then
  ct2="$work/ct2"
  "$HEED" export ctranslate2 "$heed_model" "$ct2" 2>/dev/null
fi
spm="$ct2/spm.model"
[ -f "$spm" ] || spm="$ct2/sentencepiece.model"
[ -f "$spm" ] || { echo "bench-import: $ct2 holds no spm.model or sentencepiece.model" >&2; exit 1; }
if [ "$lines" -gt 0 ]; then head -n "$lines" "$input" > "$work/input"; else cp "$input" "$work/input"; fi

start=$(date +%s.%N)
"$HEED" import ctranslate2 "$ct2" -o "$work/imported.heed" --sentencepiece "$spm" 2>"$work/import.log"
import_seconds=$(echo "$(date +%s.%N) - $start" | bc)
load=$( { /usr/bin/time -f %e "$HEED" info "$work/imported.heed" >/dev/null; } 2>&1 )
echo "imported: $(stat -c %s "$work/imported.heed") bytes (model.bin $(stat -c %s "$ct2/model.bin")), import ${import_seconds}s, heed info (load) ${load}s"

heed_rates=() ct2_rates=()
for r in $(seq 1 "$rounds"); do
  "$HEED" translate -m "$work/imported.heed" --compute-type int8 --threads "$threads" -i "$work/input" \
    -o "$work/heed.out" 2>"$work/heed.log"
  heed_rates+=("$(grep -o '[0-9.]* sentences/s' "$work/heed.log" | cut -d' ' -f1)")
  ct2_rates+=("$($PY "$here/scripts/lib/bench_ct2_translate.py" "$ct2" "$spm" "$work/input" "$work/ct2.out" \
    --compute-type int8 --threads "$threads" | sed -n 's/^JSON //p' | $PY -c 'import json,sys; print(json.load(sys.stdin)["sentences_per_second"])')")
  echo "round $r: heed int8 ${heed_rates[-1]} sentences/s, CTranslate2 int8 ${ct2_rates[-1]} sentences/s"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END{print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
h=$(median "${heed_rates[@]}") c=$(median "${ct2_rates[@]}")
same=$(paste -d'\n' "$work/heed.out" "$work/ct2.out" | awk 'NR%2{a=$0;next}{n++; s+=(a==$0)} END{print s "/" n}')
echo "$(wc -l < "$work/input") sentences, $threads threads, beam 4: heed int8 $h, CTranslate2 int8 $c sentences/s (medians of $rounds)"
echo "ratio heed / CTranslate2: $(echo "scale=3; $h / $c" | bc); identical outputs: $same"
