#pragma once

#include <cstdint>

namespace heed::ops {

// The k largest of x[0, n), best first, ties to the lower index: their indices into best[0, k).
// Returns how many there are, min(k, n), NaN or not: a diverged model's NaN scores still give a
// beam search candidates to carry to its length limit. (The first k values fill the list in
// order; a NaN never displaces one later, nor is displaced.)
int top_k(const float* x, int64_t n, int k, int32_t* best);

}  // namespace heed::ops
