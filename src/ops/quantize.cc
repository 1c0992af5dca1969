#include "heed/ops/quantize.h"

#include <algorithm>
#include <cmath>

#include "heed/core/half.h"

namespace heed::ops {

namespace {

// max |x| of n values, as the integer maximum of their bit patterns without the sign: for finite
// floats the order is the same, and integer maxima vectorize where float ones (NaN rules) do not.
float max_abs(const float* x, int64_t n) {
  uint32_t m = 0;
  for (int64_t c = 0; c < n; ++c) m = std::max(m, float_to_bits(x[c]) & 0x7fffffffu);
  return bits_to_float(m);
}

}  // namespace

void quantize_rows(const float* x, int64_t rows, int64_t cols, int64_t row_stride, int8_t* q,
                   float* scales, int limit) {
#pragma omp parallel for if (rows * cols > 65536)
  for (int64_t r = 0; r < rows; ++r) {
    const float* xr = x + r * row_stride;
    int8_t* qr = q + r * cols;
    const float scale = max_abs(xr, cols) / static_cast<float>(limit);
    scales[r] = scale;
    const float inverse = scale > 0 ? 1.0f / scale : 0.0f;
    const auto lim = static_cast<float>(limit);
    // Round to nearest even by adding and subtracting 1.5 · 2^23 (exact for |v| < 2^22), which
    // vectorizes where std::nearbyint is a library call; x · (1/scale) may land a hair past
    // ±limit, which the clamp absorbs.
    constexpr float kRound = 12582912.0f;
    for (int64_t c = 0; c < cols; ++c) {
      const float v = std::min(std::max(xr[c] * inverse, -lim), lim);
      qr[c] = static_cast<int8_t>(static_cast<int32_t>((v + kRound) - kRound));
    }
  }
}

void dequantize_rows(const int8_t* q, const float* scales, int64_t rows, int64_t cols, float* x) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) x[r * cols + c] = static_cast<float>(q[r * cols + c]) * scales[r];
}

void to_bf16(const float* x, int64_t n, uint16_t* y) {
#pragma omp parallel for if (n > 65536)
  for (int64_t i = 0; i < n; ++i) y[i] = float_to_bf16(x[i]);
}

}  // namespace heed::ops
