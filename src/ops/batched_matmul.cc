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

}  // namespace

void batched_matmul(const BatchView& c, const BatchView& a, const BatchView& b,
                    const BatchedMatmulOptions& options) {
  HEED_CHECK(a.dims[0] == b.dims[0] && a.dims[1] == b.dims[1] && a.dims[3] == b.dims[2] &&
                 c.dims[0] == a.dims[0] && c.dims[1] == a.dims[1] && c.dims[2] == a.dims[2] &&
                 c.dims[3] == b.dims[3],
             "batched_matmul shapes do not agree");
  for (auto d : c.dims)
    if (d == 0) return;
  onednn::CacheKey key("bmm");
  key.add(dims_of(a)).add(strides_of(a)).add(dims_of(b)).add(strides_of(b)).add(strides_of(c));
  key.add(options.alpha).add(int64_t{options.accumulate});
  const auto& entry = onednn::cached_primitive(key, [&] {
    dnnl::primitive_attr attr;
    if (options.alpha != 1.0f) attr.set_output_scales(0, {options.alpha});
    if (options.accumulate) {
      dnnl::post_ops post;
      post.append_sum(1.0f);
      attr.set_post_ops(post);
    }
    dnnl::matmul::primitive_desc pd(dnnl::matmul::desc(desc_of(a), desc_of(b), desc_of(c)), attr,
                                    onednn::engine());
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
