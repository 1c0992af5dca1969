#include "heed/ops/batched_matmul.h"

#include <type_traits>

#include "heed/core/error.h"
#include "heed/core/scratch.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/primitive_cache.h"
#include "heed/ops/compute_type.h"
#include "product_operand.h"

namespace heed::ops {

using onednn::Dims;

namespace {

template <class Out, class In>
Out split_heads(const In& m, int64_t batch, int64_t heads, int64_t head_dim, int64_t first_col) {
  const int64_t time = batch ? m.dims[0] / batch : 0, width = m.strides[0];
  HEED_ASSERT(time * batch == m.dims[0] && m.strides[1] == 1 && first_col + heads * head_dim <= m.dims[1],
              "{} heads of {} from column {} of a ({}x{}) matrix", heads, head_dim, first_col, m.dims[0], m.dims[1]);
  using Byte = std::conditional_t<std::is_same_v<Out, BatchView>, const char, char>;
  Out v;
  v.data = static_cast<Byte*>(m.data) + first_col * static_cast<int64_t>(dtype_size(m.dtype));
  v.dtype = m.dtype;
  v.dims = {batch, heads, time, head_dim};
  v.strides = {time * width, head_dim, width, 1};
  return v;
}

// Which matrix dimension (3, else 2) is contiguous; fixed in a runtime primitive, which gemm
// kernels need (with every stride left to run time oneDNN falls back to its reference code).
int contiguous_dim(const Extents<4>& strides) { return strides[3] == 1 ? 3 : strides[2] == 1 ? 2 : -1; }

// The same operand with every dimension but the heads, and every stride but the contiguous one,
// left to run time.
dnnl::memory::desc runtime_desc_of(const BatchView& v) {
  constexpr auto any = DNNL_RUNTIME_DIM_VAL;
  Dims dims{any, v.dims[1], any, any}, strides(4, any);
  const int unit = contiguous_dim(v.strides);
  if (unit >= 0) strides[unit] = 1;
  return desc_of(v, dims, strides);
}

}  // namespace

BatchView heads_of(const View<2>& m, int64_t batch, int64_t heads, int64_t head_dim, int64_t first_col) {
  return split_heads<BatchView>(m, batch, heads, head_dim, first_col);
}

MutableBatchView heads_of(const MutableView<2>& m, int64_t batch, int64_t heads, int64_t head_dim,
                          int64_t first_col) {
  return split_heads<MutableBatchView>(m, batch, heads, head_dim, first_col);
}

void batched_matmul(const MutableBatchView& c, const BatchView& a, const BatchView& b,
                    const BatchedMatmulOptions& options, const ProductContext& products) {
  HEED_ASSERT(a.dims[0] == b.dims[0] && a.dims[1] == b.dims[1] && a.dims[3] == b.dims[2] &&
                 c.dims[0] == a.dims[0] && c.dims[1] == a.dims[1] && c.dims[2] == a.dims[2] &&
                 c.dims[3] == b.dims[3],
             "batched_matmul shapes do not agree");
  for (auto d : c.dims)
    if (d == 0) return;
  thread_local Scratch<uint16_t> a_store, b_store;
  const BatchView a_op = product_operand(a, products, a_store);
  const BatchView b_op = product_operand(b, products, b_store);
  const BatchView c_view = c;
  const bool runtime = options.runtime_shape;
  onednn::CacheKey key(runtime ? "bmm_runtime" : "bmm");
  key.add(int64_t{products.bf16()});
  if (runtime) {
    key.add(a.dims[1]).add(int64_t{contiguous_dim(a_op.strides)}).add(int64_t{contiguous_dim(b_op.strides)}).add(int64_t{contiguous_dim(c.strides)});
  } else {
    key.add(to_dnnl(a_op.dims)).add(to_dnnl(a_op.strides)).add(to_dnnl(b_op.dims)).add(to_dnnl(b_op.strides)).add(to_dnnl(c.strides));
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
    const auto desc = runtime ? dnnl::matmul::desc(runtime_desc_of(a_op), runtime_desc_of(b_op), runtime_desc_of(c_view))
                              : dnnl::matmul::desc(desc_of(a_op), desc_of(b_op), desc_of(c_view));
    dnnl::matmul::primitive_desc pd(desc, attr, onednn::engine());
    return onednn::CachedPrimitive{dnnl::matmul(pd), pd};
  });
  onednn::execute(entry.primitive, {{DNNL_ARG_SRC, memory_of(a_op)},
                                    {DNNL_ARG_WEIGHTS, memory_of(b_op)},
                                    {DNNL_ARG_DST, onednn::wrap(desc_of(c_view), c.as<float>())}});
}

void batched_matmul_backward(const MutableBatchView& da, const MutableBatchView& db, const BatchView& dc,
                             const BatchView& a, const BatchView& b,
                             const BatchedMatmulOptions& options, const ProductContext& products) {
  if (da.data != nullptr) batched_matmul(da, dc, b.t(), options, products);
  if (db.data != nullptr) batched_matmul(db, a.t(), dc, options, products);
}

}  // namespace heed::ops
