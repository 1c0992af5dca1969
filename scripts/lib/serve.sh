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
