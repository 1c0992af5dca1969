#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "heed/core/cpu.h"
#include "heed/ops/batched_matmul.h"
#include "heed/ops/compute_type.h"
#include "heed/ops/linear.h"
#include "heed/ops/matmul.h"
#include "heed/ops/quantize.h"
#include "support/gradcheck.h"
#include "support/hardware.h"

using namespace heed;
using ops::ComputeType;
using ops::MatrixView;
using test::random_tensor;

namespace {

double at(const MatrixView& v, int64_t i, int64_t j) { return v.as<float>()[i * v.strides[0] + j * v.strides[1]]; }

// A bf16 copy's view, of the shape of the (rows, cols) matrix it was rounded from.
MatrixView bf16_view(const std::vector<uint16_t>& copy, int64_t rows, int64_t cols) {
  return dense_view(copy.data(), Extents<2>{rows, cols}, DType::bf16);
}

// A bf16 product of K terms against the exact one: each factor rounded to 8 significant bits is
// within 2^-8 of itself (relative), so a product of two within 2^-7 + 2^-16; the fp32 sum of K
// such products adds K · 2^-24 of their magnitude.
double bf16_bound(int64_t k, double magnitude) {
  const double rounding = std::ldexp(1.0, -7) + std::ldexp(1.0, -16);
  return rounding * magnitude + static_cast<double>(k + 2) * std::ldexp(1.0, -24) * magnitude * (1 + rounding) + 1e-30;
}

}  // namespace

TEST_CASE("a product context is f32 unless made for bf16, and refuses what cannot run") {
  CHECK(ops::ProductContext{}.type == ComputeType::f32);
  CHECK(ops::product_context(ComputeType::f32).type == ComputeType::f32);
  CHECK_THROWS_WITH(ops::product_context(ComputeType::int8), doctest::Contains("inference"));
  if (!cpu::has(cpu::Level::avx512_core_bf16)) {
    const std::string message =
        std::string("bf16 needs AVX-512 BF16; this CPU has ") + cpu::level_name(cpu::effective_level());
    CHECK_THROWS_WITH(ops::product_context(ComputeType::bf16), doctest::Contains(message.c_str()));
    return;
  }
  CHECK(ops::product_context(ComputeType::bf16).bf16());
}

TEST_CASE("bf16 matmul is within bf16 rounding of the exact product, for every operand layout" * doctest::skip(test::lacks(ComputeType::bf16))) {
  const int64_t M = 37, K = 50, N = 23;
  Rng rng(11);
  const Tensor a_rows = random_tensor({M, K}, rng), a_cols = random_tensor({K, M}, rng);
  const Tensor b_rows = random_tensor({K, N}, rng), b_cols = random_tensor({N, K}, rng);
  const Tensor bias = random_tensor({N}, rng), start = random_tensor({M, N}, rng);
  for (bool a_transposed : {false, true})
    for (bool b_transposed : {false, true})
      for (bool accumulate : {false, true}) {
        CAPTURE(a_transposed);
        CAPTURE(b_transposed);
        CAPTURE(accumulate);
        const MatrixView a = a_transposed ? view_of<2>(a_cols).t() : view_of<2>(a_rows);
        const MatrixView b = b_transposed ? view_of<2>(b_cols).t() : view_of<2>(b_rows);
        ops::MatmulOptions o;
        o.alpha = 0.5f;
        o.accumulate = accumulate;
        o.bias = bias.data();
        o.row_block = 16;  // three blocks
        const Tensor c = start.clone(), c32 = start.clone();
        ops::matmul(mutable_view_of<2>(c), a, b, o, ops::product_context(ComputeType::bf16));
        ops::matmul(mutable_view_of<2>(c32), a, b, o);
        int64_t differ = 0;
        for (int64_t i = 0; i < M; ++i)
          for (int64_t j = 0; j < N; ++j) {
            double exact = 0, magnitude = 0;
            for (int64_t k = 0; k < K; ++k) {
              exact += at(a, i, k) * at(b, k, j);
              magnitude += std::fabs(at(a, i, k) * at(b, k, j));
            }
            // alpha scales the bias too (oneDNN's output scale), not the accumulated C.
            const double rest = 0.5 * bias.data()[j] + (accumulate ? start.data()[i * N + j] : 0.0);
            const double got = c.data()[i * N + j];
            CHECK(std::fabs(got - (0.5 * exact + rest)) <= 0.5 * bf16_bound(K, magnitude) + std::ldexp(std::fabs(rest), -22));
            differ += got != c32.data()[i * N + j];
          }
        CHECK(differ > M * N / 2);  // the products did run in bf16
      }
}

