# heed translate: never lose or shift a line, whatever the input; stream through pipes.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
# A tiny model trained for 30 s on the Bible sample: short outputs that end (F16 weights).
M="$DATA/tiny-trained.heed"
T=("$HEED" translate -m "$M" --beam-size 2 -q)

head -30 "$DATA/bible.dev.es" > in.txt
"${T[@]}" -i in.txt -o out.txt
check "30 lines in, 30 out" test "$(wc -l < out.txt)" -eq 30
"${T[@]}" < in.txt > out_stdin.txt
check "stdin gives the file's output" cmp -s out.txt out_stdin.txt
"${T[@]}" --batch-tokens 1 < in.txt > one_by_one.txt
check "one sentence per batch gives the same translations" cmp -s out.txt one_by_one.txt

printf 'Dios\n\n   \r\nluz\r\n\n' > blanks.txt
"${T[@]}" < blanks.txt > blanks.out
check "blank and empty lines stay as they were" bash -c "test \$(wc -l < blanks.out) -eq 5 && test -z \"\$(sed -n 2p blanks.out)\" && test \"\$(sed -n 3p blanks.out)\" = '   ' && test -z \"\$(sed -n 5p blanks.out)\""
printf '  Dios.\tLuz.  \n' | "${T[@]}" > layout.out
check "leading, trailing and inner white space stay in place" grep -qP '^  \S.*\t\S.*\S  $' layout.out
printf 'Dios\r\n' | "${T[@]}" > crlf.out
printf 'Dios\n' | "${T[@]}" > lf.out
check "CRLF input translates as LF" cmp -s crlf.out lf.out

printf 'bien\n\xff\xfe mal\nbien\n' | "${T[@]}" > bad.out 2> bad.err
check "invalid UTF-8: a warning with the line number" grep -q "<stdin>:2: invalid UTF-8 replaced with U+FFFD" bad.err
check "invalid UTF-8: the line is still there" test "$(wc -l < bad.out)" -eq 3

python3 -c "print(' '.join(['palabra'] * 400))" > long.txt 2>/dev/null || { for i in $(seq 400); do printf 'palabra '; done; echo; } > long.txt
"${T[@]}" < long.txt > long.out 2> long.err
check "a line longer than the model's positions: a warning" grep -q "<stdin>:1: sentence 1 exceeds the model's 128 positions; translated in" long.err
check "a line longer than the model's positions: one line out" test "$(wc -l < long.out)" -eq 1

# Fuzz: a few thousand lines of random bytes (no newlines inside) never crash or shift lines.
head -c 400000 /dev/urandom | tr '\n' 'x' | fold -w 100 | head -3000 > fuzz.txt
echo >> fuzz.txt
lines=$(wc -l < fuzz.txt)
"$HEED" translate -m "$M" --beam-size 1 --max-length-b 3 --max-length-a 0.2 -q < fuzz.txt > fuzz.out 2> fuzz.err
check "random bytes: exit 0" test $? -eq 0
check "random bytes: as many lines out as in" test "$(wc -l < fuzz.out)" -eq "$lines"

# n-best scores are forced-decoding scores of the printed translations.
head -5 in.txt > five.txt
"$HEED" translate -m "$M" --compute-type f32 --beam-size 3 --n-best 3 -q < five.txt > nbest.txt
check "n-best: 3 per sentence, numbered" bash -c "test \$(wc -l < nbest.txt) -eq 15 && grep -c '^4 ||| ' nbest.txt | grep -qx 3"
awk -F' \\|\\|\\| ' '{print $2}' nbest.txt > nbest.hyp
awk '{for (i = 0; i < 3; i++) print}' five.txt > nbest.src
check "heed score takes every n-best hypothesis" "$HEED" score -m "$M" --src nbest.src --tgt nbest.hyp -o nbest.forced
awk -F' \\|\\|\\| ' '{print $3}' nbest.txt > nbest.scores
check "n-best: a forced score per hypothesis" test "$(wc -l < nbest.forced)" -eq 15
check "n-best scores equal heed score of the output" \
  awk 'NR==FNR{a[FNR]=$1;next}{d=a[FNR]-$1; if(d<0)d=-d; if(d>2e-3) bad=1} END{exit bad}' nbest.scores nbest.forced
"$HEED" translate -m "$M" --alignment -q < five.txt > aligned.txt
check "alignment: pairs after |||" grep -qE ' \|\|\| ([0-9]+-[0-9]+ ?)+$' aligned.txt

