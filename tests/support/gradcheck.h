#pragma once
// Finite-difference gradient checks. An op's output y is reduced to L = Σ r ⊙ y with a fixed
// random r; its backward, fed dy = r, must give ∂L/∂x. The numerical gradient is the central
// difference (L(x + h) − L(x − h)) / 2h at sampled coordinates, with L summed in double.
#include <cmath>
#include <algorithm>
#include <functional>
#include <vector>

#include "heed/core/random.h"
#include "heed/core/tensor.h"

namespace heed::test {

inline Tensor random_tensor(const Shape& shape, Rng& rng, float scale = 1.0f) {
  Tensor t = Tensor::empty(shape);
  for (int64_t i = 0; i < t.numel(); ++i) t.mutable_data()[i] = scale * rng.normal();
  return t;
}

inline double dot(const Tensor& a, const Tensor& b) {
  double s = 0;
  for (int64_t i = 0; i < a.numel(); ++i) s += static_cast<double>(a.data()[i]) * b.data()[i];
  return s;
}

struct GradcheckOptions {
  float step = 1e-2f;
  int samples = 60;  // coordinates checked (all of them when the tensor is smaller)
  uint64_t seed = 7;
};

// Relative error ‖analytic − numeric‖ / max(‖analytic‖, ‖numeric‖) over the sampled coordinates
// of `input`. `loss` recomputes L from the current contents of the inputs.
inline double gradient_error(const std::function<double()>& loss, const Tensor& input,
                             const Tensor& analytic, const GradcheckOptions& o = {}) {
  Rng rng(o.seed);
  const int64_t n = input.numel();
  std::vector<int64_t> coords;
  if (n <= o.samples) {
    for (int64_t i = 0; i < n; ++i) coords.push_back(i);
  } else {
    for (int i = 0; i < o.samples; ++i) coords.push_back(static_cast<int64_t>(rng.below(n)));
  }
  double diff = 0, norm_a = 0, norm_n = 0;
  for (int64_t k : coords) {
    float* x = input.mutable_data() + k;
    const float saved = *x;
    *x = saved + o.step;
    const double up = loss();
    *x = saved - o.step;
    const double down = loss();
    *x = saved;
    const double numeric = (up - down) / (2.0 * o.step);
    const double a = analytic.data()[k];
    diff += (a - numeric) * (a - numeric);
    norm_a += a * a;
    norm_n += numeric * numeric;
  }
  const double scale = std::sqrt(std::max(norm_a, norm_n));
  return scale < 1e-12 ? std::sqrt(diff) : std::sqrt(diff) / scale;
}

}  // namespace heed::test

namespace heed::test {

// The directional check: along random ±1 directions u over the whole tensor, compares g·u with the
// five-point difference (−L(x+2hu) + 8L(x+hu) − 8L(x−hu) + L(x−2hu)) / 12h. Every coordinate takes
// part, so a float32 model's rounding noise matters √n times less than in a one-coordinate probe,
// and the O(h⁴) truncation error allows a step large enough to drown that noise. The error is
// relative to ‖g‖ (the typical size of g·u), not to g·u, which a direction can make small by
// cancellation.
struct DirectionalCheck {
  double error = 0;          // the largest relative error over the directions
  double gradient_norm = 0;  // ‖g‖: zero when backward never wrote this tensor's gradient
  double loss_change = 0;    // the largest |L(x + hu) − L(x − hu)|: zero when x does not reach L
};

inline DirectionalCheck directional_gradient_check(const std::function<double()>& loss, const Tensor& input,
                                                   const Tensor& analytic, int directions, float step,
                                                   uint64_t seed) {
  Rng rng(seed);
  const int64_t n = input.numel();
  const Tensor saved = input.clone();
  std::vector<float> u(n);
  double worst = 0, norm = 0, change = 0;
  for (int64_t i = 0; i < n; ++i) norm += static_cast<double>(analytic.data()[i]) * analytic.data()[i];
  norm = std::sqrt(norm);
  for (int k = 0; k < directions; ++k) {
    double along = 0;
    for (int64_t i = 0; i < n; ++i) {
      u[i] = rng.uniform() < 0.5f ? -1.0f : 1.0f;
      along += static_cast<double>(u[i]) * analytic.data()[i];
    }
    auto at = [&](float t) {
      for (int64_t i = 0; i < n; ++i) input.mutable_data()[i] = saved.data()[i] + t * u[i];
      return loss();
    };
    const double up = at(step), down = at(-step);
    const double numeric = (-at(2 * step) + 8 * up - 8 * down + at(-2 * step)) / (12.0 * step);
    change = std::max(change, std::fabs(up - down));
    input.copy_from(saved);
    const double scale = std::max({std::fabs(along), std::fabs(numeric), norm, 1e-6});
    worst = std::max(worst, std::fabs(along - numeric) / scale);
  }
  return {worst, norm, change};
}

}  // namespace heed::test
