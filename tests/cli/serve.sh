# heed serve over real HTTP on 127.0.0.1: every endpoint, LibreTranslate-style requests (JSON and
# form), errors with their status and JSON, 50 concurrent requests each answered as heed translate
# answers it, and SIGTERM during a request still answering it.
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
start_server "$HEED" serve.log -m models/tiny-es-en.heed --compute-type f32 --threads 2 --workers 2 --api-key-file key \
  --max-sentences 60 --max-characters 400 --max-body-bytes 20000 --language-profile languages.lid
check "the server says where it listens" test -n "$PORT"

python3 - "$PORT" > client.log 2>&1 <<'PY'
import json, sys, threading, urllib.error, urllib.parse, urllib.request
port = sys.argv[1]
base = f"http://127.0.0.1:{port}"
failures = 0

def call(path, body=None, form=False, method=None):
    data, headers = None, {}
    if body is not None:
        if form:
            data = urllib.parse.urlencode(body, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
    req = urllib.request.Request(base + path, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()

def check(what, ok):
    global failures
    if not ok:
        failures += 1
        print("FAIL:", what)

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
      and "process_open_fds " in text)
print(f"client: {failures} failures")
sys.exit(1 if failures else 0)
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
finish
