#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "heed/core/cpu.h"
#include "heed/ops/linear.h"
#include "heed/ops/prepared_matrix.h"
#include "heed/ops/quantize.h"
#include "support/gradcheck.h"
#include "support/hardware.h"

using namespace heed;
using ops::ComputeType;
using test::random_tensor;

namespace {

// Σ_k |x[i,k]| |w[j,k]|: the scale of rounding errors in y[i, j].
double magnitude(const Tensor& x, const Tensor& w, int64_t i, int64_t j) {
  const int64_t k = x.dim(1);
  double s = 0;
  for (int64_t c = 0; c < k; ++c) s += std::fabs(x.data()[i * k + c]) * std::fabs(w.data()[j * k + c]);
  return s;
}

double exact(const Tensor& x, const Tensor& w, const Tensor& b, int64_t i, int64_t j) {
  const int64_t k = x.dim(1);
  double s = b.defined() ? b.data()[j] : 0.0;
  for (int64_t c = 0; c < k; ++c) s += static_cast<double>(x.data()[i * k + c]) * w.data()[j * k + c];
  return s;
}

// fp32 products of K terms: each partial sum rounds once (relative 2^-24), so K · 2^-24 of the
// magnitude bounds the error, whatever order the kernel adds in.
double f32_bound(int64_t k, double mag) { return static_cast<double>(k) * std::ldexp(1.0, -24) * mag + 1e-30; }

// Integers in [-limit, limit], each row reaching ±limit, so that per-row quantization is exact.
Tensor integer_rows(int64_t rows, int64_t cols, int limit, Rng& rng) {
  Tensor t = Tensor::empty({rows, cols});
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t c = 0; c < cols; ++c)
      t.mutable_data()[r * cols + c] = static_cast<float>(static_cast<int>(rng.uniform() * (2 * limit + 1)) - limit);
    t.mutable_data()[r * cols + (r % cols)] = (r % 2) ? static_cast<float>(limit) : static_cast<float>(-limit);
  }
  return t;
}

}  // namespace

TEST_CASE("quantize_rows: within half a step of the scale, in range, zero rows stay zero") {
  Rng rng(3);
  const int64_t rows = 6, cols = 37;
  Tensor x = random_tensor({rows, cols}, rng, 3.0f);
  for (int64_t c = 0; c < cols; ++c) x.mutable_data()[2 * cols + c] = 0;  // an all-zero row
  for (int limit : {127, 63}) {
    CAPTURE(limit);
    std::vector<int8_t> q(rows * cols);
    std::vector<float> scales(rows);
    ops::quantize_rows(x.data(), rows, cols, cols, q.data(), scales.data(), limit);
    std::vector<float> back(rows * cols);
    ops::dequantize_rows(q.data(), scales.data(), rows, cols, back.data());
    CHECK(scales[2] == 0);
    // The unsigned form the int8 products read: the same values plus limit + 1, the same scales.
    std::vector<uint8_t> u(rows * cols);
    std::vector<float> u_scales(rows);
    ops::quantize_rows_u8(x.data(), rows, cols, cols, u.data(), u_scales.data(), limit);
    CHECK(u_scales == scales);
    int64_t shifted = 0;
    for (int64_t i = 0; i < rows * cols; ++i) shifted += int{u[i]} == q[i] + limit + 1;
    CHECK(shifted == rows * cols);
    for (int64_t r = 0; r < rows; ++r) {
      int reached = 0;
      for (int64_t c = 0; c < cols; ++c) {
        const int v = q[r * cols + c];
        CHECK(std::abs(v) <= limit);
        reached = std::max(reached, std::abs(v));
        // Half a step, plus the float rounding of x / scale and of q · scale.
        CHECK(std::fabs(back[r * cols + c] - x.data()[r * cols + c]) <= scales[r] * (0.5f + 1e-5f) + 1e-7f);
      }
      if (r != 2) CHECK(reached == limit);  // the largest value maps to ±limit
    }
  }
}

TEST_CASE("to_bf16 rounds to nearest even") {
  const float x[] = {1.0f, 1.00390625f /* 1 + 2^-8: a tie, to even */, 1.01171875f /* 1 + 3·2^-8: a tie, up */, -2.5f};
  uint16_t y[4];
  ops::to_bf16(x, 4, y);
  CHECK(y[0] == 0x3f80);
  CHECK(y[1] == 0x3f80);
  CHECK(y[2] == 0x3f82);
  CHECK(y[3] == 0xc020);
}

