#include "heed/ops/add.h"

#include <algorithm>

#include "heed/core/error.h"
#include "heed/core/parallel.h"

namespace heed::ops {

// A plain loop: the residual adds of a decoding step are (rows, D) with a few hundred rows, and a
// oneDNN binary primitive cost more to execute (argument maps, memory objects: a dozen mallocs)
// than the adds; it was also made anew for each element count.
void add_forward(const Tensor& y, const Tensor& a, const Tensor& b) {
  check_shape(a, y.shape(), "add: first term");
  check_shape(b, y.shape(), "add: second term");
  const int64_t n = y.numel();
  constexpr int64_t kChunk = 16384;
  const float* pa = a.data();
  const float* pb = b.data();
  float* py = y.mutable_data();
  parallel_for((n + kChunk - 1) / kChunk, n, [&](int64_t c) {
    const int64_t end = std::min(n, (c + 1) * kChunk);
#pragma omp simd
    for (int64_t i = c * kChunk; i < end; ++i) py[i] = pa[i] + pb[i];
  });
}

void add_backward(const Tensor& da, const Tensor& db, const Tensor& dy) {
  if (da.defined() && da.data() != dy.data()) da.copy_from(dy);
  if (db.defined() && db.data() != dy.data()) db.copy_from(dy);
}

}  // namespace heed::ops
