#pragma once
// The layers of the transformer: each a forward/backward pair with the same arguments, backward in
// the reverse order of forward, activations kept in reused buffers; step-by-step decoding runs the
// same forwards (and AttentionLayer::step) through model/blocks.h. A layer takes its
// configuration once, when it is made, and each pass a PassContext.
// Shapes: N = B·T rows of width D; attention scores (B, H, Tq, Tk).
#include <cmath>
#include <functional>
#include <vector>

#include "heed/core/buffer.h"
#include "heed/core/random.h"
#include "heed/model/config.h"
#include "heed/model/parameters.h"
#include "heed/ops/activation.h"
#include "heed/ops/batched_matmul.h"
#include "heed/ops/dropout.h"
#include "heed/ops/layer_norm.h"
#include "heed/ops/matmul.h"
#include "heed/ops/softmax.h"

namespace heed::model {

// What a forward pass needs besides its inputs: the dropout rates, the generator of the masks
// when a rate is positive, for inference the weights prepared in a compute type, and for training
// the type of the products (bf16 with the weights' copy, or f32). The default: no dropout, no
// generator, fp32 products from the weights. A layer's backward runs in its forward's products.
struct PassContext {
  float dropout = 0.0f;            // embeddings, sublayer outputs, FFN activations
  float attention_dropout = 0.0f;  // attention weights
  Rng* rng = nullptr;
  const ops::PreparedWeights* prepared = nullptr;
  ops::ProductContext products;
  // Whether the layer norms keep their row statistics (for a backward pass), on oneDNN's training
  // primitive. Step decoding never has a backward pass and normalizes with the row kernel
  // (layer_norm.h); the two differ in the last bits, and translations are kept as they were.
  bool keep_norm_stats = true;
};

enum class AttentionKind { self, cross };

// The queries and keys of one attention pass. For self-attention `keys` is `queries` and one
// (3D, D) product makes Q, K and V; for cross-attention `keys` is the encoder output.
struct AttentionInput {
  const Tensor& queries;  // (B·Tq, D)
  const Tensor& keys;     // (B·Tk, D)
  int64_t batch = 0, q_len = 0, kv_len = 0;
  const ops::AttentionMask& mask;
  // Cross-attention under bf16 products: the keys rounded once by the caller (the encoder output
  // feeds every decoder layer), kept until backward. Null: the layer rounds them itself.
  const ops::RoundedCopy* keys_copy = nullptr;
};

// Buffers that live only within one forward or one backward call are not kept per layer: layers
// run one at a time, so one set per layer class and thread serves them all (in `small`, 12 FFN
// layers hold one (N, F) gradient instead of 12). A layer's Scratch is reached through
// layer_scratch<Layer::Scratch>(); nothing in it survives from a layer's forward to its backward.
template <class Scratch>
Scratch& layer_scratch() {
  thread_local Scratch s;
  return s;
}

// Multi-head attention: Q, K, V projections (without bias in heed's own models), all heads in one batched product,
// heads concatenated by layout, then out_proj.
class AttentionLayer {
 public:
  AttentionLayer(AttentionKind kind, const ModelConfig& config);
  // out (B·Tq, D) = attention of the queries over the keys.
  void forward(const Tensor& out, const AttentionInput& in, const AttentionWeights& w,
               const PassContext& ctx);
  // dqueries written; dkeys accumulated (the encoder output feeds every cross-attention; unused
  // for self-attention). `queries` as in forward (the caller's may have been recomputed; the
  // cross-attention keys are kept). Gradients of the weights accumulate into g.
  void backward(const Tensor& dqueries, const Tensor& dkeys, const Tensor& dout, const Tensor& queries,
                const AttentionWeights& w, const AttentionWeights& g);
  // Whether backward reads the values of `queries`, or only the bf16 copy forward kept of them.
  bool reads_queries() const { return !queries_bf16_.held(); }

  // Step decoding: one query position for each of N hypotheses, the keys and values in the
  // caller's caches. `core` is the attention proper over those caches: it gets this step's
  // projections (self: (N, 3D) Q, K, V, whose K and V it caches; cross: (N, D) Q) and writes the
  // heads' context (N, D). out (N, D). Nothing is kept for backward.
  using StepCore = std::function<void(const Tensor& context, const Tensor& projections)>;
  void step(const Tensor& out, const Tensor& queries, const AttentionWeights& w, const PassContext& pass,
            const StepCore& core);

 private:
  // Q, K, V of the last forward pass as (B, H, T, d) views of proj_ and kv_proj_.
  struct Heads {
    ops::BatchView q, k, v;
  };
  Heads heads() const;