TEST_CASE("int8 products are exact on integers the quantization keeps exact" * doctest::skip(test::lacks(ComputeType::int8))) {
  // Catches any saturation of the kernel's intermediate sums: the weights reach ±127 and the
  // inputs this CPU's limit, the largest values int8 translation can produce.
  Rng rng(5);
  const int limit = ops::int8_input_limit();
  // Kernels differ by shape (a matrix-vector kernel for one row, blocked ones for more, and
  // products past 256 rows run a block of rows at a time).
  for (auto [k, n] : {std::pair<int64_t, int64_t>{300, 19}, {256, 1000}, {1024, 256}}) {
    const Tensor w = integer_rows(n, k, 127, rng);
    const ops::PreparedMatrix prepared(w, ComputeType::int8);
    for (int64_t m : {1, 2, 4, 33, 100, 300}) {
      CAPTURE(k);
      CAPTURE(n);
      CAPTURE(m);
      const Tensor x = integer_rows(m, k, limit, rng);
      Tensor y = Tensor::empty({m, n});
      prepared.forward(y, x, nullptr);
      int64_t wrong = 0;
      for (int64_t i = 0; i < m; ++i)
        for (int64_t j = 0; j < n; ++j) wrong += y.data()[i * n + j] != exact(x, w, Tensor(), i, j);
      CHECK(wrong == 0);
    }
  }
}

TEST_CASE("an int8 linear layer is within the quantization bound of fp32" * doctest::skip(test::lacks(ComputeType::int8))) {
  Rng rng(6);
  const int64_t k = 70, n = 45;
  const Tensor w = random_tensor({n, k}, rng), b = random_tensor({n}, rng);
  const ops::PreparedMatrix prepared(w, ComputeType::int8);
  // The scales the product uses, to bound its error: x = qx·sx + ex, w = qw·sw + ew with
  // |ex| ≤ sx/2, |ew| ≤ sw/2, so |x·w − qx·qw·sx·sw| ≤ Σ (|x| sw/2 + |w| sx/2 + sx sw/4).
  std::vector<int8_t> qw(n * k);
  std::vector<float> sw(n);
  ops::quantize_rows(w.data(), n, k, k, qw.data(), sw.data());
  for (int64_t m : {1, 9, 300}) {
    CAPTURE(m);
    const Tensor x = random_tensor({m, k}, rng, 2.0f);
    std::vector<int8_t> qx(m * k);
    std::vector<float> sx(m);
    ops::quantize_rows(x.data(), m, k, k, qx.data(), sx.data(), ops::int8_input_limit());
    Tensor y = Tensor::empty({m, n});
    prepared.forward(y, x, b.data());
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double bound = 0;
        for (int64_t c = 0; c < k; ++c)
          bound += std::fabs(x.data()[i * k + c]) * sw[j] / 2 + std::fabs(w.data()[j * k + c]) * sx[i] / 2 + sx[i] * sw[j] / 4;
        bound += f32_bound(k, magnitude(x, w, i, j)) + 1e-6 * std::fabs(b.data()[j]);
        CHECK(std::fabs(y.data()[i * n + j] - exact(x, w, b, i, j)) <= bound);
      }
  }
}

