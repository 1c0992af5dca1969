#include "heed/ops/layer_norm.h"

#include <cmath>

#include "heed/core/buffer.h"
#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/primitive_cache.h"

namespace heed::ops {
namespace {

using onednn::Dims;
const auto kFlags = dnnl::normalization_flags::use_scale | dnnl::normalization_flags::use_shift;

Dims rows_of(const Tensor& x) {
  HEED_ASSERT(x.ndim() >= 1, "layer norm of a scalar");
  const int64_t d = x.dim(-1);
  return {d ? x.numel() / d : 0, d};
}

dnnl::layer_normalization_forward::primitive_desc forward_desc(const Dims& dims, float eps,
                                                               dnnl::prop_kind prop) {
  return {{prop, onednn::f32_desc(dims), onednn::f32_desc({dims[0]}), eps, kFlags},
          onednn::engine()};
}

// Adds a freshly computed parameter gradient into the accumulated one.
void accumulate(const Tensor& into, const Tensor& add) {
  float* a = into.mutable_data();
  const float* b = add.data();
  for (int64_t i = 0; i < into.numel(); ++i) a[i] += b[i];
}

// Inference: a row loop. The decoder normalizes a few hundred rows per call, thousands of times a
// second, with the row count changing as hypotheses finish; oneDNN's primitive was made for each
// row count and its execution (argument maps, memory objects) cost more than the arithmetic.
// The mean and variance as oneDNN's forward computes them: two passes in float.
void layer_norm_rows(const Tensor& y, const Tensor& x, const Tensor& gamma, const Tensor& beta, float eps,
                     const Dims& dims) {
  const int64_t d = dims[1];
  const float* g = gamma.data();
  const float* b = beta.data();
  parallel_for(dims[0], dims[0] * d, [&](int64_t r) {
    const float* in = x.data() + r * d;
    float* out = y.mutable_data() + r * d;
    float sum = 0;
#pragma omp simd reduction(+ : sum)
    for (int64_t c = 0; c < d; ++c) sum += in[c];
    const float mean = sum / static_cast<float>(d);
    float squares = 0;
#pragma omp simd reduction(+ : squares)
    for (int64_t c = 0; c < d; ++c) squares += (in[c] - mean) * (in[c] - mean);
    const float inv = 1.0f / std::sqrt(squares / static_cast<float>(d) + eps);
#pragma omp simd
    for (int64_t c = 0; c < d; ++c) out[c] = (in[c] - mean) * inv * g[c] + b[c];
  });
}

}  // namespace

void layer_norm_forward(const Tensor& y, const Tensor& x, const Tensor& gamma, const Tensor& beta,
                        float eps, LayerNormStats* stats) {
  const Dims dims = rows_of(x);
  check_shape(y, x.shape(), "layer_norm_forward output");
  check_shape(gamma, {dims[1]}, "layer norm scale");
  check_shape(beta, {dims[1]}, "layer norm shift");
  if (dims[0] == 0) return;
  const bool training = stats != nullptr;
  if (!training) return layer_norm_rows(y, x, gamma, beta, eps, dims);
  onednn::CacheKey key("layer_norm_fwd");
  key.add(dims).add(eps).add(int64_t{training});
  const auto& entry = onednn::cached_primitive(key, [&] {
    auto pd = forward_desc(dims, eps,
                           training ? dnnl::prop_kind::forward_training
                                    : dnnl::prop_kind::forward_inference);
    return onednn::CachedPrimitive{dnnl::layer_normalization_forward(pd), pd};
  });
  const auto md = onednn::f32_desc(dims);
  const auto stat_md = onednn::f32_desc({dims[0]});
  const auto vec_md = onednn::f32_desc({dims[1]});
  onednn::Args args{{DNNL_ARG_SRC, onednn::wrap(md, x.data())},
                    {DNNL_ARG_DST, onednn::wrap(md, y.data())},
                    {DNNL_ARG_SCALE, onednn::wrap(vec_md, gamma.data())},
                    {DNNL_ARG_SHIFT, onednn::wrap(vec_md, beta.data())}};
  if (training) {
    if (!stats->mean.defined() || stats->mean.numel() != dims[0]) {
      stats->mean = Tensor::empty({dims[0]});
      stats->variance = Tensor::empty({dims[0]});
    }
    args[DNNL_ARG_MEAN] = onednn::wrap(stat_md, stats->mean.data());
    args[DNNL_ARG_VARIANCE] = onednn::wrap(stat_md, stats->variance.data());
  }
  onednn::execute(entry.primitive, args);
}

void layer_norm_backward(const Tensor& dx, const Tensor& dgamma, const Tensor& dbeta,
                         const Tensor& dy, const Tensor& x, const Tensor& gamma,
                         const LayerNormStats& stats, float eps) {
  const Dims dims = rows_of(x);
  check_shape(dx, x.shape(), "layer_norm_backward input gradient");
  check_shape(dy, x.shape(), "layer_norm_backward output gradient");
  check_shape(dgamma, {dims[1]}, "layer norm scale gradient");
  check_shape(dbeta, {dims[1]}, "layer norm shift gradient");
  check_shape(stats.mean, {dims[0]}, "layer norm saved mean");
  if (dims[0] == 0) return;
  onednn::CacheKey key("layer_norm_bwd");
  key.add(dims).add(eps);
  const auto& entry = onednn::cached_primitive(key, [&] {
    auto hint = forward_desc(dims, eps, dnnl::prop_kind::forward_training);
    dnnl::layer_normalization_backward::primitive_desc pd(
        {dnnl::prop_kind::backward, onednn::f32_desc(dims), onednn::f32_desc(dims),
         onednn::f32_desc({dims[0]}), eps, kFlags},
        onednn::engine(), hint);
    return onednn::CachedPrimitive{dnnl::layer_normalization_backward(pd), pd};
  });
  // oneDNN writes the parameter gradients; heed accumulates them, so go through scratch.
  // oneDNN 2.6 refuses to run the backward pass without a shift argument, though the gradients do
  // not depend on the shift: any buffer of the right size satisfies it.
  thread_local Buffer scale_buffer, shift_buffer;  // reused: no allocation per call
  const Tensor& scale_grad = scale_buffer.get({dims[1]});
  const Tensor& shift_grad = shift_buffer.get({dims[1]});
  const auto md = onednn::f32_desc(dims);
  const auto stat_md = onednn::f32_desc({dims[0]});
  const auto vec_md = onednn::f32_desc({dims[1]});
  onednn::execute(entry.primitive, {{DNNL_ARG_SRC, onednn::wrap(md, x.data())},
                                    {DNNL_ARG_DIFF_DST, onednn::wrap(md, dy.data())},
                                    {DNNL_ARG_MEAN, onednn::wrap(stat_md, stats.mean.data())},
                                    {DNNL_ARG_VARIANCE, onednn::wrap(stat_md, stats.variance.data())},
                                    {DNNL_ARG_SCALE, onednn::wrap(vec_md, gamma.data())},
                                    {DNNL_ARG_SHIFT, onednn::wrap(vec_md, gamma.data())},
                                    {DNNL_ARG_DIFF_SRC, onednn::wrap(md, dx.data())},
                                    {DNNL_ARG_DIFF_SCALE, onednn::wrap(vec_md, scale_grad.data())},
                                    {DNNL_ARG_DIFF_SHIFT, onednn::wrap(vec_md, shift_grad.data())}});
  accumulate(dgamma, scale_grad);
  accumulate(dbeta, shift_grad);
}

}  // namespace heed::ops
