#include "heed/ops/compute_type.h"

#include "heed/core/cpu.h"
#include "heed/core/error.h"

namespace heed::ops {

const char* compute_type_name(ComputeType type) {
  switch (type) {
    case ComputeType::f32: return "f32";
    case ComputeType::bf16: return "bf16";
    case ComputeType::int8: return "int8";
  }
  return "?";
}

ComputeType parse_compute_type(const std::string& name) {
  for (auto t : {ComputeType::f32, ComputeType::bf16, ComputeType::int8})
    if (name == compute_type_name(t)) return t;
  throw Error(fmt::format("unknown compute type '{}' (f32, bf16 or int8)", name));
}

std::string compute_type_unavailable(ComputeType type) {
  // oneDNN's levels: its bf16 and int8 kernels need them.
  const char* level = cpu::level_name(cpu::effective_level());
  if (type == ComputeType::bf16 && !cpu::has(cpu::Level::avx512_core_bf16))
    return fmt::format("bf16 needs AVX-512 BF16; this CPU has {}", level);
  if (type == ComputeType::int8 && !cpu::has(cpu::Level::avx2))
    return fmt::format("int8 needs AVX2 at least; this CPU has {}", level);
  return "";
}

ProductContext product_context(ComputeType type) {
  HEED_CHECK(type != ComputeType::int8, "products in int8 are for inference (prepared matrices)");
  const std::string unavailable = compute_type_unavailable(type);
  HEED_CHECK(unavailable.empty(), "{}", unavailable);
  ProductContext context;
  context.type = type;
  return context;
}

const uint16_t* ProductContext::rounded_copy_of(const float* first, const float* last) const {
  // Compared as addresses: first and last need not point into the weights.
  const auto begin = reinterpret_cast<uintptr_t>(weights);
  const auto end = begin + static_cast<uintptr_t>(n) * sizeof(float);
  const auto lo = reinterpret_cast<uintptr_t>(first), hi = reinterpret_cast<uintptr_t>(last);
  if (n == 0 || weights_bf16 == nullptr || lo < begin || hi >= end || hi < lo) return nullptr;
  return weights_bf16 + (lo - begin) / sizeof(float);
}

}  // namespace heed::ops