TEST_CASE("bf16 batched matmul over head views is within bf16 rounding" * doctest::skip(test::lacks(ComputeType::bf16))) {
  const int64_t B = 2, H = 3, Tq = 5, Tk = 7, d = 8, D = H * d;
  Rng rng(12);
  const Tensor q = random_tensor({B, Tq, D}, rng), k = random_tensor({B, Tk, D}, rng);
  const Tensor s = Tensor::empty({B, H, Tq, Tk}), s32 = Tensor::empty({B, H, Tq, Tk});
  const auto qv = ops::heads_of(view_of<2>(q.view({B * Tq, D})), B, H, d);
  const auto kv = ops::heads_of(view_of<2>(k.view({B * Tk, D})), B, H, d);
  for (bool runtime : {false, true}) {
    CAPTURE(runtime);
    ops::BatchedMatmulOptions o{0.25f, false, runtime};
    ops::batched_matmul(mutable_view_of<4>(s), qv, kv.t(), o, ops::product_context(ComputeType::bf16));
    ops::batched_matmul(mutable_view_of<4>(s32), qv, kv.t(), o);
    int64_t differ = 0;
    for (int64_t b = 0; b < B; ++b)
      for (int64_t h = 0; h < H; ++h)
        for (int64_t i = 0; i < Tq; ++i)
          for (int64_t j = 0; j < Tk; ++j) {
            double exact = 0, magnitude = 0;
            for (int64_t c = 0; c < d; ++c) {
              const double p = static_cast<double>(q.data()[(b * Tq + i) * D + h * d + c]) * k.data()[(b * Tk + j) * D + h * d + c];
              exact += p;
              magnitude += std::fabs(p);
            }
            const int64_t at = ((b * H + h) * Tq + i) * Tk + j;
            CHECK(std::fabs(s.data()[at] - 0.25 * exact) <= 0.25 * bf16_bound(d, magnitude));
            differ += s.data()[at] != s32.data()[at];
          }
    CHECK(differ > B * H * Tq * Tk / 2);
  }
}

TEST_CASE("bf16 linear backward gives the f32 gradients within bf16 rounding" * doctest::skip(test::lacks(ComputeType::bf16))) {
  const int64_t M = 19, K = 12, N = 9;
  Rng rng(13);
  const Tensor x = random_tensor({M, K}, rng), w = random_tensor({N, K}, rng), dy = random_tensor({M, N}, rng);
  const Tensor dx = Tensor::empty({M, K}), dw = Tensor::zeros({N, K}), db = Tensor::zeros({N});
  ops::linear_backward(dx, dw, db, dy, x, w, {}, ops::product_context(ComputeType::bf16));
  for (int64_t i = 0; i < M; ++i)
    for (int64_t c = 0; c < K; ++c) {
      double exact = 0, magnitude = 0;
      for (int64_t j = 0; j < N; ++j) {
        exact += static_cast<double>(dy.data()[i * N + j]) * w.data()[j * K + c];
        magnitude += std::fabs(static_cast<double>(dy.data()[i * N + j]) * w.data()[j * K + c]);
      }
      CHECK(std::fabs(dx.data()[i * K + c] - exact) <= bf16_bound(N, magnitude));
    }
  for (int64_t j = 0; j < N; ++j) {
    double sum = 0, sum_magnitude = 0;
    for (int64_t c = 0; c < K; ++c) {
      double exact = 0, magnitude = 0;
      for (int64_t i = 0; i < M; ++i) {
        exact += static_cast<double>(dy.data()[i * N + j]) * x.data()[i * K + c];
        magnitude += std::fabs(static_cast<double>(dy.data()[i * N + j]) * x.data()[i * K + c]);
      }
      CHECK(std::fabs(dw.data()[j * K + c] - exact) <= bf16_bound(M, magnitude));
    }
    for (int64_t i = 0; i < M; ++i) {
      sum += dy.data()[i * N + j];
      sum_magnitude += std::fabs(dy.data()[i * N + j]);
    }
    CHECK(std::fabs(db.data()[j] - sum) <= bf16_bound(M, sum_magnitude));
  }
}

