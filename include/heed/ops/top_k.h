#pragma once

#include <cstdint>

namespace heed::ops {

// The k largest of x[0, n), best first, ties to the lower index: their indices into best[0, k).
// Returns how many there are: min(k, the number of values that are not NaN); NaN never is one.
int top_k(const float* x, int64_t n, int k, int32_t* best);

}  // namespace heed::ops
