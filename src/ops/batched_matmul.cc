#include "heed/ops/batched_matmul.h"

#include "heed/core/error.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/primitive_cache.h"

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
  return {data, {dims[0], dims[1], dims[3], dims[2]}, {strides[0], strides[1], strides[3], strides[2]}};
}

namespace {

Dims dims_of(const BatchView& v) { return Dims(v.dims.begin(), v.dims.end()); }
Dims strides_of(const BatchView& v) { return Dims(v.strides.begin(), v.strides.end()); }
dnnl::memory::desc desc_of(const BatchView& v) { return onednn::f32_desc(dims_of(v), strides_of(v)); }

// Which matrix dimension (3, else 2) is contiguous; fixed in a runtime primitive, which gemm
// kernels need (with every stride left to run time oneDNN falls back to its reference code).
int contiguous_dim(const BatchView& v) { return v.strides[3] == 1 ? 3 : v.strides[2] == 1 ? 2 : -1; }

// The same view with every dimension but the heads, and every stride but the contiguous one,
// left to run time.
dnnl::memory::desc runtime_desc_of(const BatchView& v) {
  constexpr auto any = DNNL_RUNTIME_DIM_VAL;
  Dims dims{any, v.dims[1], any, any}, strides(4, any);
  const int unit = contiguous_dim(v);
  if (unit >= 0) strides[unit] = 1;
  return onednn::f32_desc(dims, strides);
}

}  // namespace

void batched_matmul(const BatchView& c, const BatchView& a, const BatchView& b,
                    const BatchedMatmulOptions& options) {
  HEED_CHECK(a.dims[0] == b.dims[0] && a.dims[1] == b.dims[1] && a.dims[3] == b.dims[2] &&
                 c.dims[0] == a.dims[0] && c.dims[1] == a.dims[1] && c.dims[2] == a.dims[2] &&
                 c.dims[3] == b.dims[3],
             "batched_matmul shapes do not agree");
  for (auto d : c.dims)
    if (d == 0) return;
  const bool runtime = options.runtime_shape;
  onednn::CacheKey key(runtime ? "bmm_runtime" : "bmm");
  if (runtime) {
    key.add(a.dims[1]).add(int64_t{contiguous_dim(a)}).add(int64_t{contiguous_dim(b)}).add(int64_t{contiguous_dim(c)});
  } else {
    key.add(dims_of(a)).add(strides_of(a)).add(dims_of(b)).add(strides_of(b)).add(strides_of(c));
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
    const auto desc = runtime ? dnnl::matmul::desc(runtime_desc_of(a), runtime_desc_of(b),
                                                   runtime_desc_of(c))
                              : dnnl::matmul::desc(desc_of(a), desc_of(b), desc_of(c));
    dnnl::matmul::primitive_desc pd(desc, attr, onednn::engine());
    return onednn::CachedPrimitive{dnnl::matmul(pd), pd};
  });
  onednn::execute(entry.primitive, {{DNNL_ARG_SRC, onednn::wrap(desc_of(a), a.data)},
                                    {DNNL_ARG_WEIGHTS, onednn::wrap(desc_of(b), b.data)},
                                    {DNNL_ARG_DST, onednn::wrap(desc_of(c), c.data)}});
}

void batched_matmul_backward(const BatchView& da, const BatchView& db, const BatchView& dc,
                             const BatchView& a, const BatchView& b,
                             const BatchedMatmulOptions& options) {
  if (da.data != nullptr) batched_matmul(da, dc, b.t(), options);
  if (db.data != nullptr) batched_matmul(db, a.t(), dc, options);
}

}  // namespace heed::ops
