#include <doctest/doctest.h>

#include <cmath>

#include "heed/ops/softmax.h"
#include "support/gradcheck.h"

using namespace heed;
using test::dot;
using test::gradient_error;
using test::random_tensor;

TEST_CASE("masked softmax hides padding and the future and a fully masked row is zero") {
  Rng rng(5);
  const std::vector<int32_t> lengths{3, 0, 1};
  Tensor scores = random_tensor({3, 2, 4, 4}, rng);
  Tensor probs = Tensor::empty(scores.shape());
  ops::AttentionMask mask;
  mask.key_lengths = &lengths;
  mask.causal = true;
  const Tensor before = scores.clone();
  ops::masked_softmax_forward(probs, scores, mask);
  CHECK(scores.to_vector() == before.to_vector());  // the mask went into probs alone
  for (int64_t b = 0; b < 3; ++b)
    for (int64_t h = 0; h < 2; ++h)
      for (int64_t i = 0; i < 4; ++i) {
        const float* row = probs.data() + ((b * 2 + h) * 4 + i) * 4;
        double sum = 0;
        for (int64_t j = 0; j < 4; ++j) {
          CHECK(std::isfinite(row[j]));
          if (j >= lengths[b] || j > i) CHECK(row[j] == 0.0f);
          sum += row[j];
        }
        CHECK(sum == doctest::Approx(lengths[b] == 0 ? 0.0 : 1.0));
      }
}

TEST_CASE("softmax backward matches finite differences and with padding and length-1 rows") {
  for (int64_t tk : {1, 5}) {
    CAPTURE(tk);
    Rng rng(6);
    const std::vector<int32_t> lengths{static_cast<int32_t>(tk), static_cast<int32_t>(tk > 1 ? 2 : 1)};
    const Tensor x = random_tensor({2, 2, 3, tk}, rng), r = random_tensor(x.shape(), rng);
    ops::AttentionMask mask;
    mask.key_lengths = &lengths;
    Tensor y = Tensor::empty(x.shape());
    auto loss = [&] {
      ops::masked_softmax_forward(y, x, mask);
      return dot(y, r);
    };
    loss();
    Tensor dx = Tensor::empty(x.shape());
    ops::softmax_backward(dx, r, y);
    CHECK(gradient_error(loss, x, dx) < 1e-3);
  }
}

TEST_CASE("log-softmax forward and backward") {
  Rng rng(7);
  const Tensor x = random_tensor({4, 6}, rng), r = random_tensor(x.shape(), rng);
  Tensor y = Tensor::empty(x.shape());
  ops::log_softmax_forward(y, x);
  for (int i = 0; i < 4; ++i) {
    double z = 0;
    for (int j = 0; j < 6; ++j) z += std::exp(x.data()[i * 6 + j]);
    CHECK(y.data()[i * 6] == doctest::Approx(x.data()[i * 6] - std::log(z)).epsilon(1e-5));
  }
  auto loss = [&] {
    ops::log_softmax_forward(y, x);
    return dot(y, r);
  };
  loss();
  Tensor dx = Tensor::empty(x.shape());
  ops::log_softmax_backward(dx, r, y);
  CHECK(gradient_error(loss, x, dx) < 1e-3);
}
