#include <doctest/doctest.h>

#include "heed/dnnl/primitive_cache.h"
#include "heed/ops/batched_matmul.h"
#include "heed/ops/linear.h"
#include "support/gradcheck.h"

using namespace heed;
using test::dot;
using test::gradient_error;
using test::random_tensor;

TEST_CASE("linear forward equals the naive product with bias") {
  Rng rng(1);
  const Tensor x = random_tensor({5, 7}, rng), w = random_tensor({3, 7}, rng), b = random_tensor({3}, rng);
  Tensor y = Tensor::empty({5, 3});
  ops::linear_forward(y, x, w, b);
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 3; ++j) {
      double s = b.data()[j];
      for (int k = 0; k < 7; ++k) s += x.data()[i * 7 + k] * w.data()[j * 7 + k];
      CHECK(y.data()[i * 3 + j] == doctest::Approx(s).epsilon(1e-5));
    }
  CHECK_THROWS(ops::linear_forward(y, x, random_tensor({3, 6}, rng), b));
}

TEST_CASE("linear backward matches finite differences") {
  for (int64_t m : {1, 6}) {  // a single row too
    CAPTURE(m);
    Rng rng(2);
    const Tensor x = random_tensor({m, 9}, rng), w = random_tensor({4, 9}, rng), b = random_tensor({4}, rng);
    const Tensor r = random_tensor({m, 4}, rng);
    Tensor y = Tensor::empty({m, 4});
    auto loss = [&] {
      ops::linear_forward(y, x, w, b);
      return dot(y, r);
    };
    Tensor dx = Tensor::empty(x.shape()), dw = Tensor::zeros(w.shape()), db = Tensor::zeros(b.shape());
    ops::linear_backward(dx, dw, db, r, x, w);
    CHECK(gradient_error(loss, x, dx) < 1e-3);
    CHECK(gradient_error(loss, w, dw) < 1e-3);
    CHECK(gradient_error(loss, b, db) < 1e-3);

    // Parameter gradients accumulate; dx accumulates only when asked.
    ops::LinearBackwardOptions accumulate;
    accumulate.accumulate_dx = true;
    const Tensor dx2 = dx.clone(), dw2 = dw.clone();
    ops::linear_backward(dx2, dw2, Tensor(), r, x, w, accumulate);
    for (int64_t i = 0; i < dw.numel(); ++i) CHECK(dw2.data()[i] == doctest::Approx(2 * dw.data()[i]));
    for (int64_t i = 0; i < dx.numel(); ++i) CHECK(dx2.data()[i] == doctest::Approx(2 * dx.data()[i]));
  }
}

TEST_CASE("primitives are created once per shape and reused") {
  Rng rng(3);
  const Tensor x = random_tensor({13, 11}, rng), w = random_tensor({17, 11}, rng), b = random_tensor({17}, rng);
  Tensor y = Tensor::empty({13, 17});
  ops::linear_forward(y, x, w, b);
  const int64_t after_first = onednn::primitives_created();
  for (int i = 0; i < 5; ++i) ops::linear_forward(y, x, w, b);
  CHECK(onednn::primitives_created() == after_first);
  // Another batch size reuses it too: the row count is a runtime dimension.
  ops::linear_forward(Tensor::empty({14, 17}), random_tensor({14, 11}, rng), w, b);
  CHECK(onednn::primitives_created() == after_first);
  ops::linear_forward(Tensor::empty({14, 16}), random_tensor({14, 11}, rng), random_tensor({16, 11}, rng), Tensor());
  CHECK(onednn::primitives_created() == after_first + 1);
}

TEST_CASE("batched matmul reads heads through strides and matches finite differences") {
  // Q and K as (B, T, D) projections with H heads of width d, read in place.
  const int64_t B = 2, H = 3, Tq = 4, Tk = 5, d = 2, D = H * d;
  Rng rng(4);
  const Tensor q = random_tensor({B, Tq, D}, rng), k = random_tensor({B, Tk, D}, rng);
  const Tensor s = Tensor::empty({B, H, Tq, Tk});
  const float alpha = 0.5f;
  auto qv = ops::heads_of(view_of<2>(q.view({B * Tq, D})), B, H, d);
  auto kv = ops::heads_of(view_of<2>(k.view({B * Tk, D})), B, H, d);
  auto sv = mutable_view_of<4>(s);
  ops::batched_matmul(sv, qv, kv.t(), {alpha, false});
  for (int64_t b = 0; b < B; ++b)
    for (int64_t h = 0; h < H; ++h)
      for (int64_t i = 0; i < Tq; ++i)
        for (int64_t j = 0; j < Tk; ++j) {
          double ref = 0;
          for (int64_t c = 0; c < d; ++c)
            ref += q.data()[(b * Tq + i) * D + h * d + c] * k.data()[(b * Tk + j) * D + h * d + c];
          CHECK(s.data()[((b * H + h) * Tq + i) * Tk + j] == doctest::Approx(alpha * ref).epsilon(1e-5));
        }

  const Tensor r = random_tensor(s.shape(), rng);
  auto loss = [&] {
    ops::batched_matmul(sv, qv, kv.t(), {alpha, false});
    return dot(s, r);
  };
  const Tensor dq = Tensor::zeros(q.shape()), dk = Tensor::zeros(k.shape());
  ops::batched_matmul_backward(ops::heads_of(mutable_view_of<2>(dq.view({B * Tq, D})), B, H, d),
                               ops::heads_of(mutable_view_of<2>(dk.view({B * Tk, D})), B, H, d).t(),
                               view_of<4>(r), qv, kv.t(), {alpha, false});
  CHECK(gradient_error(loss, q, dq) < 1e-3);
  CHECK(gradient_error(loss, k, dk) < 1e-3);
}

TEST_CASE("runtime-shape batched matmul equals the exact-shape one for any batch and length") {
  const int64_t H = 2, d = 3, D = H * d;
  Rng rng(15);
  const int64_t created_before = onednn::primitives_created();
  for (int64_t B : {1, 3}) {
    for (int64_t T : {1, 4, 7}) {
      const Tensor q = random_tensor({B, 1, D}, rng), k = random_tensor({B, T, D}, rng);
      const Tensor exact = Tensor::empty({B, H, 1, T}), runtime = Tensor::empty({B, H, 1, T});
      auto qv = ops::heads_of(view_of<2>(q.view({B, D})), B, H, d);
      auto kv = ops::heads_of(view_of<2>(k.view({B * T, D})), B, H, d).t();
      ops::batched_matmul(mutable_view_of<4>(exact), qv, kv, {0.5f, false, false});
      ops::batched_matmul(mutable_view_of<4>(runtime), qv, kv, {0.5f, false, true});
      for (int64_t i = 0; i < exact.numel(); ++i) CHECK(runtime.data()[i] == doctest::Approx(exact.data()[i]));
    }
  }
  // Six exact shapes, one runtime primitive.
  CHECK(onednn::primitives_created() - created_before == 7);
}