TEST_CASE("an int8 product is the exact integer product of the quantized rows, scaled" * doctest::skip(test::lacks(ComputeType::int8))) {
  // The inputs go to oneDNN as unsigned bytes q + 128 and the weights' offset 128·Σqw comes off
  // afterwards: what is left must be Σ qx·qw exactly (an integer below 2^24, so exact in float),
  // times sx·sw, plus b: three float roundings, 3u of the result's magnitude.
  Rng rng(8);
  const int64_t k = 200, n = 37;
  const Tensor w = random_tensor({n, k}, rng), b = random_tensor({n}, rng);
  const ops::PreparedMatrix prepared(w, ComputeType::int8);
  std::vector<int8_t> qw(n * k);
  std::vector<float> sw(n);
  ops::quantize_rows(w.data(), n, k, k, qw.data(), sw.data());
  const double u = std::ldexp(1.0, -24);
  for (int64_t m : {3, 260}) {
    CAPTURE(m);
    const Tensor x = random_tensor({m, k}, rng, 3.0f);
    std::vector<int8_t> qx(m * k);
    std::vector<float> sx(m);
    ops::quantize_rows(x.data(), m, k, k, qx.data(), sx.data(), ops::int8_input_limit());
    Tensor y = Tensor::empty({m, n});
    prepared.forward(y, x, b.data());
    int64_t outside = 0;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        int64_t sum = 0;
        for (int64_t c = 0; c < k; ++c) sum += int64_t{qx[i * k + c]} * qw[j * k + c];
        const double scaled = static_cast<double>(sum) * sx[i] * sw[j];
        const double want = scaled + b.data()[j];
        outside += std::fabs(y.data()[i * n + j] - want) > 3 * u * (std::fabs(scaled) + std::fabs(b.data()[j])) + 1e-30;
      }
    CHECK(outside == 0);
  }
}

namespace {

void check_rounding_bounds(ComputeType type) {
  Rng rng(7);
  const int64_t k = 64, n = 40;
  const Tensor w = random_tensor({n, k}, rng), b = random_tensor({n}, rng);
  const ops::PreparedMatrix prepared(w, type);
  // bf16 keeps 8 significant bits: each factor within 2^-8 relative (to nearest), a product of a
  // rounded input and a rounded weight within 2^-7 + 2^-16.
  const double relative = type == ComputeType::bf16 ? std::ldexp(1.0, -7) + std::ldexp(1.0, -16) : 0.0;
  for (int64_t m : {1, 5, 256, 300}) {
    CAPTURE(m);
    const Tensor x = random_tensor({m, k}, rng);
    Tensor y = Tensor::empty({m, n});
    prepared.forward(y, x, b.data());
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        const double mag = magnitude(x, w, i, j) + std::fabs(b.data()[j]);
        CHECK(std::fabs(y.data()[i * n + j] - exact(x, w, b, i, j)) <= relative * mag + f32_bound(k + 1, mag));
      }
  }
}

}  // namespace

TEST_CASE("f32 prepared products are within their rounding bounds, across row blocks") {
  check_rounding_bounds(ComputeType::f32);
}

TEST_CASE("bf16 prepared products are within their rounding bounds, across row blocks" *
          doctest::skip(test::lacks(ComputeType::bf16))) {
  check_rounding_bounds(ComputeType::bf16);
}

TEST_CASE("PreparedWeights finds a matrix by its weight; others run in fp32") {
  Rng rng(8);
  const Tensor both = random_tensor({6, 5}, rng);
  const Tensor first = both.rows(0, 2);  // same address, fewer rows: a different matrix
  ops::PreparedWeights prepared(ComputeType::f32);
  prepared.add(both);
  prepared.add(both);
  CHECK(prepared.find(both) != nullptr);
  CHECK(prepared.find(first) == nullptr);
  const Tensor x = random_tensor({3, 5}, rng);
  Tensor y = Tensor::empty({3, 2}), expected = Tensor::empty({3, 2});
  ops::linear_forward(y, x, first, Tensor(), &prepared);
  ops::linear_forward(expected, x, first, Tensor());
  CHECK(y.to_vector() == expected.to_vector());
}

TEST_CASE("a compute type the CPU lacks is refused with its ISA named") {
  const std::string isa = cpu::level_name(cpu::effective_level());
  CHECK(ops::compute_type_unavailable(ComputeType::f32).empty());
  CHECK(ops::parse_compute_type("int8") == ComputeType::int8);
  CHECK_THROWS_WITH(ops::parse_compute_type("fp8"), doctest::Contains("f32, bf16 or int8"));
  if (cpu::has(cpu::Level::avx512_core_bf16)) {
    CHECK(ops::compute_type_unavailable(ComputeType::bf16).empty());
  } else {
    CHECK(ops::compute_type_unavailable(ComputeType::bf16) == "bf16 needs AVX-512 BF16; this CPU has " + isa);
    CHECK_THROWS_WITH(ops::PreparedMatrix(Tensor::zeros({2, 2}), ComputeType::bf16), doctest::Contains(isa.c_str()));
  }
}
