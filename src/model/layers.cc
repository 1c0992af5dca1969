#include "heed/model/layers.h"

#include <algorithm>
#include <cmath>

#include "heed/core/error.h"
#include "heed/ops/add.h"
#include "heed/ops/batched_matmul.h"
#include "heed/ops/dropout.h"
#include "heed/ops/embedding.h"
#include "heed/ops/linear.h"
#include "heed/ops/matmul.h"
#include "heed/ops/prepared_matrix.h"

namespace heed::model {

using ops::BatchView;

namespace {

// A dropout mask needs the pass's generator.
Rng& generator(const PassContext& ctx) {
  HEED_ASSERT(ctx.rng, "dropout without a random generator");
  return *ctx.rng;
}

// y = x W^T + b: for inference through the pass's prepared weights (x is f32 there), else from
// x's operand, its bf16 copy when the layer keeps one.
void project(const Tensor& y, const Tensor& x, const ops::MatrixView& x_operand, const Tensor& w, const Tensor& b,
             const PassContext& pass) {
  if (pass.prepared) ops::linear_forward(y, x, w, b, pass.prepared);
  else ops::linear_forward(y, x_operand, w, b, pass.products);
}

}  // namespace

AttentionLayer::AttentionLayer(AttentionKind kind, const ModelConfig& config)
    : kind_(kind), heads_(config.heads), d_model_(config.d_model) {}

AttentionLayer::Heads AttentionLayer::heads() const {
  const int64_t B = batch_, H = heads_, D = d_model_, d = D / H;
  // Each view reads the kept bf16 copy of its buffer where there is one.
  const ops::MatrixView proj = proj_bf16_.operand<2>(proj_.tensor());
  if (kind_ == AttentionKind::self)  // (N, 3D)
    return {ops::heads_of(proj, B, H, d, 0), ops::heads_of(proj, B, H, d, D), ops::heads_of(proj, B, H, d, 2 * D)};
  const ops::MatrixView kv = kv_proj_bf16_.operand<2>(kv_proj_.tensor());  // (B·Tk, 2D)
  return {ops::heads_of(proj, B, H, d, 0), ops::heads_of(kv, B, H, d, 0), ops::heads_of(kv, B, H, d, D)};
}

void AttentionLayer::forward(const Tensor& out, const AttentionInput& in, const AttentionWeights& w,
                             const PassContext& pass) {
  batch_ = in.batch;
  q_len_ = in.q_len;
  kv_len_ = in.kv_len;
  keys_ = kind_ == AttentionKind::cross ? in.keys : Tensor();
  const int64_t B = batch_, H = heads_, D = d_model_, d = D / H, Tq = q_len_, Tk = kv_len_;
  products_ = pass.products;
  queries_bf16_.round(in.queries, products_);
  if (kind_ == AttentionKind::self) {
    project(proj_.get({B * Tq, 3 * D}), in.queries, queries_bf16_.operand<2>(in.queries), w.qkv, w.qkv_b, pass);
  } else {
    if (in.keys_copy) {
      keys_copy_ = in.keys_copy;
    } else {
      keys_bf16_.round(in.keys, products_);
      keys_copy_ = &keys_bf16_;
    }
    project(proj_.get({B * Tq, D}), in.queries, queries_bf16_.operand<2>(in.queries), w.q, w.q_b, pass);
    project(kv_proj_.get({B * Tk, 2 * D}), in.keys, keys_copy_->operand<2>(in.keys), w.kv, w.kv_b, pass);
  }
  proj_bf16_.round(proj_.tensor(), products_);
  if (kind_ == AttentionKind::cross) kv_proj_bf16_.round(kv_proj_.tensor(), products_);
  const Heads h = heads();
  const Tensor& probs = probs_.get({B, H, Tq, Tk});
  ops::batched_matmul(mutable_view_of<4>(probs), h.q, h.k.t(), {1.0f / std::sqrt(static_cast<float>(d))}, products_);
  ops::masked_softmax_forward(probs, probs, in.mask);
  dropped_ = pass.attention_dropout > 0;
  Tensor used = probs;
  if (dropped_) {
    used = layer_scratch<Scratch>().dropped.get(probs.shape());
    draw_ = ops::dropout_forward(used, probs, pass.attention_dropout, generator(pass));
  }
  used_bf16_.round(used, products_);
  const Tensor& ctx = ctx_.get({B * Tq, D});  // heads concatenated by layout
  ops::batched_matmul(ops::heads_of(mutable_view_of<2>(ctx), B, H, d), used_bf16_.operand<4>(used), h.v, {}, products_);
  ctx_bf16_.round(ctx, products_);
  project(out, ctx, ctx_bf16_.operand<2>(ctx), w.out.w, w.out.b, pass);
}

void AttentionLayer::step(const Tensor& out, const Tensor& queries, const AttentionWeights& w,
                          const PassContext& pass, const StepCore& core) {
  const int64_t N = queries.dim(0), D = d_model_;
  const bool self = kind_ == AttentionKind::self;
  const Tensor& proj = proj_.get({N, self ? 3 * D : D});
  project(proj, queries, view_of<2>(queries), self ? w.qkv : w.q, self ? w.qkv_b : w.q_b, pass);
  const Tensor& ctx = ctx_.get({N, D});
  core(ctx, proj);
  project(out, ctx, view_of<2>(ctx), w.out.w, w.out.b, pass);
}

void AttentionLayer::backward(const Tensor& dq_in, const Tensor& dkv_in, const Tensor& dout, const Tensor& queries,
                              const AttentionWeights& w, const AttentionWeights& g) {
  const int64_t B = batch_, H = heads_, D = d_model_, d = D / H, Tq = q_len_, Tk = kv_len_;
  const float alpha = 1.0f / std::sqrt(static_cast<float>(d));
  Scratch& scratch = layer_scratch<Scratch>();
  const Tensor& dctx = scratch.dctx.get({B * Tq, D});
  ops::linear_backward(dctx, g.out.w, g.out.b, view_of<2>(dout), ctx_bf16_.operand<2>(ctx_.tensor()), w.out.w, {},
                       products_);

  const Heads h = heads();
  const Tensor& probs = probs_.tensor();
  Tensor used = probs;
  if (dropped_ && !used_bf16_.held()) {  // forward's mask again: dropout's backward applies it as forward did
    used = scratch.dropped.get(probs.shape());
    ops::dropout_backward(used, probs, draw_);
  }
  const BatchView used_view = used_bf16_.operand<4>(used);
  const bool self = kind_ == AttentionKind::self;
  ops::MutableBatchView dq, dk, dv;
  if (self) {
    const auto dqkv = mutable_view_of<2>(scratch.dproj.get({B * Tq, 3 * D}));
    dq = ops::heads_of(dqkv, B, H, d, 0);
    dk = ops::heads_of(dqkv, B, H, d, D);
    dv = ops::heads_of(dqkv, B, H, d, 2 * D);
  } else {
    const auto dkv = mutable_view_of<2>(scratch.dkv_proj.get({B * Tk, 2 * D}));
    dq = ops::heads_of(mutable_view_of<2>(scratch.dproj.get({B * Tq, D})), B, H, d);
    dk = ops::heads_of(dkv, B, H, d, 0);
    dv = ops::heads_of(dkv, B, H, d, D);
  }
  scratch.dctx_bf16.round(dctx, products_);
  const BatchView dctx_heads = ops::heads_of(scratch.dctx_bf16.operand<2>(dctx), B, H, d);
  // ctx = P' V: dP' = dctx V^T, dV = P'^T dctx.
  const Tensor& dprobs = scratch.dprobs.get({B, H, Tq, Tk});
  ops::batched_matmul(mutable_view_of<4>(dprobs), dctx_heads, h.v.t(), {}, products_);
  ops::batched_matmul(dv, used_view.t(), dctx_heads, {}, products_);
  if (dropped_) ops::dropout_backward(dprobs, dprobs, draw_);
  const Tensor& dscores = dprobs;
  ops::softmax_backward(dscores, dprobs, probs);
  // scores = alpha Q K^T: dQ = alpha dS K, dK = alpha dS^T Q.
  scratch.dscores_bf16.round(dscores, products_);
  const BatchView ds = scratch.dscores_bf16.operand<4>(dscores);
  ops::batched_matmul(dq, ds, h.k, {alpha}, products_);
  ops::batched_matmul(dk, ds.t(), h.q, {alpha}, products_);
  const ops::MatrixView q_operand = queries_bf16_.operand<2>(queries);
  if (self) {
    ops::linear_backward(dq_in, g.qkv, g.qkv_b, view_of<2>(scratch.dproj.tensor()), q_operand, w.qkv, {}, products_);
  } else {
    ops::linear_backward(dq_in, g.q, g.q_b, view_of<2>(scratch.dproj.tensor()), q_operand, w.q, {}, products_);
    ops::LinearBackwardOptions kv_options;
    kv_options.accumulate_dx = true;
    ops::linear_backward(dkv_in, g.kv, g.kv_b, view_of<2>(scratch.dkv_proj.tensor()), keys_copy_->operand<2>(keys_),
                         w.kv, kv_options, products_);
  }
}

void FeedForwardLayer::forward(const Tensor& out, const Tensor& in, const LinearWeights& fc1,
                               const LinearWeights& fc2, const PassContext& pass) {
  const int64_t n = in.dim(0), f = fc1.w.dim(0);
  const Tensor& hidden = kept_.get({n, f});
  products_ = pass.products;
  in_bf16_.round(in, products_);
  project(hidden, in, in_bf16_.operand<2>(in), fc1.w, fc1.b, pass);
  const Tensor activated = act_ == Activation::relu ? hidden : layer_scratch<Scratch>().activated.get({n, f});
  ops::activation_forward(activated, hidden, act_);
  dropped_ = pass.dropout > 0;
  if (dropped_) draw_ = ops::dropout_forward(activated, activated, pass.dropout, generator(pass));
  activated_bf16_.round(activated, products_);
  project(out, activated, activated_bf16_.operand<2>(activated), fc2.w, fc2.b, pass);
}

void FeedForwardLayer::backward(const Tensor& din, const Tensor& dout, const Tensor& in, const LinearWeights& fc1,
                                const LinearWeights& fc2, const LinearWeights& g1,
                                const LinearWeights& g2) {
  Scratch& scratch = layer_scratch<Scratch>();
  const Tensor& kept = kept_.tensor();
  Tensor activated = kept;
  // forward's activations again, with its dropout mask (unless only their kept bf16 copy is read)
  if (act_ != Activation::relu && !activated_bf16_.held()) {
    activated = scratch.activated.get(kept.shape());
    ops::activation_forward(activated, kept, act_);
    if (dropped_) ops::dropout_backward(activated, activated, draw_);
  }
  const Tensor& dhidden = scratch.dhidden.get(kept.shape());
  ops::linear_backward(dhidden, g2.w, g2.b, view_of<2>(dout), activated_bf16_.operand<2>(activated), fc2.w, {},
                       products_);
  const bool relu = act_ == Activation::relu;
  if (dropped_ && !relu) ops::dropout_backward(dhidden, dhidden, draw_);
  ops::activation_backward(dhidden, dhidden, kept, act_);
  // relu's backward at the activations after dropout already zeroes every dropped element.
  if (dropped_ && relu) ops::dropout_backward_kept(dhidden, draw_);
  ops::linear_backward(din, g1.w, g1.b, view_of<2>(dhidden), in_bf16_.operand<2>(in), fc1.w, {}, products_);
}

void ResidualBlock::forward(const Tensor& x_out, const Tensor& x_in, const NormWeights& norm,
                            const PassContext& pass, const Forward& f) {
  x_in_ = x_in;
  dropped_ = pass.dropout > 0;
  ops::LayerNormStats* stats = pass.keep_norm_stats ? &stats_ : nullptr;
  const Tensor& y = layer_scratch<Scratch>().y.get(x_in.shape());
  if (placement_ == NormPlacement::pre) {
    const Tensor& h = layer_scratch<Scratch>().normed.get(x_in.shape());
    ops::layer_norm_forward(h, x_in, norm.gamma, norm.beta, eps_, stats);
    f(y, h);
    if (dropped_) draw_ = ops::dropout_forward(y, y, pass.dropout, generator(pass));
    ops::add_forward(x_out, x_in, y);
  } else {
    f(y, x_in);
    if (dropped_) draw_ = ops::dropout_forward(y, y, pass.dropout, generator(pass));
    const Tensor& sum = sum_.get(x_in.shape());
    ops::add_forward(sum, x_in, y);
    ops::layer_norm_forward(x_out, sum, norm.gamma, norm.beta, eps_, stats);
  }
}

void ResidualBlock::backward(const Tensor& dx_in, const Tensor& dx_out, const NormWeights& norm,
                             const NormWeights& g, const Backward& f, bool f_reads_h) {
  Scratch& scratch = layer_scratch<Scratch>();
  const Tensor& dy = scratch.dy.get(dx_out.shape());
  const Tensor& dh = scratch.dh.get(dx_out.shape());
  if (placement_ == NormPlacement::pre) {
    // x_out = x_in + drop(f(LN(x_in)))
    if (dropped_) ops::dropout_backward(dy, dx_out, draw_);
    else dy.copy_from(dx_out);
    const Tensor& h = scratch.normed.get(x_in_.shape());
    if (f_reads_h) ops::layer_norm_forward(h, x_in_, norm.gamma, norm.beta, eps_, nullptr);
    f(dh, dy, h);
    const Tensor& dnorm = scratch.dnorm.get(dx_out.shape());
    ops::layer_norm_backward(dnorm, g.gamma, g.beta, dh, x_in_, norm.gamma, stats_, eps_);
    ops::add_forward(dx_in, dx_out, dnorm);
  } else {
    // x_out = LN(x_in + drop(f(x_in)))
    const Tensor& dsum = scratch.dnorm.get(dx_out.shape());
    ops::layer_norm_backward(dsum, g.gamma, g.beta, dx_out, sum_.tensor(), norm.gamma, stats_, eps_);
    if (dropped_) ops::dropout_backward(dy, dsum, draw_);
    else dy.copy_from(dsum);
    f(dh, dy, x_in_);
    ops::add_forward(dx_in, dsum, dh);
  }
}

void EmbeddingLayer::forward(const Tensor& x, const std::vector<int32_t>& ids, int64_t batch,
                             int64_t len, const Tensor& embed, const Tensor& positions,
                             const PassContext& pass) {
  const int64_t D = d_model_;
  HEED_CHECK(len <= max_positions_, "a sequence of {} pieces is longer than the model's {} positions",
             len, max_positions_);
  ops::embedding_forward(x, embed, ids, scale_);
  float* out = x.mutable_data();
  if (zero_first_)
    for (int64_t b = 0; b < batch; ++b) std::fill(out + b * len * D, out + (b * len + 1) * D, 0.0f);
  const float* pos = positions.data();
  for (int64_t b = 0; b < batch; ++b)
    for (int64_t t = 0; t < len; ++t)
      for (int64_t j = 0; j < D; ++j) out[(b * len + t) * D + j] += pos[t * D + j];
  dropped_ = pass.dropout > 0;
  if (dropped_) draw_ = ops::dropout_forward(x, x, pass.dropout, generator(pass));
}

void EmbeddingLayer::backward(const Tensor& dx, const std::vector<int32_t>& ids, int64_t batch,
                              int64_t len, const Tensor& dembed, const Tensor& dpositions) {
  const int64_t D = d_model_;
  if (dropped_) ops::dropout_backward(dx, dx, draw_);
  if (dpositions.defined())
    for (int64_t b = 0; b < batch; ++b)
      for (int64_t t = 0; t < len; ++t)
        for (int64_t j = 0; j < D; ++j) dpositions.mutable_data()[t * D + j] += dx.data()[(b * len + t) * D + j];
  // The zeroed first inputs took nothing from the embeddings.
  if (zero_first_)
    for (int64_t b = 0; b < batch; ++b) std::fill(dx.mutable_data() + b * len * D, dx.mutable_data() + (b * len + 1) * D, 0.0f);
  ops::embedding_backward(dembed, dx, ids, scale_);
}

}  // namespace heed::model
