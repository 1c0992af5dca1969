#pragma once
// Feed-forward activations on oneDNN's eltwise primitives.
#include "heed/core/tensor.h"

namespace heed::ops {

// gelu: the exact erf form, x·Φ(x), as the model spec says; gelu_tanh: its tanh approximation;
// gelu_sigmoid: x·σ(1.702x) (Marian's gelu); silu: x·σ(x) (swish). heed trains any of them; the
// last three are there for imported models.
enum class Activation { relu, gelu, gelu_tanh, gelu_sigmoid, silu };

// y = act(x); y may alias x. activation_backward needs x, except relu's, which may be given y
// instead (or y after dropout): relu'(x) > 0 exactly where relu(x) > 0.
void activation_forward(const Tensor& y, const Tensor& x, Activation act);
// dx = act'(x) ⊙ dy.
void activation_backward(const Tensor& dx, const Tensor& dy, const Tensor& x, Activation act);

// y = exp(x), on oneDNN's JIT eltwise (the compiler does not vectorize std::exp here).
void exponential(const Tensor& y, const Tensor& x);

}  // namespace heed::ops
