#pragma once
// The arithmetic of matrix products. Inference chooses a type per model (prepared_matrix.h);
// training in bf16 chooses one for the products of its passes (ProductContext).
#include <cstdint>
#include <string>

namespace heed::ops {

enum class ComputeType { f32, bf16, int8 };

const char* compute_type_name(ComputeType type);
// "f32", "bf16", "int8"; anything else is an Error listing them.
ComputeType parse_compute_type(const std::string& name);
// Why this CPU cannot run `type`'s products ("bf16 needs AVX-512 BF16; this CPU has avx2"), or ""
// when it can.
std::string compute_type_unavailable(ComputeType type);

// What ops::matmul's and ops::batched_matmul's products need besides their operands, passed
// down by the caller with each call (there is no per-thread mode): their type, f32 or bf16 (both
// operands rounded to bfloat16, accumulation and output in fp32), which is what mixed-precision
// training does with every product while weights, gradients, optimizer state and all other ops
// stay fp32; and under bf16 the weights' rounded copy. The default is f32 products, as
// inference, validation and the gradient checks run them.
struct ProductContext {
  ComputeType type = ComputeType::f32;
  // Under bf16, an operand that lies inside `weights` (n floats) is read from `weights_bf16`,
  // the same n values rounded, instead of being rounded at every product that uses it: the
  // trainer rounds all weights once per pass, where each would otherwise be rounded in the
  // forward product and again in backward's. The caller keeps the copy equal to bf16(weights)
  // while the context is in use.
  const float* weights = nullptr;
  int64_t n = 0;
  const uint16_t* weights_bf16 = nullptr;

  bool bf16() const { return type == ComputeType::bf16; }
  // Where the rounded copy of `first` is, if the weights hold every element from first to last
  // (inclusive); else nullptr.
  const uint16_t* rounded_copy_of(const float* first, const float* last) const;
};

// The context of products of `type`, after checking that they can run: int8 (inference's, through
// prepared matrices) and bf16 on a CPU without it are Errors naming why.
ProductContext product_context(ComputeType type);

}  // namespace heed::ops
