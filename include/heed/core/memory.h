#pragma once

namespace heed {

// Asks glibc to keep freed memory for reuse instead of returning it to the system at once.
// oneDNN's gemm allocates its packing buffers on every call; above glibc's default mmap threshold
// each of those is a fresh mapping whose pages the kernel must zero: 12% of a training step on
// the `small` preset, measured. Call once at start-up.
void keep_freed_memory();

}  // namespace heed
