#pragma once
// The operands of ops::matmul and ops::batched_matmul as oneDNN reads them. An operand is an f32
// or a bf16 view; under f32 products it is read in place, under bf16 products a bf16 view is read
// in place and an f32 one is rounded first (read from the weights' copy of the ProductContext, or
// rounded into a scratch copy). One helper for both products, of rank 2 and 4.
#include <algorithm>

#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "heed/core/scratch.h"
#include "heed/core/view.h"
#include "heed/dnnl/context.h"
#include "heed/ops/compute_type.h"
#include "heed/ops/quantize.h"

namespace heed::ops {

template <size_t N>
onednn::Dims to_dnnl(const Extents<N>& d) {
  return onednn::Dims(d.begin(), d.end());
}

// v's memory descriptor at `dims` (v's own, or some left to run time), with v's element type.
template <size_t N>
dnnl::memory::desc desc_of(const View<N>& v, const onednn::Dims& dims, const onednn::Dims& strides) {
  HEED_ASSERT(v.dtype == DType::f32 || v.dtype == DType::bf16, "a {} operand of a product", dtype_name(v.dtype));
  return v.dtype == DType::bf16 ? onednn::bf16_desc(dims, strides) : onednn::f32_desc(dims, strides);
}
template <size_t N>
dnnl::memory::desc desc_of(const View<N>& v) {
  return desc_of(v, to_dnnl(v.dims), to_dnnl(v.strides));
}
template <size_t N>
dnnl::memory memory_of(const View<N>& v) {
  const auto d = desc_of(v);
  return v.dtype == DType::bf16 ? onednn::wrap(d, v.template as<uint16_t>()) : onednn::wrap(d, v.template as<float>());
}

namespace detail {

// v's values rounded into `out`, dense, with the matrix dimension that is contiguous in v (the
// last, or the one before it for a transposed view) contiguous in the copy, so that the copy is
// a pass over lines; the view of the copy.
template <size_t N>
View<N> round_dense(const View<N>& v, uint16_t* out) {
  const auto& d = v.dims;
  const auto& s = v.strides;
  const bool transposed = s[N - 1] != 1 && s[N - 2] == 1;
  // The copy holds lines of `len` elements (the contiguous dimension), `lines` per matrix.
  const int64_t len = transposed ? d[N - 2] : d[N - 1], lines = transposed ? d[N - 1] : d[N - 2];
  const int64_t line_stride = transposed ? s[N - 1] : s[N - 2], step = transposed ? s[N - 2] : s[N - 1];
  int64_t matrices = 1;
  for (size_t i = 0; i + 2 < N; ++i) matrices *= d[i];
  const float* data = v.template as<float>();
  const auto round_matrix = [&](int64_t m) {
    const float* base = data;
    for (int64_t i = static_cast<int64_t>(N) - 3, rest = m; i >= 0; --i) {  // m's index, last dimension fastest
      base += (rest % d[i]) * s[i];
      rest /= d[i];
    }
    uint16_t* copy = out + m * lines * len;
    if (step == 1) {
      to_bf16_rows(base, lines, len, line_stride, copy);
    } else {
      for (int64_t i = 0; i < lines; ++i)
        for (int64_t j = 0; j < len; ++j) to_bf16(base + i * line_stride + j * step, 1, copy + i * len + j);
    }
  };
  if (matrices == 1) round_matrix(0);
  else parallel_for(matrices, matrices * lines * len, round_matrix);
  View<N> r = v;
  r.data = out;
  r.dtype = DType::bf16;
  r.strides = dense_strides(v.dims);
  if (transposed) {  // lines of the copy run along dimension N-2
    r.strides[N - 2] = 1;
    r.strides[N - 1] = d[N - 2];
  }
  return r;
}

}  // namespace detail

// v as a product of type `products` reads it (see the top of the file); a copy made here lives in
// `store` until its next use.
template <size_t N>
View<N> product_operand(const View<N>& v, const ProductContext& products, Scratch<uint16_t>& store) {
  if (!products.bf16() || v.dtype == DType::bf16) {
    HEED_ASSERT(v.dtype == DType::f32 || products.bf16(), "a {} operand of an f32 product", dtype_name(v.dtype));
    return v;
  }
  const float* first = v.template as<float>();
  const float* last = first;
  for (size_t i = 0; i < N; ++i) last += (v.dims[i] - 1) * v.strides[i];
  if (const uint16_t* copy = products.rounded_copy_of(first, last)) {
    View<N> r = v;
    r.data = copy;
    r.dtype = DType::bf16;
    return r;
  }
  uint16_t* copy = store.get(static_cast<size_t>(v.numel()));
  if (v.strides == dense_strides(v.dims)) {  // in one pass, as RoundedCopy::round does
    to_bf16(first, v.numel(), copy);
    View<N> r = v;
    r.data = copy;
    r.dtype = DType::bf16;
    return r;
  }
  return detail::round_dense(v, copy);
}

}  // namespace heed::ops
