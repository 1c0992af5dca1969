#pragma once
// Linear layer in PyTorch's convention: y = x W^T + b, W stored [out, in]. oneDNN reads W through
// strides as the (in, out) operand, so no transposed copy is made; the bias is fused.
//
// Backward convention for every op in heed::ops: input gradients are written (overwritten);
// parameter gradients are accumulated (+=), so that gradient accumulation over micro-batches
// needs no extra buffers. Ops that can add into an existing input gradient say so.
#include "heed/core/tensor.h"
#include "heed/core/view.h"
#include "heed/ops/compute_type.h"

namespace heed::ops {

// y (M, N) = x (M, K) · w (N, K)^T + b (N); b may be undefined (no bias). The products are of
// `products`' type; x is an f32 view, or under bf16 products the bf16 copy its caller keeps
// (matmul.h).
void linear_forward(const Tensor& y, const View<2>& x, const Tensor& w, const Tensor& b,
                    const ProductContext& products = {});
inline void linear_forward(const Tensor& y, const Tensor& x, const Tensor& w, const Tensor& b,
                           const ProductContext& products = {}) {
  linear_forward(y, view_of<2>(x), w, b, products);
}

struct LinearBackwardOptions {
  bool accumulate_dx = false;  // dx += instead of dx =, for inputs that feed several layers
};

// dx (M, K) = dy · w; dw (N, K) += dy^T · x; db (N) += Σ_rows dy. dx and db may be undefined. dy
// and x as x in linear_forward: an f32 operand or a kept bf16 copy (an f32 dy is rounded once
// for its two or three products under bf16).
void linear_backward(const Tensor& dx, const Tensor& dw, const Tensor& db, const View<2>& dy,
                     const View<2>& x, const Tensor& w, const LinearBackwardOptions& options = {},
                     const ProductContext& products = {});
inline void linear_backward(const Tensor& dx, const Tensor& dw, const Tensor& db, const Tensor& dy,
                            const Tensor& x, const Tensor& w, const LinearBackwardOptions& options = {},
                            const ProductContext& products = {}) {
  linear_backward(dx, dw, db, view_of<2>(dy), view_of<2>(x), w, options, products);
}

// C (M, N) = A (M, K) · B^T, B (N, K), no bias, for callers that need a plain product
// (output logits against a tied embedding). Same kernels as linear_forward.
inline void matmul_nt(const Tensor& c, const Tensor& a, const Tensor& b) {
  linear_forward(c, a, b, Tensor());
}

}  // namespace heed::ops
