# heed serve when too many requests wait: with one HTTP thread busy and one request waiting, the
# transport refuses the next at once with 503 and Retry-After; /metrics times every answer from
# its request's arrival to its writing, the refusals apart (heed_response_seconds), and counts each
# refusal the clients got. --worker-nice puts the translation workers below the other threads.
source "$(dirname "$0")/lib/common.sh"
cd "$WORK"
mkdir -p models
cp "$DATA/tiny-trained.heed" models/tiny-es-en.heed
expect_fail "--worker-nice past 19" 2 "worker-nice must be 0..19" "$HEED" serve -m models/tiny-es-en.heed --worker-nice 20
start_server "$HEED" serve.log -m models/tiny-es-en.heed --threads 1 --workers 1 --http-threads 1 --http-queue 1 \
  --batch-limit 200 --worker-nice 2
check "the server says where it listens" test -n "$PORT"

# Each thread's nice value (/proc's stat, field 19; the name in parentheses may hold spaces).
nice_of() { sed 's/.*) //' "$1" | cut -d' ' -f17; }
lowered() {  # threads of the server 2 levels below its main thread
  local main n=0
  main=$(nice_of "/proc/$PID/stat")
  for task in /proc/"$PID"/task/*; do
    [ "$(nice_of "$task/stat")" = $((main + 2)) ] && n=$((n + 1))
  done
  echo "$n"
}
for _ in $(seq 50); do [ "$(lowered)" -ge 1 ] && break; sleep 0.1; done  # the worker lowers itself as it starts
check "the worker runs 2 nice levels below the server's main thread ($(lowered) threads)" test "$(lowered)" -eq 1

PYTHONPATH="$SRC/tests/cli/lib" python3 - "$PORT" > client.log 2>&1 <<'PY'
import re, sys, threading, time, urllib.request
from client import Checks, encoded, request
base = f"http://127.0.0.1:{sys.argv[1]}"
check = Checks()

def translate(q):
    return request(base + "/translate", *encoded({"q": q, "source": "es", "target": "en"}), timeout=120)

def metric(name):
    text = urllib.request.urlopen(base + "/metrics", timeout=30).read().decode()
    found = [l.split()[-1] for l in text.splitlines() if l.startswith(name + " ")]
    return float(found[0]) if found else None

REFUSED = 'heed_response_seconds_count{outcome="refused"}'
ANSWERED = 'heed_response_seconds_count{outcome="answered"}'
check("the histogram is there, no refusal yet", metric(REFUSED) == 0 and metric(ANSWERED) is not None)

# A long request holds the one HTTP thread (it waits for its 200 translations); once its sentences
# are queued, 8 more arrive at once: one may wait for the thread, the others are refused.
long = {}
def long_request():
    long["answer"] = translate(["Y dijo Dios: Sea la luz: y fue la luz, y vio Dios que la luz era buena."] * 200)
holder = threading.Thread(target=long_request)
holder.start()
deadline = time.time() + 60
while (metric("heed_sentences_total") or 0) < 200 and time.time() < deadline:
    time.sleep(0.02)
answers = [None] * 8
def one(i):
    answers[i] = translate("Hola.")
burst = [threading.Thread(target=one, args=(i,)) for i in range(8)]
for t in burst: t.start()
for t in burst: t.join()
holder.join()
check(f"the long request is answered ({long['answer'][0]})", long["answer"][0] == 200)
refused = [a for a in answers if a[0] == 503]
check(f"refused at once: {[a[0] for a in answers]}", len(refused) >= 1 and all(a[0] in (200, 503) for a in answers))
check("each refusal says busy, with Retry-After",
      all(a[1]["Retry-After"] == "1" and b"busy" in a[2] for a in refused))
# The count follows the writing of the answer, which the client may read first: wait a moment.
deadline = time.time() + 10
while metric(REFUSED) != len(refused) and time.time() < deadline:
    time.sleep(0.05)
check(f"every refusal counted once: {metric(REFUSED)} of {len(refused)}", metric(REFUSED) == len(refused))
check(f"the answers counted: {metric(ANSWERED)}", metric(ANSWERED) >= 1 + 8 - len(refused))
text = urllib.request.urlopen(base + "/metrics", timeout=30).read().decode()
check("one HELP and TYPE, buckets of each outcome",
      text.count("# TYPE heed_response_seconds histogram") == 1
      and re.search(r'^heed_response_seconds_bucket\{outcome="refused",le="0\.01"\} \d+$', text, re.M)
      and re.search(r'^heed_response_seconds_bucket\{outcome="answered",le="\+Inf"\} \d+$', text, re.M)
      and re.search(r'^heed_response_seconds_sum\{outcome="refused"\} [0-9.e-]+$', text, re.M))
check.finish("client")
PY
code=$?
grep FAIL client.log >&2
check "the HTTP client's checks pass (exit $code)" test "$code" -eq 0
kill -TERM "$PID"
wait "$PID"
check "the server exits 0 after SIGTERM" test $? -eq 0
finish
