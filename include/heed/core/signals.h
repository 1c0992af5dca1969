#pragma once
// SIGINT and SIGTERM taken away from the computing threads and handed to one thread of their own.
//
// Why not a plain handler: oneDNN's JIT GEMM kernels (jit_avx512_common_gemm_f32 among them) point
// the stack pointer into a heap buffer while they run. A signal handler that interrupts such a
// kernel gets its frame pushed there and corrupts the heap; a `heed train` stopped by SIGTERM then
// aborted in free() about one time in five (oneDNN issue 4845). With the signals blocked in every
// thread but one that only waits for them, no handler ever runs on a computing thread.
#include <atomic>
#include <csignal>
#include <functional>
#include <thread>

namespace heed {

class SignalWatcher {
 public:
  // Blocks SIGINT and SIGTERM in the calling thread, and so in every thread it starts from now on
  // (threads inherit the mask), and calls on_signal(number) from a thread of its own for each one
  // that arrives. Construct it before any other thread exists: OpenMP's pool and MPI's threads
  // started earlier would keep the signals unblocked.
  explicit SignalWatcher(std::function<void(int)> on_signal);
  // Stops the waiting thread and restores the calling thread's mask (a signal still pending is
  // then delivered as usual).
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;

 private:
  void wait_for_signals();

  std::function<void(int)> on_signal_;
  sigset_t signals_{}, old_mask_{};
  std::atomic<bool> done_{false};
  std::thread thread_;
};

}  // namespace heed
