#include "heed/core/parallel.h"

#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using heed::parallel_for;
using heed::parallel_for_with_state;
using heed::parallel_sum;

namespace {

// libgomp is not built with ThreadSanitizer, which then cannot see the barrier that ends a
// region and reports the threads' writes read after it as races (scripts/sanitize.sh runs one
// OpenMP thread for that reason): these cases need a team of two.
#if defined(__SANITIZE_THREAD__)
constexpr bool kThreadSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool kThreadSanitizer = true;
#else
constexpr bool kThreadSanitizer = false;
#endif
#else
constexpr bool kThreadSanitizer = false;
#endif

// Restores the calling thread's OpenMP thread count.
struct Threads {
  explicit Threads(int n) : saved(heed::thread_count()) { heed::set_threads(n); }
  ~Threads() { heed::set_threads(saved); }
  int saved;
};

// Terms whose sum depends on the order they are added in: 1e16 swallows the small ones.
double term(int64_t i) { return i % 1000 == 0 ? 1e16 * ((i / 1000) % 2 ? -1 : 1) : 0.1 * static_cast<double>(i % 7); }

// The calling thread's own nice value.
int own_nice() { return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid))); }

}  // namespace

TEST_CASE("parallel: a sum adds contiguous shares in thread order, the same every time" * doctest::skip(kThreadSanitizer)) {
  const int64_t n = 200000;
  Threads two(2);
  // Two threads: the first half summed in order, then the second, then the two added.
  double first = 0, second = 0;
  for (int64_t i = 0; i < n / 2; ++i) first += term(i);
  for (int64_t i = n / 2; i < n; ++i) second += term(i);
  const double expected = 0.0 + first + second;
  for (int run = 0; run < 20; ++run) CHECK(parallel_sum<double>(n, n, term) == expected);
  // Below the threshold, one loop in order.
  double serial = 0;
  for (int64_t i = 0; i < 1000; ++i) serial += term(i);
  CHECK(parallel_sum<double>(1000, 1000, term) == serial);
}

TEST_CASE("parallel: an exception inside a loop reaches the caller" * doctest::skip(kThreadSanitizer)) {
  Threads two(2);
  const auto throw_at = [](int64_t bad) {
    return [bad](int64_t i) {
      if (i == bad) throw std::runtime_error("row " + std::to_string(i));
    };
  };
  CHECK_THROWS_WITH_AS(parallel_for(100000, 1 << 20, throw_at(77777)), "row 77777", std::runtime_error);
  CHECK_THROWS_WITH_AS(parallel_for(10, 10, throw_at(3)), "row 3", std::runtime_error);
  CHECK_THROWS_AS(parallel_sum<double>(100000, 1 << 20,
                                       [](int64_t i) -> double {
                                         if (i == 99999) throw std::runtime_error("last");
                                         return 1.0;
                                       }),
                  std::runtime_error);
}

TEST_CASE("parallel: per-thread state, every index once, and a failing state made neither hangs nor loses the error" * doctest::skip(kThreadSanitizer)) {
  Threads two(2);
  const int64_t n = 50000;
  std::vector<int> seen(n, 0);
  std::atomic<int> states{0};
  parallel_for_with_state(
      n, 1 << 20, 512, [&] { return ++states; }, [&](int64_t i, int&) { ++seen[static_cast<size_t>(i)]; });
  CHECK(std::all_of(seen.begin(), seen.end(), [](int x) { return x == 1; }));
  CHECK(states.load() >= 1);
  CHECK(states.load() <= 2);
  std::atomic<int> made{0};
  CHECK_THROWS_WITH_AS(parallel_for_with_state(
                           n, 1 << 20, 512,
                           [&] {
                             if (made++ == 0) throw std::runtime_error("no scratch");
                             return 0;
                           },
                           [](int64_t, int&) {}),
                       "no scratch", std::runtime_error);
}

TEST_CASE("parallel: a thread lowers its own priority, and the OpenMP team it starts inherits it" * doctest::skip(kThreadSanitizer)) {
  const int before = own_nice();
  int lowered = 0;
  std::vector<int> team(2, -100);
  std::thread worker([&] {
    CHECK(heed::lower_thread_priority(0));
    CHECK(own_nice() == before);
    CHECK(heed::lower_thread_priority(2));
    lowered = own_nice();
    heed::set_threads(2);
    parallel_for(2, 1 << 20, [&](int64_t i) { team[static_cast<size_t>(i)] = own_nice(); });
  });
  worker.join();
  CHECK(lowered == std::min(before + 2, 19));
  CHECK(team == std::vector<int>(2, lowered));
  CHECK(own_nice() == before);  // the caller's thread alone
  CHECK_FALSE(heed::lower_thread_priority(-1));
}
