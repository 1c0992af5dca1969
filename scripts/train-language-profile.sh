#!/usr/bin/env bash
# Builds models/languages.lid, the language profile of `heed detect`, `heed translate --source
# auto` and the server's source "auto": character n-grams of the general models' own training
# text (data/general/train.{es,en}; data/general/prepare.sh makes it). Deterministic: the same
# text gives the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x build/heed ] || scripts/build.sh >/dev/null
[ -f data/general/mix.tsv ] || data/general/prepare.sh  # mix.tsv: the last file it writes
build/heed detect --train es=data/general/train.es en=data/general/train.en -o models/languages.lid
