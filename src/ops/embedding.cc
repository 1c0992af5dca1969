#include "heed/ops/embedding.h"

#include "heed/core/error.h"
#include "heed/core/parallel.h"

namespace heed::ops {
namespace {

void check_ids(const std::vector<int32_t>& ids, int64_t vocab) {
  for (size_t i = 0; i < ids.size(); ++i)
    HEED_CHECK(ids[i] >= 0 && ids[i] < vocab, "token id {} at position {} is outside the vocabulary of {}",
               ids[i], i, vocab);
}

}  // namespace

void embedding_forward(const Tensor& y, const Tensor& table, const std::vector<int32_t>& ids,
                       float scale) {
  HEED_ASSERT(table.ndim() == 2, "embedding table must be (V, D), got {}", to_string(table.shape()));
  const int64_t n = static_cast<int64_t>(ids.size()), d = table.dim(1);
  check_shape(y, {n, d}, "embedding output");
  check_ids(ids, table.dim(0));
  parallel_for(n, n * d, [&](int64_t i) {
    const float* row = table.data() + static_cast<int64_t>(ids[i]) * d;
    float* out = y.mutable_data() + i * d;
    for (int64_t j = 0; j < d; ++j) out[j] = scale * row[j];
  });
}

void embedding_backward(const Tensor& dtable, const Tensor& dy, const std::vector<int32_t>& ids,
                        float scale) {
  HEED_ASSERT(dtable.ndim() == 2, "embedding gradient must be (V, D)");
  const int64_t n = static_cast<int64_t>(ids.size()), d = dtable.dim(1);
  check_shape(dy, {n, d}, "embedding output gradient");
  check_ids(ids, dtable.dim(0));
  // Serial over rows: repeated ids write the same row, and a scatter is cheap next to the matmuls.
  for (int64_t i = 0; i < n; ++i) {
    float* row = dtable.mutable_data() + static_cast<int64_t>(ids[i]) * d;
    const float* g = dy.data() + i * d;
    for (int64_t j = 0; j < d; ++j) row[j] += scale * g[j];
  }
}

}  // namespace heed::ops
