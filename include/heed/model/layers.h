#pragma once
// The layers of the transformer for training: each a forward/backward pair with the same
// arguments, backward in the reverse order of forward, activations kept in reused buffers.
// Shapes: N = B·T rows of width D; attention scores (B, H, Tq, Tk).
#include <functional>

#include "heed/core/buffer.h"
#include "heed/core/random.h"
#include "heed/model/config.h"
#include "heed/model/parameters.h"
#include "heed/ops/activation.h"
#include "heed/ops/layer_norm.h"
#include "heed/ops/softmax.h"

namespace heed::model {

struct AttentionShape {
  int64_t batch = 0, q_len = 0, kv_len = 0, heads = 0, d_model = 0;
};

// Multi-head attention: Q, K, V projections without bias, all heads in one batched product,
// heads concatenated by layout, then out_proj.
class AttentionLayer {
 public:
  // out (B·Tq, D) = attention of q_in (B·Tq, D) over kv_in (B·Tk, D). For self-attention kv_in is
  // q_in and one (3D, D) product makes Q, K and V.
  void forward(const Tensor& out, const Tensor& q_in, const Tensor& kv_in, bool self,
               const AttentionShape& shape, const ops::AttentionMask& mask,
               const AttentionWeights& w, float attention_dropout, Rng& rng);
  // dq_in written; dkv_in accumulated (the encoder output feeds every cross-attention); for
  // self-attention dkv_in is unused. Gradients of the weights accumulate into g.
  void backward(const Tensor& dq_in, const Tensor& dkv_in, const Tensor& dout,
                const AttentionWeights& w, const AttentionWeights& g);
  // Attention weights (B, H, Tq, Tk) of the last forward pass (before dropout).
  const Tensor& probabilities() const { return probs_.tensor(); }

 private:
  AttentionShape shape_;
  bool self_ = true, dropped_ = false;
  Tensor q_in_, kv_in_;
  Buffer proj_, kv_proj_, scores_, probs_, dropped_probs_, drop_mask_, ctx_;
  Buffer dproj_, dkv_proj_, dctx_, dprobs_, dscores_;
};

// fc2(dropout(act(fc1(x)))).
class FeedForwardLayer {
 public:
  void forward(const Tensor& out, const Tensor& in, const LinearWeights& fc1,
               const LinearWeights& fc2, ops::Activation act, float dropout, Rng& rng);
  void backward(const Tensor& din, const Tensor& dout, const LinearWeights& fc1,
                const LinearWeights& fc2, const LinearWeights& g1, const LinearWeights& g2);

 private:
  ops::Activation act_ = ops::Activation::relu;
  bool dropped_ = false;
  Tensor in_;
  Buffer hidden_, activated_, drop_mask_, dhidden_;
};

// One sublayer with its layer norm, dropout and residual connection:
// pre-norm x + dropout(f(LN(x))), post-norm LN(x + dropout(f(x))).
class ResidualBlock {
 public:
  using Forward = std::function<void(const Tensor& y, const Tensor& h)>;     // y = f(h)
  using Backward = std::function<void(const Tensor& dh, const Tensor& dy)>;  // dh = ∂f^T dy

  void forward(const Tensor& x_out, const Tensor& x_in, const NormWeights& norm, float eps,
               NormPlacement placement, float dropout, Rng& rng, const Forward& f);
  // dx_in may alias dx_out.
  void backward(const Tensor& dx_in, const Tensor& dx_out, const NormWeights& norm,
                const NormWeights& g, const Backward& f);

 private:
  NormPlacement placement_ = NormPlacement::pre;
  float eps_ = 1e-5f;
  bool dropped_ = false;
  Tensor x_in_;
  Buffer normed_, y_, sum_, drop_mask_, dy_, dh_, dnorm_;
  ops::LayerNormStats stats_;
};

}  // namespace heed::model
