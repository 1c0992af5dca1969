#!/usr/bin/env bash
# From a fresh Debian machine to a working heed: installs the dependencies, builds, and shows
# what heed can do. No trained model ships yet: scripts/train-bible.sh trains the Spanish-English
# one (about 150 minutes on 2 cores); once models/bible-es-en.heed exists, this will translate.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
echo
build/heed --version
build/heed --help
if [ -f models/bible-es-en.heed ]; then
  printf 'En el principio creó Dios los cielos y la tierra.\nY dijo Dios: Sea la luz.\n' | build/heed translate -q
fi
cat <<'TXT'

Next steps:
  data/bible/prepare.sh                        # the Spanish-English Bible corpus (Debian packages)
  scripts/train-bible.sh                       # train the Bible model (resumable; ~150 min on 2 cores)
  build/heed translate -m MODEL.heed -i in.es -o out.en      # translate a file
  build/heed translate -m MODEL.heed                         # type sentences at the prompt
  build/heed bleu -r data/bible/test.en -i out.en -m bleu,chrf
TXT
