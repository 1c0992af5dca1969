#include "heed/model/transformer.h"

#include <cmath>

#include "heed/core/error.h"
#include "heed/ops/add.h"
#include "heed/ops/dropout.h"
#include "heed/ops/embedding.h"
#include "heed/ops/linear.h"
#include "heed/ops/softmax.h"
#include "heed/model/special_ids.h"

namespace heed::model {

struct Transformer::EncoderLayer {
  ResidualBlock attention_block, ffn_block;
  AttentionLayer attention;
  FeedForwardLayer ffn;
};

struct Transformer::DecoderLayer {
  ResidualBlock self_block, cross_block, ffn_block;
  AttentionLayer self_attention, cross_attention;
  FeedForwardLayer ffn;
};

Transformer::Transformer(const Parameters& params) : params_(params), config_(params.config()) {
  if (config_.positions == Positions::sinusoidal)
    sinusoids_ = sinusoidal_positions(config_.max_positions, config_.d_model);
  for (int64_t i = 0; i < config_.encoder_layers; ++i) enc_.push_back(std::make_unique<EncoderLayer>());
  for (int64_t i = 0; i < config_.decoder_layers; ++i) dec_.push_back(std::make_unique<DecoderLayer>());
  enc_stream_.resize(2 * config_.encoder_layers + 1);
  dec_stream_.resize(3 * config_.decoder_layers + 1);
}

Transformer::~Transformer() = default;

void Transformer::embed(const Tensor& x, const std::vector<int32_t>& ids, int64_t batch,
                        int64_t len, const Tensor& positions, float dropout, Rng& rng, Buffer& mask,
                        bool& dropped) {
  const int64_t D = config_.d_model;
  HEED_CHECK(len <= config_.max_positions, "a sequence of {} pieces is longer than the model's {} positions",
             len, config_.max_positions);
  ops::embedding_forward(x, params_.weights().embed, ids, std::sqrt(static_cast<float>(D)));
  float* out = x.data();
  const float* pos = positions.data();
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t t = 0; t < len; ++t)
      for (int64_t j = 0; j < D; ++j) out[(b * len + t) * D + j] += pos[t * D + j];
  dropped = dropout > 0;
  if (dropped) ops::dropout_forward(x, mask.get(x.shape()), x, dropout, rng);
}

void Transformer::embed_backward(const Tensor& dx, const std::vector<int32_t>& ids, int64_t batch,
                                 int64_t len, const Tensor& dpositions, const Parameters& grads,
                                 const Buffer& mask, bool dropped) {
  const int64_t D = config_.d_model;
  if (dropped) ops::dropout_backward(dx, dx, mask.tensor());
  ops::embedding_backward(grads.weights().embed, dx, ids, std::sqrt(static_cast<float>(D)));
  if (!dpositions.defined()) return;
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t t = 0; t < len; ++t)
      for (int64_t j = 0; j < D; ++j) dpositions.data()[t * D + j] += dx.data()[(b * len + t) * D + j];
}

Tensor Transformer::encode(const Batch& batch, const ForwardOptions& options, Rng& rng, bool for_training) {
  const auto& w = params_.weights();
  const auto& c = config_;
  const int64_t B = batch.size, S = batch.src_len, D = c.d_model;
  const float eps = c.layer_norm_eps, p = options.dropout, pa = options.attention_dropout;
  const auto act = c.activation == "relu" ? ops::Activation::relu : ops::Activation::gelu;

  const Tensor& x0 = enc_stream_[0].get({B * S, D});
  embed(x0, batch.src, B, S, c.positions == Positions::learned ? w.enc_pos : sinusoids_, p, rng,
        enc_mask_, enc_dropped_);
  ops::AttentionMask src_mask;
  src_mask.key_lengths = &batch.src_lengths;
  const AttentionShape enc_shape{B, S, S, c.heads, D};
  // Training keeps every layer's stream and activations for backward; inference runs every
  // layer in layer 0's objects, with the stream alternating between two buffers.
  Tensor top = x0;
  for (int64_t i = 0; i < c.encoder_layers; ++i) {
    auto& L = *enc_[for_training ? i : 0];
    const auto& lw = w.enc[i];
    const Tensor in = top;
    const Tensor& mid = enc_stream_[for_training ? 2 * i + 1 : 1].get({B * S, D});
    const Tensor& out = enc_stream_[for_training ? 2 * i + 2 : (i % 2 == 0 ? 2 : 0)].get({B * S, D});
    L.attention_block.forward(mid, in, lw.self_attn_norm, eps, c.norm, p, rng,
                              [&](const Tensor& y, const Tensor& h) {
                                L.attention.forward(y, h, h, true, enc_shape, src_mask, lw.self_attn, pa, rng);
                              });
    L.ffn_block.forward(out, mid, lw.ffn_norm, eps, c.norm, p, rng,
                        [&](const Tensor& y, const Tensor& h) {
                          L.ffn.forward(y, h, lw.fc1, lw.fc2, act, p, rng);
                        });
    top = out;
  }
  if (c.norm == NormPlacement::post) return top;
  const Tensor& memory = enc_out_.get({B * S, D});
  ops::layer_norm_forward(memory, top, w.enc_final.gamma, w.enc_final.beta, eps, &enc_final_stats_);
  return memory;
}

