# heed import and heed export on the CTranslate2 fixtures (tests/convert/make_ct2_fixtures.py).
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
FIX="$DATA/convert"
head -c 50 "$DATA/bible.dev.es" | head -1 > one.es

"$HEED" import ctranslate2 "$FIX/marian-post-relu" -o marian.heed --sentencepiece "$FIX/spm.model" 2> import.log
check "import ctranslate2 writes the model" test -s marian.heed
check "import says what it read" grep -q "imported .*marian-post-relu (float32 x" import.log
check "info shows an imported model's variants" grep -q "imported  *own vocabularies" <("$HEED" info marian.heed)
"$HEED" translate -m marian.heed --compute-type f32 -i one.es -o one.en 2>/dev/null
check "an imported model translates" test -s one.en
"$HEED" translate -m marian.heed --compute-type int8 -i one.es -o one.int8.en 2>/dev/null
check "an imported model translates under int8" test -s one.int8.en
"$HEED" score -m marian.heed --src one.es --tgt one.en > one.score
check "an imported model scores" grep -qE '^-[0-9]+\.[0-9]+$' one.score

"$HEED" import argos "$FIX/es-en.argosmodel" 2>/dev/null
check "import argos names the model after its pair" test -s es-en.heed
check "the package's metadata is kept" grep -q "argos_from_code *es" <("$HEED" info es-en.heed)
"$HEED" export argos es-en.heed back.argosmodel 2> export.log
check "export argos writes the package" test -s back.argosmodel
check "export argos says that stanza/ is missing" grep -q "without stanza" export.log
"$HEED" import argos back.argosmodel -o back.heed 2>/dev/null
check "an exported package imports again" cmp -s <("$HEED" translate -m es-en.heed -i one.es 2>/dev/null) \
  <("$HEED" translate -m back.heed -i one.es 2>/dev/null)

"$HEED" export ctranslate2 "$DATA/ref/tiny-pre-learned.heed" ct2 2>/dev/null
check "export ctranslate2 writes a model directory" test -s ct2/model.bin -a -s ct2/config.json -a -s ct2/shared_vocabulary.json -a -s ct2/spm.model
expect_fail "export refuses an existing directory" 1 "give --force" "$HEED" export ctranslate2 "$DATA/ref/tiny-pre-learned.heed" ct2
"$HEED" import ctranslate2 ct2 -o again.heed 2>/dev/null
check "heed -> CTranslate2 -> heed scores the same" cmp -s \
  <("$HEED" score -m again.heed --src "$DATA/ref/score.es" --tgt "$DATA/ref/score.en") \
  <("$HEED" score -m "$DATA/ref/tiny-pre-learned.heed" --src "$DATA/ref/score.es" --tgt "$DATA/ref/score.en")

expect_fail "a refused variant is named" 1 "relative positions are not supported" \
  "$HEED" import ctranslate2 "$FIX/refused-relative" -o refused.heed --sentencepiece "$FIX/spm.model"
check "no output after a refusal" test ! -e refused.heed
expect_fail "a directory without model.bin" 1 "has no model.bin" "$HEED" import ctranslate2 . -o x.heed
expect_fail "a text file is no package" 1 "not a readable zip archive" "$HEED" import argos one.es
expect_fail "an unknown format is a usage error" 2 "unknown format" "$HEED" import onnx x -o y.heed
expect_fail "ctranslate2 needs -o" 2 "give the output with -o" "$HEED" import ctranslate2 "$FIX/marian-post-relu"
finish
