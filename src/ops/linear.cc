#include "heed/ops/linear.h"

#include <algorithm>

#include "heed/core/error.h"
#include "heed/ops/compute_type.h"
#include "heed/ops/matmul.h"

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

void check_linear(const Tensor& x, const Tensor& w, const char* what) {
  HEED_ASSERT(x.ndim() == 2 && w.ndim() == 2 && x.dim(1) == w.dim(1),
             "{}: input {} does not fit weight {}", what, to_string(x.shape()),
             to_string(w.shape()));
}

// x as the products read it: with its bf16 copy when the caller has one and products are bf16.
MatrixView input_view(const Tensor& x, const uint16_t* x_bf16) {
  MatrixView v = MatrixView::of(x);
  if (product_type() == ComputeType::bf16) v.bf16 = x_bf16;
  return v;
}

}  // namespace

void linear_forward(const Tensor& y, const Tensor& x, const Tensor& w, const Tensor& b,
                    const LinearForwardOptions& options) {
  check_linear(x, w, "linear_forward");
  check_shape(y, {x.dim(0), w.dim(0)}, "linear_forward output");
  if (b.defined()) check_shape(b, {w.dim(0)}, "linear_forward bias");
  MatmulOptions product;
  product.bias = b.defined() ? b.data() : nullptr;
  matmul(MatrixView::of(y), input_view(x, options.x_bf16), MatrixView::of(w).t(), product);
}

void linear_backward(const Tensor& dx, const Tensor& dw, const Tensor& db, const Tensor& dy,
                     const Tensor& x, const Tensor& w, const LinearBackwardOptions& options) {
  check_linear(x, w, "linear_backward");
  const int64_t m = x.dim(0), n = w.dim(0);
  check_shape(dy, {m, n}, "linear_backward output gradient");
  check_shape(dw, w.shape(), "linear_backward weight gradient");
  MatmulOptions accumulate;
  accumulate.accumulate = true;
  // dy is an operand of two or three products: under bf16, rounded once for all of them.
  thread_local Scratch<uint16_t> dy_store;
  const MatrixView dy_view = input_view(dy, options.dy_bf16 ? options.dy_bf16 : round_for_products(dy, dy_store));
  if (dx.defined()) {
    check_shape(dx, x.shape(), "linear_backward input gradient");
    MatmulOptions dx_options;
    dx_options.accumulate = options.accumulate_dx;
    matmul(MatrixView::of(dx), dy_view, MatrixView::of(w), dx_options);
  }
  matmul(MatrixView::of(dw), dy_view.t(), input_view(x, options.x_bf16), accumulate);
  if (db.defined()) {
    check_shape(db, {n}, "linear_backward bias gradient");
    const MatrixView row_of_ones{ones(m), 1, m, m, 1};
    matmul({db.data(), 1, n, n, 1}, row_of_ones, dy_view, accumulate);
  }
}

}  // namespace heed::ops
