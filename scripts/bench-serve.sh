#!/usr/bin/env bash
# Measures heed serve against heed translate on this machine, in one run, on 127.0.0.1 only:
#   1. a lone short sentence, one request at a time: round-trip p50 and p99 (200 requests);
#   2. 16 concurrent clients sending the Bible test split one sentence per request: sentences/s and
#      p99 latency, against heed translate -i test.es (sentences/s of the translation alone);
#   3. whether every answer equals heed translate's.
#   scripts/bench-serve.sh [MODEL]        (default: es-en if installed, else bible-es-en)
# SERVE_OPTIONS adds options to heed serve (e.g. "--workers 2").
set -euo pipefail
cd "$(dirname "$0")/.."
heed=${HEED:-build/heed}  # another build to compare: HEED=/path/to/heed
[ -x "$heed" ] || scripts/build.sh >/dev/null
data/bible/prepare.sh >/dev/null
model="${1:-$(build/heed translate --help | awk '/^  es-en /{print "es-en"}' | head -1)}"
model="${model:-bible-es-en}"
work=$(mktemp -d)
server=""
trap 'kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

"$heed" translate -m "$model" -i data/bible/test.es -o "$work/cli.en" 2> "$work/cli.log"
cli_rate=$(sed -n 's/.* s: \([0-9.]*\) sentences\/s.*/\1/p' "$work/cli.log")

source scripts/lib/serve.sh
# shellcheck disable=SC2086  # SERVE_OPTIONS is a list of options
start_server "$heed" "$work/serve.log" -m "$model" ${SERVE_OPTIONS:-}
server=$PID port=$PORT
[ -n "$port" ] || { echo "bench-serve: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
pair=$(sed -n 's/.*(\([a-z]*\) -> \([a-z]*\)).*/\1 \2/p' "$work/serve.log")

python3 - "$port" $pair data/bible/test.es "$work/cli.en" "$cli_rate" <<'PY'
import json, sys, threading, time, urllib.request
port, source, target, test_file, cli_file, cli_rate = sys.argv[1:7]
url = f"http://127.0.0.1:{port}/translate"
def ask(text):
    body = json.dumps({"q": text, "source": source, "target": target}).encode()
    req = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(req, timeout=120) as r:
        answer = json.loads(r.read())["translatedText"]
    return answer, time.perf_counter() - start
def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(p / 100 * len(v)))]

ask("Dios es amor.")  # start-up: kernels are made on first use
lone = [ask("Dios es amor.")[1] for _ in range(200)]
print(f"lone short sentence: p50 {1e3 * pct(lone, 50):.1f} ms, p99 {1e3 * pct(lone, 99):.1f} ms (200 requests)")

lines = open(test_file, encoding="utf-8").read().split("\n")[:-1]
expected = open(cli_file, encoding="utf-8").read().split("\n")[:-1]
answers, latencies, next_line, lock = [None] * len(lines), [], [0], threading.Lock()
def client():
    while True:
        with lock:
            i = next_line[0]
            next_line[0] += 1
        if i >= len(lines): return
        answers[i], seconds = ask(lines[i])
        with lock: latencies.append(seconds)
start = time.perf_counter()
threads = [threading.Thread(target=client) for _ in range(16)]
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.perf_counter() - start
rate = len(lines) / elapsed
print(f"16 clients, {len(lines)} sentences one per request: {rate:.1f} sentences/s, p50 {1e3 * pct(latencies, 50):.0f} ms, "
      f"p99 {1e3 * pct(latencies, 99):.0f} ms")
print(f"heed translate -i (same model, same run): {float(cli_rate):.1f} sentences/s; server/command line = {rate / float(cli_rate):.2f}")
same = sum(a == e for a, e in zip(answers, expected))
print(f"answers equal to heed translate's: {same} of {len(lines)}")
PY
kill -TERM "$server"
wait "$server"
