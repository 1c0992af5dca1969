#!/usr/bin/env bash
# Builds the Spanish-English Bible corpus in data/bible/ from Debian's SWORD modules:
# Reina-Valera 1909 (spaRV1909eb), World English Bible (engWEB2015eb) and King James Version
# (engKJV2006eb, a second English reference for the test split). Safe to rerun; takes seconds
# once the packages are installed. See data/README.md.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
packages=(sword-text-sparv sword-text-web sword-text-kjv libsword-utils python3)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "prepare: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  if ! { "${sudo_cmd[@]}" apt-get update -qq && \
         DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "prepare: cannot install ${missing[*]} with apt-get; install them and rerun" >&2
    exit 1
  fi
fi

work="$here/work"
mkdir -p "$work"
for module in spaRV1909eb engWEB2015eb engKJV2006eb; do
  if ! mod2imp "$module" > "$work/$module.imp" 2> "$work/$module.err" || [ ! -s "$work/$module.imp" ]; then
    echo "prepare: mod2imp could not export $module (see $work/$module.err)" >&2
    exit 1
  fi
done
/usr/bin/python3 "$here/clean_sword.py" "$work/spaRV1909eb.imp" "$work/engWEB2015eb.imp" \
  "$work/engKJV2006eb.imp" "$work"
# Checked before the files take their place, so that a corpus that differs is never used.
if ! (cd "$work" && sha256sum --quiet -c "$here/SHA256SUMS"); then
  echo "prepare: the corpus differs from the one heed's results were measured on (SHA256SUMS);" >&2
  echo "prepare: another version of the SWORD modules may be installed" >&2
  exit 1
fi
# test.refs last: the other recipes take it as the sign that the corpus is complete.
for f in train.es train.en train.refs dev.es dev.en dev.refs test.es test.en test.kjv test.refs; do
  mv "$work/$f" "$here/$f"
done
echo "prepare: data/bible is ready"
