#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "heed/model/blocks.h"
#include "heed/ops/linear.h"

using namespace heed;
using namespace heed::model;

namespace {

// softmax(q·K^T / √d) V for one query over `n` keys and values, rows `stride` apart, one head.
void attend(float* out, const float* q, const float* keys, const float* values, int64_t n, int64_t stride, int64_t d) {
  std::vector<double> w(n);
  for (int64_t j = 0; j < n; ++j) {
    double dot = 0;
    for (int64_t i = 0; i < d; ++i) dot += static_cast<double>(q[i]) * keys[j * stride + i];
    w[j] = dot / std::sqrt(static_cast<double>(d));
  }
  const double top = *std::max_element(w.begin(), w.end());
  double sum = 0;
  for (double& x : w) sum += (x = std::exp(x - top));
  for (int64_t i = 0; i < d; ++i) {
    double acc = 0;
    for (int64_t j = 0; j < n; ++j) acc += w[j] / sum * values[j * stride + i];
    out[i] = static_cast<float>(acc);
  }
}

Tensor random_tensor(std::vector<int64_t> shape, Rng& rng) {
  const Tensor t = Tensor::empty(std::move(shape));
  for (int64_t i = 0; i < t.numel(); ++i) t.mutable_data()[i] = 2 * rng.uniform() - 1;
  return t;
}

}  // namespace

// The decoder block's step, with attention cores written here in plain loops over what the steps
// cached, gives each position the output of the block's forward pass over the whole sequence.
TEST_CASE("a decoder block's steps give its forward pass over the sequence") {
  for (auto norm : {NormPlacement::pre, NormPlacement::post}) {
    const std::string placement = to_string(norm);
    CAPTURE(placement);
    ModelConfig c = preset("tiny", 50);
    c.norm = norm;
    Parameters params(c);
    Rng rng(11);
    params.initialize(rng);
    const DecoderLayerWeights& w = params.weights().dec[1];
    const int64_t T = 5, S = 4, D = c.d_model, H = c.heads, d = D / H;
    const Tensor input = random_tensor({T, D}, rng), memory = random_tensor({S, D}, rng);

    DecoderBlock sequence(c);
    const Tensor after_self = Tensor::empty({T, D}), after_cross = Tensor::empty({T, D}), out = Tensor::empty({T, D});
    ops::AttentionMask causal, sources;
    causal.causal = true;
    const std::vector<int32_t> src_lengths{static_cast<int32_t>(S)};
    sources.key_lengths = &src_lengths;
    sequence.forward({input, after_self, after_cross, out}, {1, T, S, memory, causal, sources}, w, PassContext{});

    DecoderBlock stepper(c);
    PassContext pass;
    pass.keep_norm_stats = false;
    const Tensor kv = Tensor::empty({S, 2 * D});  // the cross-attention's keys and values of the memory
    ops::linear_forward(kv, memory, w.cross_attn.kv, w.cross_attn.kv_b);
    std::vector<float> history;  // [K | V] of the steps so far, 2D each
    int64_t t = 0;
    const DecoderBlock::StepCores cores{
        [&](const Tensor& ctx, const Tensor& qkv) {
          history.insert(history.end(), qkv.data() + D, qkv.data() + 3 * D);
          for (int64_t h = 0; h < H; ++h)
            attend(ctx.mutable_data() + h * d, qkv.data() + h * d, history.data() + h * d, history.data() + D + h * d,
                   t + 1, 2 * D, d);
        },
        [&](const Tensor& ctx, const Tensor& q) {
          for (int64_t h = 0; h < H; ++h)
            attend(ctx.mutable_data() + h * d, q.data() + h * d, kv.data() + h * d, kv.data() + D + h * d, S, 2 * D, d);
        }};
    const Tensor x = Tensor::empty({1, D});
    // Both paths round the same terms in another order (the products' shapes, the norm's kernel,
    // the plain-loop attention here): a relative error of at most K·u per product or norm, K ≤
    // F terms, over the block's 8 products and 3 norms, on values of the output's scale.
    float scale = 0;
    for (int64_t i = 0; i < out.numel(); ++i) scale = std::max(scale, std::fabs(out.data()[i]));
    const double bound = 11.0 * c.ffn_dim * std::ldexp(1.0, -24) * (1 + scale);
    for (t = 0; t < T; ++t) {
      std::copy(input.data() + t * D, input.data() + (t + 1) * D, x.mutable_data());
      stepper.step(x, w, pass, cores);
      double worst = 0;
      for (int64_t i = 0; i < D; ++i) worst = std::max(worst, std::fabs(double(x.data()[i]) - out.data()[t * D + i]));
      CAPTURE(t);
      CHECK(worst <= bound);
    }
  }
}
