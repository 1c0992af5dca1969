#include <doctest/doctest.h>

#include <cmath>

#include "heed/ops/activation.h"
#include "heed/ops/add.h"
#include "heed/ops/dropout.h"
#include "heed/ops/embedding.h"
#include "heed/ops/layer_norm.h"
#include "support/gradcheck.h"

using namespace heed;
using test::dot;
using test::gradient_error;
using test::random_tensor;

TEST_CASE("layer norm forward normalizes rows and backward matches finite differences") {
  for (int64_t rows : {1, 5}) {
    CAPTURE(rows);
    Rng rng(8);
    const Tensor x = random_tensor({rows, 8}, rng), r = random_tensor(x.shape(), rng);
    const Tensor gamma = random_tensor({8}, rng), beta = random_tensor({8}, rng);
    Tensor y = Tensor::empty(x.shape());
    ops::LayerNormStats stats;
    const float eps = 1e-5f;
    ops::layer_norm_forward(y, x, Tensor::full({8}, 1.0f), Tensor::zeros({8}), eps, &stats);
    double mean = 0, var = 0;
    for (int j = 0; j < 8; ++j) mean += y.data()[j];
    for (int j = 0; j < 8; ++j) var += y.data()[j] * y.data()[j];
    CHECK(mean / 8 == doctest::Approx(0).epsilon(1e-5));
    CHECK(var / 8 == doctest::Approx(1).epsilon(1e-3));

    auto loss = [&] {
      ops::layer_norm_forward(y, x, gamma, beta, eps, &stats);
      return dot(y, r);
    };
    loss();
    Tensor dx = Tensor::empty(x.shape()), dg = Tensor::zeros({8}), db = Tensor::zeros({8});
    ops::layer_norm_backward(dx, dg, db, r, x, gamma, stats, eps);
    test::GradcheckOptions small_step;
    small_step.step = 1e-3f;
    CHECK(gradient_error(loss, x, dx, small_step) < 1e-3);
    CHECK(gradient_error(loss, gamma, dg) < 1e-3);
    CHECK(gradient_error(loss, beta, db) < 1e-3);
  }
}

TEST_CASE("layer norm: inference (a row loop) and training (oneDNN) both within rounding of the exact norm") {
  // 300 rows of 256: enough work for the row loop to run on several threads. In place, as the
  // decoder calls it. The bound, with u the unit roundoff: the float mean is off by at most
  // γ_D·mean|x|, 1/sqrt(var + eps) by (D + 4)·u relatively; y = x̂·γ + β then by
  // |γ|·|Δx̂| plus its own two roundings.
  const int64_t rows = 300, D = 256;
  Rng rng(21);
  const Tensor x = random_tensor({rows, D}, rng), gamma = random_tensor({D}, rng), beta = random_tensor({D}, rng);
  for (int64_t i = 0; i < x.numel(); ++i) x.mutable_data()[i] = 3.0f * x.data()[i] + 0.5f;  // off-centre rows
  Tensor inference = x.clone(), training = Tensor::empty(x.shape());
  const float eps = 1e-5f;
  ops::layer_norm_forward(inference, inference, gamma, beta, eps, nullptr);
  ops::LayerNormStats stats;
  ops::layer_norm_forward(training, x, gamma, beta, eps, &stats);
  const double u = std::ldexp(1.0, -24);
  int64_t outside = 0;
  for (int64_t r = 0; r < rows; ++r) {
    const float* in = x.data() + r * D;
    double mean = 0, var = 0, magnitude = 0;
    for (int64_t c = 0; c < D; ++c) mean += in[c], magnitude += std::fabs(in[c]);
    mean /= D;
    magnitude /= D;
    for (int64_t c = 0; c < D; ++c) var += (in[c] - mean) * (in[c] - mean);
    const double inv = 1 / std::sqrt(var / D + eps);
    for (int64_t c = 0; c < D; ++c) {
      const double normed = (in[c] - mean) * inv, g = gamma.data()[c], b = beta.data()[c];
      const double want = normed * g + b;
      const double dnormed = (D + 4) * u * std::fabs(normed) + 1.01 * D * u * magnitude * inv;
      const double bound = std::fabs(g) * dnormed + 2 * u * (std::fabs(normed * g) + std::fabs(b)) + 1e-30;
      outside += std::fabs(inference.data()[r * D + c] - want) > bound;
      outside += std::fabs(training.data()[r * D + c] - want) > bound;
    }
  }
  CHECK(outside == 0);
}

