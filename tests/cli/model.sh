# heed score, info and average on the reference fixtures (models written by heed_ref.py init).
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
REF="$DATA/ref"

for m in tiny-pre-sinusoidal tiny-post-learned; do
  "$HEED" score -m "$REF/$m.heed" --src "$REF/score.es" --tgt "$REF/score.en" > "$m.scores"
  check "$m: one score per line" test "$(wc -l < "$m.scores")" -eq 20
  check "$m: scores equal heed_ref.py to 1e-3" \
    awk 'NR==FNR{a[FNR]=$1;next}{d=a[FNR]-$1; if(d<0)d=-d; if(d>1e-3) bad=1} END{exit bad}' "$m.scores" "$REF/$m.scores"
done
# Batching changes only the rounding (padding regroups oneDNN's sums), never the order of lines.
"$HEED" score -m "$REF/tiny-pre-learned.heed" --src "$REF/score.es" --tgt "$REF/score.en" --batch-tokens 1 > one.scores
"$HEED" score -m "$REF/tiny-pre-learned.heed" --src "$REF/score.es" --tgt "$REF/score.en" > many.scores
check "batching does not change scores beyond rounding" \
  awk 'NR==FNR{a[FNR]=$1;next}{d=a[FNR]-$1; if(d<0)d=-d; if(d>1e-4) bad=1} END{exit bad}' one.scores many.scores

"$HEED" info "$REF/tiny-post-learned.heed" > info.txt
check "info shows the configuration" grep -q "norm           post" info.txt
check "info shows the parameter count" grep -q "parameters     274304" info.txt
check "info shows dtypes" grep -q "weights        F32 x69" info.txt

"$HEED" average "$REF/tiny-pre-learned.heed" "$REF/tiny-pre-learned.heed" -o same.heed 2>/dev/null
"$HEED" score -m same.heed --src "$REF/score.es" --tgt "$REF/score.en" > same.scores
"$HEED" score -m "$REF/tiny-pre-learned.heed" --src "$REF/score.es" --tgt "$REF/score.en" > orig.scores
check "the average of a model with itself is the model" cmp -s same.scores orig.scores
check "average records its sources" grep -q "averaged_from" <("$HEED" info same.heed)
"$HEED" average "$REF/tiny-pre-learned.heed" same.heed -o half.heed --dtype bf16 2>/dev/null
check "average can store bf16" grep -q "BF16 x73" <("$HEED" info half.heed)
"$HEED" average "$REF/tiny-pre-learned.heed" -o int8.heed --dtype int8 2>/dev/null
check "average can store int8: matrices I8, biases and norms F32" grep -qE "^weights +F32 x[0-9]+, I8 x[0-9]+" <("$HEED" info int8.heed)
check "an int8 file is under half the F32 file" test "$(stat -c %s int8.heed)" -lt "$(( $(stat -c %s "$REF/tiny-pre-learned.heed") / 2 ))"
"$HEED" score -m int8.heed --src "$REF/score.es" --tgt "$REF/score.en" > int8.scores
check "an int8 file scores within 5% of the original" \
  awk 'NR==FNR{a[FNR]=$1;next}{d=a[FNR]-$1; if(d<0)d=-d; m=a[FNR]<0?-a[FNR]:a[FNR]; if(d>0.05*m) bad=1} END{exit bad || FNR!=20}' orig.scores int8.scores
head -c "$(( $(stat -c %s int8.heed) - 1000 ))" int8.heed > cut.heed
expect_fail "a truncated int8 file is refused, named" 1 "cut.heed" "$HEED" info cut.heed
expect_fail "average refuses different configurations" 1 "another configuration" \
  "$HEED" average "$REF/tiny-pre-learned.heed" "$REF/tiny-post-learned.heed" -o bad.heed
check "no output after a refused average" test ! -e bad.heed
"$HEED" average "$REF/tiny-pre-learned.heed" -o meta.heed --meta "test_bleu=BLEU = 12.3" --meta note=x 2>/dev/null
check "average records --meta entries" bash -c "'$HEED' info meta.heed | grep -q '^meta test_bleu BLEU = 12.3'"
expect_fail "--meta needs KEY=VALUE" 2 "is not KEY=VALUE" "$HEED" average "$REF/tiny-pre-learned.heed" -o m2.heed --meta x
expect_fail "--meta cannot overwrite the configuration" 1 "cannot set 'config'" \
  "$HEED" average "$REF/tiny-pre-learned.heed" -o m3.heed --meta config=x
d=$("$HEED" info "$REF/tiny-pre-learned.heed" --compare same.heed | sed -n 's/.*max |difference| \([^;]*\);.*/\1/p')
check "a model averaged with itself differs from it by nothing (info --compare: $d)" test "$d" = "0"
expect_fail "--compare refuses another configuration" 1 "configuration differs" \
  "$HEED" info "$REF/tiny-pre-learned.heed" --compare "$REF/tiny-post-learned.heed"

printf 'uno\ndos\n' > two.txt
expect_fail "score: line counts differ" 1 "has 2 lines but" "$HEED" score -m "$REF/tiny-pre-learned.heed" --src two.txt --tgt "$REF/score.en"
head -c 1000 "$REF/tiny-pre-learned.heed" > truncated.heed
expect_fail "a truncated model is refused, naming it" 1 "truncated.heed" "$HEED" info truncated.heed
expect_fail "a missing model" 1 "cannot read none.heed" "$HEED" info none.heed
mkdir -p folder.heed
expect_fail "a folder given as a model" 1 "folder.heed is a folder, not a file" "$HEED" translate -m folder.heed
printf "hello\nworld, these are words\n" > text.heed
expect_fail "a text file given as a model" 1 "text.heed is not a heed model file (no safetensors header)" "$HEED" info text.heed
expect_fail "an unknown model name lists the installed ones" 1 "no model named .xx-yy.; the installed models" "$HEED" translate -m xx-yy
check "translate --help lists the installed models" bash -c "\"$HEED\" translate --help | grep -q \"bible-es-en .*models/bible-es-en.heed\""
check "a model name is found" bash -c "echo Dios es amor. | \"$HEED\" translate -q -m bible-es-en | grep -q God"
check "the general model es-en is installed and listed" bash -c "\"$HEED\" translate --help | grep -q \"es-en .*models/es-en.heed\""
echo "El tren sale a las ocho de la mañana." > train.es
"$HEED" translate -q -m es-en -i train.es -o named.en
"$HEED" translate -q -i train.es -o default.en
check "without -m, heed translates with es-en" cmp -s named.en default.en
check "and es-en knows everyday Spanish" grep -qi "train" named.en
mkdir -p mymodels && cp "$REF/tiny-pre-learned.heed" mymodels/tiny.heed
check "HEED_MODELS names the models folder" bash -c "echo hola | HEED_MODELS=mymodels \"$HEED\" translate -q -m tiny > /dev/null"
expect_fail "a name missing from HEED_MODELS" 1 "the installed models (mymodels) are: tiny" env HEED_MODELS=mymodels "$HEED" translate -m es-en
finish
