#pragma once
// Inverted dropout: kept values are scaled by 1/(1-p) in training so inference needs nothing.
// The mask (0 or 1/(1-p) per element) is kept for the backward pass.
#include "heed/core/random.h"
#include "heed/core/tensor.h"

namespace heed::ops {

// y = x ⊙ mask, mask drawn from rng (same seed and counter → same mask on any thread count).
// With p == 0 the mask is all ones and y = x. y may alias x.
void dropout_forward(const Tensor& y, const Tensor& mask, const Tensor& x, float p, Rng& rng);
// dx = dy ⊙ mask. dx may alias dy.
void dropout_backward(const Tensor& dx, const Tensor& dy, const Tensor& mask);

}  // namespace heed::ops
