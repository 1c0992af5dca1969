#include "heed/ops/matmul.h"

#include <algorithm>

#include "heed/core/error.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/primitive_cache.h"

namespace heed::ops {

using onednn::Dims;

MatrixView MatrixView::of(const Tensor& t) {
  HEED_CHECK(t.ndim() == 2, "expected a matrix, got shape {}", to_string(t.shape()));
  return {t.data(), t.dim(0), t.dim(1), t.dim(1), 1};
}

namespace {

void matmul_block(const MatrixView& c, const MatrixView& a, const MatrixView& b,
                  const MatmulOptions& options);

}  // namespace

void matmul(const MatrixView& c, const MatrixView& a, const MatrixView& b,
            const MatmulOptions& options) {
  HEED_CHECK(a.cols == b.rows && c.rows == a.rows && c.cols == b.cols,
             "matmul shapes ({}x{}) · ({}x{}) -> ({}x{})", a.rows, a.cols, b.rows, b.cols, c.rows,
             c.cols);
  if (c.rows == 0 || c.cols == 0) return;
  const int64_t block = options.row_block > 0 ? options.row_block : c.rows;
  for (int64_t row = 0; row < c.rows; row += block) {
    const int64_t n = std::min(block, c.rows - row);
    matmul_block({c.data + row * c.row_stride, n, c.cols, c.row_stride, c.col_stride},
                 {a.data + row * a.row_stride, n, a.cols, a.row_stride, a.col_stride}, b, options);
  }
}

namespace {

void matmul_block(const MatrixView& c, const MatrixView& a, const MatrixView& b,
                  const MatmulOptions& options) {
  const Dims a_dims{a.rows, a.cols}, a_strides{a.row_stride, a.col_stride};
  const Dims b_dims{b.rows, b.cols}, b_strides{b.row_stride, b.col_stride};
  const Dims c_dims{c.rows, c.cols}, c_strides{c.row_stride, c.col_stride};
  // The row count is a runtime dimension: one primitive serves every batch size (measured on
  // oneDNN 2.6 gemm:jit, as fast as a primitive made for the exact size).
  const Dims a_any{DNNL_RUNTIME_DIM_VAL, a.cols}, c_any{DNNL_RUNTIME_DIM_VAL, c.cols};
  const bool has_bias = options.bias != nullptr;
  onednn::CacheKey key("matmul2d");
  key.add(a.cols).add(a_strides).add(b_dims).add(b_strides).add(c_strides);
  key.add(options.alpha).add(int64_t{options.accumulate}).add(int64_t{has_bias});

  const auto& entry = onednn::cached_primitive(key, [&] {
    dnnl::primitive_attr attr;
    if (options.alpha != 1.0f) attr.set_output_scales(0, {options.alpha});
    if (options.accumulate) {
      dnnl::post_ops post;
      post.append_sum(1.0f);
      attr.set_post_ops(post);
    }
    const auto a_md = onednn::f32_desc(a_any, a_strides);
    const auto b_md = onednn::f32_desc(b_dims, b_strides);
    const auto c_md = onednn::f32_desc(c_any, c_strides);
    auto desc = has_bias ? dnnl::matmul::desc(a_md, b_md, onednn::f32_desc({1, c.cols}), c_md)
                         : dnnl::matmul::desc(a_md, b_md, c_md);
    dnnl::matmul::primitive_desc pd(desc, attr, onednn::engine());
    return onednn::CachedPrimitive{dnnl::matmul(pd), pd};
  });

  onednn::Args args{
      {DNNL_ARG_SRC, onednn::wrap(onednn::f32_desc(a_dims, a_strides), a.data)},
      {DNNL_ARG_WEIGHTS, onednn::wrap(onednn::f32_desc(b_dims, b_strides), b.data)},
      {DNNL_ARG_DST, onednn::wrap(onednn::f32_desc(c_dims, c_strides), c.data)}};
  if (has_bias) args[DNNL_ARG_BIAS] = onednn::wrap(onednn::f32_desc({1, c.cols}), options.bias);
  onednn::execute(entry.primitive, args);
}

}  // namespace

}  // namespace heed::ops
