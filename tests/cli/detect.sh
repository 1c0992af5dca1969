# heed detect: training a language profile, detecting each line's language; and heed translate
# --source auto, which sends each line to the installed model of its language.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
"$HEED" detect --train es="$DATA/bible.train.es" en="$DATA/bible.train.en" -o profile.lid 2> train.err
check "a profile is trained" test -s profile.lid
check "and says what it holds" grep -q "wrote profile.lid: 2 languages" train.err

head -20 "$DATA/bible.dev.es" > mixed.txt
head -20 "$DATA/bible.dev.en" >> mixed.txt
"$HEED" detect --profile profile.lid -i mixed.txt > detected.txt
check "one answer per line" test "$(wc -l < detected.txt)" -eq 40
check "Spanish lines are Spanish" test "$(head -20 detected.txt | cut -f1 | sort -u)" = es
check "English lines are English" test "$(tail -20 detected.txt | cut -f1 | sort -u)" = en
check "confidences are percentages" awk -F'\t' '$2 < 0 || $2 > 100 { exit 1 }' detected.txt
printf 'Y dijo Dios\n' | "$HEED" detect --profile profile.lid --all > all.txt
check "--all lists every language, best first" grep -qP '^es\t[0-9.]+\ten\t[0-9.]+$' all.txt
printf 'Y dijo Dios\n' | "$HEED" detect --profile profile.lid --languages en > only.txt
check "--languages restricts the candidates" grep -qP '^en\t100.0$' only.txt

expect_fail "a bad --train argument" 2 "LANG=FILE" "$HEED" detect --train es -o x.lid
expect_fail "a missing training file" 1 "nowhere.txt: no such file" "$HEED" detect --train es=nowhere.txt -o x.lid
expect_fail "a language the profile lacks" 1 "no language 'fr'" "$HEED" detect --profile profile.lid --languages fr
printf 'garbage' > bad.lid
expect_fail "a file that is not a profile" 1 "bad.lid: not a heed language profile" "$HEED" detect --profile bad.lid
check "no half-written profile is left" test ! -e x.lid

# --source auto: the installed es-en model for Spanish lines; English lines pass through.
mkdir -p models
cp "$DATA/tiny-trained.heed" models/es-en.heed
cp profile.lid models/languages.lid
printf 'Y dijo Dios: Sea la luz.\nAnd God said, Let there be light.\n\nY fue la luz.\n' > auto.txt
HEED_MODELS=models "$HEED" translate -q --source auto --target en -i auto.txt -o auto.out
"$HEED" translate -q -m models/es-en.heed -i auto.txt -o direct.out
check "four lines in, four out" test "$(wc -l < auto.out)" -eq 4
check "Spanish lines as the model translates them" bash -c "sed -n '1p;4p' auto.out | cmp -s - <(sed -n '1p;4p' direct.out)"
check "an English line as it was" test "$(sed -n 2p auto.out)" = "And God said, Let there be light."
check "a blank line stays blank" test -z "$(sed -n 3p auto.out)"
expect_fail "--source auto into a language no model translates into" 1 "no installed model translates into 'fr'" \
  env HEED_MODELS=models "$HEED" translate --source auto --target fr -i auto.txt
expect_fail "--source auto with -m" 2 "chooses the models itself" \
  env HEED_MODELS=models "$HEED" translate --source auto -m models/es-en.heed -i auto.txt
finish
