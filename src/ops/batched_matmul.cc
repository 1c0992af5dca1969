#include "heed/ops/batched_matmul.h"

#include <vector>

#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "heed/core/scratch.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/primitive_cache.h"
#include "heed/ops/compute_type.h"
#include "heed/ops/quantize.h"

namespace heed::ops {

using onednn::Dims;

BatchView BatchView::heads(const float* data, int64_t batch, int64_t heads, int64_t time,
                           int64_t head_dim, int64_t row_width) {
  return {data, {batch, heads, time, head_dim}, {time * row_width, head_dim, row_width, 1}};
}

BatchView BatchView::dense(const float* data, int64_t batch, int64_t heads, int64_t rows,
                           int64_t cols) {
  return {data, {batch, heads, rows, cols}, {heads * rows * cols, rows * cols, cols, 1}};
}

BatchView BatchView::t() const {
  return {data, {dims[0], dims[1], dims[3], dims[2]}, {strides[0], strides[1], strides[3], strides[2]}, bf16};
}

BatchView BatchView::rounded_from(const float* base, const uint16_t* copy) const {
  BatchView v = *this;
  v.bf16 = copy + (data - base);
  return v;
}

namespace {

Dims dims_of(const BatchView& v) { return Dims(v.dims.begin(), v.dims.end()); }
Dims strides_of(const BatchView& v) { return Dims(v.strides.begin(), v.strides.end()); }
dnnl::memory::desc desc_of(const BatchView& v) { return onednn::f32_desc(dims_of(v), strides_of(v)); }

// Which matrix dimension (3, else 2) is contiguous; fixed in a runtime primitive, which gemm
// kernels need (with every stride left to run time oneDNN falls back to its reference code).
int contiguous_dim(const Dims& strides) { return strides[3] == 1 ? 3 : strides[2] == 1 ? 2 : -1; }
int contiguous_dim(const BatchView& v) { return contiguous_dim(strides_of(v)); }

// An operand as oneDNN reads it: fp32 in place, or a bfloat16 copy (16-bit patterns).
struct Operand {
  const void* data;
  Dims dims, strides;
  bool bf16;

