#pragma once

#include <omp.h>

#include <cstdint>

namespace heed {

// The OpenMP threads that oneDNN's primitives and heed's own loops use in the calling thread:
// a per-thread setting, so a thread that runs ops sets its own (dnnl/context.h, "Threading
// model"). n <= 0 means all cores.
inline void set_threads(int n) { omp_set_num_threads(n > 0 ? n : omp_get_num_procs()); }
inline int thread_count() { return omp_get_max_threads(); }

// Whether a loop of this much work should run on OpenMP's threads: when it is big enough to share
// and the calling thread has more than one. Decoding makes thousands of small calls a second on
// worker threads of one OpenMP thread each, and a region entered with `if (false)` still costs
// libgomp a team set-up with futex calls (a tenth of int8 translation's time, in perf).
// Inside a parallel region a nested one would run on one thread anyway, at the same set-up cost
// (a row of a parallel loop converting itself, say): never.
inline bool worth_parallel(int64_t work, int64_t threshold = 65536) {
  return work > threshold && omp_get_max_threads() > 1 && !omp_in_parallel();
}

// f(i) for i in [0, n), in parallel where worth_parallel(work) says so, else in a plain loop.
template <class F>
void parallel_for(int64_t n, int64_t work, F&& f) {
  if (!worth_parallel(work)) {
    for (int64_t i = 0; i < n; ++i) f(i);
    return;
  }
#pragma omp parallel for
  for (int64_t i = 0; i < n; ++i) f(i);
}

}  // namespace heed
