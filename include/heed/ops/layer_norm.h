#pragma once
// Layer normalization over the last dimension with a learned scale (gamma) and shift (beta), on
// oneDNN's layer_normalization primitives.
#include "heed/core/tensor.h"

namespace heed::ops {

// Per-row statistics kept by the training forward pass for the backward pass.
struct LayerNormStats {
  Tensor mean;      // (M)
  Tensor variance;  // (M)
};

// y (M, D) = (x − mean) / sqrt(var + eps) · gamma + beta. With `stats` (training) the row
// statistics are saved there; without (inference) they are not kept. y may alias x.
void layer_norm_forward(const Tensor& y, const Tensor& x, const Tensor& gamma, const Tensor& beta,
                        float eps, LayerNormStats* stats);

// dx written; dgamma, dbeta accumulated.
void layer_norm_backward(const Tensor& dx, const Tensor& dgamma, const Tensor& dbeta,
                         const Tensor& dy, const Tensor& x, const Tensor& gamma,
                         const LayerNormStats& stats, float eps);

}  // namespace heed::ops
