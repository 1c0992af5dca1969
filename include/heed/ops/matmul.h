#pragma once
// Plain 2-D products through oneDNN, with transposes expressed as strides, and optional
// accumulation into the output (a fused sum post-op). The building block of linear and of the
// output projection. Products run in the type their caller's ProductContext says (compute_type.h;
// f32 by default). An operand is an f32 or a bf16 view: under bf16 products an f32 operand is
// rounded to bfloat16 first, and a caller that keeps an operand rounded (for several products)
// passes that copy's bf16 view instead; under f32 both are f32. C and the bias stay fp32.
#include "heed/core/scratch.h"
#include "heed/core/tensor.h"
#include "heed/core/view.h"
#include "heed/ops/compute_type.h"

namespace heed::ops {

// A matrix seen through strides: element (i, j) at data[i · strides[0] + j · strides[1]].
using MatrixView = View<2>;
using MutableMatrixView = MutableView<2>;

// A tensor's bfloat16 copy kept across calls, for bf16 products to read in place of an operand
// that several products use: a layer rounds an activation once in forward, for its forward and
// backward products. Under f32 products it holds nothing, and products read the tensor itself.
class RoundedCopy {
 public:
  // Under bf16 products, t rounded into this copy (in place of the last one); under f32, none.
  void round(const Tensor& t, const ProductContext& products);
  // Room for a copy of t that the caller writes (an op that rounds as it writes t); held from
  // here on.
  uint16_t* room_for(const Tensor& t);
  void clear() { copy_ = nullptr; }
  bool held() const { return copy_ != nullptr; }
  const uint16_t* data() const { return copy_; }
  // t (of rank N) as products read it: this copy when one is held (made from t, or from a tensor
  // of t's shape that t stands for, by a pass whose products were bf16), else t itself.
  template <size_t N>
  View<N> operand(const Tensor& t) const {
    return copy_ ? dense_view(copy_, dims_of<N>(t), DType::bf16) : view_of<N>(t);
  }

 private:
  Scratch<uint16_t> store_;
  const uint16_t* copy_ = nullptr;  // in store_, or null
};

struct MatmulOptions {
  float alpha = 1.0f;       // C = alpha · (A · B + bias): the bias is scaled too
  bool accumulate = false;  // C += instead of C =
  const float* bias = nullptr;  // (N), added to every row
  // Many-row products run as blocks of this many rows with one primitive, which keeps each
  // block's output in cache: 4096x1024·1024x256 runs at 106 GFLOP/s in one call on Zen 3 (AVX2)
  // and at 127 in blocks of 1024. 0: one call, whatever the size. fp32 only: bf16 products (on
  // AVX-512 BF16 CPUs) always run in one call, which made bf16 training `small` 6% faster on
  // Zen 5 (three alternating pairs), where one call did nothing for fp32's.
  int64_t row_block = 1024;
};

// C (M, N) f32 = alpha · (A (M, K) · B (K, N) [+ bias]) [+ C].
void matmul(const MutableMatrixView& c, const MatrixView& a, const MatrixView& b,
            const MatmulOptions& options = {}, const ProductContext& products = {});

}  // namespace heed::ops
