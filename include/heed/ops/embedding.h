#pragma once
// Embedding lookup: rows of a table gathered by token id (oneDNN has no gather primitive).
#include <cstdint>
#include <vector>

#include "heed/core/tensor.h"

namespace heed::ops {

// y (N, D) = scale · table[ids] (table (V, D)); an id outside [0, V) is an Error.
void embedding_forward(const Tensor& y, const Tensor& table, const std::vector<int32_t>& ids,
                       float scale);
// dtable[ids[i]] += scale · dy[i]; repeated ids accumulate.
void embedding_backward(const Tensor& dtable, const Tensor& dy, const std::vector<int32_t>& ids,
                        float scale);

}  // namespace heed::ops
