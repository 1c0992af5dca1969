#!/usr/bin/env bash
# Set-up, build and every test: the command CI runs on a fresh clone.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests
scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)")
# On a CPU beyond AVX2, the numeric tests once more on AVX2 kernels (oneDNN's documented switch,
# which heed's own kernels follow too: core/cpu.h), so that the AVX2 paths are tested on any machine.
isa=$(build/heed --version | sed -n 's/.*ISA \([a-z0-9_]*\).*/\1/p')
if [ "$isa" != avx2 ]; then
  echo "test: numeric tests with ONEDNN_MAX_CPU_ISA=AVX2 (this CPU: $isa)"
  ONEDNN_MAX_CPU_ISA=AVX2 build/tests/heed_tests --source-file='*/ops/*,*/model/*,*/decode/*,*/dnnl/*'
fi
# The threading model under ThreadSanitizer (and UBSan): threads sharing one model, and the data
# cache's tokenizing pool and pipeline.
scripts/sanitize.sh thread,undefined '*thread*,*data cache*,*cache is refused*,*makes a new cache*,*building the same cache*'

