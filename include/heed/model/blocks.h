#pragma once
// The transformer's two blocks, each its sublayers (layers.h) wrapped as residual blocks. A block
// takes its layer's weights with each call, so one object can run every layer of a stack when
// nothing is kept for backward. The decoder block is the only one there is: training and forced
// decoding run it over whole target sequences, step-by-step decoding over one position per
// hypothesis with its attention reading caches; both paths share every product, norm and residual.
// Shapes: B sentences, S source and T target positions, N hypotheses, D the model width.
#include "heed/model/layers.h"

namespace heed::model {

// Self-attention, then feed-forward.
class EncoderBlock {
 public:
  explicit EncoderBlock(const ModelConfig& config);
  // out (B·S, D) from in (B·S, D), through mid, the stream after self-attention. `in` and `mid`
  // are kept until backward (read again there).
  void forward(const Tensor& out, const Tensor& mid, const Tensor& in, int64_t batch, int64_t src_len,
               const ops::AttentionMask& mask, const EncoderLayerWeights& w, const PassContext& pass);
  // dx: the gradient of out on entry, of in on return. Weight gradients accumulate into g.
  void backward(const Tensor& dx, const EncoderLayerWeights& w, const EncoderLayerWeights& g);

 private:
  ResidualBlock attention_block_, ffn_block_;
  AttentionLayer attention_;
  FeedForwardLayer ffn_;
};

// Masked self-attention, cross-attention over the encoder output, then feed-forward.
class DecoderBlock {
 public:
  // The streams of one block over whole sequences, (B·T, D) each: its input, after
  // self-attention, after cross-attention, its output. Kept by the caller until backward.
  struct Streams {
    const Tensor& in;
    const Tensor& after_self;
    const Tensor& after_cross;
    const Tensor& out;
  };
  // What the attentions read besides the stream.
  struct Context {
    int64_t batch = 0, tgt_len = 0, src_len = 0;
    const Tensor& memory;               // (B·S, D) the encoder output
    const ops::AttentionMask& causal;   // self-attention: each position sees those before it
    const ops::AttentionMask& sources;  // cross-attention: each sentence's source length
    // Under bf16 products, the memory rounded once by the caller (it feeds every block).
    const ops::RoundedCopy* memory_copy = nullptr;
  };
  // The attention proper of one decoding step over the caller's caches (AttentionLayer::step).
  struct StepCores {
    AttentionLayer::StepCore self, cross;
  };

  explicit DecoderBlock(const ModelConfig& config);
  void forward(const Streams& s, const Context& context, const DecoderLayerWeights& w, const PassContext& pass);
  // dy: the gradient of out on entry, of in on return; the gradient of the memory accumulates
  // into d_memory, the weights' into g.
  void backward(const Tensor& dy, const Tensor& d_memory, const DecoderLayerWeights& w, const DecoderLayerWeights& g);
  // One decoding step: x (N, D), one position per hypothesis, updated in place.
  void step(const Tensor& x, const DecoderLayerWeights& w, const PassContext& pass, const StepCores& cores);

 private:
  ResidualBlock self_block_, cross_block_, ffn_block_;
  AttentionLayer self_attention_, cross_attention_;
  FeedForwardLayer ffn_;
};

}  // namespace heed::model
