#pragma once
// The arithmetic of matrix products. Inference chooses a type per model (prepared_matrix.h);
// training in bf16 chooses one for the products of its passes (ProductTypeScope).
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

// The type of ops::matmul's and ops::batched_matmul's products on the calling thread: f32, or
// bf16 (both operands rounded to bfloat16, accumulation and output in fp32), which is what mixed-
// precision training does with every product while weights, gradients, optimizer state and all
// other ops stay fp32. A per-thread setting, like OpenMP's thread count: the trainer sets it
// around its passes, and validation, decoding and the gradient checks run in f32 beside it.
ComputeType product_type();

// Sets the calling thread's product type for the scope's lifetime (f32 or bf16; bf16 on a CPU
// without it is an Error naming the ISA).
class ProductTypeScope {
 public:
  explicit ProductTypeScope(ComputeType type);
  ~ProductTypeScope();
  ProductTypeScope(const ProductTypeScope&) = delete;
  ProductTypeScope& operator=(const ProductTypeScope&) = delete;

 private:
  ComputeType previous_;
};

// Under bf16 products, an operand that lies inside `source` (n floats) is read from `rounded`,
// the same n values rounded to bfloat16, instead of being rounded at every product that uses it:
// the trainer rounds all weights once per pass, where each would otherwise be rounded in the
// forward product and again in backward's. Per thread, for the scope's lifetime; the caller
// keeps `rounded` equal to bf16(source) while the scope lives.
class RoundedCopyScope {
 public:
  RoundedCopyScope(const float* source, int64_t n, const uint16_t* rounded);
  ~RoundedCopyScope();
  RoundedCopyScope(const RoundedCopyScope&) = delete;
  RoundedCopyScope& operator=(const RoundedCopyScope&) = delete;

 private:
  const float* previous_source_;
  int64_t previous_n_;
  const uint16_t* previous_rounded_;
};

// Where the rounded copy of `first` is, if the current scope's source holds every element from
// first to last (inclusive); else nullptr.
const uint16_t* rounded_copy_of(const float* first, const float* last);

}  // namespace heed::ops
