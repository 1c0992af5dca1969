#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "heed/core/cpu.h"
#include "heed/core/half.h"
#include "heed/core/random.h"
#include "heed/ops/step_attention.h"

using namespace heed;

namespace {

// Rows 0, 2 and 4 share one sentence's keys (interleaved key|value rows, as the decoder stores
// them), rows 0 and 4 with the same length (reduced keys are then widened once for both); row 1
// has its own; row 3 sees no key at all. With reduced keys the reference computes
// with the values they stand for (bf16 widened, i8 times its group's scale): the same bound holds.
// Heads of d = 3 take the compiled loop; heads of whole vectors (d = 64) the loop written against
// Vec in the AVX2 and AVX-512 builds, with T long enough for its blocks of four keys, a vector of
// weights and their tails.
void check_kernel(cpu::Isa isa, ops::KeyType key_type, int64_t d = 3, int64_t longest = 5) {
  CAPTURE(cpu::isa_name(isa));
  CAPTURE(static_cast<int>(key_type));
  CAPTURE(d);
  const int64_t H = 2, D = H * d, stride = 2 * D, T = longest, width = T + 1;
  Rng rng(9);
  auto fill = [&](std::vector<float>& v) {
    for (auto& x : v) x = 2 * rng.uniform() - 1;
  };
  std::vector<float> shared(T * stride), own((T - 1) * stride), q(5 * 3 * D);
  fill(shared);
  fill(own);
  fill(q);
  // Reduced keys: the stored values, and in `shared`/`own` what they stand for (the reference).
  std::vector<uint16_t> shared16(shared.size()), own16(own.size());
  std::vector<int8_t> shared8(shared.size()), own8(own.size());
  std::vector<float> shared_scales(T * 2 * H), own_scales((T - 1) * 2 * H);  // (T, 2H)
  auto to_i8 = [&](std::vector<float>& x, std::vector<int8_t>& q, std::vector<float>& scales) {
    for (size_t g = 0; g < scales.size(); ++g) {  // a group: one head of one key or value, d values
      scales[g] = 0.004f * static_cast<float>(g % 5 + 1);
      for (int64_t c = 0; c < d; ++c) {
        q[g * d + c] = static_cast<int8_t>(static_cast<int>(rng.uniform() * 255) - 127);
        x[g * d + c] = scales[g] * q[g * d + c];
      }
    }
  };
  if (key_type == ops::KeyType::bf16) {
    for (size_t i = 0; i < shared.size(); ++i) shared[i] = bf16_to_float(shared16[i] = float_to_bf16(shared[i]));
    for (size_t i = 0; i < own.size(); ++i) own[i] = bf16_to_float(own16[i] = float_to_bf16(own[i]));
  } else if (key_type == ops::KeyType::i8) {
    to_i8(shared, shared8, shared_scales);
    to_i8(own, own8, own_scales);
  }
  const std::vector<const float*> keys{shared.data(), own.data(), shared.data(), own.data(), shared.data()};
  const std::vector<int32_t> lengths{int32_t(T), int32_t(T - 1), int32_t(T - 2), 0, int32_t(T)};
  ops::StepAttention a;
  a.queries = q.data();
  a.query_stride = 3 * D;  // queries inside a (N, 3D) qkv product
  if (key_type == ops::KeyType::bf16) {
    a.keys = {shared16.data(), own16.data(), shared16.data(), own16.data(), shared16.data()};
  } else if (key_type == ops::KeyType::i8) {
    a.keys = {shared8.data(), own8.data(), shared8.data(), own8.data(), shared8.data()};
    a.scales = {shared_scales.data(), own_scales.data(), shared_scales.data(), own_scales.data(),
                shared_scales.data()};
    a.scale_stride = 2 * H;
  } else {
    a.keys = {shared.data(), own.data(), shared.data(), own.data(), shared.data()};
  }
  a.key_stride = stride;
  a.value_offset = D;
  a.lengths = lengths.data();
  a.heads = H;
  a.head_dim = d;
  a.scale = 1.0f / std::sqrt(static_cast<float>(d));
  std::vector<float> out(5 * D, 7.0f), probs(5 * H * width, 7.0f);
  a.out = out.data();
  a.probs = probs.data();
  a.probs_width = width;
  ops::step_attention(a, isa);
  // Bounds from the values, u the unit roundoff: a score's float sum of d products is off by at
  // most (d + 2)·u·Σ|q·k|·scale; a weight exp(s - top)/Σ by twice that twice over, plus the
  // exponential's few ulp and the T-term sum (2(T + 8)·u); the output by its weights' errors
  // times |v|, plus its own T-term sum.
  const double u = std::ldexp(1.0, -24);
  for (int64_t i = 0; i < 5; ++i)
    for (int64_t h = 0; h < H; ++h) {
      CAPTURE(i);
      CAPTURE(h);
      const int64_t Ti = lengths[i];
      std::vector<double> p(Ti);
      double top = -1e300, sum = 0, score_error = 0;
      for (int64_t j = 0; j < Ti; ++j) {
        double s = 0, magnitude = 0;
        for (int64_t c = 0; c < d; ++c) {
          const double x = double(q[i * 3 * D + h * d + c]) * keys[i][j * stride + h * d + c];
          s += x;
          magnitude += std::fabs(x);
        }
        p[j] = s * a.scale;
        top = std::max(top, p[j]);
        score_error = std::max(score_error, (d + 2) * u * magnitude * a.scale);
      }
      for (auto& x : p) sum += (x = std::exp(x - top));
      const double relative = 4 * score_error + 2 * (Ti + 8) * u;
      for (int64_t j = 0; j < width; ++j) {
        const double want = j < Ti ? p[j] / sum : 0.0;
        CHECK(std::fabs(probs[(i * H + h) * width + j] - want) <= relative * want);
      }
      for (int64_t c = 0; c < d; ++c) {
        double o = 0, magnitude = 0;
        for (int64_t j = 0; j < Ti; ++j) {
          o += p[j] / sum * keys[i][j * stride + D + h * d + c];
          magnitude += p[j] / sum * std::fabs(keys[i][j * stride + D + h * d + c]);
        }
        CHECK(std::fabs(out[i * D + h * d + c] - o) <= (relative + (Ti + 2) * u) * magnitude);
      }
    }
}

constexpr ops::KeyType kKeyTypes[] = {ops::KeyType::f32, ops::KeyType::bf16, ops::KeyType::i8};

// The bounds hold for every build, each with heads of 3 (the compiled loop), 64 and one vector
// (the loop written against Vec where the build has one). A build this CPU or ONEDNN_MAX_CPU_ISA
// does not allow is reported as skipped.
void check_build(cpu::Isa isa, int64_t vector_width) {
  for (auto type : kKeyTypes) {
    check_kernel(isa, type);
    check_kernel(isa, type, 64, 37);
    check_kernel(isa, type, vector_width, 4);
  }
}

}  // namespace

