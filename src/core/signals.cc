#include "heed/core/signals.h"

#include <pthread.h>

#include <ctime>

namespace heed {

SignalWatcher::SignalWatcher(std::function<void(int)> on_signal) : on_signal_(std::move(on_signal)) {
  sigemptyset(&signals_);
  sigaddset(&signals_, SIGINT);
  sigaddset(&signals_, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals_, &old_mask_);
  thread_ = std::thread([this] { wait_for_signals(); });
}

SignalWatcher::~SignalWatcher() {
  done_ = true;
  thread_.join();
  pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

void SignalWatcher::wait_for_signals() {
  // A timed wait, so that the destructor needs no signal of its own to end this thread.
  const timespec tick{0, 50'000'000};
  while (!done_) {
    const int sig = sigtimedwait(&signals_, nullptr, &tick);
    if (sig > 0) on_signal_(sig);
  }
}

}  // namespace heed
