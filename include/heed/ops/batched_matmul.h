#pragma once
// Batched products for attention: all heads of all sentences in one oneDNN matmul. Operands are
// 4-D strided views (batch, head, rows, cols), so the heads of a (B·T, D) projection are read in
// place as (B, H, T, D/H) and a transpose is a swap of strides, never a copy. As in matmul.h, the
// caller's ProductContext says the products' type, and an operand is an f32 view or, under bf16
// products, a bf16 one (a copy its caller keeps).
#include <cstdint>

#include "heed/core/tensor.h"
#include "heed/core/view.h"
#include "heed/ops/compute_type.h"

namespace heed::ops {

using BatchView = View<4>;
using MutableBatchView = MutableView<4>;

// The heads of a row-major (batch·time, width) matrix: the view (batch, heads, time, head_dim)
// whose head h is columns first_col + [h·head_dim, (h+1)·head_dim). Of either element type.
BatchView heads_of(const View<2>& m, int64_t batch, int64_t heads, int64_t head_dim, int64_t first_col = 0);
MutableBatchView heads_of(const MutableView<2>& m, int64_t batch, int64_t heads, int64_t head_dim,
                          int64_t first_col = 0);

struct BatchedMatmulOptions {
  float alpha = 1.0f;
  bool accumulate = false;  // C += instead of C =
  // One primitive for every batch, length and stride (only the head count fixed), for decoding,
  // where shapes change at every step. About 25% slower on QK^T than an exact-shape primitive, so
  // training, whose shapes repeat, keeps exact shapes.
  bool runtime_shape = false;
};

// C (B, H, M, N) f32 = alpha · A (B, H, M, K) · B (B, H, K, N).
void batched_matmul(const MutableBatchView& c, const BatchView& a, const BatchView& b,
                    const BatchedMatmulOptions& options = {}, const ProductContext& products = {});

// Gradients of C = alpha · A · B given dC: dA = alpha · dC · B^T, dB = alpha · A^T · dC, written
// or accumulated as `options.accumulate` says. Either output may have a null data pointer.
void batched_matmul_backward(const MutableBatchView& da, const MutableBatchView& db, const BatchView& dc,
                             const BatchView& a, const BatchView& b,
                             const BatchedMatmulOptions& options = {}, const ProductContext& products = {});

}  // namespace heed::ops
