#include "heed/ops/matmul.h"

#include <algorithm>

#include "heed/core/error.h"
#include "heed/dnnl/context.h"
#include "heed/dnnl/primitive_cache.h"
#include "heed/ops/compute_type.h"
#include "heed/ops/quantize.h"

namespace heed::ops {

using onednn::Dims;

MatrixView MatrixView::of(const Tensor& t) {
  HEED_ASSERT(t.ndim() == 2, "expected a matrix, got shape {}", to_string(t.shape()));
  return {t.data(), t.dim(0), t.dim(1), t.dim(1), 1};
}

namespace {

// An operand as oneDNN reads it: fp32 in place, or a bfloat16 copy (16-bit patterns).
struct Operand {
  const void* data;
  int64_t rows, cols, row_stride, col_stride;
  bool bf16;

  Operand rows_from(int64_t row, int64_t n) const {
    const auto* base = static_cast<const char*>(data) + row * row_stride * (bf16 ? 2 : 4);
    return {base, n, cols, row_stride, col_stride, bf16};
  }
  dnnl::memory::desc desc(const Dims& dims) const {
    const Dims strides{row_stride, col_stride};
    return bf16 ? onednn::bf16_desc(dims, strides) : onednn::f32_desc(dims, strides);
  }
  dnnl::memory memory() const {
    const auto d = desc({rows, cols});
    return bf16 ? onednn::wrap(d, static_cast<const uint16_t*>(data)) : onednn::wrap(d, static_cast<const float*>(data));
  }
};

Operand in_place(const MatrixView& v) { return {v.data, v.rows, v.cols, v.row_stride, v.col_stride, false}; }

// v rounded to bfloat16: the view's own copy, the weights' copy (RoundedCopyScope), or a copy
// made in `store` with the dimension that is contiguous in v contiguous in the copy (a transposed
// view stays transposed), so that the copy is a pass over rows.
Operand rounded(const MatrixView& v, Scratch<uint16_t>& store) {
  if (v.bf16 != nullptr) return {v.bf16, v.rows, v.cols, v.row_stride, v.col_stride, true};
  const float* last = v.data + (v.rows - 1) * v.row_stride + (v.cols - 1) * v.col_stride;
  if (const uint16_t* copy = rounded_copy_of(v.data, last))
    return {copy, v.rows, v.cols, v.row_stride, v.col_stride, true};
  uint16_t* out = store.get(static_cast<size_t>(v.rows * v.cols));
  if (v.row_stride == 1 && v.col_stride != 1) {
    to_bf16_rows(v.data, v.cols, v.rows, v.col_stride, out);
    return {out, v.rows, v.cols, 1, v.rows, true};
  }
  if (v.col_stride == 1) {
    to_bf16_rows(v.data, v.rows, v.cols, v.row_stride, out);
  } else {
    for (int64_t i = 0; i < v.rows; ++i)
      for (int64_t j = 0; j < v.cols; ++j) to_bf16(v.data + i * v.row_stride + j * v.col_stride, 1, &out[i * v.cols + j]);
  }
  return {out, v.rows, v.cols, v.cols, 1, true};
}

void matmul_block(const MatrixView& c, const Operand& a, const Operand& b, const MatmulOptions& options) {
  // The row count is a runtime dimension: one primitive serves every batch size (measured on
  // oneDNN 2.6 gemm:jit, as fast as a primitive made for the exact size).
  const Dims a_any{DNNL_RUNTIME_DIM_VAL, a.cols}, c_any{DNNL_RUNTIME_DIM_VAL, c.cols};
  const Dims c_dims{c.rows, c.cols}, c_strides{c.row_stride, c.col_stride};
  const bool has_bias = options.bias != nullptr;
  onednn::CacheKey key("matmul2d");
  key.add(int64_t{a.bf16}).add(a.cols).add(Dims{a.row_stride, a.col_stride});
  key.add(Dims{b.rows, b.cols}).add(Dims{b.row_stride, b.col_stride}).add(c_strides);
  key.add(options.alpha).add(int64_t{options.accumulate}).add(int64_t{has_bias});

  const auto& entry = onednn::cached_primitive(key, [&] {
    dnnl::primitive_attr attr;
    if (options.alpha != 1.0f) attr.set_output_scales(0, {options.alpha});
    if (options.accumulate) {
      dnnl::post_ops post;
      post.append_sum(1.0f);
      attr.set_post_ops(post);
    }
    const auto a_md = a.desc(a_any);
    const auto b_md = b.desc({b.rows, b.cols});
    const auto c_md = onednn::f32_desc(c_any, c_strides);
    auto desc = has_bias ? dnnl::matmul::desc(a_md, b_md, onednn::f32_desc({1, c.cols}), c_md)
                         : dnnl::matmul::desc(a_md, b_md, c_md);
    dnnl::matmul::primitive_desc pd(desc, attr, onednn::engine());
    return onednn::CachedPrimitive{dnnl::matmul(pd), pd};
  });

  onednn::Args args{{DNNL_ARG_SRC, a.memory()},
                    {DNNL_ARG_WEIGHTS, b.memory()},
                    {DNNL_ARG_DST, onednn::wrap(onednn::f32_desc(c_dims, c_strides), c.data)}};
  if (has_bias) args[DNNL_ARG_BIAS] = onednn::wrap(onednn::f32_desc({1, c.cols}), options.bias);
  onednn::execute(entry.primitive, args);
}

}  // namespace

void matmul(const MatrixView& c, const MatrixView& a, const MatrixView& b,
            const MatmulOptions& options) {
  HEED_ASSERT(a.cols == b.rows && c.rows == a.rows && c.cols == b.cols,
             "matmul shapes ({}x{}) · ({}x{}) -> ({}x{})", a.rows, a.cols, b.rows, b.cols, c.rows,
             c.cols);
  if (c.rows == 0 || c.cols == 0) return;
  // bf16 products: both operands rounded once, before the row blocks (the scratch is the calling
  // thread's, and a product never calls another).
  thread_local Scratch<uint16_t> a_store, b_store;
  const bool bf16 = product_type() == ComputeType::bf16;
  const Operand a_op = bf16 ? rounded(a, a_store) : in_place(a);
  const Operand b_op = bf16 ? rounded(b, b_store) : in_place(b);
  // bf16 products run in one call whatever options.row_block says (see MatmulOptions).
  const int64_t block = options.row_block > 0 && !bf16 ? options.row_block : c.rows;
  for (int64_t row = 0; row < c.rows; row += block) {
    const int64_t n = std::min(block, c.rows - row);
    matmul_block({c.data + row * c.row_stride, n, c.cols, c.row_stride, c.col_stride},
                 a_op.rows_from(row, n), b_op, options);
  }
}

const uint16_t* round_for_products(const Tensor& t, Scratch<uint16_t>& store) {
  if (product_type() != ComputeType::bf16 || t.numel() == 0) return nullptr;
  uint16_t* copy = store.get(static_cast<size_t>(t.numel()));
  to_bf16(t.data(), t.numel(), copy);
  return copy;
}

}  // namespace heed::ops
