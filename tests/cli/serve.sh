# heed serve over real HTTP on 127.0.0.1: every endpoint, LibreTranslate-style requests (JSON and
# form), errors with their status and JSON (hostile and odd input included: never a 500), a lone
# request answered while idle and slow connections are held, 50 concurrent requests each answered
# as heed translate answers it, and SIGTERM during a request still answering it.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
mkdir -p models
cp "$DATA/tiny-trained.heed" models/tiny-es-en.heed
echo "s3cret" > key
head -50 "$DATA/bible.dev.es" > lines.es
# Answers equal heed translate's line for line in f32, where grouping requests into other batches
# moves values only in their last bits; in int8 such a difference can cross a rounding step and
# change a near tie (docs/compute-types.md).
"$HEED" translate -q -m models/tiny-es-en.heed --compute-type f32 -i lines.es -o expected.en

# A language profile trained on the Bible sample, for source "auto" and /detect.
"$HEED" detect --train es="$DATA/bible.train.es" en="$DATA/bible.train.en" -o languages.lid 2> /dev/null
expect_fail "a negative --release-memory" 2 "release-memory" "$HEED" serve -m models/tiny-es-en.heed --release-memory -1
start_server "$HEED" serve.log -m models/tiny-es-en.heed --compute-type f32 --threads 2 --workers 2 --api-key-file key \
  --max-sentences 60 --max-characters 400 --max-body-bytes 20000 --language-profile languages.lid --read-timeout 30
check "the server says where it listens" test -n "$PORT"

PYTHONPATH="$SRC/tests/cli/lib" python3 - "$PORT" > client.log 2>&1 <<'PY'
import json, re, socket, sys, threading, time, urllib.request
from client import Checks, encoded, request
port = sys.argv[1]
base = f"http://127.0.0.1:{port}"
check = Checks()

def call(path, body=None, form=False, method=None):
    data, headers = encoded(body, form) if body is not None else (None, {})
    return request(base + path, data, headers, method)

lines = open("lines.es", encoding="utf-8").read().split("\n")[:50]
expected = open("expected.en", encoding="utf-8").read().split("\n")[:50]
key = "s3cret"

s, _, b = call("/health")
check("health", s == 200 and json.loads(b)["status"] == "ok")
s, _, b = call("/languages")
check("languages", s == 200 and json.loads(b) == [{"code": "en", "name": "English", "targets": []},
                                                   {"code": "es", "name": "Spanish", "targets": ["en"]}])
s, h, b = call("/")
check("the page", s == 200 and b"<textarea" in b and h["Content-Type"].startswith("text/html"))

s, _, b = call("/translate", {"q": lines[0], "source": "es", "target": "en", "api_key": key})
check("JSON, one string", s == 200 and json.loads(b) == {"translatedText": expected[0]})
s, _, b = call("/translate", {"q": lines[:3], "source": "es", "target": "en", "format": "text", "api_key": key})
check("JSON, a list", s == 200 and json.loads(b) == {"translatedText": expected[:3]})
s, _, b = call("/translate", {"q": lines[1], "source": "es", "target": "en", "api_key": key}, form=True)
check("form fields", s == 200 and json.loads(b) == {"translatedText": expected[1]})
s, _, b = call("/translate", {"q": lines[:2], "source": "es", "target": "en", "api_key": key}, form=True)
check("form, q repeated", s == 200 and json.loads(b) == {"translatedText": expected[:2]})

s, _, b = call("/v1/translate", {"q": [lines[0]], "source": "es", "target": "en", "n_best": 2, "alignment": True, "api_key": key})
r = json.loads(b) if s == 200 else {}
check("v1: n-best with scores and alignments", s == 200 and len(r["results"][0]["translations"]) == 2
      and r["results"][0]["translations"][0]["text"] == expected[0]
      and r["results"][0]["translations"][0]["log_prob"] <= 0 and "alignment" in r["results"][0]["translations"][0])
s, h, b = call("/v1/attention", {"q": lines[0], "source": "es", "target": "en", "api_key": key})
check("v1: attention picture", s == 200 and h["Content-Type"] == "image/svg+xml" and b"<svg" in b)

def error(what, status, path, body, words, form=False):
    s, h, b = call(path, body, form)
    try:
        message = json.loads(b)["error"]
    except Exception:
        message = None
    check(f"{what}: status {s}, body {b[:120]!r}", s == status and message is not None and words in message)

error("bad JSON", 400, "/translate", b"{not json", "not valid JSON")
error("invalid UTF-8 inside the JSON", 400, "/translate",
      b'{"q": "Hola \xff\xfe", "source": "es", "target": "en", "api_key": "s3cret"}', "UTF-8")
