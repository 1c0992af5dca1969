#include "heed/ops/top_k.h"

#include <immintrin.h>

namespace heed::ops {

// One pass, the k best kept sorted in `best`: sixteen values at a time are skipped together when
// none beats the k-th, which is most of them. Only a strictly greater value displaces another,
// and values are seen in index order, so ties go to the lower index.
int top_k(const float* x, int64_t n, int k, int32_t* best) {
  if (k <= 0) return 0;
  int kept = 0;  // best[0] the best, best[kept - 1] the worst kept
  auto consider = [&](int64_t v) {
    const float value = x[v];
    if (kept == k && !(value > x[best[k - 1]])) return;
    int i = kept == k ? k - 1 : kept++;
    for (; i > 0 && value > x[best[i - 1]]; --i) best[i] = best[i - 1];
    best[i] = static_cast<int32_t>(v);
  };
  constexpr int64_t kChunk = 16;
  int64_t v = 0;
  for (; v + kChunk <= n; v += kChunk) {
    if (kept == k) {
      // SSE, which every x86-64 has: the compiler left the plain loop of comparisons scalar.
      const __m128 worst = _mm_set1_ps(x[best[k - 1]]);
      __m128 above = _mm_cmpgt_ps(_mm_loadu_ps(x + v), worst);
      above = _mm_or_ps(above, _mm_cmpgt_ps(_mm_loadu_ps(x + v + 4), worst));
      above = _mm_or_ps(above, _mm_cmpgt_ps(_mm_loadu_ps(x + v + 8), worst));
      above = _mm_or_ps(above, _mm_cmpgt_ps(_mm_loadu_ps(x + v + 12), worst));
      if (_mm_movemask_ps(above) == 0) continue;  // none beats the k-th
    }
    for (int64_t c = 0; c < kChunk; ++c) consider(v + c);
  }
  for (; v < n; ++v) consider(v);
  return kept;
}

}  // namespace heed::ops
