#pragma once
// Plain 2-D products through oneDNN, with transposes expressed as strides, and optional
// accumulation into the output (a fused sum post-op). The building block of linear and of the
// output projection. Products run in the calling thread's product type (compute_type.h): under
// bf16 both operands are rounded to bfloat16 first; C and the bias stay fp32.
#include "heed/core/scratch.h"
#include "heed/core/tensor.h"

namespace heed::ops {

// A row-major matrix seen through strides: element (i, j) at data[i * row_stride + j * col_stride].
struct MatrixView {
  const float* data = nullptr;
  int64_t rows = 0, cols = 0;
  int64_t row_stride = 0, col_stride = 1;
  // The same elements already rounded to bfloat16, at the same strides, or nullptr: what bf16
  // products read instead of rounding data themselves (an operand used by several products).
  const uint16_t* bf16 = nullptr;

  static MatrixView of(const Tensor& t);  // a 2-D tensor as it is
  MatrixView t() const { return {data, cols, rows, col_stride, row_stride, bf16}; }
};

// Under bf16 products, t rounded into `store` once, for every product that reads it (a
// MatrixView's or BatchView's bf16 copy, LinearForwardOptions::x_bf16); under f32, nullptr
// (products read t itself). Valid until store's next use.
const uint16_t* round_for_products(const Tensor& t, Scratch<uint16_t>& store);

struct MatmulOptions {
  float alpha = 1.0f;       // C = alpha · (A · B + bias): the bias is scaled too
  bool accumulate = false;  // C += instead of C =
  const float* bias = nullptr;  // (N), added to every row
  // Many-row products run as blocks of this many rows with one primitive, which keeps each
  // block's output in cache: 4096x1024·1024x256 runs at 106 GFLOP/s in one call on Zen 3 (AVX2)
  // and at 127 in blocks of 1024. 0: one call, whatever the size. fp32 only: bf16 products (on
  // AVX-512 BF16 CPUs) always run in one call, which made bf16 training `small` 6% faster on
  // Zen 5 (three alternating pairs), where one call did nothing for fp32's.
  int64_t row_block = 1024;
};

// C (M, N) = alpha · (A (M, K) · B (K, N) [+ bias]) [+ C].
void matmul(const MatrixView& c, const MatrixView& a, const MatrixView& b,
            const MatmulOptions& options = {});

}  // namespace heed::ops
