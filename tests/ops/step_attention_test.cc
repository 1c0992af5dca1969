#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "heed/core/half.h"
#include "heed/core/random.h"
#include "heed/ops/step_attention.h"

using namespace heed;

namespace {

// Rows 0, 2 and 4 share one sentence's keys (interleaved key|value rows, as the decoder stores
// them), rows 0 and 4 with the same length (reduced keys are then widened once for both); row 1
// has its own; row 3 sees no key at all. With reduced keys the reference computes
// with the values they stand for (bf16 widened, i8 times its group's scale): the same bound holds.
void check_kernel(ops::StepKernel kernel, ops::KeyType key_type) {
  const int64_t H = 2, d = 3, D = H * d, stride = 2 * D;
  Rng rng(9);
  auto fill = [&](std::vector<float>& v) {
    for (auto& x : v) x = 2 * rng.uniform() - 1;
  };
  std::vector<float> shared(5 * stride), own(4 * stride), q(5 * 3 * D);
  fill(shared);
  fill(own);
  fill(q);
  // Reduced keys: the stored values, and in `shared`/`own` what they stand for (the reference).
  std::vector<uint16_t> shared16(shared.size()), own16(own.size());
  std::vector<int8_t> shared8(shared.size()), own8(own.size());
  std::vector<float> shared_scales(5 * 2 * H), own_scales(4 * 2 * H);  // (T, 2H)
  auto to_i8 = [&](std::vector<float>& x, std::vector<int8_t>& q, std::vector<float>& scales) {
    for (size_t g = 0; g < scales.size(); ++g) {  // a group: one head of one key or value, d values
      scales[g] = 0.01f * static_cast<float>(g + 1);
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
  const std::vector<int32_t> lengths{5, 4, 3, 0, 5};
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
  a.key_type = key_type;
  a.key_stride = stride;
  a.value_offset = D;
  a.lengths = lengths.data();
  a.heads = H;
  a.head_dim = d;
  a.scale = 1.0f / std::sqrt(3.0f);
  std::vector<float> out(5 * D, 7.0f), probs(5 * H * 6, 7.0f);
  a.out = out.data();
  a.probs = probs.data();
  a.probs_width = 6;
  ops::step_attention(a, kernel);
  for (int64_t i = 0; i < 5; ++i)
    for (int64_t h = 0; h < H; ++h) {
      CAPTURE(i);
      CAPTURE(h);
      const int64_t T = lengths[i];
      std::vector<double> p(T);
      double top = -1e300, sum = 0;
      for (int64_t j = 0; j < T; ++j) {
        double s = 0;
        for (int64_t c = 0; c < d; ++c) s += double(q[i * 3 * D + h * d + c]) * keys[i][j * stride + h * d + c];
        p[j] = s * a.scale;
        top = std::max(top, p[j]);
      }
      for (auto& x : p) sum += (x = std::exp(x - top));
      for (int64_t j = 0; j < 6; ++j)
        CHECK(probs[(i * H + h) * 6 + j] == doctest::Approx(j < T ? p[j] / sum : 0.0).epsilon(1e-5));
      for (int64_t c = 0; c < d; ++c) {
        double o = 0;
        for (int64_t j = 0; j < T; ++j) o += p[j] / sum * keys[i][j * stride + D + h * d + c];
        CHECK(out[i * D + h * d + c] == doctest::Approx(o).epsilon(1e-5));
      }
    }
}

}  // namespace

TEST_CASE("step attention equals softmax of scaled scores times values, per row and head") {
  // Each build of the loop that this CPU can run; the one it cannot is reported as skipped.
  const bool avx2 = ops::step_kernel_available(ops::StepKernel::avx2);
  SUBCASE("generic") { check_kernel(ops::StepKernel::generic, ops::KeyType::f32); }
  SUBCASE("generic, bf16 keys") { check_kernel(ops::StepKernel::generic, ops::KeyType::bf16); }
  SUBCASE("avx2") {
    if (avx2) check_kernel(ops::StepKernel::avx2, ops::KeyType::f32);
    else MESSAGE("skipped: the AVX2 kernel needs avx2 and fma, which this CPU lacks");
  }
  SUBCASE("avx2, bf16 keys") {
    if (avx2) check_kernel(ops::StepKernel::avx2, ops::KeyType::bf16);
    else MESSAGE("skipped: the AVX2 kernel needs avx2 and fma, which this CPU lacks");
  }
  SUBCASE("generic, i8 keys") { check_kernel(ops::StepKernel::generic, ops::KeyType::i8); }
  SUBCASE("avx2, i8 keys") {
    if (avx2) check_kernel(ops::StepKernel::avx2, ops::KeyType::i8);
    else MESSAGE("skipped: the AVX2 kernel needs avx2 and fma, which this CPU lacks");
  }
  const bool avx512 = ops::step_kernel_available(ops::StepKernel::avx512);
  const char* no_avx512 = "skipped: the AVX-512 kernel needs avx512f, bw, vl and dq, which this CPU lacks";
  SUBCASE("avx512") {
    if (avx512) check_kernel(ops::StepKernel::avx512, ops::KeyType::f32);
    else MESSAGE(no_avx512);
  }
  SUBCASE("avx512, bf16 keys") {
    if (avx512) check_kernel(ops::StepKernel::avx512, ops::KeyType::bf16);
    else MESSAGE(no_avx512);
  }
  SUBCASE("avx512, i8 keys") {
    if (avx512) check_kernel(ops::StepKernel::avx512, ops::KeyType::i8);
    else MESSAGE(no_avx512);
  }
}
