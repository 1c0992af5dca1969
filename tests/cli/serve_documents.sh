# heed serve with documents: format "html" in /translate, LibreTranslate's POST /translate_file
# and GET /download_file, the file formats in /frontend/settings, and their refusals.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
mkdir -p models
cp "$DATA/tiny-trained.heed" models/tiny-es-en.heed
start_server "$HEED" serve.log -m models/tiny-es-en.heed --threads 2 --max-file-bytes 20000 --max-body-bytes 10000 --file-keep-seconds 2
check "the server says where it listens" test -n "$PORT"

PYTHONPATH="$SRC/tests/cli/lib" python3 - "$PORT" > client.log 2>&1 <<'PY'
import io, json, sys, time, uuid, zipfile
import client
from client import Checks
from html.parser import HTMLParser
base = f"http://127.0.0.1:{sys.argv[1]}"
check = Checks()

def request(path, data=None, headers=None):
    return client.request(base + path, data, headers, timeout=120)

def post_json(path, body):
    return request(path, *client.encoded(body))

def upload(name, content, fields):
    boundary = uuid.uuid4().hex
    parts = []
    for k, v in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                 f'Content-Type: application/octet-stream\r\n\r\n'.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return request("/translate_file", b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})

def tags(html):
    out = []
    class T(HTMLParser):
        def handle_starttag(self, tag, attrs): out.append(("<", tag, attrs))
        def handle_endtag(self, tag): out.append((">", tag))
    T().feed(html)
    return out

page = '<p>Y dijo <b>Dios</b>: Sea la <a href="/luz?x=1&amp;y=2">luz</a>; y fue la luz.</p><script>x("<b>")</script>'
s, _, b = post_json("/translate", {"q": page, "source": "es", "target": "en", "format": "html"})
out = json.loads(b).get("translatedText", "") if s == 200 else ""
check(f"format html answers 200 ({s} {b[:200]})", s == 200)
check(f"format html keeps the tags ({out})", tags(out) == tags(page))
check("and translates the text", "dijo" not in out and 'x("<b>")' in out)
s, _, b = post_json("/translate", {"q": [page, "<i>luz</i>"], "source": "es", "target": "en", "format": "html"})
check("a list of pages", s == 200 and len(json.loads(b)["translatedText"]) == 2)

s, _, b = request("/frontend/settings")
settings = json.loads(b)
check("settings list the file formats", settings["filesTranslation"] and ".docx" in settings["supportedFilesFormat"])

docx = io.BytesIO()
with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
               '<w:body><w:p><w:r><w:t>Y vio Dios que la luz era buena.</w:t></w:r></w:p></w:body></w:document>')
for name, content in [("carta.docx", docx.getvalue()), ("pagina.html", page.encode()),
                      ("notas.txt", b"Sea la luz.\n\nY fue la luz.\n"),
                      ("film.srt", b"1\n00:00:01,000 --> 00:00:02,000\nSea la luz.\n")]:
    s, _, b = upload(name, content, {"source": "es", "target": "en"})
    check(f"{name} is accepted ({s} {b[:200]})", s == 200 and "translatedFileUrl" in json.loads(b))
    if s != 200:
        continue
    url = json.loads(b)["translatedFileUrl"]
    check(f"{name}: the URL names the translated file ({url})", url.split("/")[-1] == name.replace(".", ".en.", 1))
    s, h, got = request(url[url.index("/download_file"):])
    check(f"{name} downloads", s == 200 and "attachment" in h.get("Content-Disposition", ""))
    if name.endswith(".docx"):
        z = zipfile.ZipFile(io.BytesIO(got))
        text = z.read("word/document.xml").decode()
        check("the Word file is translated", "vio Dios" not in text and "<w:t" in text)
    if name.endswith(".txt"):
        check("a text file keeps its lines", got.count(b"\n") == 3 and got.split(b"\n")[1] == b"")
    if name.endswith(".srt"):
        check("subtitles keep their timing", b"00:00:01,000 --> 00:00:02,000" in got)

s, _, b = upload("x.pdf", b"%PDF", {"source": "es", "target": "en"})
check("an unknown extension is 400 naming the formats", s == 400 and b".docx" in b)
s, _, b = upload("big.txt", b"a" * 30000, {"source": "es", "target": "en"})
check(f"a file over --max-file-bytes is 413 ({s})", s == 413)
s, _, b = upload("cut.docx", docx.getvalue()[:100], {"source": "es", "target": "en"})
check("a broken Word file is 400 with the reason", s == 400 and b"zip" in b)
s, _, b = upload("bad.srt", b"1\n00:00:05,000 --> 00:00:01,000\nHola\n", {"source": "es", "target": "en"})
check("broken subtitles are 400 naming the line", s == 400 and b"bad.srt:2" in b)
s, _, b = request("/download_file/0123abcd/nothing.txt")
check("an unknown file is 404", s == 404)
s, _, b = request("/translate", json.dumps({"q": "a" * 30000, "source": "es", "target": "en"}).encode(),
                  {"Content-Type": "application/json"})
check(f"other bodies keep their own limit ({s} {b})", s == 413 and b"larger than 10000 bytes" in b)
# Files are kept --file-keep-seconds, then gone.
s, _, b = upload("later.txt", b"luz\n", {"source": "es", "target": "en"})
url = json.loads(b)["translatedFileUrl"]
time.sleep(2.5)
s, _, b = request(url[url.index("/download_file"):])
check("a file past its time is gone", s == 404)
check.finish("client")
PY
client=$?
cat client.log | grep FAIL >&2
check "the document requests behave" test "$client" -eq 0
kill -TERM "$PID"
wait "$PID"
finish
