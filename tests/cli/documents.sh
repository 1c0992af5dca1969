# heed translate --format: web pages, subtitles and office files, translated whole with their
# markup; refused with a reason (and no output file) when they cannot be read.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
M="$DATA/tiny-trained.heed"
T=("$HEED" translate -m "$M" --beam-size 2 -q)

# The tags of a page in order, with their attributes (Python's parser; the unit tests compare
# gumbo's trees).
cat > tags.py <<'PY'
import sys
from html.parser import HTMLParser
class Tags(HTMLParser):
    def handle_starttag(self, tag, attrs): print("<", tag, attrs)
    def handle_endtag(self, tag): print(">", tag)
Tags(convert_charrefs=True).feed(open(sys.argv[1], encoding="utf-8").read())
PY
cat > page.html <<'HTML'
<!DOCTYPE html>
<html><head><title>En el principio</title><script>var x = "<p>no</p>";</script></head>
<body>
<h1 class="t">En el principio creó Dios los cielos y la tierra.</h1>
<p>Y la tierra estaba <b>desordenada</b> y vacía, y las <a href="/t?a=1&amp;b=2">tinieblas</a> estaban sobre la faz del abismo.</p>
<ul><li>Y dijo Dios: Sea la luz; y fue la luz.</li><li translate="no">Y vio Dios que la luz era buena.</li></ul>
<pre>  Y separó Dios la luz de las tinieblas.  </pre>
</body></html>
HTML
"${T[@]}" -i page.html -o page.out.html
check "an .html input is translated as HTML" test -s page.out.html
python3 tags.py page.html > tags.in
python3 tags.py page.out.html > tags.out
check "the page keeps every tag and attribute, in order" cmp -s tags.in tags.out
check "the text changed" bash -c '! grep -q "creó Dios" page.out.html'
check "script, pre and translate=no are untouched" bash -c \
  'grep -qF "var x = \"<p>no</p>\";" page.out.html && grep -qF "<pre>  Y separó Dios la luz de las tinieblas.  </pre>" page.out.html && grep -qF "<li translate=\"no\">Y vio Dios que la luz era buena.</li>" page.out.html'
"${T[@]}" --format html < page.html > page.stdin.html
check "--format html reads stdin the same" cmp -s page.out.html page.stdin.html

printf '1\n00:00:01,000 --> 00:00:04,000\nEn el principio creó Dios\nlos cielos y la tierra.\n\n2\n00:00:05,000 --> 00:00:06,500\nY la tierra estaba desordenada\n\n3\n00:00:06,500 --> 00:00:09,000\ny vacía.\n' > film.srt
"${T[@]}" -i film.srt -o film.out.srt
check "subtitle timings and numbers are kept" bash -c 'diff <(grep -v "[a-zA-Z]" film.srt) <(grep -v "[a-zA-Z]" film.out.srt) >/dev/null'
check "each cue has text" bash -c 'test "$(grep -c "[a-zA-Z]" film.out.srt)" -ge 3'
printf 'WEBVTT\n\n00:01.000 --> 00:04.000\nY dijo Dios: Sea la luz.\n' > a.vtt
"${T[@]}" -i a.vtt -o a.out.vtt
check "WebVTT keeps its header and timing" bash -c 'head -3 a.out.vtt | tr "\n" "|" | grep -qx "WEBVTT||00:01.000 --> 00:04.000|"'

# A Word file made here: Python's zipfile, the three parts Word needs.
cat > make_docx.py <<'PY'
import sys, zipfile
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
parts = {
  "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  "word/document.xml": '<?xml version="1.0" encoding="UTF-8"?><w:document ' + W + '><w:body>'
    '<w:p><w:r><w:t xml:space="preserve">Y la tierra estaba </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>desordenada</w:t></w:r><w:r><w:t xml:space="preserve"> y vacía.</w:t></w:r></w:p>'
    '<w:p><w:r><w:rPr><w:i/></w:rPr><w:t>En el principio creó Dios los cielos y la tierra.</w:t></w:r></w:p>'
    '</w:body></w:document>',
}
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for name, content in parts.items(): z.writestr(name, content)
PY
python3 make_docx.py letter.docx
"${T[@]}" -i letter.docx -o letter.es-en.docx
cat > check_docx.py <<'PY'
import sys, zipfile, xml.dom.minidom
a, b = zipfile.ZipFile(sys.argv[1]), zipfile.ZipFile(sys.argv[2])
assert a.namelist() == b.namelist(), "the parts changed"
for n in a.namelist():
    if n != "word/document.xml": assert a.read(n) == b.read(n), n
doc = xml.dom.minidom.parseString(b.read("word/document.xml"))
paragraphs = doc.getElementsByTagName("w:p")
assert len(paragraphs) == 2, len(paragraphs)
assert doc.getElementsByTagName("w:b") and doc.getElementsByTagName("w:i"), "formatting lost"
text = "".join(t.firstChild.data for t in doc.getElementsByTagName("w:t") if t.firstChild)
assert "principio" not in text and text.strip(), text
PY
check "a .docx keeps its parts, paragraphs and formatting, with new text" python3 check_docx.py letter.docx letter.es-en.docx

# Where LibreOffice is installed (not by setup.sh: it is large), the translated file opens there
# and prints the translation.
if command -v soffice >/dev/null && command -v pdftotext >/dev/null; then
  timeout 120 soffice --headless --convert-to pdf --outdir lo letter.es-en.docx >/dev/null 2>&1
  check "LibreOffice opens the translated .docx" test -s lo/letter.es-en.pdf
  check "and shows its text" bash -c "pdftotext lo/letter.es-en.pdf - | grep -q '[a-zA-Z]' && ! pdftotext lo/letter.es-en.pdf - | grep -q principio"
else
  echo "LibreOffice is not installed: the .docx is checked by its XML only"
fi

# Refusals: a clear reason, exit 1, and no output file.
head -c 300 letter.docx > cut.docx
expect_fail "a truncated .docx names the file" 1 "cut.docx: not a readable zip package" "${T[@]}" -i cut.docx -o cut.out.docx
check "no output file after a failure" test ! -e cut.out.docx
printf '1\n00:00:05,000 --> 00:00:01,000\nHola\n' > broken.srt
expect_fail "a broken timing names the file and line" 1 "broken.srt:2: the cue ends before it starts" \
  "${T[@]}" -i broken.srt -o broken.out.srt
check "no output file after a broken timing" test ! -e broken.out.srt
head -c 3000 /dev/zero | tr '\0' 'a' > big.html
expect_fail "a document over the size limit" 1 "larger than 1000 bytes" "${T[@]}" -i big.html --max-document-bytes 1000
deep="$(printf '<div>%.0s' $(seq 1 2000))hola"
echo "$deep" > deep.html
expect_fail "nesting past the limit is refused" 1 "deep.html: the HTML nests elements more than 512 deep" "${T[@]}" -i deep.html
expect_fail "an unknown format" 2 "unknown --format 'pdf'" "${T[@]}" --format pdf -i page.html
expect_fail "n-best is for text" 2 "not documents" "${T[@]}" --n-best 2 -i page.html
finish
