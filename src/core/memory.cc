#include "heed/core/memory.h"

#include <malloc.h>

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
