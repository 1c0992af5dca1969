#include "heed/ops/quantize.h"

#include <algorithm>
#include <cmath>

#include <immintrin.h>

#include "heed/core/cpu.h"
#include "heed/core/half.h"
#include "heed/core/parallel.h"

namespace heed::ops {

namespace {

// max |x| of n values, as the integer maximum of their bit patterns without the sign: for finite
// floats the order is the same, and integer maxima vectorize where float ones (NaN rules) do not.
inline __attribute__((always_inline)) float max_abs(const float* x, int64_t n) {
  uint32_t m = 0;
  for (int64_t c = 0; c < n; ++c) m = std::max(m, float_to_bits(x[c]) & 0x7fffffffu);
  return bits_to_float(m);
}

// `offset` 0 stores q as signed bytes; limit + 1 stores the unsigned bytes of quantize_rows_u8.
inline __attribute__((always_inline)) void quantize_row_body(const float* xr, int64_t cols, int8_t* qr, float* scale_out,
                                                             int limit, int offset) {
  const float scale = max_abs(xr, cols) / static_cast<float>(limit);
  *scale_out = scale;
  const float inverse = scale > 0 ? 1.0f / scale : 0.0f;
  const auto lim = static_cast<float>(limit);
  // Round to nearest even by adding and subtracting 1.5 · 2^23 (exact for |v| < 2^22), which
  // vectorizes where std::nearbyint is a library call; x · (1/scale) may land a hair past
  // ±limit, which the clamp absorbs.
  constexpr float kRound = 12582912.0f;
  for (int64_t c = 0; c < cols; ++c) {
    const float v = std::min(std::max(xr[c] * inverse, -lim), lim);
    qr[c] = static_cast<int8_t>(static_cast<int32_t>((v + kRound) - kRound) + offset);
  }
}

// heed is built for any x86-64: the same loop compiled for the wider vectors, chosen at run time
// (the baseline's SSE2 loop took 9% of int8 translation). A row at a time, so that the parallel
// loop stays outside: OpenMP outlines its body into one function, of the baseline's ISA.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512dq"))) void quantize_row_avx512(const float* xr, int64_t cols,
                                                                                      int8_t* qr, float* scale,
                                                                                      int limit, int offset) {
  quantize_row_body(xr, cols, qr, scale, limit, offset);
}

__attribute__((target("avx2,fma"))) void quantize_row_avx2(const float* xr, int64_t cols, int8_t* qr, float* scale,
                                                           int limit, int offset) {
  quantize_row_body(xr, cols, qr, scale, limit, offset);
}

void quantize_row_generic(const float* xr, int64_t cols, int8_t* qr, float* scale, int limit, int offset) {
  quantize_row_body(xr, cols, qr, scale, limit, offset);
}

// y = (sums - offsets) · (row_scale · col_scales) [+ bias]; y may be the sums' own storage: each
// value is read before its own place is written.
inline __attribute__((always_inline)) void dequantize_sums_body(const int32_t* sums, const int32_t* offsets,
                                                                float row_scale, const float* col_scales,
                                                                const float* bias, int64_t cols, float* y) {
  if (bias) {
    for (int64_t c = 0; c < cols; ++c)
      y[c] = static_cast<float>(sums[c] - offsets[c]) * (row_scale * col_scales[c]) + bias[c];
  } else {
    for (int64_t c = 0; c < cols; ++c) y[c] = static_cast<float>(sums[c] - offsets[c]) * (row_scale * col_scales[c]);
  }
}

__attribute__((target("avx512f,avx512bw,avx512vl,avx512dq"))) void dequantize_sums_avx512(
    const int32_t* sums, const int32_t* offsets, float row_scale, const float* col_scales, const float* bias,
    int64_t cols, float* y) {
  dequantize_sums_body(sums, offsets, row_scale, col_scales, bias, cols, y);
}

__attribute__((target("avx2,fma"))) void dequantize_sums_avx2(const int32_t* sums, const int32_t* offsets,
                                                              float row_scale, const float* col_scales,
                                                              const float* bias, int64_t cols, float* y) {
  dequantize_sums_body(sums, offsets, row_scale, col_scales, bias, cols, y);
}

void dequantize_sums_generic(const int32_t* sums, const int32_t* offsets, float row_scale, const float* col_scales,
                             const float* bias, int64_t cols, float* y) {
  dequantize_sums_body(sums, offsets, row_scale, col_scales, bias, cols, y);
}

}  // namespace

