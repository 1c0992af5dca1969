#include "heed/model/transformer.h"

#include <cmath>

#include "heed/core/error.h"
#include "heed/ops/add.h"
#include "heed/ops/compute_type.h"
#include "heed/ops/linear.h"
#include "heed/ops/matmul.h"
#include "heed/ops/prepared_matrix.h"
#include "heed/ops/softmax.h"

namespace heed::model {

Transformer::Transformer(const Parameters& params)
    : params_(params), config_(params.config()), enc_embed_(config_, EmbeddingSide::source), dec_embed_(config_, EmbeddingSide::target) {
  for (int64_t i = 0; i < config_.encoder_layers; ++i) enc_.push_back(std::make_unique<EncoderBlock>(config_));
  for (int64_t i = 0; i < config_.decoder_layers; ++i) dec_.push_back(std::make_unique<DecoderBlock>(config_));
  enc_stream_.resize(2 * config_.encoder_layers + 1);
  dec_stream_.resize(3 * config_.decoder_layers + 1);
}

Transformer::~Transformer() = default;

Tensor Transformer::encode(const Batch& batch) { return encode_pass(batch, inference(), /*keep=*/false); }

PassContext Transformer::inference() const {
  PassContext pass;
  pass.prepared = params_.prepared();
  return pass;
}

Tensor Transformer::encode_pass(const Batch& batch, const PassContext& pass, bool keep) {
  const auto& w = params_.weights();
  const auto& c = config_;
  const int64_t B = batch.size, S = batch.src_len, D = c.d_model;

  const Tensor& x0 = enc_stream_[0].get({B * S, D});
  enc_embed_.forward(x0, batch.src, B, S, w.source_embed(), params_.encoder_positions(), pass);
  ops::AttentionMask src_mask;
  src_mask.key_lengths = &batch.src_lengths;
  // Training keeps every layer's stream and activations for backward; inference runs every
  // layer in layer 0's objects, with the stream alternating between two buffers.
  Tensor top = x0;
  for (int64_t i = 0; i < c.encoder_layers; ++i) {
    const Tensor in = top;
    const Tensor& mid = enc_stream_[keep ? 2 * i + 1 : 1].get({B * S, D});
    const Tensor& out = enc_stream_[keep ? 2 * i + 2 : (i % 2 == 0 ? 2 : 0)].get({B * S, D});
    enc_[keep ? i : 0]->forward(out, mid, in, B, S, src_mask, w.enc[i], pass);
    top = out;
  }
  if (!c.has_final_norm()) return top;
  const Tensor& memory = enc_out_.get({B * S, D});
  ops::layer_norm_forward(memory, top, w.enc_final.gamma, w.enc_final.beta, c.layer_norm_eps, &enc_final_stats_);
  return memory;
}

Tensor Transformer::decode_pass(const Batch& batch, const Tensor& memory, const PassContext& pass) {
  const auto& w = params_.weights();
  const auto& c = config_;
  const int64_t B = batch.size, S = batch.src_len, T = batch.tgt_len, D = c.d_model;
  ops::AttentionMask src_mask;
  src_mask.key_lengths = &batch.src_lengths;
  ops::AttentionMask causal;
  causal.causal = true;
  memory_bf16_.round(memory, pass.products);

  const Tensor& y0 = dec_stream_[0].get({B * T, D});
  dec_embed_.forward(y0, batch.tgt_in, B, T, w.embed, params_.decoder_positions(), pass);
  const DecoderBlock::Context context{B, T, S, memory, causal, src_mask, &memory_bf16_};
  for (int64_t i = 0; i < c.decoder_layers; ++i) {
    const DecoderBlock::Streams streams{dec_stream_[3 * i].tensor(), dec_stream_[3 * i + 1].get({B * T, D}),
                                        dec_stream_[3 * i + 2].get({B * T, D}), dec_stream_[3 * i + 3].get({B * T, D})};
    dec_[i]->forward(streams, context, w.dec[i], pass);
  }
  if (!c.has_final_norm()) return dec_stream_.back().tensor();
  const Tensor& top = dec_out_.get({B * T, D});
  ops::layer_norm_forward(top, dec_stream_.back().tensor(), w.dec_final.gamma, w.dec_final.beta,
                          c.layer_norm_eps, &dec_final_stats_);
  return top;
}

ops::CrossEntropySums Transformer::forward(const Batch& batch, const ForwardOptions& options, Rng& rng) {
  const PassContext pass{options.dropout, options.attention_dropout, &rng, nullptr,
                         ops::product_context(options.products)};
  return forward_pass(batch, pass, options.label_smoothing);
}

ops::CrossEntropySums Transformer::forward(const Batch& batch) { return forward_pass(batch, inference(), 0.0f); }

ops::CrossEntropySums Transformer::forward_pass(const Batch& batch, PassContext pass, float label_smoothing) {
  batch_ = batch;
  has_batch_ = true;
  const Tensor& flat = params_.flat();
  weights_bf16_.round(flat, pass.products);
  if (weights_bf16_.held()) {  // every product over a weight reads this copy, forward and backward
    pass.products.weights = flat.data();
    pass.products.n = flat.numel();
    pass.products.weights_bf16 = weights_bf16_.data();
  }
  products_ = pass.products;
  const Tensor memory = encode_pass(batch, pass, /*keep=*/true);
  const Tensor top = decode_pass(batch, memory, pass);
  // Output layer: logits = top · E^T, then log-softmax in place.
  const Tensor& logp = logits_.get({batch.size * batch.tgt_len, config_.vocab_size});
  top_bf16_.round(top, pass.products);
  const Tensor& embed = params_.weights().output();
  if (pass.prepared) ops::linear_forward(logp, top, embed, params_.weights().out_b, pass.prepared);
  else ops::linear_forward(logp, top_bf16_.operand<2>(top), embed, params_.weights().out_b, pass.products);
  ops::log_softmax_forward(logp, logp);
  ce_.label_smoothing = label_smoothing;
  ce_.ignore_id = config_.ids.target_pad;
  return ops::cross_entropy_forward(logp, batch.tgt_out, ce_);
}

void Transformer::backward(const Parameters& grads, float scale) {
  HEED_ASSERT(has_batch_, "backward before forward");
  const Batch& batch = batch_;
  const auto& w = params_.weights();
  const auto& g = grads.weights();
  const auto& c = config_;
  const int64_t B = batch.size, S = batch.src_len, T = batch.tgt_len, D = c.d_model;
  const bool pre = c.has_final_norm();  // the stacks end with a norm
  const bool rounded_weights = weights_bf16_.held();

  // Output layer. The gradient of the logits replaces the log-probabilities in place: the (B·T, V)
  // buffer is training's largest.
  const Tensor& dlogits = logits_.tensor();
  if (!rounded_weights) dlogits_bf16_.clear();
  uint16_t* dlogits_rounded = rounded_weights ? dlogits_bf16_.room_for(dlogits) : nullptr;
  ops::softmax_cross_entropy_backward(dlogits, dlogits, batch.tgt_out, ce_, scale, dlogits_rounded);
  const Tensor top = pre ? dec_out_.tensor() : dec_stream_.back().tensor();
  const Tensor& dy = d_dec_.get({B * T, D});
  ops::linear_backward(dy, g.output(), g.out_b, dlogits_bf16_.operand<2>(dlogits), top_bf16_.operand<2>(top),
                       w.output(), {}, products_);
  if (pre) {
    const Tensor& tmp = scratch_.get({B * T, D});
    ops::layer_norm_backward(tmp, g.dec_final.gamma, g.dec_final.beta, dy, dec_stream_.back().tensor(),
                             w.dec_final.gamma, dec_final_stats_, c.layer_norm_eps);
    dy.copy_from(tmp);
  }
  const Tensor& d_memory = d_memory_.get({B * S, D});
  decoder_backward(grads, dy, d_memory);

  const Tensor& dx = d_enc_.get({B * S, D});
  if (pre) {
    ops::layer_norm_backward(dx, g.enc_final.gamma, g.enc_final.beta, d_memory,
                             enc_stream_.back().tensor(), w.enc_final.gamma, enc_final_stats_,
                             c.layer_norm_eps);
  } else {
    dx.copy_from(d_memory);
  }
  encoder_backward(grads, dx);
}

// Last layer first; the gradient of the encoder output accumulates in d_memory.
void Transformer::decoder_backward(const Parameters& grads, const Tensor& dy, const Tensor& d_memory) {
  const auto& w = params_.weights();
  const auto& g = grads.weights();
  d_memory.zero();
  for (int64_t i = config_.decoder_layers - 1; i >= 0; --i) dec_[i]->backward(dy, d_memory, w.dec[i], g.dec[i]);
  const bool learned = config_.positions == Positions::learned;
  dec_embed_.backward(dy, batch_.tgt_in, batch_.size, batch_.tgt_len, g.embed, learned ? g.dec_pos : Tensor());
}

void Transformer::encoder_backward(const Parameters& grads, const Tensor& dx) {
  const auto& w = params_.weights();
  const auto& g = grads.weights();
  for (int64_t i = config_.encoder_layers - 1; i >= 0; --i) enc_[i]->backward(dx, w.enc[i], g.enc[i]);
  const bool learned = config_.positions == Positions::learned;
  enc_embed_.backward(dx, batch_.src, batch_.size, batch_.src_len, g.source_embed(), learned ? g.enc_pos : Tensor());
}

std::vector<double> Transformer::sentence_scores(const Batch& batch) const {
  const Tensor& logp = logits_.tensor();
  const int64_t V = config_.vocab_size, T = batch.tgt_len;
  std::vector<double> scores(batch.size, 0.0);
  // Each sentence's pieces and eos, by its length: an imported model's pad may be any id.
  for (int64_t b = 0; b < batch.size; ++b)
    for (int64_t t = 0; t < batch.tgt_lengths[b]; ++t) {
      const int32_t id = batch.tgt_out[b * T + t];
      scores[b] += logp.data()[(b * T + t) * V + id];
    }
  return scores;
}

}  // namespace heed::model
