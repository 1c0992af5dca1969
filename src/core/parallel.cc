#include "heed/core/parallel.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace heed {

bool lower_thread_priority(int steps) {
  if (steps <= 0) return steps == 0;
  // PRIO_PROCESS with a thread's id: Linux applies it to that thread alone.
  const auto self = static_cast<id_t>(::syscall(SYS_gettid));
  errno = 0;
  const int now = ::getpriority(PRIO_PROCESS, self);
  if (now == -1 && errno != 0) return false;
  return ::setpriority(PRIO_PROCESS, self, std::min(now + steps, 19)) == 0;
}

}  // namespace heed