TEST_CASE("step attention equals softmax of scaled scores times values: generic build") {
  check_build(cpu::Isa::generic, 8);
}

TEST_CASE("step attention equals softmax of scaled scores times values: AVX2 build" *
          doctest::skip(!cpu::allows(cpu::Isa::avx2))) {
  check_build(cpu::Isa::avx2, 8);
}

TEST_CASE("step attention equals softmax of scaled scores times values: AVX-512 build" *
          doctest::skip(!cpu::allows(cpu::Isa::avx512))) {
  check_build(cpu::Isa::avx512, 16);
}

TEST_CASE("step attention refuses the AVX-512 build where the CPU or the limit does not allow it" *
          doctest::skip(cpu::allows(cpu::Isa::avx512))) {
  CHECK_THROWS_WITH(check_kernel(cpu::Isa::avx512, ops::KeyType::f32), doctest::Contains("does not allow"));
}

TEST_CASE("step attention refuses rows of different key types") {
  const std::vector<float> keys(8, 0.5f), queries(4, 1.0f);
  const std::vector<uint16_t> bf16(8, 0x3f00);
  const std::vector<int32_t> lengths{1, 1};
  std::vector<float> out(8);
  ops::StepAttention a;
  a.queries = queries.data();
  a.keys = {keys.data(), bf16.data()};
  a.key_stride = 8;
  a.value_offset = 4;
  a.lengths = lengths.data();
  a.heads = 1;
  a.head_dim = 4;
  a.out = out.data();
  CHECK_THROWS_WITH(ops::step_attention(a), doctest::Contains("different key types"));
  a.keys = {keys.data(), keys.data()};
  ops::step_attention(a);
  CHECK(out[0] == 0.5f);
}
