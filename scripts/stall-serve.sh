#!/usr/bin/env bash
# Does heed serve stall when clients hold connections? On 127.0.0.1 only: the latency of a lone
# "Hola." (p50, p99, max of STALL_REQUESTS, 200), first alone, then while 64 connections stay
# idle and 16 clients send their request a byte a second (reopened when the server closes them).
#   scripts/stall-serve.sh [MODEL]          (default es-en)
# STALL_IDLE (64), STALL_SLOW (16), STALL_REQUESTS (200), SERVE_OPTIONS (added to heed serve's
# options), STALL_HEED (build/heed).
set -euo pipefail
cd "$(dirname "$0")/.."
heed="${STALL_HEED:-build/heed}"
model="${1:-es-en}"
[ -x "$heed" ] || scripts/build.sh >/dev/null
work=$(mktemp -d)
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

source scripts/lib/serve.sh
# shellcheck disable=SC2086  # SERVE_OPTIONS is a list of options
serve_or_die stall-serve "$heed" "$work/serve.log" -m "$model" ${SERVE_OPTIONS:-}
server=$PID
python3 scripts/lib/stall_client.py --port "$PORT" --idle "${STALL_IDLE:-64}" --slow "${STALL_SLOW:-16}" \
  --requests "${STALL_REQUESTS:-200}" --source "$SOURCE" --target "$TARGET"
kill -TERM "$server"
wait "$server" || true
server=""