void dequantize_sums(const int32_t* sums, const int32_t* offsets, float row_scale, const float* col_scales,
                     const float* bias, int64_t cols, float* y) {
  // The build core/cpu.h allows: ONEDNN_MAX_CPU_ISA=AVX2 (the test suite's second run) tests the
  // AVX2 builds on an AVX-512 machine too.
  static const auto build = cpu::widest(&dequantize_sums_avx512, &dequantize_sums_avx2, &dequantize_sums_generic);
  build(sums, offsets, row_scale, col_scales, bias, cols, y);
}

namespace {

void quantize_rows_with(const float* x, int64_t rows, int64_t cols, int64_t row_stride, int8_t* q, float* scales,
                        int limit, int offset) {
  static const auto row = cpu::widest(&quantize_row_avx512, &quantize_row_avx2, &quantize_row_generic);
  parallel_for(rows, rows * cols,
               [&](int64_t r) { row(x + r * row_stride, cols, q + r * cols, scales + r, limit, offset); });
}

}  // namespace

void quantize_rows(const float* x, int64_t rows, int64_t cols, int64_t row_stride, int8_t* q, float* scales,
                   int limit) {
  quantize_rows_with(x, rows, cols, row_stride, q, scales, limit, 0);
}

void quantize_rows_u8(const float* x, int64_t rows, int64_t cols, int64_t row_stride, uint8_t* q, float* scales,
                      int limit) {
  quantize_rows_with(x, rows, cols, row_stride, reinterpret_cast<int8_t*>(q), scales, limit, limit + 1);
}

void dequantize_rows(const int8_t* q, const float* scales, int64_t rows, int64_t cols, float* x) {
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c) x[r * cols + c] = static_cast<float>(q[r * cols + c]) * scales[r];
}

namespace {

// n values rounded by the CPU's own conversion (AVX-512 BF16: to nearest even, NaN kept, and
// subnormal inputs flushed to zero, as oneDNN's bf16 kernels do). 8x the portable loop, which
// the compiler does not vectorize.
__attribute__((target("avx512f,avx512bw,avx512vl,avx512bf16"))) void to_bf16_avx512(const float* x, int64_t n, uint16_t* y) {
  int64_t i = 0;
  for (; i + 16 <= n; i += 16) {
    const __m256bh h = _mm512_cvtneps_pbh(_mm512_loadu_ps(x + i));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(y + i), reinterpret_cast<const __m256i&>(h));
  }
  if (i < n) {
    const __mmask16 tail = static_cast<__mmask16>((1u << (n - i)) - 1);
    const __m256bh h = _mm512_cvtneps_pbh(_mm512_maskz_loadu_ps(tail, x + i));
    _mm256_mask_storeu_epi16(y + i, tail, reinterpret_cast<const __m256i&>(h));
  }
}

void to_bf16_line(const float* x, int64_t n, uint16_t* y, bool native) {
  if (native) {
    to_bf16_avx512(x, n, y);
  } else {
    for (int64_t i = 0; i < n; ++i) y[i] = float_to_bf16(x[i]);
  }
}

bool native_bf16() {
  static const bool native = cpu::has(cpu::Level::avx512_core_bf16);
  return native;
}

}  // namespace

void to_bf16(const float* x, int64_t n, uint16_t* y) {
  const bool native = native_bf16();
  constexpr int64_t kChunk = 16384;
  parallel_for((n + kChunk - 1) / kChunk, n, [&](int64_t c) {
    to_bf16_line(x + c * kChunk, std::min(kChunk, n - c * kChunk), y + c * kChunk, native);
  });
}

void to_bf16_rows(const float* x, int64_t rows, int64_t cols, int64_t stride, uint16_t* y) {
  const bool native = native_bf16();
  parallel_for(rows, rows * cols, [&](int64_t r) { to_bf16_line(x + r * stride, cols, y + r * cols, native); });
}

}  // namespace heed::ops
