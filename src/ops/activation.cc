#include "heed/ops/activation.h"

#include "heed/core/error.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/primitive_cache.h"

namespace heed::ops {
namespace {

dnnl::algorithm algorithm_of(Activation act) {
  switch (act) {
    case Activation::relu: return dnnl::algorithm::eltwise_relu;
    case Activation::gelu: return dnnl::algorithm::eltwise_gelu_erf;
    case Activation::gelu_tanh: return dnnl::algorithm::eltwise_gelu_tanh;
    case Activation::gelu_sigmoid:
    case Activation::silu: return dnnl::algorithm::eltwise_swish;  // x·σ(αx)
  }
  fail("unknown activation {}", static_cast<int>(act));
}

// oneDNN's swish is x·σ(αx): α = 1 is silu, α = 1.702 Marian's sigmoid form of gelu.
float alpha_of(Activation act) { return act == Activation::gelu_sigmoid ? 1.702f : act == Activation::silu ? 1.0f : 0.0f; }

// Elementwise ops do not care about shape: view everything as one flat vector.
dnnl::memory::desc flat(const Tensor& t) { return onednn::f32_desc({t.numel()}); }

dnnl::eltwise_forward::primitive_desc forward_desc(const dnnl::memory::desc& md, Activation act) {
  return {{dnnl::prop_kind::forward_training, algorithm_of(act), md, alpha_of(act), 0.0f}, onednn::engine()};
}

}  // namespace

void activation_forward(const Tensor& y, const Tensor& x, Activation act) {
  check_shape(y, x.shape(), "activation output");
  if (x.numel() == 0) return;
  onednn::CacheKey key("eltwise_fwd");
  key.add(x.numel()).add(static_cast<int64_t>(act));
  const auto md = flat(x);
  const auto& entry = onednn::cached_primitive(key, [&] {
    auto pd = forward_desc(md, act);
    return onednn::CachedPrimitive{dnnl::eltwise_forward(pd), pd};
  });
  onednn::execute(entry.primitive,
                  {{DNNL_ARG_SRC, onednn::wrap(md, x.data())}, {DNNL_ARG_DST, onednn::wrap(md, y.data())}});
}

void activation_backward(const Tensor& dx, const Tensor& dy, const Tensor& x, Activation act) {
  check_shape(dx, x.shape(), "activation input gradient");
  check_shape(dy, x.shape(), "activation output gradient");
  if (x.numel() == 0) return;
  onednn::CacheKey key("eltwise_bwd");
  key.add(x.numel()).add(static_cast<int64_t>(act));
  const auto md = flat(x);
  const auto& entry = onednn::cached_primitive(key, [&] {
    dnnl::eltwise_backward::primitive_desc pd({algorithm_of(act), md, md, alpha_of(act), 0.0f},
                                              onednn::engine(), forward_desc(md, act));
    return onednn::CachedPrimitive{dnnl::eltwise_backward(pd), pd};
  });
  onednn::execute(entry.primitive, {{DNNL_ARG_SRC, onednn::wrap(md, x.data())},
                                    {DNNL_ARG_DIFF_DST, onednn::wrap(md, dy.data())},
                                    {DNNL_ARG_DIFF_SRC, onednn::wrap(md, dx.data())}});
}

void exponential(const Tensor& y, const Tensor& x) {
  check_shape(y, x.shape(), "exp output");
  if (x.numel() == 0) return;
  onednn::CacheKey key("exp");
  key.add(x.numel());
  const auto md = flat(x);
  const auto& entry = onednn::cached_primitive(key, [&] {
    dnnl::eltwise_forward::primitive_desc pd(
        {dnnl::prop_kind::forward_inference, dnnl::algorithm::eltwise_exp, md, 0.0f, 0.0f}, onednn::engine());
    return onednn::CachedPrimitive{dnnl::eltwise_forward(pd), pd};
  });
  onednn::execute(entry.primitive,
                  {{DNNL_ARG_SRC, onednn::wrap(md, x.data())}, {DNNL_ARG_DST, onednn::wrap(md, y.data())}});
}

}  // namespace heed::ops
