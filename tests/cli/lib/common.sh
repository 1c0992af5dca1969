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

source "$SRC/scripts/lib/serve.sh"
