#include "heed/ops/softmax.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/primitive_cache.h"

namespace heed::ops {
namespace {

using onednn::Dims;

// Every softmax here is over the last dimension of a tensor seen as (rows, cols).
Dims as_rows(const Tensor& t) {
  const int64_t cols = t.dim(-1);
  return {cols ? t.numel() / cols : 0, cols};
}

void check_same(const Tensor& a, const Tensor& b, const char* what) {
  HEED_ASSERT(a.shape() == b.shape(), "{}: shapes {} and {} differ", what, to_string(a.shape()),
             to_string(b.shape()));
}

enum class Kind { softmax, log_softmax };

void softmax_forward_rows(const Tensor& y, const Tensor& x, Kind kind) {
  const Dims dims = as_rows(x);
  if (dims[0] == 0 || dims[1] == 0) return;
  onednn::CacheKey key(kind == Kind::softmax ? "softmax_fwd" : "logsoftmax_fwd");
  key.add(dims);
  const auto& entry = onednn::cached_primitive(key, [&] {
    const auto md = onednn::f32_desc(dims);
    if (kind == Kind::softmax) {
      dnnl::softmax_forward::primitive_desc pd(
          {dnnl::prop_kind::forward_training, md, 1}, onednn::engine());
      return onednn::CachedPrimitive{dnnl::softmax_forward(pd), pd};
    }
    dnnl::logsoftmax_forward::primitive_desc pd({dnnl::prop_kind::forward_training, md, 1},
                                                onednn::engine());
    return onednn::CachedPrimitive{dnnl::logsoftmax_forward(pd), pd};
  });
  const auto md = onednn::f32_desc(dims);
  onednn::execute(entry.primitive,
                  {{DNNL_ARG_SRC, onednn::wrap(md, x.data())}, {DNNL_ARG_DST, onednn::wrap(md, y.data())}});
}

// oneDNN 2.6 has only its reference implementation of the softmax backward passes on AVX2
// (DNNL_VERBOSE: softmax_v2,ref:any,backward_data), slower than these loops, which the compiler
// vectorizes.
void softmax_backward_rows(const Tensor& dx, const Tensor& dy, const Tensor& y, Kind kind) {
  const Dims dims = as_rows(y);
  const int64_t rows = dims[0], cols = dims[1];
  if (rows == 0 || cols == 0) return;
  parallel_for(rows, rows * cols, [&](int64_t r) {
    const float* g = dy.data() + r * cols;
    const float* out = y.data() + r * cols;
    float* in = dx.mutable_data() + r * cols;
    float dot = 0;
    if (kind == Kind::softmax) {
      for (int64_t j = 0; j < cols; ++j) dot += g[j] * out[j];
      for (int64_t j = 0; j < cols; ++j) in[j] = out[j] * (g[j] - dot);
    } else {
      for (int64_t j = 0; j < cols; ++j) dot += g[j];
      for (int64_t j = 0; j < cols; ++j) in[j] = g[j] - std::exp(out[j]) * dot;
    }
  }, 32768);
}

}  // namespace

void masked_softmax_forward(const Tensor& probs, const Tensor& scores, const AttentionMask& mask) {
  check_same(probs, scores, "masked_softmax_forward");
  HEED_ASSERT(scores.ndim() == 4, "attention scores must be (B, H, Tq, Tk), got {}",
             to_string(scores.shape()));
  const int64_t batch = scores.dim(0), heads = scores.dim(1), tq = scores.dim(2),
                tk = scores.dim(3);
  const auto* lengths = mask.key_lengths;
  HEED_ASSERT(lengths == nullptr || static_cast<int64_t>(lengths->size()) == batch,
             "{} key lengths for a batch of {}", lengths ? lengths->size() : 0, batch);
  constexpr float masked = -std::numeric_limits<float>::infinity();
  if (lengths == nullptr && !mask.causal) {
    softmax_forward_rows(probs, scores, Kind::softmax);
    return;
  }
  // The mask goes into probs, the output: scores are read only (training runs the op in place,
  // where there is nothing to copy).
  if (probs.data() != scores.data()) probs.copy_from(scores);
  float* out = probs.mutable_data();
  parallel_for(batch * heads, batch * heads * tq * tk, [&](int64_t bh) {
    const int64_t length = lengths ? std::clamp<int64_t>((*lengths)[bh / heads], 0, tk) : tk;
    for (int64_t i = 0; i < tq; ++i) {
      const int64_t visible = mask.causal ? std::clamp<int64_t>(i + mask.causal_offset + 1, 0, length) : length;
      float* row = out + (bh * tq + i) * tk;
      std::fill(row + visible, row + tk, masked);
    }
  });
  softmax_forward_rows(probs, probs, Kind::softmax);
  // A row with no visible key is all -inf, and softmax makes it NaN; attention to nothing is zero.
  if (lengths != nullptr) {
    for (int64_t b = 0; b < batch; ++b) {
      if ((*lengths)[b] > 0) continue;
      std::fill(out + b * heads * tq * tk, out + (b + 1) * heads * tq * tk, 0.0f);
    }
  }
}

void softmax_backward(const Tensor& dscores, const Tensor& dprobs, const Tensor& probs) {
  check_same(dscores, probs, "softmax_backward");
  check_same(dprobs, probs, "softmax_backward");
  softmax_backward_rows(dscores, dprobs, probs, Kind::softmax);
}

void log_softmax_forward(const Tensor& y, const Tensor& x) {
  check_same(y, x, "log_softmax_forward");
  softmax_forward_rows(y, x, Kind::log_softmax);
}

void log_softmax_backward(const Tensor& dx, const Tensor& dy, const Tensor& y) {
  check_same(dx, y, "log_softmax_backward");
  check_same(dy, y, "log_softmax_backward");
  softmax_backward_rows(dx, dy, y, Kind::log_softmax);
}

}  // namespace heed::ops
