#pragma once
// The encoder-decoder transformer of docs/model-format.md for training and forced decoding: one forward
// pass computes the label-smoothed loss and keeps what the backward pass needs; backward
// accumulates every parameter's gradient into a Parameters of the same layout.
#include <memory>
#include <vector>

#include "heed/core/buffer.h"
#include "heed/core/random.h"
#include "heed/model/batch.h"
#include "heed/model/blocks.h"
#include "heed/model/layers.h"
#include "heed/model/parameters.h"
#include "heed/ops/cross_entropy.h"
#include "heed/ops/matmul.h"

namespace heed::model {

struct ForwardOptions {
  float dropout = 0.0f;            // embeddings, sublayer outputs, FFN activation
  float attention_dropout = 0.0f;  // attention weights
  float label_smoothing = 0.0f;
  // The type of the products, f32 or bf16 (mixed precision: every product's operands rounded to
  // bfloat16, everything else fp32); bf16 on a CPU without it is an Error naming the ISA.
  ops::ComputeType products = ops::ComputeType::f32;
};

class Transformer {
 public:
  explicit Transformer(const Parameters& params);
  ~Transformer();

  // Loss sums over the batch's target tokens; activations are kept for backward(). `rng` draws
  // the dropout masks. Under bf16 products (options.products) the weights are rounded once
  // here, and backward() runs in the same products and uses that copy: change no weight between
  // a forward pass and its backward.
  ops::CrossEntropySums forward(const Batch& batch, const ForwardOptions& options, Rng& rng);
  // The same without dropout or label smoothing (forced decoding, scoring).
  ops::CrossEntropySums forward(const Batch& batch);
  // The encoder alone, for inference: its output (B·S, D), valid until the next call. No
  // activations are kept: every layer runs in the first layer's buffers.
  Tensor encode(const Batch& batch);
  // Adds scale · ∂loss/∂θ to grads (same configuration as the parameters).
  void backward(const Parameters& grads, float scale);

  // After forward, until backward: log-probabilities (B·T, V) of the target positions.
  const Tensor& log_probs() const { return logits_.tensor(); }
  // Σ over each sentence's target pieces + eos of log p, in double.
  std::vector<double> sentence_scores(const Batch& batch) const;

 private:
  // An inference pass: no dropout, the parameters' prepared weights if they have them.
  PassContext inference() const;
  // The encoder stack; `keep` keeps every layer's activations for backward.
  Tensor encode_pass(const Batch& batch, const PassContext& pass, bool keep);
  ops::CrossEntropySums forward_pass(const Batch& batch, PassContext pass, float label_smoothing);
  // The decoder stack over memory (B·S, D); returns its top (B·T, D) before the output layer.
  Tensor decode_pass(const Batch& batch, const Tensor& memory, const PassContext& pass);
  void decoder_backward(const Parameters& grads, const Tensor& dy, const Tensor& d_memory);
  void encoder_backward(const Parameters& grads, const Tensor& dx);

  const Parameters& params_;
  const ModelConfig& config_;
  EmbeddingLayer enc_embed_, dec_embed_;
  std::vector<std::unique_ptr<EncoderBlock>> enc_;
  std::vector<std::unique_ptr<DecoderBlock>> dec_;
  Batch batch_;  // of the last forward pass (a copy: the caller's may be gone by backward)
  bool has_batch_ = false;
  ops::CrossEntropyOptions ce_;

  // Residual streams: enc_stream_[i] is the input of encoder sublayer i (2 per layer), the last
  // one the stack's output; likewise for the decoder (3 per layer).
  // Shapes: enc_stream_ (B·S, D) each, dec_stream_ (B·T, D) each.
  std::vector<Buffer> enc_stream_, dec_stream_;
  Buffer enc_out_;  // (B·S, D) after the final norm (pre-norm)
  Buffer dec_out_;  // (B·T, D) after the final norm (pre-norm)
  ops::LayerNormStats enc_final_stats_, dec_final_stats_;
  Buffer logits_;    // (B·T, V) log-probabilities after forward; backward makes them their gradient
  Buffer d_dec_;     // (B·T, D) gradient of the decoder stream
  Buffer d_enc_;     // (B·S, D) gradient of the encoder stream
  Buffer d_memory_;  // (B·S, D) gradient of the encoder output, summed over cross-attentions
  Buffer scratch_;   // (B·T, D)
  // Under bf16 products, rounded by the last forward pass for its products and backward's: the
  // weights (flat layout), the encoder output (read by every cross-attention) and the decoder's
  // top (the output layer's input). Empty under f32.
  ops::RoundedCopy weights_bf16_, memory_bf16_, top_bf16_;
  ops::RoundedCopy dlogits_bf16_;  // backward's (B·T, V) gradient of the logits, rounded
  ops::ProductContext products_;    // of the last forward pass, for backward's products
};

}  // namespace heed::model