TEST_CASE("activations - values and gradients") {
  Rng rng(9);
  Tensor x = random_tensor({3, 10}, rng);
  for (int64_t i = 0; i < x.numel(); ++i)  // keep away from relu's kink at 0
    if (std::fabs(x.data()[i]) < 0.05f) x.mutable_data()[i] = 0.3f;
  const Tensor r = random_tensor(x.shape(), rng);
  auto sigmoid = [](float v) { return 1.0f / (1.0f + std::exp(-v)); };
  auto expected_of = [&](ops::Activation act, float v) {
    switch (act) {
      case ops::Activation::relu: return std::max(v, 0.0f);
      case ops::Activation::gelu: return 0.5f * v * (1.0f + std::erf(v / std::sqrt(2.0f)));
      case ops::Activation::gelu_tanh:
        return 0.5f * v * (1.0f + std::tanh(std::sqrt(2.0f / 3.14159265f) * (v + 0.044715f * v * v * v)));
      case ops::Activation::gelu_sigmoid: return v * sigmoid(1.702f * v);
      case ops::Activation::silu: return v * sigmoid(v);
    }
    return 0.0f;
  };
  for (auto act : {ops::Activation::relu, ops::Activation::gelu, ops::Activation::gelu_tanh,
                   ops::Activation::gelu_sigmoid, ops::Activation::silu}) {
    CAPTURE(static_cast<int>(act));
    Tensor y = Tensor::empty(x.shape());
    ops::activation_forward(y, x, act);
    for (int64_t i = 0; i < x.numel(); ++i)
      CHECK(y.data()[i] == doctest::Approx(expected_of(act, x.data()[i])).epsilon(1e-5));
    auto loss = [&] {
      ops::activation_forward(y, x, act);
      return dot(y, r);
    };
    Tensor dx = Tensor::empty(x.shape());
    ops::activation_backward(dx, r, x, act);
    CHECK(gradient_error(loss, x, dx) < 1e-3);
  }
}

TEST_CASE("dropout - rate and scaling and reproducibility and gradient") {
  Rng rng(10);
  const Tensor x = Tensor::full({100, 100}, 2.0f);
  Tensor y = Tensor::empty(x.shape());
  Rng a(3), b(3);
  ops::dropout_forward(y, x, 0.25f, a);
  int64_t dropped = 0;
  for (int64_t i = 0; i < y.numel(); ++i) {
    if (y.data()[i] == 0.0f) ++dropped;
    else CHECK(y.data()[i] == doctest::Approx(2.0f / 0.75f));
  }
  CHECK(static_cast<double>(dropped) / y.numel() == doctest::Approx(0.25).epsilon(0.05));
  Tensor y2 = Tensor::empty(x.shape());
  ops::dropout_forward(y2, x, 0.25f, b);
  CHECK(y.to_vector() == y2.to_vector());

  // The mask is the generator's stream, four 16-bit quarters per draw, on every CPU (the loop is
  // compiled apart for AVX-512 and AVX2), the last partial block included: training resumes
  // with the masks it would have drawn. In place, as the layers run it.
  const int64_t n = 4099;
  Tensor ones = Tensor::full({1, n}, 1.0f);
  Rng stream(5, 7);
  const ops::DropoutDraw draw = ops::dropout_forward(ones, ones, 0.25f, stream);
  const Rng reference(5, 7);
  for (int64_t i = 0; i < n; ++i) {
    const uint64_t quarter = (reference.at(7 + i / 4) >> (16 * (i % 4))) & 0xffff;
    CHECK(ones.data()[i] == (quarter >= 16384 ? 1.0f / 0.75f : 0.0f));
  }
  CHECK(stream.counter() == 7 + (n + 3) / 4);
  // Backward draws the same mask again: dy = 1 gives the mask itself.
  Tensor again = Tensor::full({1, n}, 1.0f);
  ops::dropout_backward(again, again, draw);
  CHECK(again.to_vector() == ones.to_vector());

  const Tensor small = random_tensor({4, 5}, rng), r = random_tensor(small.shape(), rng);
  Tensor ys = Tensor::empty(small.shape());
  Rng fixed(11);
  const ops::DropoutDraw small_draw = ops::dropout_forward(ys, small, 0.5f, fixed);
  auto loss = [&] {  // the same mask each time; L = Σ r ⊙ dropout(x)
    Rng same = small_draw.rng;
    ops::dropout_forward(ys, small, 0.5f, same);
    return dot(ys, r);
  };
  Tensor dx = Tensor::empty(small.shape());
  ops::dropout_backward(dx, r, small_draw);
  CHECK(gradient_error(loss, small, dx) < 1e-3);
  CHECK_THROWS(ops::dropout_forward(ys, small, 1.0f, fixed));
}

