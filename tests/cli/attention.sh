# heed translate --attention-svg: one picture per line, an index, and (with Chromium) a rendering.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
M="$DATA/tiny-trained.heed"
head -4 "$DATA/bible.dev.es" > in.txt
printf '\n' >> in.txt  # an empty line: no picture, still in the index
"$HEED" translate -m "$M" --attention-svg pics -q < in.txt > out.txt
check "a picture per non-empty line" bash -c "ls pics/1.svg pics/2.svg pics/3.svg pics/4.svg >/dev/null && test ! -e pics/5.svg"
check "an index of every line" bash -c "test \$(grep -c '<tr><td>' pics/index.html) -eq 5 && grep -q 'href=\"3.svg\"' pics/index.html"
check "translations are unchanged by pictures" cmp -s out.txt <("$HEED" translate -m "$M" -q < in.txt)
# Each row of a picture sums to 1 (the cells carry their weights).
check "rows sum to 1" bash -c "grep -o 'data-row=\"[0-9]*\" data-w=\"[0-9.]*\"' pics/2.svg | tr '\"' ' ' | awk '{s[\$2]+=\$4} END {for (r in s) if (s[r] < 0.999 || s[r] > 1.001) exit 1}'"
"$HEED" translate -m "$M" --attention-svg head1 --attention-layer 0 --attention-head 1 -q < in.txt > /dev/null
check "a chosen layer and head" grep -q "decoder layer 1, head 2" head1/1.svg
expect_fail "a layer the model does not have" 1 "attention layer 7" "$HEED" translate -m "$M" --attention-svg x --attention-layer 7 -i in.txt

# Rendered by a browser, when Debian's Chromium is installed.
if command -v chromium >/dev/null 2>&1; then
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$WORK/chrome" \
    --screenshot="$WORK/shot.png" --window-size=900,700 "file://$WORK/pics/2.svg" >/dev/null 2>&1
  check "Chromium renders a picture" test -s shot.png
else
  echo "note: chromium is not installed; the rendering check is skipped" >&2
fi
finish
