#pragma once
// Residual connections: y = a + b on oneDNN's binary primitive.
#include "heed/core/tensor.h"

namespace heed::ops {

// y = a + b, all of one shape; y may alias a or b.
void add_forward(const Tensor& y, const Tensor& a, const Tensor& b);
// The gradient of a sum reaches both terms unchanged: da = dy, db = dy (either may be undefined).
void add_backward(const Tensor& da, const Tensor& db, const Tensor& dy);
// y += x, the accumulation the residual stream needs in the backward pass.
inline void add_into(const Tensor& y, const Tensor& x) { add_forward(y, y, x); }

}  // namespace heed::ops
