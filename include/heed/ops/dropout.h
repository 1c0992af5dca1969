#pragma once
// Inverted dropout: kept values are scaled by 1/(1-p) in training so inference needs nothing.
// No mask is stored: backward draws the same mask again from the generator's position, which
// costs two hashes per four elements and saves a float per element of every dropped activation.
#include "heed/core/random.h"
#include "heed/core/tensor.h"

namespace heed::ops {

// Where a mask came from: the generator at its first value, and the rate.
struct DropoutDraw {
  Rng rng;
  float p = 0.0f;
};

// y = x ⊙ mask, mask (0 or 1/(1-p) per element) drawn from rng, which advances past it (same seed
// and counter → same mask on any thread count and CPU). y may alias x.
DropoutDraw dropout_forward(const Tensor& y, const Tensor& x, float p, Rng& rng);
// dx = dy ⊙ the mask of `draw`. dx may alias dy.
void dropout_backward(const Tensor& dx, const Tensor& dy, const DropoutDraw& draw);
// dx *= 1/(1 − p): dropout's backward where the caller's gradient is already zero at every
// dropped element (relu's backward given the activations after dropout), so the mask need not
// be drawn again.
void dropout_backward_kept(const Tensor& dx, const DropoutDraw& draw);

}  // namespace heed::ops