# Compute types, on the shipped Bible model (the tiny one's 30-second outputs are near ties
# everywhere): each type this CPU runs translates every line, mostly as f32 does (measured: int8
# 82%, bf16 96% of the Bible test's lines); its n-best scores equal heed score under the same type
# (within 2% of |log p|: the beam's step-by-step pass and the forced pass differ in the last bits of
# fp32 values, which may cross a rounding step of the reduced type); heed score stays within 5% of
# f32's (each logit moves by under 1%); the summary names the type. A type the CPU lacks is
# refused with the CPU's instruction set named (oneDNN's AVX2 cap makes every CPU lack bf16).
B="$SRC/models/bible-es-en.heed"
types=$("$HEED" --version | sed -n 's/.*compute types \(.*\)/\1/p' | sed 's/ (auto)//; s/,//g')
check "--version lists the compute types, f32 among them (got: $types)" grep -qw f32 <<< "$types"
head -30 "$DATA/bible.dev.es" > b30.txt
"$HEED" translate -q -m "$B" --compute-type f32 -i b30.txt -o b30.f32
"$HEED" translate -q -m "$B" --compute-type f32 --beam-size 3 --n-best 3 -i five.txt -o nbest.f32.txt
awk -F' \\|\\|\\| ' '{print $2}' nbest.f32.txt > nbest.f32.hyp
"$HEED" score -m "$B" --src nbest.src --tgt nbest.f32.hyp --compute-type f32 -o nbest.f32.rescored
for t in $types; do
  "$HEED" translate -q -m "$B" --compute-type "$t" -i b30.txt -o "b30.$t"
  same=$(paste -d '\t' b30.f32 "b30.$t" | awk -F'\t' '$1 == $2' | wc -l)
  check "$t: 30 lines, at least 18 as f32 translates them (got $same)" test "$(wc -l < "b30.$t")" -eq 30 -a "$same" -ge 18
  "$HEED" translate -q -m "$B" --compute-type "$t" --beam-size 3 --n-best 3 -i five.txt -o "nbest.$t.txt"
  awk -F' \\|\\|\\| ' '{print $2}' "nbest.$t.txt" > "nbest.$t.hyp"
  awk -F' \\|\\|\\| ' '{print $3}' "nbest.$t.txt" > "nbest.$t.scores"
  "$HEED" score -m "$B" --src nbest.src --tgt "nbest.$t.hyp" --compute-type "$t" -o "nbest.$t.forced"
  check "$t: n-best scores equal heed score --compute-type $t of the output" \
    awk 'NR==FNR{a[FNR]=$1;next}{d=a[FNR]-$1; if(d<0)d=-d; m=a[FNR]<0?-a[FNR]:a[FNR]; if(d>0.02*m+2e-3) bad=1} END{exit bad || FNR!=15}' "nbest.$t.scores" "nbest.$t.forced"
  "$HEED" score -m "$B" --src nbest.src --tgt nbest.f32.hyp --compute-type "$t" -o "nbest.$t.rescored"
  check "$t: heed score within 5% of f32's" \
    awk 'NR==FNR{a[FNR]=$1;next}{d=a[FNR]-$1; if(d<0)d=-d; m=a[FNR]<0?-a[FNR]:a[FNR]; if(d>0.05*m+1e-3) bad=1} END{exit bad || FNR!=15}' nbest.f32.rescored "nbest.$t.rescored"
  "$HEED" translate -m "$B" --compute-type "$t" -i five.txt -o /dev/null 2> "summary.$t"
  check "$t: the summary line names the compute type" grep -qE "sentences/s, [0-9.]+ pieces/s; $t\$" "summary.$t"
done
"$HEED" translate -q -m "$B" --workers 2 --batch-tokens 64 -i b30.txt -o b30.w2
"$HEED" translate -q -m "$B" --workers 1 --batch-tokens 64 -i b30.txt -o b30.w1b
check "two workers on small batches translate as one does" cmp -s b30.w1b b30.w2
expect_fail "bf16 on AVX2: refused, naming the ISA" 1 "bf16 needs AVX-512 BF16; this CPU has avx2" \
  env ONEDNN_MAX_CPU_ISA=AVX2 "$HEED" translate -m "$M" --compute-type bf16 -i five.txt
expect_fail "an unknown compute type" 1 "unknown compute type 'fp8' (f32, bf16 or int8)" \
  "$HEED" translate -m "$M" --compute-type fp8 -i five.txt

# Streaming: a line's translation arrives before the input ends.
# bash unsets TR and TR_PID once the coprocess ends: keep copies.
coproc TR { "$HEED" translate -m "$M" --beam-size 1 -q; }
tr_pid=$TR_PID tr_in=${TR[1]} tr_out=${TR[0]}
echo "Dios" >&"$tr_in"
answer=""
read -t 20 -r answer <&"$tr_out" || true
check "a piped line is answered before end of input" test -n "$answer"
exec {tr_in}>&-
wait "$tr_pid" 2>/dev/null || true

"$HEED" translate -m "$M" -i in.txt -o /dev/null 2> summary.err
check "summary line" grep -qE "^translated 30 sentences, [0-9]+ target pieces in [0-9.]+ s: [0-9.]+ sentences/s" summary.err
expect_fail "missing input" 1 "cannot read nothing.txt" "$HEED" translate -m "$M" -i nothing.txt
expect_fail "n-best larger than the beam" 2 "n-best" "$HEED" translate -m "$M" --n-best 5 --beam-size 2

# The shipped Bible model: found by name (beside the build), with its test scores in its metadata.
# (Which model translates without -m is tests/cli/model.sh's.)
shipped="$SRC/models/bible-es-en.heed"
check "the shipped model is in the repository" test -s "$shipped"
check "it records its test BLEU and chrF signatures" bash -c \
  "'$HEED' info '$shipped' | grep -q '^meta test_bleu BLEU|nrefs:1|' && '$HEED' info '$shipped' | grep -q '^meta test_chrf chrF2|'"
check "it is stored as F16" bash -c "'$HEED' info '$shipped' | grep -q '^weights *F16'"
answer=$(echo "Entonces el criado contó á Isaac todo lo que había hecho." | (cd "$WORK" && "$HEED" translate -q -m bible-es-en))
check "heed translate -m bible-es-en uses it (got: $answer)" test "$answer" = "The servant told Isaac all that he had done."
finish
