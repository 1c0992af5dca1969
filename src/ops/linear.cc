#include "heed/ops/linear.h"

#include <algorithm>

#include "heed/core/error.h"
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
  HEED_CHECK(x.ndim() == 2 && w.ndim() == 2 && x.dim(1) == w.dim(1),
             "{}: input {} does not fit weight {}", what, to_string(x.shape()),
             to_string(w.shape()));
}

}  // namespace

void linear_forward(const Tensor& y, const Tensor& x, const Tensor& w, const Tensor& b) {
  check_linear(x, w, "linear_forward");
  check_shape(y, {x.dim(0), w.dim(0)}, "linear_forward output");
  if (b.defined()) check_shape(b, {w.dim(0)}, "linear_forward bias");
  MatmulOptions options;
  options.bias = b.defined() ? b.data() : nullptr;
  matmul(MatrixView::of(y), MatrixView::of(x), MatrixView::of(w).t(), options);
}

void linear_backward(const Tensor& dx, const Tensor& dw, const Tensor& db, const Tensor& dy,
                     const Tensor& x, const Tensor& w, const LinearBackwardOptions& options) {
  check_linear(x, w, "linear_backward");
  const int64_t m = x.dim(0), n = w.dim(0);
  check_shape(dy, {m, n}, "linear_backward output gradient");
  check_shape(dw, w.shape(), "linear_backward weight gradient");
  MatmulOptions accumulate;
  accumulate.accumulate = true;
  if (dx.defined()) {
    check_shape(dx, x.shape(), "linear_backward input gradient");
    MatmulOptions dx_options;
    dx_options.accumulate = options.accumulate_dx;
    matmul(MatrixView::of(dx), MatrixView::of(dy), MatrixView::of(w), dx_options);
  }
  matmul(MatrixView::of(dw), MatrixView::of(dy).t(), MatrixView::of(x), accumulate);
  if (db.defined()) {
    check_shape(db, {n}, "linear_backward bias gradient");
    const MatrixView row_of_ones{ones(m), 1, m, m, 1};
    matmul({db.data(), 1, n, n, 1}, row_of_ones, MatrixView::of(dy), accumulate);
  }
}

}  // namespace heed::ops
