#include "heed/model/incremental_decoder.h"

#include <cmath>
#include <algorithm>

#include "heed/core/error.h"
#include "heed/ops/embedding.h"
#include "heed/ops/linear.h"
#include "heed/ops/prepared_matrix.h"
#include "heed/ops/softmax.h"
#include "heed/ops/step_attention.h"

namespace heed::model {


IncrementalDecoder::IncrementalDecoder(const Parameters& params)
    : params_(params), config_(params.config()), layers_(params.config().decoder_layers), block_(config_) {}

void IncrementalDecoder::start(const Tensor& memory, int64_t src_len,
                               const std::vector<int32_t>& src_lengths,
                               const std::vector<int32_t>& source_of, int64_t max_steps,
                               int64_t max_rows) {
  const int64_t D = config_.d_model, B = static_cast<int64_t>(src_lengths.size());
  HEED_ASSERT(memory.numel() == B * src_len * D, "encoder output of {} values for {} sentences of {}",
             memory.numel(), B, src_len);
  rows_ = static_cast<int64_t>(source_of.size());
  max_rows_ = std::max(rows_, max_rows);
  steps_ = 0;
  src_len_ = src_len;
  max_steps_ = std::min<int64_t>(max_steps, config_.max_positions);
  capacity_ = std::min<int64_t>(max_steps_, 32);  // grows by doubling: most outputs end early
  src_len_of_.resize(rows_);
  source_of_ = source_of;
  for (int64_t i = 0; i < rows_; ++i) src_len_of_[i] = src_lengths.at(source_of[i]);
  const auto& w = params_.weights();
  const ops::PreparedWeights* prepared = params_.prepared();
  const ops::ComputeType compute = prepared ? prepared->type() : ops::ComputeType::f32;
  const ops::KeyType stored = compute == ops::ComputeType::int8   ? ops::KeyType::i8
                              : compute == ops::ComputeType::bf16 ? ops::KeyType::bf16
                                                                  : ops::KeyType::f32;
  const int64_t groups = 2 * config_.heads;  // i8's scales: one per head of a key and of a value
  const Tensor& kv = cross_kv_.get({B * src_len, 2 * D});
  for (size_t l = 0; l < layers_.size(); ++l) {
    auto& L = layers_[l];
    // Keys and values of each sentence, once: the sentence's hypotheses all read them.
    ops::linear_forward(kv, memory, w.dec[l].cross_attn.kv, w.dec[l].cross_attn.kv_b, prepared);
    L.cross_kv.reset(B, src_len, 2 * D, groups, stored);
    for (int64_t b = 0; b < B; ++b)
      for (int64_t s = 0; s < src_len; ++s) L.cross_kv.write(b, s, kv.data() + (b * src_len + s) * 2 * D);
    L.self_kv.reset(max_rows_, capacity_, 2 * D, groups, stored);
  }
}

// This step's K and V of each hypothesis into its row of the self-attention cache, then each
// hypothesis' query over its t + 1 positions. qkv (N, 3D), ctx (N, D).
void IncrementalDecoder::self_attention_core(const Tensor& ctx, const Tensor& qkv, int layer) {
  auto& L = layers_[layer];
  const int64_t N = rows_, D = config_.d_model, t = steps_;
  for (int64_t i = 0; i < N; ++i) L.self_kv.write(i, t, qkv.data() + i * 3 * D + D);
  self_lengths_.assign(N, static_cast<int32_t>(t + 1));
  ops::StepAttention& a = attention_args(qkv.data(), 3 * D);
  use_cache(a, L.self_kv, [](int64_t i) { return i; });  // (t+1, 2D) of row i
  a.lengths = self_lengths_.data();
  a.out = ctx.mutable_data();
  ops::step_attention(a);
}

// Each hypothesis' query (N, D) over its sentence's cached keys and values (S, 2D).
void IncrementalDecoder::cross_attention_core(const Tensor& ctx, const Tensor& q, int layer) {
  auto& L = layers_[layer];
  const int64_t N = rows_, D = config_.d_model, H = config_.heads, S = src_len_;
  ops::StepAttention& a = attention_args(q.data(), D);
  use_cache(a, L.cross_kv, [&](int64_t i) { return source_of_[i]; });  // (S, 2D) of its sentence
  a.lengths = src_len_of_.data();
  a.out = ctx.mutable_data();
  if (layer == kept_attention_layer_ || layer + 1 == static_cast<int>(layers_.size())) {
    a.probs = L.cross_probs.get({N, H, 1, S}).mutable_data();
    a.probs_width = S;
  }
  ops::step_attention(a);
}

template <class RowOf>
void IncrementalDecoder::use_cache(ops::StepAttention& a, const StepCache& cache, RowOf row_of) {
  const bool scaled = cache.type() == ops::KeyType::i8;
  a.scales.resize(scaled ? rows_ : 0);
  a.scale_stride = cache.groups();
  for (int64_t i = 0; i < rows_; ++i) {
    a.keys[i] = cache.row(row_of(i));
    if (scaled) a.scales[i] = cache.scales(row_of(i));
  }
}

ops::StepAttention& IncrementalDecoder::attention_args(const float* queries, int64_t query_stride) {
  const int64_t D = config_.d_model, H = config_.heads;
  ops::StepAttention& a = attention_;
  a.queries = queries;
  a.query_stride = query_stride;
  a.keys.resize(rows_);
  a.key_stride = 2 * D;  // keys and values interleaved: a row of the cache is [key | value]
  a.value_offset = D;
  a.heads = H;
  a.head_dim = D / H;
  a.scale = 1.0f / std::sqrt(static_cast<float>(D / H));
  a.probs = nullptr;
  a.probs_width = 0;
  return a;
}

const Tensor& IncrementalDecoder::step(const std::vector<int32_t>& tokens) {
  advance(tokens);
  return log_probs(0, rows_);
}

void IncrementalDecoder::advance(const std::vector<int32_t>& tokens) {
  HEED_ASSERT(static_cast<int64_t>(tokens.size()) == rows_, "{} tokens for {} hypotheses", tokens.size(), rows_);
  HEED_ASSERT(steps_ < max_steps_, "decoding past the {} steps the decoder was started for", max_steps_);
  if (steps_ == capacity_) grow_cache();
  const auto& w = params_.weights();
  const int64_t N = rows_, D = config_.d_model;
  const Tensor& x = x_.get({N, D});
  ops::embedding_forward(x, w.embed, tokens, config_.scale_embeddings ? std::sqrt(static_cast<float>(D)) : 1.0f);
  if (steps_ == 0 && config_.zero_start_embedding) x.zero();  // the first input: positions only
  const Tensor& positions = params_.decoder_positions();
  const float* pos = positions.data() + steps_ * D;
  for (int64_t i = 0; i < N; ++i)
    for (int64_t j = 0; j < D; ++j) x.mutable_data()[i * D + j] += pos[j];
  PassContext pass;  // inference: no dropout; the prepared weights; no backward to keep for
  pass.prepared = params_.prepared();
  pass.keep_norm_stats = false;
  for (int l = 0; l < static_cast<int>(layers_.size()); ++l) {
    const DecoderBlock::StepCores cores{
        [&](const Tensor& ctx, const Tensor& qkv) { self_attention_core(ctx, qkv, l); },
        [&](const Tensor& ctx, const Tensor& q) { cross_attention_core(ctx, q, l); }};
    block_.step(x, w.dec[l], pass, cores);
  }
  if (config_.has_final_norm())
    ops::layer_norm_forward(x, x, w.dec_final.gamma, w.dec_final.beta, config_.layer_norm_eps, nullptr);
  ++steps_;
}

const Tensor& IncrementalDecoder::log_probs(int64_t first, int64_t count) {
  HEED_ASSERT(steps_ > 0 && first >= 0 && count >= 0 && first + count <= rows_,
             "log-probabilities of rows {} to {} of {} after {} steps", first, first + count, rows_, steps_);
  const Tensor& logp = logp_.get({count, config_.vocab_size});  // (count, V)
  if (count == 0) return logp;
  ops::linear_forward(logp, x_.tensor().rows(first, first + count), params_.weights().output(),
                      params_.weights().out_b, params_.prepared());
  ops::log_softmax_forward(logp, logp);
  return logp;
}

void IncrementalDecoder::grow_cache() {
  const int64_t bigger = std::min(2 * capacity_, max_steps_);
  for (auto& L : layers_) L.self_kv.grow(bigger, rows_, steps_);
  capacity_ = bigger;
}

void IncrementalDecoder::copy_row(int32_t from, int32_t to) {
  for (auto& L : layers_) L.self_kv.copy_row(from, to, steps_);
  src_len_of_[to] = src_len_of_[from];
  source_of_[to] = source_of_[from];
}

std::vector<int32_t> IncrementalDecoder::select(const std::vector<int32_t>& parents) {
  const auto n = static_cast<int64_t>(parents.size());
  HEED_ASSERT(n <= max_rows_, "{} hypotheses, but the decoder was started for {}", n, max_rows_);
  for (int32_t r : parents) HEED_ASSERT(r >= 0 && r < rows_, "hypothesis {} of {}", r, rows_);
  std::vector<int32_t> row(n, -1);
  std::vector<char> used(std::max(rows_, n), 0);
  std::vector<int64_t> extra;  // children whose parent's row is taken by a sibling
  for (int64_t k = 0; k < n; ++k) {
    if (!used[parents[k]]) {
      used[parents[k]] = 1;
      row[k] = parents[k];
    } else {
      extra.push_back(k);
    }
  }
  // Extra children take rows of ended hypotheses, or fresh rows.
  std::vector<int32_t> free_rows;
  for (int32_t r = rows_ - 1; r >= 0; --r)
    if (!used[r]) free_rows.push_back(r);
  int32_t fresh = static_cast<int32_t>(rows_);
  for (int64_t k : extra) {
    const int32_t p = parents[k];
    int32_t target;
    if (!free_rows.empty()) {
      target = free_rows.back();
      free_rows.pop_back();
    } else {
      target = fresh++;
      if (static_cast<int64_t>(src_len_of_.size()) <= target) {
        src_len_of_.resize(target + 1);
        source_of_.resize(target + 1);
      }
    }
    if (static_cast<int64_t>(used.size()) <= target) used.resize(target + 1, 0);
    used[target] = 1;
    copy_row(p, target);
    row[k] = target;
  }
  // Rows at or past n move into the holes below n, so that rows 0..n-1 are the hypotheses.
  std::vector<int32_t> holes;
  for (int32_t r = 0; r < n; ++r)
    if (!used[r]) holes.push_back(r);
  for (int64_t k = 0; k < n && !holes.empty(); ++k) {
    if (row[k] < n) continue;
    const int32_t hole = holes.back();
    holes.pop_back();
    copy_row(row[k], hole);
    row[k] = hole;
  }
  rows_ = n;
  src_len_of_.resize(n);
  source_of_.resize(n);
  return row;
}

}  // namespace heed::model
