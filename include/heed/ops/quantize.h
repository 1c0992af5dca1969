#pragma once
// Symmetric 8-bit quantization with one scale per row, and bfloat16 rounding: the conversions
// of the reduced-precision products (prepared_matrix.h).
#include <cstdint>

namespace heed::ops {

// q (rows, cols) = round(x / scale[r]) with scale[r] = max |x[r, ·]| / limit, so that every value
// lies in [-limit, limit] (limit ≤ 127) and x ≈ q · scale within scale / 2. An all-zero row gets
// scale 0 and zeros.
void quantize_rows(const float* x, int64_t rows, int64_t cols, int64_t row_stride, int8_t* q,
                   float* scales, int limit = 127);

// The values of quantize_rows plus limit + 1, as unsigned bytes in [1, 2·limit + 1]: the inputs of
// oneDNN's u8·s8 products, which need no compensation pass of their own (s8·s8 ran 7× slower at
// 4 rows on AVX2, 3-9% slower with VNNI). The product of such a row with signed weights w exceeds
// q·w by (limit + 1)·Σw, which dequantize_sums takes off.
void quantize_rows_u8(const float* x, int64_t rows, int64_t cols, int64_t row_stride, uint8_t* q, float* scales,
                      int limit = 127);

// y (cols) = (sums[c] - offsets[c]) · (row_scale · col_scales[c]) [+ bias[c]]: a row of an int8
// product back in float (offsets: (limit + 1)·Σw of each column for quantize_rows_u8's inputs). y may be
// the same memory as sums (a product written into its output's storage).
void dequantize_sums(const int32_t* sums, const int32_t* offsets, float row_scale, const float* col_scales,
                     const float* bias, int64_t cols, float* y);

// x (rows, cols) = q · scale[r], the inverse of quantize_rows up to rounding.
void dequantize_rows(const int8_t* q, const float* scales, int64_t rows, int64_t cols, float* x);

// y[i] = bf16(x[i]), rounded to nearest even, for n values (on CPUs with AVX-512 BF16 by its
// instruction, which also flushes subnormal inputs to zero).
void to_bf16(const float* x, int64_t n, uint16_t* y);

// y (rows, cols), dense = bf16(x[r · stride + c]): the rows of a strided matrix, rounded.
void to_bf16_rows(const float* x, int64_t rows, int64_t cols, int64_t stride, uint16_t* y);

}  // namespace heed::ops