error("unknown pair", 400, "/translate", {"q": "x", "source": "fr", "target": "en", "api_key": key}, "no model translates fr to en")
error("auto into a language no model translates into", 400, "/translate",
      {"q": "x", "source": "auto", "target": "es", "api_key": key}, "no model translates into es")
error("too many alternatives", 400, "/translate",
      {"q": "x", "source": "es", "target": "en", "alternatives": 100000, "api_key": key}, "at most 3")
error("detect without q", 400, "/detect", {"api_key": key}, "'q' is required")
error("unknown format", 400, "/translate", {"q": "x", "source": "es", "target": "en", "format": "markdown", "api_key": key}, "unknown format")
error("no q", 400, "/translate", {"source": "es", "target": "en", "api_key": key}, "'q' is required")
error("q of numbers", 400, "/translate", {"q": [1, 2], "source": "es", "target": "en", "api_key": key}, "list of strings")
error("missing key", 403, "/translate", {"q": "x", "source": "es", "target": "en"}, "Invalid API key")
error("wrong key", 403, "/translate", {"q": "x", "source": "es", "target": "en", "api_key": "s3crex"}, "Invalid API key")
error("too many texts", 413, "/translate", {"q": ["a"] * 61, "source": "es", "target": "en", "api_key": key}, "limit is 60")
error("a text too long", 413, "/translate", {"q": "é" * 401, "source": "es", "target": "en", "api_key": key}, "limit is 400")
error("oversize body", 413, "/translate", {"q": "a" * 30000, "source": "es", "target": "en", "api_key": key}, "larger than 20000 bytes")
error("no such endpoint", 404, "/nowhere", None, "no such endpoint")
error("a method the path does not answer", 405, "/translate", None, "not answered")

# Hostile or odd input is the client's error, with its reason: never a 500.
def raw(data, half_close=False):
    """Sends bytes as they are; returns the raw answer (every response the server writes, until it
    closes). Half-closing says the client is gone: its request is not translated."""
    with socket.create_connection(("127.0.0.1", int(port)), timeout=60) as s:
        s.sendall(data)
        if half_close:
            s.shutdown(socket.SHUT_WR)
        out = b""
        while chunk := s.recv(65536):
            out += chunk
        return out
def statuses(answer):  # each response's status (a body ends without a line break)
    return [int(code) for code in re.findall(rb"HTTP/1\.[01] (\d{3}) ", answer)]
J = {"source": "es", "target": "en", "api_key": key}
error("duplicate keys", 400, "/translate", b'{"q": "a", "q": "b", "source": "es", "target": "en", "api_key": "s3cret"}', "appears twice")
error("deep nesting", 400, "/translate", b"[" * 9000 + b"]" * 9000, "nested deeper")
error("alternatives past any integer", 400, "/translate", {"q": "x", "alternatives": 10**30, **J}, "must be")
error("alternatives of the wrong type", 400, "/translate", {"q": "x", "alternatives": "many", **J}, "must be an integer")
error("a number as source", 400, "/translate", {"q": "x", "source": 5, "target": "en", "api_key": key}, "'source' must be a string")
def form(body, content_type="application/x-www-form-urlencoded"):
    s, _, b = request(base + "/translate", body, {"Content-Type": content_type})
    return s, b
s, b = form(b"q=x", "text/plain")
check(f"a body of another type: {s} {b[:100]!r}", s == 415 and b"send the fields as JSON" in b)
s, b = form(b"q=%ZZ&source=es&target=en&api_key=s3cret")
check(f"a broken percent-escape: {s} {b[:100]!r}", s == 400 and b"percent-escape" in b)
s, b = form(b"q=Hola%FF&source=es&target=en&api_key=s3cret")
check(f"invalid UTF-8 in a form field: {s} {b[:100]!r}", s == 400 and b"UTF-8" in b)
s, b = form(b"--x\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nHola\r\n--x--", "multipart/form-data")
check(f"multipart without a boundary: {s} {b[:100]!r}", s == 400 and b"boundary" in b)
s, b = form(b"--x\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\n" + lines[0].encode() +
            b"\r\n--x\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nes\r\n--x\r\n"
            b"Content-Disposition: form-data; name=\"target\"\r\n\r\nen\r\n--x\r\n"
            b"Content-Disposition: form-data; name=\"api_key\"\r\n\r\ns3cret\r\n--x--\r\n", "multipart/form-data; boundary=x")
