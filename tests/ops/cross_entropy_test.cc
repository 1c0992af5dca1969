#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "heed/ops/cross_entropy.h"
#include "heed/ops/quantize.h"
#include "heed/ops/softmax.h"
#include "support/gradcheck.h"

using namespace heed;
using test::gradient_error;
using test::random_tensor;

TEST_CASE("label-smoothed cross entropy ignores padding and matches finite differences") {
  Rng rng(14);
  const int64_t n = 5, v = 7;
  const Tensor logits = random_tensor({n, v}, rng);
  const std::vector<int32_t> targets{3, 0, 6, 1, 0};  // 0 is padding
  ops::CrossEntropyOptions o;
  o.label_smoothing = 0.1f;
  Tensor logp = Tensor::empty({n, v});
  auto loss = [&] {
    ops::log_softmax_forward(logp, logits);
    return ops::cross_entropy_forward(logp, targets, o).loss;
  };
  const auto sums = [&] {
    ops::log_softmax_forward(logp, logits);
    return ops::cross_entropy_forward(logp, targets, o);
  }();
  CHECK(sums.tokens == 3);
  // Row 0 by hand: (1 − ε)·(−log p[3]) + ε · mean_v(−log p[v]).
  double row0_sum = 0;
  for (int j = 0; j < v; ++j) row0_sum += logp.data()[j];
  const double row0 = -0.9 * logp.data()[3] - 0.1 * row0_sum / v;
  CHECK(sums.loss > row0);
  CHECK(sums.nll == doctest::Approx(-logp.data()[3] - logp.data()[2 * v + 6] - logp.data()[3 * v + 1]));

  Tensor dlogp = Tensor::empty({n, v}), dlogits = Tensor::empty({n, v});
  ops::cross_entropy_backward(dlogp, targets, o, 1.0f);
  ops::log_softmax_backward(dlogits, dlogp, logp);
  CHECK(gradient_error(loss, logits, dlogits) < 1e-3);
  for (int j = 0; j < v; ++j) CHECK(dlogits.data()[v + j] == 0.0f);  // the padded row
  CHECK_THROWS(ops::cross_entropy_forward(logp, {3, 0, 7, 1, 0}, o));
}

TEST_CASE("the fused softmax cross-entropy gradient equals the two-step one") {
  Rng rng(16);
  const int64_t n = 6, v = 9;
  const Tensor logits = random_tensor({n, v}, rng);
  const std::vector<int32_t> targets{3, 0, 8, 1, 0, 2};
  ops::CrossEntropyOptions o;
  o.label_smoothing = 0.2f;
  Tensor logp = Tensor::empty({n, v}), dlogp = Tensor::empty({n, v});
  Tensor two_step = Tensor::empty({n, v}), fused = Tensor::empty({n, v});
  ops::log_softmax_forward(logp, logits);
  ops::cross_entropy_backward(dlogp, targets, o, 0.5f);
  ops::log_softmax_backward(two_step, dlogp, logp);
  ops::softmax_cross_entropy_backward(fused, logp, targets, o, 0.5f);
  for (int64_t i = 0; i < fused.numel(); ++i) CHECK(fused.data()[i] == doctest::Approx(two_step.data()[i]).epsilon(1e-5));
}

TEST_CASE("the fused gradient's bfloat16 copy is the gradient rounded, padding rows included") {
  Rng rng(18);
  const int64_t n = 5, v = 37;  // rows that are not a multiple of the 16-value vector
  const Tensor logits = random_tensor({n, v}, rng);
  const std::vector<int32_t> targets{3, 0, 36, 1, 0};
  ops::CrossEntropyOptions o;
  o.label_smoothing = 0.1f;
  Tensor logp = Tensor::empty({n, v}), dlogits = Tensor::empty({n, v});
  ops::log_softmax_forward(logp, logits);
  std::vector<uint16_t> rounded(n * v, 0xffff), expected(n * v);
  ops::softmax_cross_entropy_backward(dlogits, logp, targets, o, 0.25f, rounded.data());
  ops::to_bf16(dlogits.data(), n * v, expected.data());
  CHECK(rounded == expected);
}
