#pragma once
// Softmax over the last dimension with the masks attention needs, and log-softmax for the output
// layer. Both run on oneDNN's primitives, forward and backward.
#include <cstdint>
#include <vector>

#include "heed/core/tensor.h"

namespace heed::ops {

// Which keys each query may see. Padding is always at the end of a sequence, so a length per
// sentence says it all.
struct AttentionMask {
  const std::vector<int32_t>* key_lengths = nullptr;  // (B): keys j >= length are padding
  bool causal = false;       // query i sees keys j <= i + causal_offset
  int64_t causal_offset = 0;  // keys already in the cache, for step-by-step decoding
};

// probs (B, H, Tq, Tk) = softmax(scores + mask) over Tk; probs may alias scores (in place, as
// training runs it). A row whose keys are all masked gives zeros, never NaN.
void masked_softmax_forward(const Tensor& probs, const Tensor& scores, const AttentionMask& mask);

// dscores = probs ⊙ (dprobs − Σ dprobs ⊙ probs), rows of masked keys give zero. dscores may
// alias dprobs.
void softmax_backward(const Tensor& dscores, const Tensor& dprobs, const Tensor& probs);

// y (N, V) = log_softmax(x) over the last dimension.
void log_softmax_forward(const Tensor& y, const Tensor& x);
// dx = dy − exp(y) · Σ dy.
void log_softmax_backward(const Tensor& dx, const Tensor& dy, const Tensor& y);

}  // namespace heed::ops
