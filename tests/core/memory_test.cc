#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "heed/core/memory.h"

using heed::FreeMemoryReleaser;

TEST_CASE("a memory releaser with no interval never releases") {
  FreeMemoryReleaser never(0);
  CHECK_FALSE(never.maybe_release());
  FreeMemoryReleaser negative(-1);
  CHECK_FALSE(negative.maybe_release());
  CHECK(never.releases() == 0);
}

TEST_CASE("a memory releaser releases once its interval has passed, then waits for the next") {
  // Intervals long against a busy machine's scheduling delays (ctest -j beside other work).
  FreeMemoryReleaser releaser(0.3);
  CHECK_FALSE(releaser.maybe_release());  // not yet: the interval counts from construction
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
#if defined(__GLIBC__)
  CHECK(releaser.maybe_release());
  CHECK(releaser.releases() == 1);
  CHECK(releaser.seconds() >= 0);
  CHECK_FALSE(releaser.maybe_release());  // the next interval has just begun
#endif
}

TEST_CASE("of many threads asking at once after the interval, one releases") {
  FreeMemoryReleaser releaser(0.3);
  std::this_thread::sleep_for(std::chrono::milliseconds(350));
  // The threads ask together once all have started: started one by one on a busy machine, the
  // last could come an interval after the first.
  std::atomic<int> released{0}, ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      ++ready;
      while (!go.load()) std::this_thread::yield();
      released += releaser.maybe_release() ? 1 : 0;
    });
  while (ready.load() < 8) std::this_thread::yield();
  go = true;
  for (auto& t : threads) t.join();
#if defined(__GLIBC__)
  CHECK(released.load() == 1);
  CHECK(releaser.releases() == 1);
#endif
}

TEST_CASE("release_free_memory returns freed blocks and leaves live ones intact") {
  std::vector<std::vector<char>> blocks;
  for (int i = 0; i < 64; ++i) blocks.emplace_back(64 << 10, static_cast<char>(i));
  for (size_t i = 0; i < blocks.size(); i += 2) std::vector<char>().swap(blocks[i]);  // holes between live blocks
  heed::release_free_memory();
  for (size_t i = 1; i < blocks.size(); i += 2) {
    CHECK(blocks[i].size() == (64u << 10));
    CHECK(blocks[i].front() == static_cast<char>(i));
    CHECK(blocks[i].back() == static_cast<char>(i));
  }
}
