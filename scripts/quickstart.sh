#!/usr/bin/env bash
# From a fresh Debian machine to a working heed: installs the dependencies, builds, and shows
# what heed can do. (Once a trained model ships in models/, this is where it will translate.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
echo
build/heed --version
build/heed --help
cat <<'TXT'

Try it:
  printf 'Hola mundo\n' > /tmp/es.txt
  build/heed tokenizer train --input /tmp/es.txt --vocab-size 16 --model /tmp/demo
  build/heed tokenizer encode -m /tmp/demo.model < /tmp/es.txt
  build/heed bleu -r reference.txt -i translation.txt
TXT
