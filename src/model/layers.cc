#include "heed/model/layers.h"

#include <cmath>

#include "heed/ops/add.h"
#include "heed/ops/batched_matmul.h"
#include "heed/ops/dropout.h"
#include "heed/ops/linear.h"

namespace heed::model {

using ops::BatchView;

void AttentionLayer::forward(const Tensor& out, const Tensor& q_in, const Tensor& kv_in, bool self,
                             const AttentionShape& s, const ops::AttentionMask& mask,
                             const AttentionWeights& w, float attention_dropout, Rng& rng) {
  shape_ = s;
  self_ = self;
  q_in_ = q_in;
  kv_in_ = kv_in;
  const int64_t B = s.batch, H = s.heads, D = s.d_model, d = D / H, Tq = s.q_len, Tk = s.kv_len;
  // Q, K, V as strided head views of the projections: (B, H, T, d).
  BatchView q, k, v;
  if (self) {
    const Tensor& qkv = proj_.get({B * Tq, 3 * D});  // (N, 3D)
    ops::linear_forward(qkv, q_in, w.qkv, Tensor());
    q = BatchView::heads(qkv.data(), B, H, Tq, d, 3 * D);
    k = BatchView::heads(qkv.data() + D, B, H, Tk, d, 3 * D);
    v = BatchView::heads(qkv.data() + 2 * D, B, H, Tk, d, 3 * D);
  } else {
    const Tensor& qp = proj_.get({B * Tq, D});        // (B·Tq, D)
    const Tensor& kv = kv_proj_.get({B * Tk, 2 * D});  // (B·Tk, 2D)
    ops::linear_forward(qp, q_in, w.q, Tensor());
    ops::linear_forward(kv, kv_in, w.kv, Tensor());
    q = BatchView::heads(qp.data(), B, H, Tq, d, D);
    k = BatchView::heads(kv.data(), B, H, Tk, d, 2 * D);
    v = BatchView::heads(kv.data() + D, B, H, Tk, d, 2 * D);
  }
  const Tensor& scores = scores_.get({B, H, Tq, Tk});
  const Tensor& probs = probs_.get({B, H, Tq, Tk});
  ops::batched_matmul(BatchView::dense(scores.data(), B, H, Tq, Tk), q, k.t(),
                      {1.0f / std::sqrt(static_cast<float>(d))});
  ops::masked_softmax_forward(probs, scores, mask);
  dropped_ = attention_dropout > 0;
  Tensor used = probs;
  if (dropped_) {
    used = dropped_probs_.get(probs.shape());
    ops::dropout_forward(used, drop_mask_.get(probs.shape()), probs, attention_dropout, rng);
  }
  const Tensor& ctx = ctx_.get({B * Tq, D});  // heads concatenated by layout
  ops::batched_matmul(BatchView::heads(ctx.data(), B, H, Tq, d, D),
                      BatchView::dense(used.data(), B, H, Tq, Tk), v);
  ops::linear_forward(out, ctx, w.out.w, w.out.b);
}

void AttentionLayer::backward(const Tensor& dq_in, const Tensor& dkv_in, const Tensor& dout,
                              const AttentionWeights& w, const AttentionWeights& g) {
  const auto& s = shape_;
  const int64_t B = s.batch, H = s.heads, D = s.d_model, d = D / H, Tq = s.q_len, Tk = s.kv_len;
  const float alpha = 1.0f / std::sqrt(static_cast<float>(d));
  const Tensor& dctx = dctx_.get({B * Tq, D});
  ops::linear_backward(dctx, g.out.w, g.out.b, dout, ctx_.tensor(), w.out.w);

  const Tensor& probs = probs_.tensor();
  const Tensor used = dropped_ ? dropped_probs_.tensor() : probs;
  BatchView q, k, v, dq, dk, dv;
  if (self_) {
    const Tensor& qkv = proj_.tensor();
    const Tensor& dqkv = dproj_.get({B * Tq, 3 * D});
    q = BatchView::heads(qkv.data(), B, H, Tq, d, 3 * D);
    k = BatchView::heads(qkv.data() + D, B, H, Tk, d, 3 * D);
    v = BatchView::heads(qkv.data() + 2 * D, B, H, Tk, d, 3 * D);
    dq = BatchView::heads(dqkv.data(), B, H, Tq, d, 3 * D);
    dk = BatchView::heads(dqkv.data() + D, B, H, Tk, d, 3 * D);
    dv = BatchView::heads(dqkv.data() + 2 * D, B, H, Tk, d, 3 * D);
  } else {
    const Tensor& kv = kv_proj_.tensor();
    const Tensor& dqp = dproj_.get({B * Tq, D});
    const Tensor& dkv = dkv_proj_.get({B * Tk, 2 * D});
    q = BatchView::heads(proj_.tensor().data(), B, H, Tq, d, D);
    k = BatchView::heads(kv.data(), B, H, Tk, d, 2 * D);
    v = BatchView::heads(kv.data() + D, B, H, Tk, d, 2 * D);
    dq = BatchView::heads(dqp.data(), B, H, Tq, d, D);
    dk = BatchView::heads(dkv.data(), B, H, Tk, d, 2 * D);
    dv = BatchView::heads(dkv.data() + D, B, H, Tk, d, 2 * D);
  }
  const BatchView dctx_heads = BatchView::heads(dctx.data(), B, H, Tq, d, D);
  // ctx = P' V: dP' = dctx V^T, dV = P'^T dctx.
  const Tensor& dprobs = dprobs_.get({B, H, Tq, Tk});
  ops::batched_matmul(BatchView::dense(dprobs.data(), B, H, Tq, Tk), dctx_heads, v.t());
  ops::batched_matmul(dv, BatchView::dense(used.data(), B, H, Tq, Tk).t(), dctx_heads);
  if (dropped_) ops::dropout_backward(dprobs, dprobs, drop_mask_.tensor());
  const Tensor& dscores = dscores_.get({B, H, Tq, Tk});
  ops::softmax_backward(dscores, dprobs, probs);
  // scores = alpha Q K^T: dQ = alpha dS K, dK = alpha dS^T Q.
  const BatchView ds = BatchView::dense(dscores.data(), B, H, Tq, Tk);
  ops::batched_matmul(dq, ds, k, {alpha});
  ops::batched_matmul(dk, ds.t(), q, {alpha});
  if (self_) {
    ops::linear_backward(dq_in, g.qkv, Tensor(), dproj_.tensor(), q_in_, w.qkv);
  } else {
    ops::linear_backward(dq_in, g.q, Tensor(), dproj_.tensor(), q_in_, w.q);
    ops::LinearBackwardOptions accumulate;
    accumulate.accumulate_dx = true;
    ops::linear_backward(dkv_in, g.kv, Tensor(), dkv_proj_.tensor(), kv_in_, w.kv, accumulate);
  }
}

void FeedForwardLayer::forward(const Tensor& out, const Tensor& in, const LinearWeights& fc1,
                               const LinearWeights& fc2, ops::Activation act, float dropout,
                               Rng& rng) {
  act_ = act;
  in_ = in;
  const int64_t n = in.dim(0), f = fc1.w.dim(0);
  const Tensor& hidden = hidden_.get({n, f});
  const Tensor& activated = activated_.get({n, f});
  ops::linear_forward(hidden, in, fc1.w, fc1.b);
  ops::activation_forward(activated, hidden, act);
  dropped_ = dropout > 0;
  if (dropped_) ops::dropout_forward(activated, drop_mask_.get({n, f}), activated, dropout, rng);
  ops::linear_forward(out, activated, fc2.w, fc2.b);
}

void FeedForwardLayer::backward(const Tensor& din, const Tensor& dout, const LinearWeights& fc1,
                                const LinearWeights& fc2, const LinearWeights& g1,
                                const LinearWeights& g2) {
  const Tensor& dhidden = dhidden_.get(hidden_.tensor().shape());
  ops::linear_backward(dhidden, g2.w, g2.b, dout, activated_.tensor(), fc2.w);
  if (dropped_) ops::dropout_backward(dhidden, dhidden, drop_mask_.tensor());
  ops::activation_backward(dhidden, dhidden, hidden_.tensor(), act_);
  ops::linear_backward(din, g1.w, g1.b, dhidden, in_, fc1.w);
}

void ResidualBlock::forward(const Tensor& x_out, const Tensor& x_in, const NormWeights& norm,
                            float eps, NormPlacement placement, float dropout, Rng& rng,
                            const Forward& f) {
  placement_ = placement;
  eps_ = eps;
  x_in_ = x_in;
  dropped_ = dropout > 0;
  const Tensor& y = y_.get(x_in.shape());
  if (placement == NormPlacement::pre) {
    const Tensor& h = normed_.get(x_in.shape());
    ops::layer_norm_forward(h, x_in, norm.gamma, norm.beta, eps, &stats_);
    f(y, h);
    if (dropped_) ops::dropout_forward(y, drop_mask_.get(y.shape()), y, dropout, rng);
    ops::add_forward(x_out, x_in, y);
  } else {
    f(y, x_in);
    if (dropped_) ops::dropout_forward(y, drop_mask_.get(y.shape()), y, dropout, rng);
    const Tensor& sum = sum_.get(x_in.shape());
    ops::add_forward(sum, x_in, y);
    ops::layer_norm_forward(x_out, sum, norm.gamma, norm.beta, eps, &stats_);
  }
}

void ResidualBlock::backward(const Tensor& dx_in, const Tensor& dx_out, const NormWeights& norm,
                             const NormWeights& g, const Backward& f) {
  const Tensor& dy = dy_.get(dx_out.shape());
  const Tensor& dh = dh_.get(dx_out.shape());
  if (placement_ == NormPlacement::pre) {
    // x_out = x_in + drop(f(LN(x_in)))
    if (dropped_) ops::dropout_backward(dy, dx_out, drop_mask_.tensor());
    else dy.copy_from(dx_out);
    f(dh, dy);
    const Tensor& dnorm = dnorm_.get(dx_out.shape());
    ops::layer_norm_backward(dnorm, g.gamma, g.beta, dh, x_in_, norm.gamma, stats_, eps_);
    ops::add_forward(dx_in, dx_out, dnorm);
  } else {
    // x_out = LN(x_in + drop(f(x_in)))
    const Tensor& dsum = dnorm_.get(dx_out.shape());
    ops::layer_norm_backward(dsum, g.gamma, g.beta, dx_out, sum_.tensor(), norm.gamma, stats_, eps_);
    if (dropped_) ops::dropout_backward(dy, dsum, drop_mask_.tensor());
    else dy.copy_from(dsum);
    f(dh, dy);
    ops::add_forward(dx_in, dsum, dh);
  }
}

}  // namespace heed::model