ops::CrossEntropySums Transformer::forward(const Batch& batch, const ForwardOptions& options, Rng& rng) {
  batch_ = batch;
  has_batch_ = true;
  options_ = options;
  const auto& w = params_.weights();
  const auto& c = config_;
  const int64_t B = batch.size, S = batch.src_len, T = batch.tgt_len, D = c.d_model;
  const float eps = c.layer_norm_eps, p = options.dropout, pa = options.attention_dropout;
  const auto act = c.activation == "relu" ? ops::Activation::relu : ops::Activation::gelu;
  const bool pre = c.norm == NormPlacement::pre;
  const Tensor memory = encode(batch, options, rng);
  ops::AttentionMask src_mask;
  src_mask.key_lengths = &batch.src_lengths;

  // Decoder.
  const Tensor& y0 = dec_stream_[0].get({B * T, D});
  embed(y0, batch.tgt_in, B, T, c.positions == Positions::learned ? w.dec_pos : sinusoids_, p, rng,
        dec_mask_, dec_dropped_);
  ops::AttentionMask causal;
  causal.causal = true;
  const AttentionShape self_shape{B, T, T, c.heads, D}, cross_shape{B, T, S, c.heads, D};
  for (int64_t i = 0; i < c.decoder_layers; ++i) {
    auto& L = *dec_[i];
    const auto& lw = w.dec[i];
    const Tensor& in = dec_stream_[3 * i].tensor();
    const Tensor& a = dec_stream_[3 * i + 1].get({B * T, D});
    const Tensor& b = dec_stream_[3 * i + 2].get({B * T, D});
    const Tensor& out = dec_stream_[3 * i + 3].get({B * T, D});
    L.self_block.forward(a, in, lw.self_attn_norm, eps, c.norm, p, rng,
                         [&](const Tensor& y, const Tensor& h) {
                           L.self_attention.forward(y, h, h, true, self_shape, causal, lw.self_attn, pa, rng);
                         });
    L.cross_block.forward(b, a, lw.cross_attn_norm, eps, c.norm, p, rng,
                          [&](const Tensor& y, const Tensor& h) {
                            L.cross_attention.forward(y, h, memory, false, cross_shape, src_mask,
                                                      lw.cross_attn, pa, rng);
                          });
    L.ffn_block.forward(out, b, lw.ffn_norm, eps, c.norm, p, rng,
                        [&](const Tensor& y, const Tensor& h) {
                          L.ffn.forward(y, h, lw.fc1, lw.fc2, act, p, rng);
                        });
  }
  Tensor top = dec_stream_.back().tensor();
  if (pre) {
    top = dec_out_.get({B * T, D});
    ops::layer_norm_forward(top, dec_stream_.back().tensor(), w.dec_final.gamma, w.dec_final.beta,
                            eps, &dec_final_stats_);
  }

  // Output layer: logits = top · E^T, then log-softmax in place.
  const Tensor& logp = logits_.get({B * T, c.vocab_size});
  ops::matmul_nt(logp, top, w.output());
  ops::log_softmax_forward(logp, logp);
  ce_.label_smoothing = options.label_smoothing;
  ce_.ignore_id = kPadId;
  return ops::cross_entropy_forward(logp, batch.tgt_out, ce_);
}

