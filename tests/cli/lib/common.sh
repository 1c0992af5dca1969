# Helpers for the CLI tests: each test script is run as `bash script.sh HEED SOURCE_DIR`.
set -uo pipefail
HEED="$(realpath "$1")"
SRC="$(realpath "$2")"
DATA="$SRC/tests/data"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0
checks=0

check() {  # check "description" command...
  local what="$1"
  shift
  checks=$((checks + 1))
  if "$@"; then return 0; fi
  echo "FAIL: $what" >&2
  failures=$((failures + 1))
}

# expect_fail "description" EXPECTED_CODE "pattern in stderr" command...
expect_fail() {
  local what="$1" code="$2" pattern="$3"
  shift 3
  checks=$((checks + 1))
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  if [ "$got" -ne "$code" ] || ! grep -q -- "$pattern" "$WORK/err"; then
    echo "FAIL: $what (exit $got, expected $code; stderr: $(head -3 "$WORK/err"))" >&2
    failures=$((failures + 1))
  fi
}

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" -eq 0 ]
}

# start_server LOG heed-serve-options...: starts heed serve on a free port of 127.0.0.1 in the
# background and waits for it to say where it listens; sets PID and PORT (empty if it did not).
start_server() {
  local log="$1"
  shift
  "$HEED" serve --port 0 "$@" 2> "$log" &
  PID=$!
  PORT=""
  for _ in $(seq 100); do
    PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$PORT" ] && break
    sleep 0.1
  done
}
