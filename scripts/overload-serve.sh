#!/usr/bin/env bash
# heed serve past its capacity, on 127.0.0.1 only: measures the capacity (16 clients, one
# sentence per request, requests/s), offers 10x that rate open-loop for the same time, and reports
# the answers by status, the latency of the refusals (503 with Retry-After; the target: within
# 10 ms) and of the translations, and, from the moment the offered load ends, how soon a lone
# request is answered 200 (the requests queued by then are answered first: about
# (--http-threads + --http-queue) / capacity). It also prints the client's own lag: on busy cores
# a large one means the client, not the server, set the latencies. The client is
# `heed-bench serve-overload` (one thread, Asio), built beside heed if missing; the server's own
# timing of the same answers, from arrival to writing, is its heed_response_seconds (/metrics),
# printed at the end.
#   scripts/overload-serve.sh [MODEL]       (default es-en; sentences from the Bible's test split)
# OVERLOAD_SECONDS (30), OVERLOAD_FACTOR (10), SERVE_OPTIONS (added to heed serve's options, e.g.
# "--worker-nice 5"), OVERLOAD_HEED (build/heed; heed-bench is taken from its folder).
set -euo pipefail
cd "$(dirname "$0")/.."
heed="${OVERLOAD_HEED:-build/heed}"
bench="$(dirname "$heed")/heed-bench"
model="${1:-es-en}"
[ -x "$heed" ] || scripts/build.sh >/dev/null
[ -x "$bench" ] || cmake --build "$(dirname "$heed")" --target heed-bench >/dev/null
data/bible/prepare.sh >/dev/null
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

source scripts/lib/serve.sh
# shellcheck disable=SC2086  # SERVE_OPTIONS is a list of options
serve_or_die overload-serve "$heed" "$work/serve.log" -m "$model" ${SERVE_OPTIONS:-}
server=$PID
# The client ahead of other work where it may be (root; elsewhere nice warns and runs it as is):
# on busy cores a starved client's own lag entered its timings.
nice -n -10 "$bench" serve-overload --port "$PORT" --data "data/bible/test.$SOURCE" --source "$SOURCE" \
  --target "$TARGET" --seconds "${OVERLOAD_SECONDS:-30}" --factor "${OVERLOAD_FACTOR:-10}"
kill -TERM "$server"
wait "$server" || true
server=""
