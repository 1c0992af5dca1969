#pragma once
// Label-smoothed cross-entropy over log-probabilities, ignoring padding targets. With smoothing
// eps the target distribution is (1 − eps) on the reference token plus eps/V on every token, as in
// PyTorch's cross_entropy(label_smoothing=eps) and fairseq's label_smoothed_cross_entropy.
#include <cstdint>
#include <vector>

#include "heed/core/tensor.h"

namespace heed::ops {

struct CrossEntropyOptions {
  float label_smoothing = 0.0f;
  int32_t ignore_id = 0;  // targets equal to this (padding) contribute nothing
};

struct CrossEntropySums {
  double loss = 0;      // Σ over counted tokens of the smoothed loss
  double nll = 0;       // Σ of −log p(reference): perplexity is exp(nll / tokens)
  int64_t tokens = 0;   // targets not ignored
  CrossEntropySums& operator+=(const CrossEntropySums& o) {
    loss += o.loss, nll += o.nll, tokens += o.tokens;
    return *this;
  }
};

// logp (N, V): log-probabilities; targets (N).
CrossEntropySums cross_entropy_forward(const Tensor& logp, const std::vector<int32_t>& targets,
                                       const CrossEntropyOptions& options);

// dlogp (N, V) = scale · ∂loss/∂logp: −scale · q on counted rows, 0 on ignored rows.
void cross_entropy_backward(const Tensor& dlogp, const std::vector<int32_t>& targets,
                            const CrossEntropyOptions& options, float scale);

// The gradient through log-softmax and cross-entropy at once, with respect to the logits:
// dlogits = scale · (softmax − q) on counted rows, 0 on ignored rows. Equal to
// cross_entropy_backward followed by log_softmax_backward, in one pass (exp on oneDNN's eltwise).
// dlogits may alias logp. With `rounded` (N·V values), the gradient is also written there rounded
// to bfloat16, row by row while the row is in cache, for bf16 products to read (the output
// layer's backward, whose (N, V) gradient is training's largest operand).
void softmax_cross_entropy_backward(const Tensor& dlogits, const Tensor& logp,
                                    const std::vector<int32_t>& targets,
                                    const CrossEntropyOptions& options, float scale,
                                    uint16_t* rounded = nullptr);

}  // namespace heed::ops
