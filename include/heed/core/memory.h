#pragma once
// The C library's allocator: settings for training and for a long-running server, and what it holds.
#include <atomic>
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

// Returns the free memory of every malloc arena to the system (glibc's malloc_trim: each free
// chunk's whole pages, wherever they are, not only the top of a heap). A server's worker frees and
// allocates blocks of changing sizes from batch to batch, and its arena keeps tens of MB free
// between the blocks in use, resident until returned. Returns false where the C library cannot.
bool release_free_memory();

// release_free_memory() at most once per interval, by the first caller after it has passed: cheap
// enough to ask after every batch. Safe from any thread.
class FreeMemoryReleaser {
 public:
  explicit FreeMemoryReleaser(double interval_seconds);  // 0 or less: never
  // Releases if the interval has passed since the last release (or since construction).
  bool maybe_release();
  int64_t releases() const { return releases_.load(); }
  double seconds() const { return static_cast<double>(spent_ns_.load()) * 1e-9; }  // spent releasing

 private:
  int64_t interval_ns_;
  std::atomic<int64_t> next_ns_;  // steady clock
  std::atomic<int64_t> releases_{0}, spent_ns_{0};
};

// Bytes malloc has handed out and not had back, and free bytes it keeps (0 where unknown).
struct MallocFigures {
  int64_t in_use = 0, free = 0;
};
MallocFigures malloc_figures();

}  // namespace heed
