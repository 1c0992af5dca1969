#pragma once
// Linear layer in PyTorch's convention: y = x W^T + b, W stored [out, in]. oneDNN reads W through
// strides as the (in, out) operand, so no transposed copy is made; the bias is fused.
//
// Backward convention for every op in heed::ops: input gradients are written (overwritten);
// parameter gradients are accumulated (+=), so that gradient accumulation over micro-batches
// needs no extra buffers. Ops that can add into an existing input gradient say so.
#include "heed/core/tensor.h"

namespace heed::ops {

struct LinearForwardOptions {
  // x rounded to bfloat16 (same layout), for bf16 products to read instead of rounding x: a layer
  // that keeps the copy for backward passes it to both passes. Ignored under f32 products.
  const uint16_t* x_bf16 = nullptr;
};

// y (M, N) = x (M, K) · w (N, K)^T + b (N); b may be undefined (no bias).
void linear_forward(const Tensor& y, const Tensor& x, const Tensor& w, const Tensor& b,
                    const LinearForwardOptions& options = {});

struct LinearBackwardOptions {
  bool accumulate_dx = false;  // dx += instead of dx =, for inputs that feed several layers
  const uint16_t* x_bf16 = nullptr;  // as in LinearForwardOptions
  const uint16_t* dy_bf16 = nullptr;  // dy rounded by the caller, the same way
};

// dx (M, K) = dy · w; dw (N, K) += dy^T · x; db (N) += Σ_rows dy. dx and db may be undefined.
void linear_backward(const Tensor& dx, const Tensor& dw, const Tensor& db, const Tensor& dy,
                     const Tensor& x, const Tensor& w, const LinearBackwardOptions& options = {});

// C (M, N) = A (M, K) · B^T, B (N, K), no bias, for callers that need a plain product
// (output logits against a tied embedding). Same kernels as linear_forward.
inline void matmul_nt(const Tensor& c, const Tensor& a, const Tensor& b) {
  linear_forward(c, a, b, Tensor());
}

}  // namespace heed::ops