// The FFN's relu backward at the activations after dropout, then only dropout's scale, equals
// dropout's backward (mask drawn again) then relu's backward at the pre-activations, bit for bit.
TEST_CASE("relu after dropout: scaling the gradient equals drawing the mask again") {
  Rng rng(12);
  const Tensor h = random_tensor({64, 97}, rng), dy = random_tensor(h.shape(), rng);
  Tensor kept = Tensor::empty(h.shape());
  ops::activation_forward(kept, h, ops::Activation::relu);
  Rng stream(8);
  const ops::DropoutDraw draw = ops::dropout_forward(kept, kept, 0.3f, stream);
  Tensor redrawn = Tensor::empty(h.shape()), scaled = Tensor::empty(h.shape());
  ops::dropout_backward(redrawn, dy, draw);
  ops::activation_backward(redrawn, redrawn, h, ops::Activation::relu);
  ops::activation_backward(scaled, dy, kept, ops::Activation::relu);
  ops::dropout_backward_kept(scaled, draw);
  int64_t zeros = 0;
  for (int64_t i = 0; i < h.numel(); ++i) {
    CHECK(scaled.data()[i] == redrawn.data()[i]);
    zeros += scaled.data()[i] == 0.0f;
  }
  CHECK(zeros > h.numel() / 2);  // relu's half and dropout's 30% of the rest: both paths were taken
}

TEST_CASE("embedding lookup scales rows and backward accumulates repeated ids") {
  Rng rng(12);
  const Tensor table = random_tensor({6, 4}, rng);
  const std::vector<int32_t> ids{2, 5, 2, 0};
  Tensor y = Tensor::empty({4, 4});
  ops::embedding_forward(y, table, ids, 2.0f);
  CHECK(y.data()[0] == doctest::Approx(2.0f * table.data()[8]));
  const Tensor r = random_tensor(y.shape(), rng);
  auto loss = [&] {
    ops::embedding_forward(y, table, ids, 2.0f);
    return dot(y, r);
  };
  Tensor dtable = Tensor::zeros(table.shape());
  ops::embedding_backward(dtable, r, ids, 2.0f);
  CHECK(gradient_error(loss, table, dtable) < 1e-3);
  CHECK_THROWS(ops::embedding_forward(y, table, {2, 6, 0, 0}, 1.0f));
}

TEST_CASE("residual add and its gradient") {
  Rng rng(13);
  const Tensor a = random_tensor({3, 4}, rng), b = random_tensor({3, 4}, rng), r = random_tensor({3, 4}, rng);
  Tensor y = Tensor::empty({3, 4});
  auto loss = [&] {
    ops::add_forward(y, a, b);
    return dot(y, r);
  };
  loss();
  CHECK(y.data()[5] == doctest::Approx(a.data()[5] + b.data()[5]));
  Tensor da = Tensor::empty(a.shape()), db = Tensor::empty(b.shape());
  ops::add_backward(da, db, r);
  CHECK(gradient_error(loss, a, da) < 1e-3);
  CHECK(gradient_error(loss, b, db) < 1e-3);
  Tensor acc = a.clone();
  ops::add_into(acc, b);
  CHECK(acc.data()[7] == doctest::Approx(a.data()[7] + b.data()[7]));
  // Past one chunk of the loop, in parallel: every element is its float sum, exactly.
  const Tensor big_a = random_tensor({70001}, rng), big_b = random_tensor({70001}, rng);
  Tensor big = big_a.clone();
  ops::add_into(big, big_b);
  int64_t wrong = 0;
  for (int64_t i = 0; i < big.numel(); ++i) wrong += big.data()[i] != big_a.data()[i] + big_b.data()[i];
  CHECK(wrong == 0);
}
