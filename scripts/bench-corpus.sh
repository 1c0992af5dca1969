#!/usr/bin/env bash
# Times heed train's data preparation on a generated corpus of PAIRS sentence pairs:
#   scripts/bench-corpus.sh [PAIRS] [WORKDIR]      (default: 1000000 pairs in build/bench-corpus)
# The corpus is the Bible train split repeated, each copy's lines prefixed with the copy's number
# so that lines differ. Measured: tokenizing into a fresh data cache with 1 thread on one core
# (taskset: heed reads and writes beside its tokenizing threads, so --threads 1 alone would use a
# second core) and with all cores (--prepare-only), a second start reusing the cache (seconds to
# the end of step 1, from its log line, and to the end of the run, checkpoint written), and the
# peak resident memory of a short `--preset small` run. Needs /usr/bin/time (Debian package
# `time`) and taskset (util-linux).
set -euo pipefail
cd "$(dirname "$0")/.."
pairs="${1:-1000000}"
work="${2:-build/bench-corpus}"
heed=build/heed
[ -x /usr/bin/time ] || { echo "bench-corpus: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }
[ -x "$heed" ] || scripts/build.sh >/dev/null
data/bible/prepare.sh >/dev/null
mkdir -p "$work"
if [ ! -f "$work/vocab.model" ]; then
  "$heed" tokenizer train --input data/bible/train.es data/bible/train.en --vocab-size 8000 --model "$work/vocab" >/dev/null
fi
for side in es en; do
  if [ ! -f "$work/big.$side" ] || [ "$(wc -l < "$work/big.$side")" -ne "$pairs" ]; then
    awk -v n="$pairs" '{ line[NR] = $0 } END { for (i = 0; i < n; ++i) print int(i / NR) " " line[i % NR + 1] }' \
      "data/bible/train.$side" > "$work/big.$side"
  fi
done
echo "corpus: $pairs pairs, $(du -ch "$work"/big.?? | tail -1 | cut -f1) of text; CPU: $(lscpu | sed -n 's/^Model name: *//p')"

common=(--train "$work/big.es" "$work/big.en" --valid data/bible/dev.es data/bible/dev.en --vocab "$work/vocab.model"
        --preset small --data-cache "$work")
measure() {  # NAME THREADS ARGS...: wall seconds and peak RSS
  local name="$1" threads="$2"
  shift 2
  local prefix=()
  [ "$threads" = 1 ] && prefix=("${pin[@]}")
  /usr/bin/time -f "%e %M" -o "$work/time" "${prefix[@]}" "$heed" train "${common[@]}" --threads "$threads" "$@" 2> "$work/$name.log"
  read -r seconds kb < "$work/time"
  printf '%-34s %8.1f s  peak RSS %6.0f MB\n' "$name" "$seconds" "$((kb / 1024))"
  echo "$seconds"  > "$work/$name.seconds"
}
cores=$(nproc)
rm -f "$work"/*.pairs
taskset -c 0 true 2>/dev/null && pin=(taskset -c 0) || pin=()
measure "tokenize, 1 thread, 1 core" 1 --model "$work/one.heed" --prepare-only
rm -f "$work"/*.pairs
measure "tokenize, $cores threads" "$cores" --model "$work/all.heed" --prepare-only
# Seconds from the start to step 1's log line, each line stamped as it arrives.
start=$(date +%s.%N)
"$heed" train "${common[@]}" --threads "$cores" --model "$work/first.heed" --max-steps 1 --valid-every 0 --log-every 1 2>&1 |
  while IFS= read -r line; do
    case "$line" in *" step 1 loss"*) awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%-34s %8.1f s\n", "second start, to the end of step 1", b - a }' ;; esac
  done
measure "second start, 1 step, checkpoint" "$cores" --model "$work/run.heed" --max-steps 1 --valid-every 0
measure "training 20 steps (small)" "$cores" --model "$work/run20.heed" --max-steps 20 --valid-every 0
awk -v a="$(cat "$work/tokenize, 1 thread, 1 core.seconds")" -v b="$(cat "$work/tokenize, $cores threads.seconds")" \
  'BEGIN { printf "tokenizing speed-up on %d threads: %.2f×\n", '"$cores"', a / b }'
