#!/usr/bin/env bash
# Builds the unit tests with sanitizers in build-<kind>/ and runs them: the engine's
# (heed_engine_tests) by default, every module's with TESTS=heed_tests.
#   scripts/sanitize.sh thread,undefined ['doctest test-case filter']   data races (and UB)
#   scripts/sanitize.sh address,undefined                                memory errors (and UB)
# scripts/test.sh runs the first on the tests of the threading model; the second, on every unit
# test, takes longer than CI allows and is run by hand before changes to memory handling.
set -euo pipefail
cd "$(dirname "$0")/.."
kind="${1:?usage: scripts/sanitize.sh thread,undefined|address,undefined [test-case filter]}"
filter="${2:-*}"
dir="build-${kind%%,*}"
# -O1 and line tables only (-g1): the build took 6 minutes of CI's 15 at -O2 -g, and 3 this way;
# the tests then run 20% slower, and reports still name every frame's file and line.
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DHEED_SANITIZE="$kind" -DHEED_MPI=OFF >/dev/null
tests="${TESTS:-heed_engine_tests}"
cmake --build "$dir" -j"$(nproc)" --target "$tests" >/dev/null
# Errors stop the run with a non-zero exit. One OpenMP thread per test thread: libgomp is not
# built with ThreadSanitizer, and its team barriers would be reported as races.
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan.supp"
export UBSAN_OPTIONS="halt_on_error=1 print_stacktrace=1"
OMP_NUM_THREADS=1 "$dir/tests/$tests" --test-case="$filter"
