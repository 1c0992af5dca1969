#!/usr/bin/env bash
# Set-up, build and every test: the command CI runs on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
# The threading model under ThreadSanitizer (and UBSan): threads sharing one model.
scripts/sanitize.sh thread,undefined '*thread*'

