#pragma once
// Adam over the flat parameter buffer, the learning-rate schedule and gradient clipping.
#include <cstdint>

#include "heed/core/tensor.h"

namespace heed::train {

struct AdamOptions {
  float beta1 = 0.9f, beta2 = 0.98f, eps = 1e-9f;
};

class Adam {
 public:
  Adam(int64_t size, AdamOptions options);
  // One bias-corrected Adam update of params (flat) with grads (flat), as PyTorch's Adam does.
  void step(const Tensor& params, const Tensor& grads, float lr);
  int64_t steps() const { return steps_; }
  void set_steps(int64_t steps) { steps_ = steps; }
  // The moments and step count of a checkpoint, to resume exactly where it was.
  void restore(const Tensor& first_moment, const Tensor& second_moment, int64_t steps);
  const Tensor& first_moment() const { return m_; }
  const Tensor& second_moment() const { return v_; }

 private:
  AdamOptions options_;
  Tensor m_, v_;
  int64_t steps_ = 0;
};

// Linear warm-up to `lr` over `warmup` steps, then decay with the inverse square root of the step.
float learning_rate(float lr, int64_t warmup, int64_t step);

// √Σ g² over the flat gradients (in double), and grads *= factor.
double global_norm(const Tensor& grads);
void scale(const Tensor& grads, float factor);

}  // namespace heed::train
