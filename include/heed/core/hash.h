#pragma once
// FNV-1a, 64 bits: the checksum heed uses wherever it needs a cheap, stable hash (n-grams, data
// files, weights across MPI ranks). Not for security.
#include <cstddef>
#include <cstdint>

namespace heed {

constexpr uint64_t kFnvOffset = 0xcbf29ce484222325ULL;
constexpr uint64_t kFnvPrime = 0x100000001b3ULL;

// Over bytes, continuing from h.
inline uint64_t fnv1a(const void* data, size_t n, uint64_t h = kFnvOffset) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * kFnvPrime;
  return h;
}

// Over 32-bit words, continuing from h: four times fewer multiplications than over their bytes,
// and as good at catching a changed byte.
inline uint64_t fnv1a_words(const uint32_t* words, size_t n, uint64_t h = kFnvOffset) {
  for (size_t i = 0; i < n; ++i) h = (h ^ words[i]) * kFnvPrime;
  return h;
}

}  // namespace heed