  dnnl::memory::desc desc() const { return bf16 ? onednn::bf16_desc(dims, strides) : onednn::f32_desc(dims, strides); }
  dnnl::memory memory() const {
    return bf16 ? onednn::wrap(desc(), static_cast<const uint16_t*>(data)) : onednn::wrap(desc(), static_cast<const float*>(data));
  }
};

Operand in_place(const BatchView& v) { return {v.data, dims_of(v), strides_of(v), false}; }

// v rounded to bfloat16: its own copy, or one made in `store`, dense, with v's contiguous matrix
// dimension (3, or 2 for a transposed view) contiguous in the copy as well.
Operand rounded(const BatchView& v, Scratch<uint16_t>& store) {
  if (v.bf16 != nullptr) return {v.bf16, dims_of(v), strides_of(v), true};
  const auto& d = v.dims;
  const auto& s = v.strides;
  uint16_t* copy = store.get(static_cast<size_t>(d[0] * d[1] * d[2] * d[3]));
  const bool transposed = s[3] != 1 && s[2] == 1;
  // The copy holds lines of `len` elements (the contiguous dimension), `lines` per matrix.
  const int64_t len = transposed ? d[2] : d[3], lines = transposed ? d[3] : d[2];
  const int64_t line_stride = transposed ? s[3] : s[2], step = transposed ? s[2] : s[3];
  const int64_t matrices = d[0] * d[1];
  parallel_for(matrices, matrices * lines * len, [&](int64_t m) {
    const float* base = v.data + (m / d[1]) * s[0] + (m % d[1]) * s[1];
    uint16_t* out = copy + m * lines * len;
    if (step == 1) {
      to_bf16_rows(base, lines, len, line_stride, out);
    } else {
      for (int64_t i = 0; i < lines; ++i)
        for (int64_t j = 0; j < len; ++j) to_bf16(base + i * line_stride + j * step, 1, out + i * len + j);
    }
  });
  const int64_t matrix = d[2] * d[3];
  const Dims strides = transposed ? Dims{d[1] * matrix, matrix, 1, d[2]} : Dims{d[1] * matrix, matrix, d[3], 1};
  return {copy, dims_of(v), strides, true};
}

// The same operand with every dimension but the heads, and every stride but the contiguous one,
// left to run time.
dnnl::memory::desc runtime_desc_of(const Operand& v) {
  constexpr auto any = DNNL_RUNTIME_DIM_VAL;
  Dims dims{any, v.dims[1], any, any}, strides(4, any);
  const int unit = contiguous_dim(v.strides);
  if (unit >= 0) strides[unit] = 1;
  return v.bf16 ? onednn::bf16_desc(dims, strides) : onednn::f32_desc(dims, strides);
}

}  // namespace

void batched_matmul(const BatchView& c, const BatchView& a, const BatchView& b,
                    const BatchedMatmulOptions& options) {
  HEED_ASSERT(a.dims[0] == b.dims[0] && a.dims[1] == b.dims[1] && a.dims[3] == b.dims[2] &&
                 c.dims[0] == a.dims[0] && c.dims[1] == a.dims[1] && c.dims[2] == a.dims[2] &&
                 c.dims[3] == b.dims[3],
             "batched_matmul shapes do not agree");
  for (auto d : c.dims)
    if (d == 0) return;
  thread_local Scratch<uint16_t> a_store, b_store;
  const bool bf16 = product_type() == ComputeType::bf16;
  const Operand a_op = bf16 ? rounded(a, a_store) : in_place(a);
  const Operand b_op = bf16 ? rounded(b, b_store) : in_place(b);
  const bool runtime = options.runtime_shape;
  onednn::CacheKey key(runtime ? "bmm_runtime" : "bmm");
  key.add(int64_t{bf16});
  if (runtime) {
    key.add(a.dims[1]).add(int64_t{contiguous_dim(a_op.strides)}).add(int64_t{contiguous_dim(b_op.strides)}).add(int64_t{contiguous_dim(c)});
  } else {
    key.add(a_op.dims).add(a_op.strides).add(b_op.dims).add(b_op.strides).add(strides_of(c));
  }
  key.add(options.alpha).add(int64_t{options.accumulate});
  const auto& entry = onednn::cached_primitive(key, [&] {
    dnnl::primitive_attr attr;
    if (options.alpha != 1.0f) attr.set_output_scales(0, {options.alpha});
    if (options.accumulate) {
      dnnl::post_ops post;
      post.append_sum(1.0f);
      attr.set_post_ops(post);
    }
    const auto desc = runtime ? dnnl::matmul::desc(runtime_desc_of(a_op), runtime_desc_of(b_op),
                                                   runtime_desc_of(in_place(c)))
                              : dnnl::matmul::desc(a_op.desc(), b_op.desc(), desc_of(c));
    dnnl::matmul::primitive_desc pd(desc, attr, onednn::engine());
    return onednn::CachedPrimitive{dnnl::matmul(pd), pd};
  });
  onednn::execute(entry.primitive, {{DNNL_ARG_SRC, a_op.memory()},
                                    {DNNL_ARG_WEIGHTS, b_op.memory()},
                                    {DNNL_ARG_DST, onednn::wrap(desc_of(c), c.data)}});
}

void batched_matmul_backward(const BatchView& da, const BatchView& db, const BatchView& dc,
                             const BatchView& a, const BatchView& b,
                             const BatchedMatmulOptions& options) {
  if (da.data != nullptr) batched_matmul(da, dc, b.t(), options);
  if (db.data != nullptr) batched_matmul(db, a.t(), dc, options);
}

}  // namespace heed::ops
