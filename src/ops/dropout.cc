#include "heed/ops/dropout.h"

#include <algorithm>
#include <cmath>

#include "heed/core/error.h"

namespace heed::ops {
namespace {

// Elements [4·begin, 4·end) of the mask and output: block b decides its four elements by the 16-bit
// quarters of draw first + b. Compiled for AVX-512 and AVX2 as well, where the draws (64-bit
// multiplies) vectorize: integer arithmetic, so every CPU draws the same mask.
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
void dropout_blocks(int64_t begin, int64_t end, uint64_t first, const Rng& rng, uint32_t threshold,
                    float keep_scale, const float* __restrict in, float* __restrict out, float* __restrict m) {
  const uint64_t seed = rng.seed() * 0x9e3779b97f4a7c15ULL;  // Rng::at, spelled out to vectorize
  for (int64_t block = begin; block < end; ++block) {
    const uint64_t bits = mix64(seed + mix64(first + block));
    for (int q = 0; q < 4; ++q) {
      const int64_t i = 4 * block + q;
      const float keep = static_cast<uint32_t>((bits >> (16 * q)) & 0xffff) >= threshold ? keep_scale : 0.0f;
      m[i] = keep;
      out[i] = in[i] * keep;
    }
  }
}

}  // namespace

void dropout_forward(const Tensor& y, const Tensor& mask, const Tensor& x, float p, Rng& rng) {
  HEED_CHECK(p >= 0.0f && p < 1.0f, "dropout probability {} is not in [0, 1)", p);
  check_shape(y, x.shape(), "dropout output");
  check_shape(mask, x.shape(), "dropout mask");
  const int64_t n = x.numel();
  const float keep_scale = 1.0f / (1.0f - p);
  // Each 64-bit draw decides four elements by 16 bits each: the drop probability is p to within
  // 1/65536, and the generator costs a quarter of one draw per element.
  const uint64_t first = rng.take((n + 3) / 4);
  const auto threshold = static_cast<uint32_t>(std::lround(p * 65536.0f));
  const float* in = x.data();
  float* out = y.data();
  float* m = mask.data();
  const int64_t full = n / 4;  // blocks of four elements; the last, partial one apart
  constexpr int64_t kChunk = 4096;
#pragma omp parallel for if (n > 65536)
  for (int64_t b = 0; b < full; b += kChunk)
    dropout_blocks(b, std::min(full, b + kChunk), first, rng, threshold, keep_scale, in, out, m);
  uint64_t bits = rng.at(first + full);
  for (int64_t i = 4 * full; i < n; ++i, bits >>= 16) {
    m[i] = (bits & 0xffff) >= threshold ? keep_scale : 0.0f;
    out[i] = in[i] * m[i];
  }
}

void dropout_backward(const Tensor& dx, const Tensor& dy, const Tensor& mask) {
  check_shape(dx, mask.shape(), "dropout input gradient");
  check_shape(dy, mask.shape(), "dropout output gradient");
  const int64_t n = mask.numel();
  const float* g = dy.data();
  const float* m = mask.data();
  float* out = dx.data();
#pragma omp parallel for if (n > 65536)
  for (int64_t i = 0; i < n; ++i) out[i] = g[i] * m[i];
}

}  // namespace heed::ops
