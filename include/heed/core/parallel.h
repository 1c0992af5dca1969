#pragma once
// Every parallel loop of heed goes through these helpers: whether a loop is worth a team of
// threads is decided in one place (worth_parallel), an exception thrown inside a loop reaches the
// caller instead of terminating the process (OpenMP regions must not be left by a throw), and
// sums over threads are added in one fixed order, so that they do not change from run to run.
#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <vector>

namespace heed {

// The OpenMP threads that oneDNN's primitives and heed's own loops use in the calling thread:
// a per-thread setting, so a thread that runs ops sets its own (dnnl/context.h, "Threading
// model"). n <= 0 means all cores.
inline void set_threads(int n) { omp_set_num_threads(n > 0 ? n : omp_get_num_procs()); }
inline int thread_count() { return omp_get_max_threads(); }

// Lowers the calling thread's scheduling priority by `steps` nice levels (at most to 19). On Linux
// nice is a thread's own, and threads it starts afterwards (its OpenMP team among them) inherit
// it: a server's translation workers call it first thing, so that its I/O thread, ready at the
// same time, runs first. Other processes on the machine then also go before them. Raising one's
// own nice needs no privilege; false if the system refused all the same. 0 changes nothing.
bool lower_thread_priority(int steps);

// Whether a loop of this much work should run on OpenMP's threads: when it is big enough to share
// and the calling thread has more than one. Decoding makes thousands of small calls a second on
// worker threads of one OpenMP thread each, and a region entered with `if (false)` still costs
// libgomp a team set-up with futex calls (a tenth of int8 translation's time, in perf).
// Inside a parallel region a nested one would run on one thread anyway, at the same set-up cost
// (a row of a parallel loop converting itself, say): never.
inline bool worth_parallel(int64_t work, int64_t threshold = 65536) {
  return work > threshold && omp_get_max_threads() > 1 && !omp_in_parallel();
}

namespace detail {

// The first exception thrown by any thread of a region, rethrown by the caller afterwards.
class FirstError {
 public:
  template <class F>
  void run(F&& f) noexcept {
    try {
      f();
    } catch (...) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!error_) error_ = std::current_exception();
    }
  }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
};

// Thread t's share of [0, n) when `threads` share it evenly: [begin, end).
inline std::pair<int64_t, int64_t> share(int64_t n, int t, int threads) {
  const int64_t base = n / threads, extra = n % threads;
  const int64_t begin = t * base + std::min<int64_t>(t, extra);
  return {begin, begin + base + (t < extra ? 1 : 0)};
}

}  // namespace detail

// f(i) for i in [0, n), in parallel where worth_parallel(work, threshold) says so, else in a
// plain loop.
template <class F>
void parallel_for(int64_t n, int64_t work, F&& f, int64_t threshold = 65536) {
  if (!worth_parallel(work, threshold)) {
    for (int64_t i = 0; i < n; ++i) f(i);
    return;
  }
  detail::FirstError error;
#pragma omp parallel for
  for (int64_t i = 0; i < n; ++i) error.run([&] { f(i); });
  error.rethrow();
}

// The same for element-wise loops the compiler should vectorize (f must not throw).
template <class F>
void parallel_for_simd(int64_t n, int64_t work, F&& f) {
  if (!worth_parallel(work)) {
#pragma omp simd
    for (int64_t i = 0; i < n; ++i) f(i);
    return;
  }
#pragma omp parallel for simd
  for (int64_t i = 0; i < n; ++i) f(i);
}

// Σ f(i) over [0, n) for any T with += (a struct of several sums, say), starting from T{}. Each
// thread sums a contiguous share in order and the shares are added in thread order, so the result
// depends on the thread count only, never on timing (an OpenMP reduction adds the threads'
// partial sums in the order they finish).
template <class T, class F>
T parallel_sum(int64_t n, int64_t work, F&& f) {
  T total{};
  if (!worth_parallel(work)) {
    for (int64_t i = 0; i < n; ++i) total += f(i);
    return total;
  }
  std::vector<T> partial(static_cast<size_t>(omp_get_max_threads()));
  detail::FirstError error;
#pragma omp parallel
  {
    const int t = omp_get_thread_num();
    const auto [begin, end] = detail::share(n, t, omp_get_num_threads());
    error.run([&, begin = begin, end = end] {
      T sum{};
      for (int64_t i = begin; i < end; ++i) sum += f(i);
      partial[static_cast<size_t>(t)] = sum;
    });
  }
  error.rethrow();
  for (const T& p : partial) total += p;
  return total;
}

// f(i, state) for i in [0, n) in chunks handed out as threads come free, with a State made by
// make() once per thread (scoring objects whose buffers are scratch, say).
template <class Make, class F>
void parallel_for_with_state(int64_t n, int64_t work, int64_t chunk, Make&& make, F&& f) {
  if (!worth_parallel(work)) {
    auto state = make();
    for (int64_t i = 0; i < n; ++i) f(i, state);
    return;
  }
  using State = decltype(make());
  detail::FirstError error;
#pragma omp parallel
  {
    // Every thread reaches the loop (a worksharing loop that one thread skips hangs the others),
    // and no exception leaves it: a thread whose make() failed takes its chunks and skips them.
    std::optional<State> state;
    error.run([&] { state.emplace(make()); });
#pragma omp for schedule(dynamic, chunk)
    for (int64_t i = 0; i < n; ++i)
      if (state) error.run([&] { f(i, *state); });
  }
  error.rethrow();
}

}  // namespace heed
