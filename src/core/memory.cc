#include "heed/core/memory.h"

#include <malloc.h>

#include <chrono>

namespace heed {

void keep_freed_memory() {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest allowed threshold
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  mallopt(M_TOP_PAD, 64 << 20);
}

void keep_memory_flat(int arenas, size_t mmap_bytes, size_t trim_bytes) {
  mallopt(M_ARENA_MAX, arenas);
  mallopt(M_MMAP_THRESHOLD, static_cast<int>(mmap_bytes));  // set: no longer raised by frees
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(trim_bytes));
  mallopt(M_TOP_PAD, 0);
}

bool release_free_memory() {
#if defined(__GLIBC__)
  malloc_trim(0);
  return true;
#else
  return false;
#endif
}

namespace {

int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

FreeMemoryReleaser::FreeMemoryReleaser(double interval_seconds)
    : interval_ns_(interval_seconds > 0 ? static_cast<int64_t>(interval_seconds * 1e9) : 0),
      next_ns_(now_ns() + interval_ns_) {}

bool FreeMemoryReleaser::maybe_release() {
  if (interval_ns_ <= 0) return false;
  const int64_t start = now_ns();
  int64_t due = next_ns_.load();
  // One caller wins the interval; the others go on at once.
  if (start < due || !next_ns_.compare_exchange_strong(due, start + interval_ns_)) return false;
  if (!release_free_memory()) return false;
  releases_ += 1;
  spent_ns_ += now_ns() - start;
  return true;
}

MallocFigures malloc_figures() {
  MallocFigures f;
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  const struct mallinfo2 m = mallinfo2();
  f.in_use = static_cast<int64_t>(m.uordblks + m.hblkhd);
  f.free = static_cast<int64_t>(m.fordblks);
#endif
  return f;
}

}  // namespace heed
