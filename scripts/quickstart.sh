#!/usr/bin/env bash
# From a fresh Debian machine to translating: installs the dependencies (Debian packages), builds
# heed, and translates a few Spanish sentences with the shipped model, models/bible-es-en.heed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
echo
build/heed --version
if [ ! -f models/bible-es-en.heed ]; then
  echo "models/bible-es-en.heed is missing (a partial checkout?); scripts/train-bible.sh trains it." >&2
  exit 1
fi
# Five verses of the test split, which the model never saw in training.
cat > build/quickstart.es <<'TXT'
Y llamó Dios á la expansión Cielos: y fué la tarde y la mañana el día segundo.
Y la mujer respondió á la serpiente: Del fruto de los árboles del huerto comemos;
Entonces el criado contó á Isaac todo lo que había hecho.
Habló todavía Dios á Moisés, y díjole: Yo soy JEHOVÁ;
La cortarás entonces la mano, no la perdonará tu ojo.
TXT
echo
echo "Spanish -> English with models/bible-es-en.heed (beam 4), five held-out verses:"
echo
build/heed translate -q -i build/quickstart.es -o build/quickstart.en
paste -d '\n' build/quickstart.es build/quickstart.en /dev/null | sed 's/^/  /'
cat <<'TXT'
Next:
  build/heed translate -i input.es -o output.en      # translate a file, one sentence a line
  build/heed translate                               # type Spanish sentences, Enter translates
  build/heed bleu -r reference.en -i output.en -m bleu,chrf   # score, as sacreBLEU does
  build/heed --help                                  # train your own: heed train --help

The model knows the Bible's Spanish (Reina-Valera 1909) and English (World English Bible); see
models/README.md for its scores and limits.
TXT
