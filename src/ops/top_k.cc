#include "heed/ops/top_k.h"

namespace heed::ops {

// One pass, the k best kept sorted in `best`: most values lose to the k-th in one comparison, and
// sixteen at a time are skipped together when none beats it (a comparison that vectorizes). Only
// a strictly greater value displaces another, and values are seen in index order, so ties go to
// the lower index.
int top_k(const float* x, int64_t n, int k, int32_t* best) {
  if (k <= 0) return 0;
  int kept = 0;  // best[0] the best, best[kept - 1] the worst kept
  auto consider = [&](int64_t v) {
    const float value = x[v];
    if (value != value) return;  // NaN
    if (kept == k && !(value > x[best[k - 1]])) return;
    int i = kept == k ? k - 1 : kept++;
    for (; i > 0 && value > x[best[i - 1]]; --i) best[i] = best[i - 1];
    best[i] = static_cast<int32_t>(v);
  };
  constexpr int64_t kChunk = 16;
  int64_t v = 0;
  for (; v + kChunk <= n; v += kChunk) {
    if (kept == k) {
      const float worst = x[best[k - 1]];
      int any = 0;
      for (int64_t c = 0; c < kChunk; ++c) any |= x[v + c] > worst;
      if (!any) continue;
    }
    for (int64_t c = 0; c < kChunk; ++c) consider(v + c);
  }
  for (; v < n; ++v) consider(v);
  return kept;
}

}  // namespace heed::ops
