#include "heed/train/optimizer.h"

#include <algorithm>
#include <cmath>

#include "heed/core/error.h"
#include "heed/core/parallel.h"

namespace heed::train {

Adam::Adam(int64_t size, AdamOptions options)
    : options_(options), m_(Tensor::zeros({size})), v_(Tensor::zeros({size})) {}

void Adam::restore(const Tensor& first_moment, const Tensor& second_moment, int64_t steps) {
  HEED_CHECK(first_moment.numel() == m_.numel() && second_moment.numel() == v_.numel(),
             "the optimizer state does not fit the model");
  m_.copy_from(first_moment);
  v_.copy_from(second_moment);
  steps_ = steps;
}

void Adam::step(const Tensor& params, const Tensor& grads, float lr) {
  ++steps_;
  const float b1 = options_.beta1, b2 = options_.beta2, eps = options_.eps;
  const float c1 = 1.0f - static_cast<float>(std::pow(b1, steps_));
  const float c2 = 1.0f - static_cast<float>(std::pow(b2, steps_));
  const float step_size = lr / c1, root_c2 = std::sqrt(c2);
  float* p = params.mutable_data();
  const float* g = grads.data();
  float* m = m_.mutable_data();
  float* v = v_.mutable_data();
  const int64_t n = params.numel();
  parallel_for_simd(n, n, [=](int64_t i) {
    m[i] = b1 * m[i] + (1.0f - b1) * g[i];
    v[i] = b2 * v[i] + (1.0f - b2) * g[i] * g[i];
    p[i] -= step_size * m[i] / (std::sqrt(v[i]) / root_c2 + eps);
  });
}

float learning_rate(float lr, int64_t warmup, int64_t step) {
  const double s = static_cast<double>(std::max<int64_t>(step, 1));
  const double w = static_cast<double>(std::max<int64_t>(warmup, 1));
  return static_cast<float>(lr * std::min(s / w, std::sqrt(w / s)));
}

double global_norm(const Tensor& grads) {
  const float* g = grads.data();
  const int64_t n = grads.numel();
  return std::sqrt(parallel_sum<double>(n, n, [=](int64_t i) { return static_cast<double>(g[i]) * g[i]; }));
}

void scale(const Tensor& grads, float factor) {
  float* g = grads.mutable_data();
  const int64_t n = grads.numel();
  parallel_for_simd(n, n, [=](int64_t i) { g[i] *= factor; });
}

}  // namespace heed::train
