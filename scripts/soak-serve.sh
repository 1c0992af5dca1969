#!/usr/bin/env bash
# A soak of heed serve: does its memory stay flat under steady load? On 127.0.0.1 only:
#   16 clients send LibreTranslate requests of 1 to 8 joined news sentences (Spanish to es-en,
#   English to en-es) for 10 minutes; the server's RSS is sampled every 10 s, written to
#   OUT/rss.csv and drawn as OUT/rss.svg. The summary compares the RSS at the end with its value
#   at minute 2 (the target: within +5%) and gives the peak.
#   scripts/soak-serve.sh [OUT]        (default build/soak)
# SOAK_SECONDS (600), SOAK_CLIENTS (16), SOAK_SAMPLE (10 s), SOAK_POOL (every line; 30 draws the
# requests from 30 sentences), SOAK_DATA (data/general/dev: PREFIX.es and PREFIX.en, the WMT and
# Tatoeba dev sets of data/general/prepare.sh), SOAK_HEED (build/heed) and SERVE_OPTIONS (added
# to heed serve's options, e.g. "--compute-type int8").
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-build/soak}"
heed="${SOAK_HEED:-build/heed}"
data="${SOAK_DATA:-data/general/dev}"
[ -x "$heed" ] || scripts/build.sh >/dev/null
for side in es en; do
  [ -s "$data.$side" ] || { echo "soak-serve: no $data.$side (run data/general/prepare.sh, or set SOAK_DATA)" >&2; exit 1; }
done
mkdir -p "$out"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null' EXIT

source scripts/lib/serve.sh
# shellcheck disable=SC2086  # SERVE_OPTIONS is a list of options
serve_or_die soak-serve "$heed" "$out/serve.log" -m es-en -m en-es ${SERVE_OPTIONS:-}
server=$PID

python3 scripts/lib/soak_client.py --port "$PORT" --pid "$server" --data "$data" --out "$out" \
  --seconds "${SOAK_SECONDS:-600}" --clients "${SOAK_CLIENTS:-16}" --sample "${SOAK_SAMPLE:-10}" \
  --pool "${SOAK_POOL:-0}"
kill -TERM "$server"
wait "$server"
server=""