  AttentionKind kind_;
  int64_t heads_, d_model_;
  int64_t batch_ = 0, q_len_ = 0, kv_len_ = 0;  // of the last forward pass
  bool dropped_ = false;
  ops::ProductContext products_;  // of the last forward pass, for backward's products
  Tensor keys_;  // cross-attention: the last forward pass's keys (a view of the encoder output)
  Buffer proj_;            // (B·Tq, 3D) self: Q, K, V; (B·Tq, D) cross: Q
  Buffer kv_proj_;         // (B·Tk, 2D) cross: K, V
  // (B, H, Tq, Tk): the scores, made probabilities in place. Kept: computing them again in
  // backward saved little memory (25 MB of 1.6 GB training `small` on the Bible) and took a few
  // percent of a step, in many small batched products.
  Buffer probs_;
  ops::DropoutDraw draw_;  // of the attention weights
  Buffer ctx_;             // (B·Tq, D): heads concatenated
  // Under bf16 products, the operands of forward's products rounded once and kept for backward's:
  // proj_, kv_proj_, the probabilities after dropout, the queries, the keys, ctx_. Empty under f32.
  ops::RoundedCopy proj_bf16_, kv_proj_bf16_, used_bf16_, queries_bf16_, keys_bf16_, ctx_bf16_;
  const ops::RoundedCopy* keys_copy_ = &keys_bf16_;  // keys_bf16_ or the caller's (AttentionInput)
  // Shared by every attention layer of the thread (layer_scratch).
  struct Scratch {
    Buffer dropped;                // (B, H, Tq, Tk) the probabilities after dropout, redrawn in backward
    Buffer dproj, dkv_proj, dctx;  // as proj_, kv_proj_, ctx_
    Buffer dprobs;                 // (B, H, Tq, Tk), then the gradient of the scores in place
    ops::RoundedCopy dctx_bf16, dscores_bf16;  // bf16 products: dctx and dS rounded once
  };
};

// fc2(dropout(act(fc1(x)))).
class FeedForwardLayer {
 public:
  explicit FeedForwardLayer(const ModelConfig& config) : act_(config.activation) {}
  void forward(const Tensor& out, const Tensor& in, const LinearWeights& fc1,
               const LinearWeights& fc2, const PassContext& ctx);
  // `in` as in forward.
  void backward(const Tensor& din, const Tensor& dout, const Tensor& in, const LinearWeights& fc1,
                const LinearWeights& fc2, const LinearWeights& g1, const LinearWeights& g2);
  // Whether backward reads the values of `in`, or only the bf16 copy forward kept of them.
  bool reads_input() const { return !in_bf16_.held(); }

 private:
  Activation act_;
  bool dropped_ = false;
  ops::ProductContext products_;  // of the last forward pass, for backward's products
  // (N, F), what backward needs of the activations. relu: the activations after dropout, made in
  // place (relu' > 0 exactly where relu > 0, and where dropout zeroed them its backward zeroes the
  // gradient anyway). gelu: the pre-activations; backward recomputes the activations from them.
  Buffer kept_;
  ops::DropoutDraw draw_;  // of the activations
  // Under bf16 products, the inputs of fc1 and fc2 rounded in forward and kept for backward.
  ops::RoundedCopy in_bf16_, activated_bf16_;
  struct Scratch {         // shared by every FFN layer of the thread (layer_scratch)
    Buffer activated;      // (N, F) gelu's activations, in forward and again in backward
    Buffer dhidden;        // (N, F)
  };
};

// One sublayer with its layer norm, dropout and residual connection:
// pre-norm x + dropout(f(LN(x))), post-norm LN(x + dropout(f(x))).
class ResidualBlock {
 public:
  using Forward = std::function<void(const Tensor& y, const Tensor& h)>;  // y = f(h)
  // dh = ∂f^T dy at h, f's input in forward (pre-norm: LN(x) computed again, not kept).
  using Backward = std::function<void(const Tensor& dh, const Tensor& dy, const Tensor& h)>;

  explicit ResidualBlock(const ModelConfig& config)
      : placement_(config.norm), eps_(config.layer_norm_eps) {}
  // x_out may alias x_in when no backward follows (step decoding updates its stream in place).
  void forward(const Tensor& x_out, const Tensor& x_in, const NormWeights& norm,
               const PassContext& ctx, const Forward& f);
  // dx_in may alias dx_out. `f_reads_h` false: f reads only a copy of h it kept in forward
  // (bf16 products), so pre-norm's LN(x) is not computed again and f gets h's shape, not its values.
  void backward(const Tensor& dx_in, const Tensor& dx_out, const NormWeights& norm,
                const NormWeights& g, const Backward& f, bool f_reads_h = true);

 private:
  NormPlacement placement_;
  float eps_;
  bool dropped_ = false;
  Tensor x_in_;  // (N, D) the last input
  Buffer sum_;   // (N, D) x + y (post-norm)
  ops::DropoutDraw draw_;  // of f's output
  ops::LayerNormStats stats_;
  struct Scratch {  // (N, D) each, shared by every block of the thread (layer_scratch)
    Buffer normed;  // LN(x) (pre-norm), in forward and again in backward
    Buffer y;       // f's output, added to the stream in forward
    Buffer dy, dh, dnorm;
  };
};

// Token embeddings scaled by √D (unless scale_embeddings is false) plus positions, then dropout:
// x (B·T, D) from ids (B, T). The decoder's, with zero_start_embedding, reads a zero vector for
// each sequence's first token.
enum class EmbeddingSide { source, target };

class EmbeddingLayer {
 public:
  EmbeddingLayer(const ModelConfig& config, EmbeddingSide side)
      : d_model_(config.d_model), max_positions_(config.max_positions),
        scale_(config.scale_embeddings ? std::sqrt(static_cast<float>(config.d_model)) : 1.0f),
        zero_first_(side == EmbeddingSide::target && config.zero_start_embedding) {}
  void forward(const Tensor& x, const std::vector<int32_t>& ids, int64_t batch, int64_t len,
               const Tensor& embed, const Tensor& positions, const PassContext& ctx);
  // Accumulates into dembed and, for learned positions, dpositions (undefined: sinusoids).
  // dx is scratch: dropout's backward runs in it.
  void backward(const Tensor& dx, const std::vector<int32_t>& ids, int64_t batch, int64_t len,
                const Tensor& dembed, const Tensor& dpositions);

 private:
  int64_t d_model_, max_positions_;
  float scale_;
  bool zero_first_;
  bool dropped_ = false;
  ops::DropoutDraw draw_;  // of x (B·T, D)
};

}  // namespace heed::model
