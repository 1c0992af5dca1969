#pragma once
// The encoder-decoder transformer of MODEL_SPEC.md for training and forced decoding: one forward
// pass computes the label-smoothed loss and keeps what the backward pass needs; backward
// accumulates every parameter's gradient into a Parameters of the same layout.
#include <memory>
#include <vector>

#include "heed/core/buffer.h"
#include "heed/core/random.h"
#include "heed/model/batch.h"
#include "heed/model/layers.h"
#include "heed/model/parameters.h"
#include "heed/ops/cross_entropy.h"

namespace heed::model {

struct ForwardOptions {
  float dropout = 0.0f;            // embeddings, sublayer outputs, FFN activation
  float attention_dropout = 0.0f;  // attention weights
  float label_smoothing = 0.0f;
};

class Transformer {
 public:
  explicit Transformer(const Parameters& params);
  ~Transformer();

  // Loss sums over the batch's target tokens; activations are kept for backward().
  ops::CrossEntropySums forward(const Batch& batch, const ForwardOptions& options, Rng& rng);
  // The encoder alone: its output (B·S, D), valid until the next call. Without `for_training`
  // no activations are kept: every layer runs in the first layer's buffers (inference).
  Tensor encode(const Batch& batch, const ForwardOptions& options, Rng& rng, bool for_training = true);
  // Adds scale · ∂loss/∂θ to grads (same configuration as the parameters).
  void backward(const Parameters& grads, float scale);

  // After forward: log-probabilities (B·T, V) of the target positions.
  const Tensor& log_probs() const { return logits_.tensor(); }
  // Σ over each sentence's target pieces + eos of log p, in double.
  std::vector<double> sentence_scores(const Batch& batch) const;
  // Cross-attention weights (B, H, T, S) of decoder layer `layer` in the last forward pass.
  const Tensor& cross_attention(int layer) const;

 private:
  struct EncoderLayer;
  struct DecoderLayer;
  void embed(const Tensor& x, const std::vector<int32_t>& ids, int64_t batch, int64_t len,
             const Tensor& positions, float dropout, Rng& rng, Buffer& mask, bool& dropped);
  void embed_backward(const Tensor& dx, const std::vector<int32_t>& ids, int64_t batch,
                      int64_t len, const Tensor& dpositions, const Parameters& grads,
                      const Buffer& mask, bool dropped);

  const Parameters& params_;
  const ModelConfig& config_;
  Tensor sinusoids_;  // (max_positions, D) when positions are sinusoidal
  std::vector<std::unique_ptr<EncoderLayer>> enc_;
  std::vector<std::unique_ptr<DecoderLayer>> dec_;
  Batch batch_;  // of the last forward pass (a copy: the caller's may be gone by backward)
  bool has_batch_ = false;
  ForwardOptions options_;
  ops::CrossEntropyOptions ce_;

  // Residual streams: enc_stream_[i] is the input of encoder sublayer i (2 per layer), the last
  // one the stack's output; likewise for the decoder (3 per layer).
  std::vector<Buffer> enc_stream_, dec_stream_;
  Buffer enc_out_, dec_out_;  // after the final norm (pre-norm) or the last stream
  ops::LayerNormStats enc_final_stats_, dec_final_stats_;
  Buffer enc_mask_, dec_mask_;
  bool enc_dropped_ = false, dec_dropped_ = false;
  Buffer logits_;  // log-probabilities after forward
  Buffer dlogits_, d_dec_, d_enc_, d_memory_, scratch_;
};

}  // namespace heed::model
