# heed tokenizer: training, interoperability with the SentencePiece tools, streaming, errors.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"

"$HEED" tokenizer train --input "$DATA/bible.train.es" "$DATA/bible.train.en" --vocab-size 300 \
  --model joint --threads 1 2>train.log
check "train writes .model and .vocab" test -s joint.model -a -s joint.vocab
check "no temporary files are left" bash -c '! ls | grep -q tmp'
check "special ids are pad=0 unk=1 bos=2 eos=3" \
  bash -c 'head -4 joint.vocab | cut -f1 | tr "\n" " " | grep -qx "<pad> <unk> <s> </s> "'

# Interoperability: the same pieces and ids as spm_encode, both ways.
"$HEED" tokenizer encode -m joint.model -i "$DATA/bible.dev.en" -o heed.pieces
spm_encode --model joint.model < "$DATA/bible.dev.en" > spm.pieces
check "pieces equal spm_encode" cmp -s heed.pieces spm.pieces
"$HEED" tokenizer encode -m joint.model --ids < "$DATA/bible.dev.es" > heed.ids
spm_encode --model joint.model --output_format=id < "$DATA/bible.dev.es" > spm.ids
check "ids equal spm_encode" cmp -s heed.ids spm.ids
"$HEED" tokenizer decode -m joint.model --ids < heed.ids > roundtrip.es
spm_decode --model joint.model --input_format=id < spm.ids > spm_roundtrip.es
check "decode(encode(x)) equals the normalized input" cmp -s roundtrip.es spm_roundtrip.es
check "round trip equals the input itself on this text" cmp -s roundtrip.es "$DATA/bible.dev.es"
"$HEED" tokenizer decode -m joint.model < heed.pieces > roundtrip.en
check "piece round trip" cmp -s roundtrip.en "$DATA/bible.dev.en"

# Empty lines are kept, CRLF is read as LF, line count is preserved.
printf 'Dios\n\nluz\r\n' | "$HEED" tokenizer encode -m joint.model > three.txt
check "three lines in, three out" test "$(wc -l < three.txt)" -eq 3
check "the empty line stays empty" test -z "$(sed -n 2p three.txt)"

# BPE, and a model trained by spm_train with the same ids works in heed.
"$HEED" tokenizer train --input "$DATA/bible.train.en" --vocab-size 200 --type bpe --model bpe 2>/dev/null
check "bpe model" test -s bpe.model
spm_train --input="$DATA/bible.train.en" --model_prefix=spm --vocab_size=200 --pad_id=0 --unk_id=1 \
  --bos_id=2 --eos_id=3 --minloglevel=2 >/dev/null 2>&1
check "an spm_train model with heed's ids is accepted" \
  bash -c "echo 'In the beginning' | '$HEED' tokenizer encode -m spm.model | grep -q ."

# Streaming: each line's answer arrives before stdin is closed.
coproc ENC { "$HEED" tokenizer encode -m joint.model; }
# bash unsets ENC and ENC_PID once the coprocess ends: keep copies.
enc_pid=$ENC_PID enc_in=${ENC[1]} enc_out=${ENC[0]}
echo "luz" >&"$enc_in"
answer=""
read -t 10 -r answer <&"$enc_out" || true
check "a line is answered before end of input" test -n "$answer"
exec {enc_in}>&-
wait "$enc_pid" 2>/dev/null || true

# Errors: a clear message, a non-zero exit, nothing half-written.
spm_train --input="$DATA/bible.train.en" --model_prefix=default_ids --vocab_size=200 --minloglevel=2 >/dev/null 2>&1
expect_fail "default spm ids are refused, naming them" 1 "pad=-1 unk=0 bos=1 eos=2" \
  "$HEED" tokenizer encode -m default_ids.model
expect_fail "missing training file" 1 "cannot read missing.txt" \
  "$HEED" tokenizer train --input missing.txt --vocab-size 100 --model bad
: > empty.txt
expect_fail "empty training text" 1 "empty" "$HEED" tokenizer train --input empty.txt --vocab-size 100 --model bad
printf 'hola\n\xff\xfe mundo\n' > invalid.txt
expect_fail "invalid UTF-8 names the file and line" 1 "invalid.txt:2" \
  "$HEED" tokenizer train --input invalid.txt --vocab-size 100 --model bad
expect_fail "a vocabulary the text cannot support" 1 "cannot train a vocabulary of 50000" \
  "$HEED" tokenizer train --input "$DATA/bible.dev.en" --vocab-size 50000 --model bad
check "no partial model after failures" bash -c '! ls bad* 2>/dev/null | grep -q .'
expect_fail "missing model" 1 "cannot read nothing.model" "$HEED" tokenizer encode -m nothing.model
expect_fail "not a model" 1 "is not a SentencePiece model" "$HEED" tokenizer encode -m empty.txt
echo "5 x 7" | "$HEED" tokenizer decode -m joint.model --ids > /dev/null 2>err.txt
check "bad ids name stdin and the line" grep -q "<stdin>:1" err.txt
printf 'ok\n\xc3\x28\n' | "$HEED" tokenizer encode -m joint.model > repaired.txt 2>warn.txt
check "invalid UTF-8 while encoding is replaced with a warning" grep -q "<stdin>:2: invalid UTF-8" warn.txt
check "and the line is still there" test "$(wc -l < repaired.txt)" -eq 2
expect_fail "unknown action" 2 "unknown action" "$HEED" tokenizer split
expect_fail "unknown option" 2 "unrecognised option\|unrecognized option" "$HEED" tokenizer encode -m joint.model --bogus
finish
