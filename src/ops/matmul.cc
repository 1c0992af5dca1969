#include "heed/ops/matmul.h"

#include <algorithm>

#include "heed/core/error.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/primitive_cache.h"
#include "heed/ops/compute_type.h"
#include "heed/ops/quantize.h"
#include "product_operand.h"

namespace heed::ops {

using onednn::Dims;

namespace {

void matmul_block(const MutableMatrixView& c, const MatrixView& a, const MatrixView& b, const MatmulOptions& options) {
  // The row count is a runtime dimension: one primitive serves every batch size (measured on
  // oneDNN 2.6 gemm:jit, as fast as a primitive made for the exact size).
  const int64_t k = a.dims[1], n = c.dims[1];
  const Dims a_any{DNNL_RUNTIME_DIM_VAL, k}, c_any{DNNL_RUNTIME_DIM_VAL, n};
  const Dims c_strides = to_dnnl(c.strides);
  const bool has_bias = options.bias != nullptr;
  onednn::CacheKey key("matmul2d");
  key.add(int64_t{a.dtype == DType::bf16}).add(k).add(to_dnnl(a.strides));
  key.add(to_dnnl(b.dims)).add(to_dnnl(b.strides)).add(c_strides);
  key.add(options.alpha).add(int64_t{options.accumulate}).add(int64_t{has_bias});

  const auto& entry = onednn::cached_primitive(key, [&] {
    dnnl::primitive_attr attr;
    if (options.alpha != 1.0f) attr.set_output_scales(0, {options.alpha});
    if (options.accumulate) {
      dnnl::post_ops post;
      post.append_sum(1.0f);
      attr.set_post_ops(post);
    }
    const auto a_md = desc_of(a, a_any, to_dnnl(a.strides));
    const auto b_md = desc_of(b);
    const auto c_md = onednn::f32_desc(c_any, c_strides);
    auto desc = has_bias ? dnnl::matmul::desc(a_md, b_md, onednn::f32_desc({1, n}), c_md)
                         : dnnl::matmul::desc(a_md, b_md, c_md);
    dnnl::matmul::primitive_desc pd(desc, attr, onednn::engine());
    return onednn::CachedPrimitive{dnnl::matmul(pd), pd};
  });

  onednn::Args args{{DNNL_ARG_SRC, memory_of(a)},
                    {DNNL_ARG_WEIGHTS, memory_of(b)},
                    {DNNL_ARG_DST, onednn::wrap(onednn::f32_desc(to_dnnl(c.dims), c_strides), c.as<float>())}};
  if (has_bias) args[DNNL_ARG_BIAS] = onednn::wrap(onednn::f32_desc({1, n}), options.bias);
  onednn::execute(entry.primitive, args);
}

}  // namespace

void matmul(const MutableMatrixView& c, const MatrixView& a, const MatrixView& b,
            const MatmulOptions& options, const ProductContext& products) {
  const int64_t m = c.dims[0];
  HEED_ASSERT(a.dims[1] == b.dims[0] && m == a.dims[0] && c.dims[1] == b.dims[1],
             "matmul shapes ({}x{}) · ({}x{}) -> ({}x{})", a.dims[0], a.dims[1], b.dims[0], b.dims[1], m,
             c.dims[1]);
  if (m == 0 || c.dims[1] == 0) return;
  // bf16 products: both operands rounded once, before the row blocks (the scratch is the calling
  // thread's, and a product never calls another).
  thread_local Scratch<uint16_t> a_store, b_store;
  const MatrixView a_op = product_operand(a, products, a_store);
  const MatrixView b_op = product_operand(b, products, b_store);
  // bf16 products run in one call whatever options.row_block says (see MatmulOptions).
  const bool bf16 = products.bf16();
  const int64_t block = options.row_block > 0 && !bf16 ? options.row_block : m;
  for (int64_t row = 0; row < m; row += block) {
    const int64_t n = std::min(block, m - row);
    matmul_block(c.rows(row, n), a_op.rows(row, n), b_op, options);
  }
}

void RoundedCopy::round(const Tensor& t, const ProductContext& products) {
  copy_ = nullptr;
  if (!products.bf16() || t.numel() == 0) return;
  uint16_t* copy = room_for(t);
  to_bf16(t.data(), t.numel(), copy);
}

uint16_t* RoundedCopy::room_for(const Tensor& t) {
  uint16_t* copy = store_.get(static_cast<size_t>(t.numel()));
  copy_ = copy;
  return copy;
}

}  // namespace heed::ops