check(f"multipart fields: {s} {b[:100]!r}", s == 200 and json.loads(b) == {"translatedText": expected[0]})
body = json.dumps({"q": lines[1], **J}).encode()
answer = raw(b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
             b"Connection: close\r\n\r\n" + b"%x\r\n" % 10 + body[:10] + b"\r\n" + b"%x\r\n" % (len(body) - 10) + body[10:] +
             b"\r\n0\r\n\r\n")
check(f"a chunked body is read whole: {answer[:80]!r}", statuses(answer) == [200] and expected[1].encode() in answer)
answer = raw(b"POST /translate HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
check(f"HTTP/1.0: answered, then closed: {answer[:80]!r}", answer.startswith(b"HTTP/1.0 200") and expected[1].encode() in answer)
one = b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body
answer = raw(one + one + b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
check(f"pipelined requests answered in order: {statuses(answer)}", statuses(answer) == [200, 200, 200]
      and answer.count(expected[1].encode()) == 2 and answer.rstrip().endswith(b'{"status":"ok"}'))
answer = raw(b"GARBAGE\r\n\r\n")
check(f"not HTTP: 400 with a reason: {answer[:120]!r}", statuses(answer) == [400] and b"malformed HTTP" in answer)
answer = raw(b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nab", half_close=True)
check(f"a body cut short: no answer, no crash ({answer[:60]!r})", answer == b"")

# Real text: paragraphs keep their layout; each sentence is translated as it is alone.
s, _, b = call("/translate", {"q": "  " + lines[0] + "\n\n" + lines[1] + "\n", "source": "es", "target": "en", "api_key": key})
check("a text of paragraphs keeps its blank line and spaces",
      s == 200 and json.loads(b) == {"translatedText": "  " + expected[0] + "\n\n" + expected[1] + "\n"})
s, _, b = call("/translate", {"q": "", "source": "es", "target": "en", "api_key": key})
check("an empty text gives an empty translation", s == 200 and json.loads(b) == {"translatedText": ""})

# LibreTranslate's detection, alternatives and front-end settings.
s, _, b = call("/translate", {"q": lines[2], "source": "auto", "target": "en", "api_key": key})
r = json.loads(b) if s == 200 else {}
check(f"auto: detected Spanish, translated as with source es ({b[:200]!r})",
      s == 200 and r.get("translatedText") == expected[2] and r["detectedLanguage"]["language"] == "es"
      and 50 < r["detectedLanguage"]["confidence"] <= 100)
s, _, b = call("/translate", {"q": ["In the beginning God created the heavens and the earth.", lines[3]],
                              "source": "auto", "target": "en", "api_key": key})
r = json.loads(b) if s == 200 else {}
check("auto, a list: English given back as it is, Spanish translated",
      s == 200 and r["translatedText"] == ["In the beginning God created the heavens and the earth.", expected[3]]
      and [d["language"] for d in r["detectedLanguage"]] == ["en", "es"])
s, _, b = call("/translate", {"q": lines[4], "source": "es", "target": "en", "alternatives": 2, "api_key": key})
r = json.loads(b) if s == 200 else {}
check("alternatives: up to 2 others, none the translation itself",
      s == 200 and r["translatedText"] == expected[4] and isinstance(r["alternatives"], list)
      and len(r["alternatives"]) <= 2 and expected[4] not in r["alternatives"])
s, _, b = call("/detect", {"q": "Y dijo Dios: Sea la luz; y fue la luz.", "api_key": key})
r = json.loads(b) if s == 200 else []
check(f"detect: candidates best first ({b[:120]!r})", s == 200 and r[0]["language"] == "es"
      and sorted(d["language"] for d in r) == ["en", "es"] and r[0]["confidence"] >= r[1]["confidence"])
s, _, b = call("/frontend/settings")
r = json.loads(b) if s == 200 else {}
check("frontend settings", s == 200 and r["charLimit"] == 400 and r["keyRequired"] is True
      and r["language"]["source"]["code"] == "auto" and r["language"]["target"]["code"] == "en")
s, _, b = call("/translate", {"q": "2024", "source": "auto", "target": "en", "api_key": key})
check(f"auto: a text without letters comes back as it is ({b[:120]!r})",
      s == 200 and json.loads(b)["translatedText"] == "2024")

# 64 idle connections and 16 that send their request a byte a second hold no HTTP thread: a lone
# request is answered while they are open (a thread per connection held each until the read
# timeout, 30 s here, and the lone request with them).
def open_connections():
    text = call("/metrics")[2].decode()
    return int(next(l.split()[1] for l in text.splitlines() if l.startswith("heed_open_connections ")))
idle = [socket.create_connection(("127.0.0.1", int(port))) for _ in range(64)]
slow_stop = threading.Event()
def slow_client():
    data = b"POST /translate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n"
    with socket.create_connection(("127.0.0.1", int(port))) as c:
        for i in range(len(data)):
            if slow_stop.wait(1.0):
                return
            c.sendall(data[i:i + 1])
slow = [threading.Thread(target=slow_client) for _ in range(16)]
for t in slow: t.start()
for _ in range(300):
    if open_connections() >= 80: break
    time.sleep(0.1)
check(f"the idle and slow connections are open ({open_connections()})", open_connections() >= 80)
try:
    req = urllib.request.Request(base + "/translate", data=json.dumps({"q": lines[0], **J}).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=15) as r:
        lone = (r.status, json.loads(r.read()))
except Exception as e:
    lone = (None, repr(e))
check(f"a lone request answered while 64 idle and 16 slow connections are open: {lone}",
      lone == (200, {"translatedText": expected[0]}))
slow_stop.set()
for t in slow: t.join()
for c in idle: c.close()

# 50 concurrent requests of different lengths: each gets its own answer, as heed translate gives it.
answers = [None] * 50
def one(i):
    n = 1 + i % 4
    chunk = [lines[(i + k) % 50] for k in range(n)]
    s, _, b = call("/translate", {"q": chunk, "source": "es", "target": "en", "api_key": key})
    answers[i] = (s, json.loads(b).get("translatedText") if s == 200 else b, [expected[(i + k) % 50] for k in range(n)])
threads = [threading.Thread(target=one, args=(i,)) for i in range(50)]
for t in threads: t.start()
for t in threads: t.join()
wrong = [i for i, (s, got, want) in enumerate(answers) if s != 200 or got != want]
check(f"50 concurrent requests answered as heed translate does (wrong: {wrong[:5]})", not wrong)

s, _, b = call("/metrics")
text = b.decode()
check("metrics", s == 200 and "heed_requests_total" in text and "heed_batch_sentences_bucket" in text
      and "heed_request_seconds_count" in text and "heed_queue_sentences 0" in text
      and 'heed_responses_total{code="200"}' in text and 'heed_responses_total{code="413"}' in text
      and 'heed_responses_total{code="404"}' in text and "process_resident_memory_bytes " in text
      and "process_open_fds " in text and "heed_open_connections " in text and "heed_queue_wait_seconds_count" in text
      and "heed_memory_releases_total " in text and "heed_memory_release_seconds_total " in text
      and 'heed_responses_total{code="500"}' not in text)
check.finish("client")
PY
code=$?
cat client.log | grep FAIL >&2
check "the HTTP client's checks pass (exit $code)" test "$code" -eq 0

# SIGTERM while a request is being translated: it is still answered, and the server exits 0.
# The metrics count a request's sentences when it arrives: the signal goes once they have.
sentences() {
  python3 -c "import urllib.request; t = urllib.request.urlopen('http://127.0.0.1:$PORT/metrics').read().decode()
print(next(l.split()[1] for l in t.splitlines() if l.startswith('heed_sentences_total ')))"
}
before=$(sentences)
python3 - "$PORT" > long.out 2>&1 <<'PY' &
import json, sys, urllib.request
body = json.dumps({"q": open("lines.es", encoding="utf-8").read().split("\n")[:50] + ["x"] * 10,
                   "source": "es", "target": "en", "api_key": "s3cret"}).encode()
req = urllib.request.Request(f"http://127.0.0.1:{sys.argv[1]}/translate", data=body, headers={"Content-Type": "application/json"})
with urllib.request.urlopen(req, timeout=120) as r:
    print(r.status, len(json.loads(r.read())["translatedText"]))
PY
client=$!
for _ in $(seq 200); do [ "$(sentences)" -ge $((before + 60)) ] && break; sleep 0.05; done
kill -TERM "$PID"
wait "$client"
check "a request in flight at SIGTERM is answered" grep -q "^200 60$" long.out
wait "$PID"
code=$?
check "the server exits 0 after SIGTERM (got $code)" test "$code" -eq 0
check "and says so" grep -q "answering the requests in flight" serve.log

expect_fail "a model without a language pair in its name" 1 "does not end in its language pair" \
  "$HEED" serve -m "$DATA/tiny-trained.heed" --port 0
expect_fail "an option and its earlier name together" 2 "are the same option" \
  "$HEED" serve -m models/tiny-es-en.heed --port 0 --char-limit 10 --max-characters 20
finish
