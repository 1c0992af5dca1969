#pragma once
// Every weight of a model lives in one flat float buffer; the named tensors of docs/model-format.md are
// views into it. So are fused views: q_proj, k_proj and v_proj of a self-attention are adjacent,
// one (3D, D) matrix for one product; k_proj and v_proj of a cross-attention are one (2D, D).
// Gradients use the same layout in a second buffer, so the optimizer, gradient clipping and an
// allreduce each work on one array.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "heed/core/random.h"
#include "heed/core/tensor.h"
#include "heed/model/config.h"
#include "heed/ops/prepared_matrix.h"

namespace heed::model {

struct LinearWeights {
  Tensor w;  // (out, in)
  Tensor b;  // (out), or undefined
};

struct NormWeights {
  Tensor gamma, beta;  // (D)
};

struct AttentionWeights {
  Tensor q, k, v;     // (D, D) each, adjacent
  Tensor qkv;         // (3D, D): q, k, v stacked
  Tensor kv;          // (2D, D): k, v stacked
  // With attention_bias, their biases, likewise adjacent: q_b (D), qkv_b (3D), kv_b (2D);
  // undefined otherwise.
  Tensor q_b, qkv_b, kv_b;
  LinearWeights out;  // (D, D), (D)
};

struct EncoderLayerWeights {
  AttentionWeights self_attn;
  NormWeights self_attn_norm;
  LinearWeights fc1, fc2;  // (F, D), (F); (D, F), (D)
  NormWeights ffn_norm;
};

struct DecoderLayerWeights {
  AttentionWeights self_attn, cross_attn;
  NormWeights self_attn_norm, cross_attn_norm;
  LinearWeights fc1, fc2;
  NormWeights ffn_norm;
};

struct TransformerWeights {
  Tensor embed;             // (V, D): the target side's, and the source's when shared
  Tensor src_embed;         // (Vs, D), only when embeddings are not shared
  Tensor out;               // (V, D), only when embeddings are not tied
  Tensor out_b;             // (V), only with output_bias
  Tensor enc_pos, dec_pos;  // (max_positions, D), only for learned positions
  std::vector<EncoderLayerWeights> enc;
  std::vector<DecoderLayerWeights> dec;
  NormWeights enc_final, dec_final;  // only for pre-norm

  const Tensor& output() const { return out.defined() ? out : embed; }
  const Tensor& source_embed() const { return src_embed.defined() ? src_embed : embed; }
};

class Parameters {
 public:
  explicit Parameters(const ModelConfig& config);  // zeros

  const ModelConfig& config() const { return config_; }
  const Tensor& flat() const { return flat_; }
  const std::vector<std::pair<std::string, Tensor>>& named() const { return named_; }
  const TransformerWeights& weights() const { return weights_; }
  const Tensor* find(const std::string& name) const;
  int64_t count() const { return count_; }  // parameters, without alignment padding
  // The position table (max_positions, D) each side adds to its embeddings: the learned weights,
  // or the sinusoid table, built once here for every layer and decoder that reads the model.
  const Tensor& encoder_positions() const;
  const Tensor& decoder_positions() const;

  // Embeddings N(0, D^-1/2); linear weights Xavier-uniform; biases 0; norms 1 and 0; learned
  // positions N(0, D^-1/2).
  void initialize(Rng& rng);

  // Readies every linear weight (the output layer's too) for inference products in `type`: the
  // inference passes (Transformer::encode, Transformer::forward without dropout,
  // IncrementalDecoder) then run through them. For weights that no longer change: a loaded model.
  void prepare(ops::ComputeType type);
  // Gives the memory of the prepared weights' fp32 copies back to the system (whole pages inside
  // them), for a model that only translates or scores: no inference pass reads them, and their
  // views read zeros afterwards. The tied output layer stays: it is the embedding table too.
  void release_prepared_floats();
  // The prepared weights, or null (fp32 products straight from the weights, as in training).
  const ops::PreparedWeights* prepared() const { return prepared_.get(); }

 private:
  ModelConfig config_;
  Tensor flat_;
  std::vector<std::pair<std::string, Tensor>> named_;
  TransformerWeights weights_;
  Tensor sinusoids_;  // (max_positions, D), for sinusoidal positions
  std::shared_ptr<const ops::PreparedWeights> prepared_;
  // The weights inference multiplies by: every linear weight and the output layer.
  std::vector<const Tensor*> inference_matrices() const;
  int64_t count_ = 0;
};

// The model's sinusoidal position table (max_positions, D), as the spec defines it.
Tensor sinusoidal_positions(int64_t max_positions, int64_t d_model);

}  // namespace heed::model
