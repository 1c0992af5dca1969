#include "heed/ops/linear.h"

#include <algorithm>

#include "heed/core/error.h"
#include "heed/ops/compute_type.h"
#include "heed/ops/matmul.h"
#include "product_operand.h"

namespace heed::ops {
namespace {

// A row of ones, grown as needed: db = ones(1, M) · dy is a oneDNN product that accumulates
// straight into db, instead of a hand-written column sum. One per thread, so that growing it
// never frees a row another thread is reading.
const float* ones(int64_t n) {
  thread_local Tensor buffer;
  if (!buffer.defined() || buffer.numel() < n) buffer = Tensor::full({std::max<int64_t>(n, 4096)}, 1.0f);
  return buffer.data();
}

void check_linear(const View<2>& x, const Tensor& w, const char* what) {
  HEED_ASSERT(w.ndim() == 2 && x.dims[1] == w.dim(1), "{}: input ({}, {}) does not fit weight {}", what,
              x.dims[0], x.dims[1], to_string(w.shape()));
}

}  // namespace

void linear_forward(const Tensor& y, const View<2>& x, const Tensor& w, const Tensor& b,
                    const ProductContext& products) {
  check_linear(x, w, "linear_forward");
  check_shape(y, {x.dims[0], w.dim(0)}, "linear_forward output");
  if (b.defined()) check_shape(b, {w.dim(0)}, "linear_forward bias");
  MatmulOptions product;
  product.bias = b.defined() ? b.data() : nullptr;
  matmul(mutable_view_of<2>(y), x, view_of<2>(w).t(), product, products);
}

void linear_backward(const Tensor& dx, const Tensor& dw, const Tensor& db, const View<2>& dy,
                     const View<2>& x, const Tensor& w, const LinearBackwardOptions& options,
                     const ProductContext& products) {
  check_linear(x, w, "linear_backward");
  const int64_t m = x.dims[0], n = w.dim(0);
  HEED_CHECK(dy.dims == (Extents<2>{m, n}), "linear_backward output gradient is ({}, {}), expected ({}, {})",
             dy.dims[0], dy.dims[1], m, n);
  check_shape(dw, w.shape(), "linear_backward weight gradient");
  MatmulOptions accumulate;
  accumulate.accumulate = true;
  // dy is an operand of two or three products: under bf16, rounded once for all of them.
  thread_local Scratch<uint16_t> dy_store;
  const View<2> dy_op = product_operand(dy, products, dy_store);
  if (dx.defined()) {
    check_shape(dx, {m, x.dims[1]}, "linear_backward input gradient");
    MatmulOptions dx_options;
    dx_options.accumulate = options.accumulate_dx;
    matmul(mutable_view_of<2>(dx), dy_op, view_of<2>(w), dx_options, products);
  }
  matmul(mutable_view_of<2>(dw), dy_op.t(), x, accumulate, products);
  if (db.defined()) {
    check_shape(db, {n}, "linear_backward bias gradient");
    const View<2> row_of_ones = dense_view(ones(m), Extents<2>{1, m});
    matmul(dense_view(db.mutable_data(), Extents<2>{1, n}), row_of_ones, dy_op, accumulate, products);
  }
}

}  // namespace heed::ops
