#include <doctest/doctest.h>

#include <pthread.h>

#include <csignal>
#include <thread>

#include "heed/core/signals.h"

namespace {

bool blocked_here(int signal) {
  sigset_t mask;
  pthread_sigmask(SIG_BLOCK, nullptr, &mask);
  return sigismember(&mask, signal) == 1;
}

}  // namespace

// Delivery itself is tested end to end (tests/cli/train.sh signals heed train many times): a
// process-wide signal here could land on a thread of the test runner that does not block it.
TEST_CASE("a signal watcher blocks SIGINT and SIGTERM in the threads started under it, then restores the mask") {
  REQUIRE_FALSE(blocked_here(SIGTERM));
  {
    heed::SignalWatcher watcher([](int) {});
    CHECK(blocked_here(SIGINT));
    CHECK(blocked_here(SIGTERM));
    bool in_new_thread = false;
    std::thread t([&] { in_new_thread = blocked_here(SIGINT) && blocked_here(SIGTERM); });
    t.join();
    CHECK(in_new_thread);
  }
  CHECK_FALSE(blocked_here(SIGINT));
  CHECK_FALSE(blocked_here(SIGTERM));
}
