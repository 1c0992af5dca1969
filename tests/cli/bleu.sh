# heed bleu: sacreBLEU's output lines, stdin, JSON, sentence level, confidence, bad input.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
V="$("$HEED" --version | head -1 | cut -d' ' -f2)"
B="$DATA/sacrebleu/bible_apertium_1ref"

out="$("$HEED" bleu -r "$B/ref0.txt" -i "$B/hyp.txt")"
check "the default line is sacreBLEU's, with heed's version" test "$out" = \
  "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:heed-$V = 13.1 45.8/18.9/8.4/4.1 (BP = 1.000 ratio = 1.100 hyp_len = 18908 ref_len = 17186)"
check "hypotheses from stdin" test "$("$HEED" bleu -r "$B/ref0.txt" < "$B/hyp.txt")" = "$out"
out="$("$HEED" bleu -r "$B/ref0.txt" -i "$B/hyp.txt" -m bleu,chrf --chrf-word-order 2 -w 2 | tail -1)"
check "chrF++ line" test "$out" = "chrF2++|nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:heed-$V = 38.36"
B2="$DATA/sacrebleu/bible_apertium_2ref"
check "two references" bash -c "'$HEED' bleu -r '$B2/ref0.txt' -r '$B2/ref1.txt' -i '$B2/hyp.txt' -w 2 | grep -q '^BLEU|nrefs:2|.* = 17.83 54.7/24.9/12.0/6.2'"
"$HEED" bleu -r "$B/ref0.txt" -i "$B/hyp.txt" -f json > score.json
check "json has the score" grep -q '"score": 13.1,' score.json
check "json has the verbose part" grep -q '"verbose_score": "45.8/18.9/8.4/4.1' score.json
check "json has the signature fields" grep -q '"tok": "13a"' score.json
check "sentence level gives a line per segment" \
  test "$("$HEED" bleu -r "$B/ref0.txt" -i "$B/hyp.txt" --sentence-level | wc -l)" -eq 622
check "sentence level uses effective order" \
  bash -c "'$HEED' bleu -r '$B/ref0.txt' -i '$B/hyp.txt' --sentence-level -w 4 | head -1 | grep -q 'eff:yes.* = 5.0313 '"
out="$("$HEED" bleu -r "$B/ref0.txt" -i "$B/hyp.txt" --confidence)"
check "confidence gives mean and interval" bash -c "echo '$out' | grep -q '|bs:1000|seed:12345|.* = 13.1 (μ = 13.1 ± 0.[0-9])'"
check "confidence is reproducible" test "$("$HEED" bleu -r "$B/ref0.txt" -i "$B/hyp.txt" --confidence)" = "$out"

# Invented inputs: escapes, Unicode punctuation, numbers, empty lines, all-empty output.
printf 'A &amp; B cost $1,000.50.\n\n«Hola», dijo.\n' > hyp.txt
printf 'A & B cost $1,000.50.\n\n«Hola» dijo.\n' > ref.txt
check "escapes decode like the reference" bash -c "'$HEED' bleu -r ref.txt -i hyp.txt | grep -q 'hyp_len = 11 ref_len = 10'"
printf '\n\n\n' > empty.txt
check "all-empty output scores 0.0" bash -c "'$HEED' bleu -r ref.txt -i empty.txt -m bleu,chrf | grep -c ' = 0.0' | grep -qx 2"
: > none.txt
check "empty files score 0.0" bash -c "'$HEED' bleu -r none.txt -i none.txt | grep -q ' = 0.0 '"

expect_fail "line counts differ: both counts and files" 1 "ref.txt has 3 lines but the hypotheses (none.txt) have 0" \
  "$HEED" bleu -r ref.txt -i none.txt
expect_fail "missing reference" 1 "cannot read nope.txt" "$HEED" bleu -r nope.txt -i hyp.txt
printf 'ok\n\xff\nfine\n' > bad.txt
expect_fail "invalid UTF-8 names file and line" 1 "bad.txt:2: invalid UTF-8" "$HEED" bleu -r ref.txt -i bad.txt
expect_fail "unknown tokenizer" 2 "unknown tokenizer 'moses'" "$HEED" bleu -r ref.txt -i hyp.txt --tokenize moses
expect_fail "unknown metric" 2 "unknown metric 'ter'" "$HEED" bleu -r ref.txt -i hyp.txt -m bleu,ter
expect_fail "no reference" 2 "reference" "$HEED" bleu -i hyp.txt
finish