void Transformer::backward(const Parameters& grads, float scale) {
  HEED_CHECK(has_batch_, "backward before forward");
  const Batch& batch = batch_;
  const auto& w = params_.weights();
  const auto& g = grads.weights();
  const auto& c = config_;
  const int64_t B = batch.size, S = batch.src_len, T = batch.tgt_len, D = c.d_model;
  const bool pre = c.norm == NormPlacement::pre;

  // Output layer.
  const Tensor& logp = logits_.tensor();
  const Tensor& dlogits = dlogits_.get(logp.shape());
  ops::softmax_cross_entropy_backward(dlogits, logp, batch.tgt_out, ce_, scale);
  const Tensor top = pre ? dec_out_.tensor() : dec_stream_.back().tensor();
  const Tensor& dy = d_dec_.get({B * T, D});
  ops::linear_backward(dy, g.output(), Tensor(), dlogits, top, w.output());
  if (pre) {
    const Tensor& tmp = scratch_.get({B * T, D});
    ops::layer_norm_backward(tmp, g.dec_final.gamma, g.dec_final.beta, dy, dec_stream_.back().tensor(),
                             w.dec_final.gamma, dec_final_stats_, c.layer_norm_eps);
    dy.copy_from(tmp);
  }

  // Decoder, last layer first; the gradient of the encoder output accumulates in d_memory.
  const Tensor& d_memory = d_memory_.get({B * S, D});
  d_memory.zero();
  for (int64_t i = c.decoder_layers - 1; i >= 0; --i) {
    auto& L = *dec_[i];
    const auto& lw = w.dec[i];
    const auto& lg = g.dec[i];
    L.ffn_block.backward(dy, dy, lw.ffn_norm, lg.ffn_norm, [&](const Tensor& dh, const Tensor& dout) {
      L.ffn.backward(dh, dout, lw.fc1, lw.fc2, lg.fc1, lg.fc2);
    });
    L.cross_block.backward(dy, dy, lw.cross_attn_norm, lg.cross_attn_norm,
                           [&](const Tensor& dh, const Tensor& dout) {
                             L.cross_attention.backward(dh, d_memory, dout, lw.cross_attn, lg.cross_attn);
                           });
    L.self_block.backward(dy, dy, lw.self_attn_norm, lg.self_attn_norm,
                          [&](const Tensor& dh, const Tensor& dout) {
                            L.self_attention.backward(dh, Tensor(), dout, lw.self_attn, lg.self_attn);
                          });
  }
  embed_backward(dy, batch.tgt_in, B, T, c.positions == Positions::learned ? g.dec_pos : Tensor(),
                 grads, dec_mask_, dec_dropped_);

  // Encoder.
  const Tensor& dx = d_enc_.get({B * S, D});
  if (pre) {
    ops::layer_norm_backward(dx, g.enc_final.gamma, g.enc_final.beta, d_memory,
                             enc_stream_.back().tensor(), w.enc_final.gamma, enc_final_stats_,
                             c.layer_norm_eps);
  } else {
    dx.copy_from(d_memory);
  }
  for (int64_t i = c.encoder_layers - 1; i >= 0; --i) {
    auto& L = *enc_[i];
    const auto& lw = w.enc[i];
    const auto& lg = g.enc[i];
    L.ffn_block.backward(dx, dx, lw.ffn_norm, lg.ffn_norm, [&](const Tensor& dh, const Tensor& dout) {
      L.ffn.backward(dh, dout, lw.fc1, lw.fc2, lg.fc1, lg.fc2);
    });
    L.attention_block.backward(dx, dx, lw.self_attn_norm, lg.self_attn_norm,
                               [&](const Tensor& dh, const Tensor& dout) {
                                 L.attention.backward(dh, Tensor(), dout, lw.self_attn, lg.self_attn);
                               });
  }
  embed_backward(dx, batch.src, B, S, c.positions == Positions::learned ? g.enc_pos : Tensor(),
                 grads, enc_mask_, enc_dropped_);
}

std::vector<double> Transformer::sentence_scores(const Batch& batch) const {
  const Tensor& logp = logits_.tensor();
  const int64_t V = config_.vocab_size, T = batch.tgt_len;
  std::vector<double> scores(batch.size, 0.0);
  for (int64_t b = 0; b < batch.size; ++b)
    for (int64_t t = 0; t < T; ++t) {
      const int32_t id = batch.tgt_out[b * T + t];
      if (id != kPadId) scores[b] += logp.data()[(b * T + t) * V + id];
    }
  return scores;
}

const Tensor& Transformer::cross_attention(int layer) const {
  return dec_.at(layer)->cross_attention.probabilities();
}

}  // namespace heed::model
