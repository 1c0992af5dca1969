#!/usr/bin/env bash
# From a fresh Debian machine to translating: installs the dependencies (Debian packages), builds
# heed, and translates a few everyday sentences and a Bible verse with the shipped general models
# (models/es-en.heed, and models/en-es.heed where it is installed).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh >/dev/null
echo
build/heed --version
if [ ! -f models/es-en.heed ]; then
  echo "models/es-en.heed is missing (a partial checkout?); scripts/train-tatoeba.sh trains it." >&2
  exit 1
fi
# Everyday sentences in neither the training data nor the test set, then a held-out Bible verse.
cat > build/quickstart.es <<'TXT'
Hola, ¿qué tal el viaje desde Madrid?
El tren sale a las ocho de la mañana.
Mi hermana trabaja en un hospital del centro.
¿Puedes ayudarme a buscar las llaves del coche?
Mañana vamos a la playa si no llueve.
Este restaurante cierra los lunes.
Y llamó Dios á la expansión Cielos: y fué la tarde y la mañana el día segundo.
TXT
cat > build/quickstart.en <<'TXT'
Hi, how was the trip from Madrid?
The train leaves at eight in the morning.
My sister works at a hospital downtown.
Can you help me look for the car keys?
We are going to the beach tomorrow if it doesn't rain.
This restaurant is closed on Mondays.
God called the expanse “sky”. There was evening and there was morning, a second day.
TXT
show() {  # MODEL SOURCE-FILE
  build/heed translate -q -m "$1" -i "$2" -o "$2.out"
  paste -d '\n' "$2" "$2.out" /dev/null | sed 's/^/  /'
}
echo
echo "Spanish -> English (heed translate -m es-en, the default; beam 4):"
echo
show es-en build/quickstart.es
if [ -f models/en-es.heed ]; then
  echo "English -> Spanish (heed translate -m en-es):"
  echo
  show en-es build/quickstart.en
fi
cat <<'TXT'
Next:
  build/heed translate -i input.es -o output.en      # translate a file, line by line (paragraphs welcome)
  build/heed translate                               # type Spanish sentences, Enter translates
  build/heed translate -m en-es                      # the other direction (where installed)
  build/heed serve                                   # a web page and an HTTP API on port 5000
  build/heed bleu -r reference.en -i output.en -m bleu,chrf   # score, as sacreBLEU does
  build/heed --help                                  # train your own: heed train --help

models/README.md has the models' scores, recipes and limits.
TXT
