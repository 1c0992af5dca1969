#!/usr/bin/env bash
# Builds the training mix and dev set of the general models (data/README.md, "The general mix"):
#   data/general/prepare.sh [OUTDIR]          (default data/general/)
# Prepares the Bible, Tatoeba and Debian corpora if they are missing, takes the WMT news test sets
# 2008-2012 from shared/data/wmt-news, and writes OUTDIR/train.{es,en}, dev.{es,en} and mix.tsv.
# Dev: the first 1,000 pairs of Tatoeba's dev split and the first 1,000 of newstest2013.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$here/.."
news="$here/../../../shared/data/wmt-news"
out="${1:-$here}"
work="$here/work"
mkdir -p "$work"
# Each corpus is checked by the last file its script writes, so that an interrupted run is redone.
[ -f "$data/bible/test.refs" ] || "$data/bible/prepare.sh" >/dev/null
[ -f "$data/tatoeba/test.es" ] || "$data/tatoeba/prepare.sh" >/dev/null
[ -f "$data/debian/counts.tsv" ] || "$data/debian/prepare.sh"
for side in es en; do
  cat "$news"/{news-test2008,newssyscomb2009,newstest2009,newstest2010,newstest2011,newstest2012}.$side \
    > "$work/news.$side.tmp"
  mv "$work/news.$side.tmp" "$work/news.$side"
done
debian=()
for source in libreoffice:0.5 gimp:1 handbook:1.5 gnome:1 install_guide:1 descriptions:1 \
              catalogs:0.5 manpages:1; do
  name=${source%%:*}
  [ -f "$data/debian/$name.en" ] || { echo "prepare: no $data/debian/$name.en" >&2; exit 1; }
  # A catalogue's entries are not a text: they are never joined.
  order=doc; [ "$name" = catalogs ] && order=none
  debian+=(--source "debian-$name:$data/debian/$name:${source#*:}:$order")
done
python3 "$here/prepare_general.py" "$out" \
  --source "tatoeba:$data/tatoeba/train:1" \
  --source "bible:$data/bible/train:1:ordered" \
  --source "news:$work/news:3:ordered" \
  "${debian[@]}" \
  --dev "$data/tatoeba/dev:1000" --dev "$news/newstest2013:1000"
