#pragma once
// Feed-forward activations on oneDNN's eltwise primitives.
#include "heed/core/tensor.h"

namespace heed::ops {

enum class Activation { relu, gelu };  // gelu: the exact erf form, as the model spec says

// y = act(x); y may alias x. activation_backward needs x, except relu's, which may be given y
// instead (or y after dropout): relu'(x) > 0 exactly where relu(x) > 0.
void activation_forward(const Tensor& y, const Tensor& x, Activation act);
// dx = act'(x) ⊙ dy.
void activation_backward(const Tensor& dx, const Tensor& dy, const Tensor& x, Activation act);

// y = exp(x), on oneDNN's JIT eltwise (the compiler does not vectorize std::exp here).
void exponential(const Tensor& y, const Tensor& x);

}  // namespace heed::ops
