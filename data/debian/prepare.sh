#!/usr/bin/env bash
# Builds sentence-aligned Spanish-English text from Debian's translated documentation, message
# catalogues and package descriptions (data/README.md, "Debian's documentation").
#   data/debian/prepare.sh [--latest] [OUTDIR]
# Downloads the packages named by data/debian/sources/*.py at the versions in
# data/debian/packages.lock (--latest: the versions apt offers now, written back to the lock),
# unpacks them into data/debian/work/root (nothing is installed), fetches apt's Translation-en and
# Translation-es indexes into data/debian/work/lists, and writes OUTDIR (default data/debian/)
# NAME.{en,es,doc} per source and counts.tsv. Pairs that occur in any test set heed reports on
# (Tatoeba test, FLORES-200 devtest, newstest2013, Bible test) are removed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
shared="$here/../../../shared/data"
latest=0
if [ "${1:-}" = "--latest" ]; then latest=1; shift; fi
out="${1:-$here}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"  # the Python step below runs from the repository's top
work="$here/work"
lock="$here/packages.lock"
fail() { echo "prepare: $*" >&2; exit 1; }

tests=("$shared/tatoeba/tatoeba-test-v2021-08-07.eng" "$shared/tatoeba/tatoeba-test-v2021-08-07.spa"
       "$shared/flores200/flores200-devtest.en" "$shared/flores200/flores200-devtest.es"
       "$shared/wmt-news/newstest2013.en" "$shared/wmt-news/newstest2013.es")
[ -f "$here/../bible/test.refs" ] || "$here/../bible/prepare.sh" >/dev/null
tests+=("$here/../bible/test.en" "$here/../bible/test.es")
for f in "${tests[@]}"; do [ -f "$f" ] || fail "$f: no such file (a test set the corpus must exclude)"; done

mapfile -t packages < <(cd "$here/../.." && python3 -c '
from data.debian import prepare_debian as p
import importlib
names = set()
for s in p.SOURCES:
    names.update(importlib.import_module("data.debian.sources." + s).PACKAGES)
print("\n".join(sorted(names)))')

# Each package at its locked version (or the current one with --latest), downloaded once.
# The tree is unpacked anew, so that nothing of an earlier run or another version stays in it.
rm -rf "$work/root"
mkdir -p "$work/debs" "$work/root"
declare -A locked=()
if [ -f "$lock" ] && [ $latest -eq 0 ]; then
  while read -r name version; do locked[$name]=$version; done < "$lock"
fi
: > "$work/packages.lock.tmp"
for p in "${packages[@]}"; do
  if [ -n "${locked[$p]:-}" ]; then version=${locked[$p]}
  else version=$(apt-cache policy "$p" | sed -n 's/^ *Candidate: //p')
  fi
  [ -n "$version" ] && [ "$version" != "(none)" ] || fail "$p: apt has no version of it (run apt-get update)"
  # A loop, not ls | ...: under pipefail, ls of an empty folder (a first run) would stop the script.
  deb=
  for f in "$work/debs/${p}_"*.deb; do
    [ -f "$f" ] && [ "$(dpkg-deb -f "$f" Version)" = "$version" ] && { deb=$f; break; }
  done
  if [ -z "$deb" ]; then
    (cd "$work/debs" && apt-get download -q "$p=$version" >/dev/null 2>"$work/download.err") ||
      fail "$p $version: cannot download it ($(tail -1 "$work/download.err")); run apt-get update, or --latest to take the versions apt offers now"
    deb=$(ls -t "$work/debs/${p}_"*.deb | head -1)
  fi
  dpkg-deb -x "$deb" "$work/root"
  echo "$p $version" >> "$work/packages.lock.tmp"
done
[ $latest -eq 1 ] || [ ! -f "$lock" ] && mv "$work/packages.lock.tmp" "$lock" || rm -f "$work/packages.lock.tmp"

# apt's description translations, fetched into a private lists folder (the system's is untouched).
mkdir -p "$work/lists/partial" "$work/root/apt"
apt-get update -qq -o Acquire::Languages=es,en -o Dir::State::Lists="$work/lists" ||
  fail "apt-get update could not fetch the Translation indexes"
for lang in en es; do
  # A glob, not ls | head: under pipefail a failed ls would end the script without the message.
  indexes=("$work/lists/"*_dists_bookworm_main_i18n_Translation-$lang*)
  index=${indexes[0]}
  [ -f "$index" ] || fail "apt did not fetch bookworm's Translation-$lang"
  /usr/lib/apt/apt-helper cat-file "$index" > "$work/root/apt/Translation-$lang"
done
sed -n 's/^Date: /Translation indexes of /p' "$work/lists/"*_dists_bookworm_InRelease > "$out/translations.date"

args=()
for f in "${tests[@]}"; do args+=(--test "$f"); done
cd "$here/../.."
python3 -m data.debian.prepare_debian "$work/root" "$out" "${args[@]}"
