#pragma once
// The C library's allocator: settings for training and for a long-running server, and what it holds.
#include <cstddef>
#include <cstdint>

namespace heed {

// Asks glibc to keep freed memory for reuse instead of returning it to the system at once.
// oneDNN's gemm allocates its packing buffers on every call; above glibc's default mmap threshold
// each of those is a fresh mapping whose pages the kernel must zero: 12% of a training step on
// the `small` preset, measured. Call once at start-up.
void keep_freed_memory();

// glibc's malloc for a server, whose memory must stay flat for weeks (heed serve), instead of
// keep_freed_memory's: at most `arenas` arenas (by default a thread that finds the others locked
// makes one of its own, up to 8 per core, each keeping what its threads freed); blocks of
// `mmap_bytes` or more mapped on their own, so that freeing one returns it (by default the
// threshold rises after each large free, up to 32 MB); free memory above `trim_bytes` at the top
// of a heap returned. Call before other threads start. Does nothing on another C library.
void keep_memory_flat(int arenas, size_t mmap_bytes, size_t trim_bytes);

// Bytes malloc has handed out and not had back, and free bytes it keeps (0 where unknown).
struct MallocFigures {
  int64_t in_use = 0, free = 0;
};
MallocFigures malloc_figures();

}  // namespace heed