// The copies that bf16 products read instead of rounding an operand themselves must be read
// (a deliberately different copy changes the product) and, when they are bf16(x), give the very
// same product as rounding x at the product.
TEST_CASE("bf16 products read a caller's rounded copy, and it changes nothing when it is bf16(x)" * doctest::skip(test::lacks(ComputeType::bf16))) {
  const int64_t M = 21, K = 16, N = 11;
  Rng rng(17);
  const Tensor x = random_tensor({M, K}, rng), w = random_tensor({N, K}, rng), dy = random_tensor({M, N}, rng);
  const Tensor other = random_tensor({M, K}, rng);
  const ops::ProductContext bf16 = ops::product_context(ComputeType::bf16);
  std::vector<uint16_t> x_copy(M * K), other_copy(M * K), w_copy(N * K);
  ops::to_bf16(x.data(), M * K, x_copy.data());
  ops::to_bf16(other.data(), M * K, other_copy.data());
  ops::to_bf16(w.data(), N * K, w_copy.data());

  const Tensor plain = Tensor::empty({M, N}), copied = Tensor::empty({M, N}), wrong = Tensor::empty({M, N});
  ops::linear_forward(plain, x, w, Tensor(), bf16);
  ops::linear_forward(copied, bf16_view(x_copy, M, K), w, Tensor(), bf16);
  ops::linear_forward(wrong, bf16_view(other_copy, M, K), w, Tensor(), bf16);
  CHECK(std::memcmp(plain.data(), copied.data(), sizeof(float) * M * N) == 0);
  CHECK(std::memcmp(plain.data(), wrong.data(), sizeof(float) * M * N) != 0);

  // Backward: the weight gradient reads x's copy; the context's weights copy serves dx = dy · w.
  const Tensor dx1 = Tensor::empty({M, K}), dw1 = Tensor::zeros({N, K});
  const Tensor dx2 = Tensor::empty({M, K}), dw2 = Tensor::zeros({N, K});
  ops::linear_backward(dx1, dw1, Tensor(), dy, x, w, {}, bf16);
  ops::ProductContext with_weights = bf16;
  with_weights.weights = w.data();
  with_weights.n = N * K;
  with_weights.weights_bf16 = w_copy.data();
  ops::linear_backward(dx2, dw2, Tensor(), view_of<2>(dy), bf16_view(x_copy, M, K), w, {}, with_weights);
  CHECK(std::memcmp(dx1.data(), dx2.data(), sizeof(float) * M * K) == 0);
  CHECK(std::memcmp(dw1.data(), dw2.data(), sizeof(float) * N * K) == 0);
  // A weights copy of other values: products over w now read those.
  std::vector<uint16_t> shifted(w_copy);
  for (auto& h : shifted) h ^= 0x0100;  // a bit of the exponent: other values, still finite
  with_weights.weights_bf16 = shifted.data();
  const Tensor dx3 = Tensor::empty({M, K});
  ops::linear_backward(dx3, Tensor::zeros({N, K}), Tensor(), dy, x, w, {}, with_weights);
  CHECK(std::memcmp(dx1.data(), dx3.data(), sizeof(float) * M * K) != 0);
}

TEST_CASE("a context's weights copy serves only the extent it covers") {
  std::vector<float> source(100);
  std::vector<uint16_t> copy(100);
  ops::ProductContext context;
  CHECK(context.rounded_copy_of(source.data(), source.data() + 99) == nullptr);
  context.weights = source.data();
  context.n = 100;
  context.weights_bf16 = copy.data();
  CHECK(context.rounded_copy_of(source.data(), source.data() + 99) == copy.data());
  CHECK(context.rounded_copy_of(source.data() + 40, source.data() + 60) == copy.data() + 40);
  CHECK(context.rounded_copy_of(source.data() + 40, source.data() + 100) == nullptr);  // one past
  CHECK(context.rounded_copy_of(source.data() - 1, source.data() + 10) == nullptr);
}

TEST_CASE("bf16 batched products read a view's rounded copy" * doctest::skip(test::lacks(ComputeType::bf16))) {
  const int64_t B = 2, H = 3, T = 5, d = 4, D = H * d;
  Rng rng(19);
  const Tensor q = random_tensor({B * T, D}, rng), k = random_tensor({B * T, D}, rng);
  std::vector<uint16_t> q_copy(B * T * D), k_copy(B * T * D);
  ops::to_bf16(q.data(), q.numel(), q_copy.data());
  ops::to_bf16(k.data(), k.numel(), k_copy.data());
  const ops::ProductContext bf16 = ops::product_context(ComputeType::bf16);
  const auto qv = ops::heads_of(view_of<2>(q), B, H, d), kv = ops::heads_of(view_of<2>(k), B, H, d);
  const auto q16 = ops::heads_of(bf16_view(q_copy, B * T, D), B, H, d);
  const auto k16 = ops::heads_of(bf16_view(k_copy, B * T, D), B, H, d);
  const Tensor plain = Tensor::empty({B, H, T, T}), copied = Tensor::empty({B, H, T, T});
  ops::batched_matmul(mutable_view_of<4>(plain), qv, kv.t(), {}, bf16);
  ops::batched_matmul(mutable_view_of<4>(copied), q16, k16.t(), {}, bf16);
  CHECK(std::memcmp(plain.data(), copied.data(), sizeof(float) * plain.numel()) == 0);
  // Reading q's copy for k: a different product, so the copy was read.
  ops::batched_matmul(mutable_view_of<4>(copied), qv, q16.t(), {}, bf16);
  CHECK(std::memcmp(plain.data(), copied.data(), sizeof(float) * plain.numel()) != 0);
}

// The element type travels with the operand: a bf16 one is refused by f32 products, never read
// as floats.
TEST_CASE("f32 products refuse a bf16 operand") {
  const int64_t M = 3, K = 4, N = 2;
  Rng rng(23);
  const Tensor x = random_tensor({M, K}, rng), w = random_tensor({N, K}, rng), y = Tensor::empty({M, N});
  std::vector<uint16_t> x_copy(M * K);
  ops::to_bf16(x.data(), M * K, x_copy.data());
  CHECK_THROWS_AS(ops::linear_forward(y, bf16_view(x_copy, M, K), w, Tensor()), InternalError);
}
