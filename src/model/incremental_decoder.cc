#include "heed/model/incremental_decoder.h"

#include <cmath>
#include <cstring>
#include <unordered_map>

#include "heed/core/error.h"
#include "heed/ops/activation.h"
#include "heed/ops/add.h"
#include "heed/ops/batched_matmul.h"
#include "heed/ops/embedding.h"
#include "heed/ops/linear.h"
#include "heed/ops/softmax.h"

namespace heed::model {

using ops::BatchView;

IncrementalDecoder::IncrementalDecoder(const Parameters& params)
    : params_(params), config_(params.config()), layers_(params.config().decoder_layers) {
  if (config_.positions == Positions::sinusoidal)
    sinusoids_ = sinusoidal_positions(config_.max_positions, config_.d_model);
}

void IncrementalDecoder::start(const Tensor& memory, int64_t src_len,
                               const std::vector<int32_t>& src_lengths,
                               const std::vector<int32_t>& source_of, int64_t max_steps,
                               int64_t max_rows) {
  const int64_t D = config_.d_model, B = static_cast<int64_t>(src_lengths.size());
  HEED_CHECK(memory.numel() == B * src_len * D, "encoder output of {} values for {} sentences of {}",
             memory.numel(), B, src_len);
  rows_ = static_cast<int64_t>(source_of.size());
  max_rows_ = std::max(rows_, max_rows);
  steps_ = 0;
  src_len_ = src_len;
  capacity_ = std::min<int64_t>(max_steps, config_.max_positions);
  src_len_of_.resize(rows_);
  for (int64_t i = 0; i < rows_; ++i) src_len_of_[i] = src_lengths.at(source_of[i]);
  const auto& w = params_.weights();
  const Tensor& kv = kv_sentences_.get({B * src_len, 2 * D});
  for (size_t l = 0; l < layers_.size(); ++l) {
    auto& L = layers_[l];
    // Keys and values of each sentence once (B·S, 2D), then one copy per hypothesis.
    ops::linear_forward(kv, memory, w.dec[l].cross_attn.kv, Tensor());
    if (!L.cross_kv.defined() || L.cross_kv.numel() < max_rows_ * src_len * 2 * D)
      L.cross_kv = Tensor::empty({max_rows_ * src_len * 2 * D});
    const int64_t row = src_len * 2 * D;
    for (int64_t i = 0; i < rows_; ++i)
      std::memcpy(L.cross_kv.data() + i * row, kv.data() + source_of[i] * row, row * sizeof(float));
    if (!L.self_kv.defined() || L.self_kv.numel() < max_rows_ * capacity_ * 2 * D)
      L.self_kv = Tensor::empty({max_rows_ * capacity_ * 2 * D});
  }
}

void IncrementalDecoder::sublayer(const Tensor& x, const NormWeights& norm,
                                  void (IncrementalDecoder::*f)(const Tensor&, const Tensor&, int),
                                  int layer) {
  const float eps = config_.layer_norm_eps;
  const Tensor& y = y_.get(x.shape());
  if (config_.norm == NormPlacement::pre) {
    const Tensor& h = h_.get(x.shape());
    ops::layer_norm_forward(h, x, norm.gamma, norm.beta, eps, nullptr);
    (this->*f)(y, h, layer);
    ops::add_into(x, y);
  } else {
    (this->*f)(y, x, layer);
    ops::add_into(x, y);
    ops::layer_norm_forward(x, x, norm.gamma, norm.beta, eps, nullptr);
  }
}

void IncrementalDecoder::self_attention(const Tensor& y, const Tensor& h, int layer) {
  const auto& w = params_.weights().dec[layer].self_attn;
  auto& L = layers_[layer];
  const int64_t N = rows_, D = config_.d_model, H = config_.heads, d = D / H, t = steps_;
  const Tensor& qkv = qkv_.get({N, 3 * D});  // (N, 3D)
  ops::linear_forward(qkv, h, w.qkv, Tensor());
  for (int64_t i = 0; i < N; ++i)  // this step's keys and values into the cache
    std::memcpy(L.self_kv.data() + (i * capacity_ + t) * 2 * D, qkv.data() + i * 3 * D + D, 2 * D * sizeof(float));
  const BatchView cache_k{L.self_kv.data(), {N, H, t + 1, d}, {capacity_ * 2 * D, d, 2 * D, 1}};
  const BatchView cache_v{L.self_kv.data() + D, {N, H, t + 1, d}, {capacity_ * 2 * D, d, 2 * D, 1}};
  const Tensor& scores = scores_.get({N, H, 1, t + 1});
  const Tensor& probs = probs_.get({N, H, 1, t + 1});
  ops::BatchedMatmulOptions o;
  o.runtime_shape = true;
  o.alpha = 1.0f / std::sqrt(static_cast<float>(d));
  ops::batched_matmul(BatchView::dense(scores.data(), N, H, 1, t + 1),
                      BatchView::heads(qkv.data(), N, H, 1, d, 3 * D), cache_k.t(), o);
  ops::masked_softmax_forward(probs, scores, {});
  const Tensor& ctx = ctx_.get({N, D});
  o.alpha = 1.0f;
  ops::batched_matmul(BatchView::heads(ctx.data(), N, H, 1, d, D),
                      BatchView::dense(probs.data(), N, H, 1, t + 1), cache_v, o);
  ops::linear_forward(y, ctx, w.out.w, w.out.b);
}

void IncrementalDecoder::cross_attention_step(const Tensor& y, const Tensor& h, int layer) {
  const auto& w = params_.weights().dec[layer].cross_attn;
  auto& L = layers_[layer];
  const int64_t N = rows_, D = config_.d_model, H = config_.heads, d = D / H, S = src_len_;
  const Tensor& q = q_.get({N, D});
  ops::linear_forward(q, h, w.q, Tensor());
  const BatchView k{L.cross_kv.data(), {N, H, S, d}, {S * 2 * D, d, 2 * D, 1}};
  const BatchView v{L.cross_kv.data() + D, {N, H, S, d}, {S * 2 * D, d, 2 * D, 1}};
  const Tensor& scores = scores_.get({N, H, 1, S});
  const bool keep = keep_all_attention_ || layer + 1 == static_cast<int>(layers_.size());
  const Tensor& probs = keep ? L.cross_probs.get({N, H, 1, S}) : probs_.get({N, H, 1, S});
  ops::BatchedMatmulOptions o;
  o.runtime_shape = true;
  o.alpha = 1.0f / std::sqrt(static_cast<float>(d));
  ops::batched_matmul(BatchView::dense(scores.data(), N, H, 1, S), BatchView::heads(q.data(), N, H, 1, d, D), k.t(), o);
  ops::AttentionMask mask;
  mask.key_lengths = &src_len_of_;
  ops::masked_softmax_forward(probs, scores, mask);
  const Tensor& ctx = ctx_.get({N, D});
  o.alpha = 1.0f;
  ops::batched_matmul(BatchView::heads(ctx.data(), N, H, 1, d, D), BatchView::dense(probs.data(), N, H, 1, S), v, o);
  ops::linear_forward(y, ctx, w.out.w, w.out.b);
}

void IncrementalDecoder::feed_forward(const Tensor& y, const Tensor& h, int layer) {
  const auto& w = params_.weights().dec[layer];
  const Tensor& hidden = hidden_.get({rows_, config_.ffn_dim});
  ops::linear_forward(hidden, h, w.fc1.w, w.fc1.b);
  ops::activation_forward(hidden, hidden, config_.activation == "relu" ? ops::Activation::relu : ops::Activation::gelu);
  ops::linear_forward(y, hidden, w.fc2.w, w.fc2.b);
}

const Tensor& IncrementalDecoder::step(const std::vector<int32_t>& tokens) {
  HEED_CHECK(static_cast<int64_t>(tokens.size()) == rows_, "{} tokens for {} hypotheses", tokens.size(), rows_);
  HEED_CHECK(steps_ < capacity_, "decoding past the {} steps the decoder was started for", capacity_);
  const auto& w = params_.weights();
  const int64_t N = rows_, D = config_.d_model;
  const Tensor& x = x_.get({N, D});
  ops::embedding_forward(x, w.embed, tokens, std::sqrt(static_cast<float>(D)));
  const Tensor& positions = config_.positions == Positions::learned ? w.dec_pos : sinusoids_;
  const float* pos = positions.data() + steps_ * D;
  for (int64_t i = 0; i < N; ++i)
    for (int64_t j = 0; j < D; ++j) x.data()[i * D + j] += pos[j];
  for (int l = 0; l < static_cast<int>(layers_.size()); ++l) {
    const auto& lw = w.dec[l];
    sublayer(x, lw.self_attn_norm, &IncrementalDecoder::self_attention, l);
    sublayer(x, lw.cross_attn_norm, &IncrementalDecoder::cross_attention_step, l);
    sublayer(x, lw.ffn_norm, &IncrementalDecoder::feed_forward, l);
  }
  if (config_.norm == NormPlacement::pre)
    ops::layer_norm_forward(x, x, w.dec_final.gamma, w.dec_final.beta, config_.layer_norm_eps, nullptr);
  const Tensor& logp = logp_.get({N, config_.vocab_size});
  ops::matmul_nt(logp, x, w.output());
  ops::log_softmax_forward(logp, logp);
  ++steps_;
  return logp;
}

void IncrementalDecoder::gather(const Tensor& base, int64_t row_size, int64_t used,
                                const std::vector<int32_t>& rows) {
  // Row i takes old row rows[i]. A source row that is itself overwritten (and read by another
  // row) is saved first; rows that keep their place are not touched.
  const auto n = static_cast<int64_t>(rows.size());
  std::unordered_map<int32_t, int64_t> saved;
  for (int64_t i = 0; i < n; ++i) {
    const int32_t r = rows[i];
    if (r != i && r < n && rows[r] != r && !saved.count(r)) saved.emplace(r, static_cast<int64_t>(saved.size()));
  }
  const Tensor& temp = saved_rows_.get({std::max<int64_t>(1, static_cast<int64_t>(saved.size())) * used});
  for (const auto& [r, slot] : saved)
    std::memcpy(temp.data() + slot * used, base.data() + r * row_size, used * sizeof(float));
  for (int64_t i = 0; i < n; ++i) {
    const int32_t r = rows[i];
    if (r == i) continue;
    auto it = saved.find(r);
    const float* from = it != saved.end() ? temp.data() + it->second * used : base.data() + r * row_size;
    std::memcpy(base.data() + i * row_size, from, used * sizeof(float));
  }
}

void IncrementalDecoder::select(const std::vector<int32_t>& rows) {
  const int64_t D = config_.d_model;
  HEED_CHECK(static_cast<int64_t>(rows.size()) <= max_rows_, "{} hypotheses, but the decoder was started for {}",
             rows.size(), max_rows_);
  for (int32_t r : rows) HEED_CHECK(r >= 0 && r < rows_, "hypothesis {} of {}", r, rows_);
  for (auto& L : layers_) {
    gather(L.self_kv, capacity_ * 2 * D, steps_ * 2 * D, rows);
    gather(L.cross_kv, src_len_ * 2 * D, src_len_ * 2 * D, rows);
  }
  std::vector<int32_t> lengths(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) lengths[i] = src_len_of_[rows[i]];
  src_len_of_ = std::move(lengths);
  rows_ = static_cast<int64_t>(rows.size());
}

}  // namespace heed::model
