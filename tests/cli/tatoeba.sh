# data/tatoeba/prepare.sh on a small made-up corpus: test sentences (in any case or punctuation)
# never reach train or dev, a sentence's translations never straddle the split, counts printed.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
python3 - <<'PY'
import zipfile
rows = [("Go.", "Ve."), ("Go.", "Vete."), ("Hi.", "Hola."), ("Run!", "¡Corre!")]
rows += [(f"I have {n} cats.", f"Tengo {n} gatos.") for n in range(40)]
rows += [(f"She reads book {n}.", f"Ella lee el libro {n}.") for n in range(20)]
rows += [(f"She reads book {n}.", f"Ella está leyendo el libro {n}.") for n in range(20)]  # two translations
rows += [("The TEST sentence, here!", "Una frase cualquiera."),    # English side in the test set
         ("Some other words.", "¿La frase de prueba?"),           # Spanish side in the test set
         ("  Spaced   out  ", "  Con   espacios  ")]
with zipfile.ZipFile("spa-eng.zip", "w") as z:
    z.writestr("spa.txt", "".join(f"{en}\t{es}\n" for en, es in rows))
    z.writestr("_about.txt", "made up for a test\n")
open("test.eng", "w").write("the test sentence here\nUnrelated.\n")
open("test.spa", "w").write("La frase de prueba.\nOtra.\n")
PY
"$SRC/data/tatoeba/prepare.sh" spa-eng.zip test split --dev-size 20 --seed 3 > prepare.log
check "prepare succeeds" test -s split/train.en -a -s split/dev.en -a -s split/test.en
check "counts are printed" grep -q "87 pairs read, 0 exact duplicates removed" prepare.log
check "removals are counted by side" grep -q "1 pairs removed whose English side is a test sentence, 1 more whose Spanish side is" prepare.log
check "kept pairs are split" grep -q "85 pairs kept in 64 groups: 65 train, 20 dev" prepare.log
check "train and dev align" test "$(wc -l < split/train.en)" -eq "$(wc -l < split/train.es)" -a "$(wc -l < split/dev.en)" -eq 20
check "no test sentence reaches train or dev (English)" bash -c "! cat split/train.en split/dev.en | grep -qi 'test sentence'"
check "no test sentence reaches train or dev (Spanish)" bash -c "! cat split/train.es split/dev.es | grep -qi 'frase de prueba'"
check "the test set is written unchanged" diff split/test.en test.eng
straddle=$(comm -12 <(sort -u split/train.en) <(sort -u split/dev.en) | wc -l)
check "no English sentence is in both train and dev ($straddle are)" test "$straddle" -eq 0
check "both translations of a sentence land together" \
  test "$(grep -c '^She reads book' split/dev.en)" -eq $((2 * $(grep '^She reads book' split/dev.en | sort -u | wc -l)))
check "whitespace is normalized" grep -qx "Spaced out" split/train.en split/dev.en
"$SRC/data/tatoeba/prepare.sh" spa-eng.zip test split2 --dev-size 20 --seed 3 > /dev/null
check "the split is reproducible" diff split/dev.en split2/dev.en
expect_fail "a missing zip" 1 "nothing.zip: no such file" "$SRC/data/tatoeba/prepare.sh" nothing.zip test split3
printf 'not a zip' > bad.zip
expect_fail "a file that is not a zip" 1 "bad.zip: cannot read the zip" "$SRC/data/tatoeba/prepare.sh" bad.zip test split3
finish
