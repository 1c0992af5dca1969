#!/usr/bin/env bash
# Builds the Tatoeba Spanish-English corpus, with every test sentence removed from train and dev.
#   data/tatoeba/prepare.sh [ZIP TEST_PREFIX OUTDIR [--dev-size N] [--seed S]]
# ZIP: manythings.org's spa-eng.zip; TEST_PREFIX: the Tatoeba Challenge test set without its
# .eng/.spa suffix. Defaults: the copies in shared/data/tatoeba and data/tatoeba. No network.
# See data/README.md for the rule and the counts.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="$here/../../../shared/data/tatoeba"
zip="${1:-$shared/spa-eng.zip}"
test_prefix="${2:-$shared/tatoeba-test-v2021-08-07}"
out="${3:-$here}"
shift $(( $# < 3 ? $# : 3 ))
for f in "$zip" "$test_prefix.eng" "$test_prefix.spa"; do
  [ -f "$f" ] || { echo "prepare: $f: no such file" >&2; exit 1; }
done
exec python3 "$here/prepare_tatoeba.py" "$zip" "$test_prefix" "$out" "$@"
