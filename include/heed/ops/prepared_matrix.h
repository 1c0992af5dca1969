#pragma once
// Weights readied once, at load, for inference products y = x W^T + b in a compute type:
//   f32   weights reordered into the layout oneDNN's kernels read fastest (on AVX-512 the blocked
//         layout of its brgemm kernels: 2x a plain product's speed at decoding shapes);
//   bf16  the same in bfloat16, inputs rounded to bfloat16 per call, fp32 accumulation and output;
//   int8  signed 8-bit weights with a scale per output row, inputs quantized per row on the fly,
//         int32 accumulation, dequantized to fp32 with the bias added.
// Layer norms, softmax and the residual stream stay fp32 in every type.
#include <memory>
#include <string>
#include <map>
#include <utility>

#include "heed/core/tensor.h"
#include "heed/ops/compute_type.h"
#include "heed/ops/linear.h"

namespace heed::ops {

// The largest magnitude of a quantized int8 product input on this CPU: 127 with VNNI, else 63
// (see the .cc). Weights use all of [-127, 127].
int int8_input_limit();

class PreparedMatrix {
 public:
  // w (N, K), read once: the prepared copy does not refer to it.
  PreparedMatrix(const Tensor& w, ComputeType type);
  ~PreparedMatrix();
  PreparedMatrix(PreparedMatrix&&) noexcept;

  // y (M, N) = x (M, K) · W^T [+ bias (N)]; x and y dense.
  void forward(const Tensor& y, const Tensor& x, const float* bias) const;

  ComputeType type() const;
  int64_t bytes() const;  // of the prepared weights

  struct Impl;

 private:
  // dst (M, N) f32, or s32 for int8 = src (M, K) of the compute type · W^T [+ bias], a block of
  // rows at a time.
  void run_blocks(int64_t m, const void* src, void* dst, const float* bias) const;

  std::unique_ptr<Impl> impl_;
};

// The prepared matrices of one model, found by the weight tensor each was made from.
class PreparedWeights {
 public:
  explicit PreparedWeights(ComputeType type) : type_(type) {}
  void add(const Tensor& w);  // once per weight; a second add of the same tensor is ignored
  const PreparedMatrix* find(const Tensor& w) const;
  ComputeType type() const { return type_; }
  int64_t bytes() const;

 private:
  ComputeType type_;
  // Keyed by data and row count: a fused weight (Q, K, V stacked) and its first part (Q) start at
  // the same address.
  std::map<std::pair<const float*, int64_t>, PreparedMatrix> matrices_;
};

// y = x W^T + b through w's prepared matrix when `prepared` holds one, else in fp32 from w.
void linear_forward(const Tensor& y, const Tensor& x, const Tensor& w, const Tensor& b,
                    const PreparedWeights* prepared);

}  // namespace heed::ops
