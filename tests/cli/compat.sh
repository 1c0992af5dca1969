# heed's own shipped models translate and score byte for byte as the build of main before the
# import/export work did (tests/data/regression/*: written by that build, f32 and int8 products,
# on this repository's CPU kind: AVX-512 with VNNI). New configuration keys take defaults that
# are today's behaviour.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
REG="$DATA/regression"
for m in es-en bible-es-en; do
  for ct in f32 int8; do
    "$HEED" translate -m "$SRC/models/$m.heed" --compute-type "$ct" --threads 1 --n-best 2 -i "$REG/input.es" -o out 2>/dev/null
    check "$m $ct: translations as before" cmp -s out "$REG/$m.$ct.out"
  done
  "$HEED" score -m "$SRC/models/$m.heed" --src "$REG/input.es" --tgt "$REG/input.en" -o score
  check "$m: scores as before" cmp -s score "$REG/$m.score"
done
"$HEED" translate -m "$SRC/models/en-es.heed" --compute-type f32 --threads 1 --n-best 2 -i "$REG/input.en" -o out 2>/dev/null
check "en-es f32: translations as before" cmp -s out "$REG/en-es.f32.out"
finish
