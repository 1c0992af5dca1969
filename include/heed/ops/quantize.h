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

// y (cols) = sums · (row_scale · col_scales[c]) [+ bias[c]]: a row of an int8 product back in
// float. y may be the same memory as sums (a product written into its output's storage).
void dequantize_sums(const int32_t* sums, float row_scale, const float* col_scales, const float* bias, int64_t cols,
                     float* y);

// x (rows, cols) = q · scale[r], the inverse of quantize_rows up to rounding.
void dequantize_rows(const int8_t* q, const float* scales, int64_t rows, int64_t cols, float* x);

// y[i] = bf16(x[i]), rounded to nearest even, for n values (on CPUs with AVX-512 BF16 by its
// instruction, which also flushes subnormal inputs to zero).
void to_bf16(const float* x, int64_t n, uint16_t* y);

// y (rows, cols), dense = bf16(x[r · stride + c]): the rows of a strided matrix, rounded.
void to_bf16_rows(const float* x, int64_t rows, int64_t cols, int64_t stride, uint16_t* y);

}  // namespace heed::ops
