#pragma once
// A counter-based random generator: value i of a stream is a hash of (seed, i). The whole state is
// two integers, so a checkpoint saves it exactly, and a block of values can be drawn in parallel
// with the same result on any number of threads.
#include <cstdint>

namespace heed {

inline uint64_t mix64(uint64_t z) {  // SplitMix64's finalizer
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  explicit Rng(uint64_t seed = 1, uint64_t counter = 0) : seed_(seed), counter_(counter) {}

  uint64_t seed() const { return seed_; }
  uint64_t counter() const { return counter_; }

  // Reserves n values and returns the counter of the first: value k is at(first + k).
  uint64_t take(uint64_t n) {
    const uint64_t first = counter_;
    counter_ += n;
    return first;
  }
  uint64_t at(uint64_t index) const { return mix64(seed_ * 0x9e3779b97f4a7c15ULL + mix64(index)); }
  // Uniform in [0, 1) from the top 24 bits, exact in float.
  float uniform_at(uint64_t index) const {
    return static_cast<float>(at(index) >> 40) * (1.0f / 16777216.0f);
  }
  uint64_t next() { return at(take(1)); }
  float uniform() { return uniform_at(take(1)); }
  // Uniform integer in [0, n).
  uint64_t below(uint64_t n) { return next() % n; }
  // Standard normal (Box-Muller), for weight initialization.
  float normal();

 private:
  uint64_t seed_;
  uint64_t counter_;
};

}  // namespace heed
