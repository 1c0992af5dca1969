#pragma once
// Batched products for attention: all heads of all sentences in one oneDNN matmul. Operands are
// 4-D strided views (batch, head, rows, cols), so the heads of a (B, T, D) projection are read in
// place as (B, H, T, D/H) and a transpose is a swap of strides, never a copy.
#include <array>
#include <cstdint>

#include "heed/core/tensor.h"

namespace heed::ops {

struct BatchView {
  const float* data = nullptr;
  std::array<int64_t, 4> dims{};     // (batch, heads, rows, cols)
  std::array<int64_t, 4> strides{};  // in elements
  // The same elements already rounded to bfloat16 at the same strides, or nullptr: what bf16
  // products read instead of rounding data themselves (an operand of several products).
  const uint16_t* bf16 = nullptr;

  // Heads of a row-major (batch, time, row_width) buffer starting at `data`: the view
  // (batch, heads, time, head_dim) with head h in columns [h·head_dim, (h+1)·head_dim).
  static BatchView heads(const float* data, int64_t batch, int64_t heads, int64_t time,
                         int64_t head_dim, int64_t row_width);
  // A dense (batch, heads, rows, cols) buffer.
  static BatchView dense(const float* data, int64_t batch, int64_t heads, int64_t rows,
                         int64_t cols);
  BatchView t() const;  // swap rows and cols
  // This view with its elements read from `copy`, a bfloat16 copy of the buffer that starts at
  // `base` (same layout; `data` lies in that buffer).
  BatchView rounded_from(const float* base, const uint16_t* copy) const;
};

struct BatchedMatmulOptions {
  float alpha = 1.0f;
  bool accumulate = false;  // C += instead of C =
  // One primitive for every batch, length and stride (only the head count fixed), for decoding,
  // where shapes change at every step. About 25% slower on QK^T than an exact-shape primitive, so
  // training, whose shapes repeat, keeps exact shapes.
  bool runtime_shape = false;
};

// C (B, H, M, N) = alpha · A (B, H, M, K) · B (B, H, K, N).
void batched_matmul(const BatchView& c, const BatchView& a, const BatchView& b,
                    const BatchedMatmulOptions& options = {});

// Gradients of C = alpha · A · B given dC: dA = alpha · dC · B^T, dB = alpha · A^T · dC, written
// or accumulated as `options.accumulate` says. Either output may have a null data pointer.
void batched_matmul_backward(const BatchView& da, const BatchView& db, const BatchView& dc,
                             const BatchView& a, const BatchView& b,
                             const BatchedMatmulOptions& options = {});

}  // namespace heed::ops
