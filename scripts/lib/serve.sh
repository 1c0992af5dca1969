# Sourced by scripts and tests that talk to heed serve.
# start_server HEED LOG heed-serve-options...: starts heed serve on a free port of 127.0.0.1 in the
# background and waits (10 s at most) for it to say where it listens; sets PID, and PORT (empty if
# it did not start).
start_server() {
  local heed="$1" log="$2"
  shift 2
  "$heed" serve --port 0 "$@" 2> "$log" &
  PID=$!
  PORT=""
  for _ in $(seq 100); do
    PORT=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$log")
    [ -n "$PORT" ] && break
    sleep 0.1
  done
}

# serve_or_die NAME HEED LOG heed-serve-options...: start_server, or print the log and exit 1;
# also sets SOURCE and TARGET, the language pair of the first model served.
serve_or_die() {
  local name="$1"
  shift
  start_server "$@"
  [ -n "$PORT" ] || { echo "$name: the server did not start" >&2; cat "$2" >&2; exit 1; }
  read -r SOURCE TARGET <<< "$(sed -n 's/.*(\([a-z]*\) -> \([a-z]*\)).*/\1 \2/p' "$2" | head -1)"
}
