#!/usr/bin/env bash
# Configures and builds heed in build/ (Release). Used by test.sh and quickstart.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"
