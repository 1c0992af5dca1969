#include "heed/ops/dropout.h"

#include <algorithm>
#include <cmath>

#include "heed/core/error.h"

namespace heed::ops {

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
#pragma omp parallel for if (n > 65536)
  for (int64_t block = 0; block < (n + 3) / 4; ++block) {
    uint64_t bits = rng.at(first + block);
    for (int64_t i = 4 * block; i < std::min(n, 4 * block + 4); ++i, bits >>= 16) {
      m[i] = (bits & 0xffff) >= threshold ? keep_scale : 0.0f;
      out[i] = in[i] * m[i];
    }
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
