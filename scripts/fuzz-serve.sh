#!/usr/bin/env bash
# Fuzzes heed serve's request handling with libFuzzer: raw HTTP requests through the transport's
# parser, the routing, the fields and the handlers (tests/fuzz/serve_fuzz.cc, the tiny test model
# translating). Builds the target with clang (-fsanitize=fuzzer,address,undefined) from the serve
# sources, linked with the engine of an existing build, then runs it on the seed corpus
# (tests/fuzz/corpus) for SECONDS; new inputs it finds are kept in BUILD/fuzz/corpus, and a crash
# (or an answer of 500) is written to BUILD/fuzz/ and ends the run with a failure.
#   scripts/fuzz-serve.sh [SECONDS]       (default 60; a long run: 3600 or more)
# FUZZ_BUILD: the build whose libheed_engine.a is linked (default build/).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
build="${FUZZ_BUILD:-build}"
[ -f "$build/libheed_engine.a" ] && [ -f "$build/libheed_doc.a" ] || scripts/build.sh >/dev/null
out="$build/fuzz"
mkdir -p "$out/corpus"
target="$out/serve_fuzz"
sources=(src/serve/*.cc tests/fuzz/serve_fuzz.cc)
if [ ! -x "$target" ] || [ -n "$(find "${sources[@]}" include/heed/serve "$build/libheed_engine.a" "$build/libheed_doc.a" -newer "$target" | head -1)" ]; then
  echo "fuzz-serve: building $target" >&2
  clang++ -std=c++17 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Iinclude -Isrc/serve -isystem /usr/include/oneapi/dnnl -DFMT_SHARED -DHEED_TEST_DATA="\"$PWD/tests/data\"" \
    "${sources[@]}" "$build/libheed_doc.a" "$build/libheed_engine.a" "$build/libheed_comm.a" -lgumbo -lzip -lpugixml \
    -ldnnl -lsentencepiece -lsentencepiece_train -licuuc -lfmt -lgomp -lpthread -o "$target"
fi
# One worker thread for oneDNN; ASan's leak check off: the server lives for the whole run.
status=0
OMP_NUM_THREADS=1 ASAN_OPTIONS=detect_leaks=0 "$target" -max_total_time="$seconds" -max_len=8192 -timeout=20 \
  -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$out/" "$out/corpus" tests/fuzz/corpus \
  > "$out/run.log" 2>&1 || status=$?
grep -v "NEW\|REDUCE\|pulse" "$out/run.log" | tail -40
[ "$status" -eq 0 ] || echo "fuzz-serve: a finding (libFuzzer exit $status); the input is in $out/, the log in $out/run.log" >&2
exit "$status"
