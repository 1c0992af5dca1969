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

namespace {
thread_local ComputeType current_product_type = ComputeType::f32;
// The calling thread's RoundedCopyScope: n = 0 when there is none.
thread_local const float* copy_source = nullptr;
thread_local int64_t copy_n = 0;
thread_local const uint16_t* copy_rounded = nullptr;
}  // namespace

ComputeType product_type() { return current_product_type; }

ProductTypeScope::ProductTypeScope(ComputeType type) : previous_(current_product_type) {
  HEED_CHECK(type != ComputeType::int8, "products in int8 are for inference (prepared matrices)");
  const std::string unavailable = compute_type_unavailable(type);
  HEED_CHECK(unavailable.empty(), "{}", unavailable);
  current_product_type = type;
}

ProductTypeScope::~ProductTypeScope() { current_product_type = previous_; }

RoundedCopyScope::RoundedCopyScope(const float* source, int64_t n, const uint16_t* rounded)
    : previous_source_(copy_source), previous_n_(copy_n), previous_rounded_(copy_rounded) {
  copy_source = source;
  copy_n = n;
  copy_rounded = rounded;
}

RoundedCopyScope::~RoundedCopyScope() {
  copy_source = previous_source_;
  copy_n = previous_n_;
  copy_rounded = previous_rounded_;
}

const uint16_t* rounded_copy_of(const float* first, const float* last) {
  // Compared as addresses: first and last need not point into the scope's source.
  const auto begin = reinterpret_cast<uintptr_t>(copy_source);
  const auto end = begin + static_cast<uintptr_t>(copy_n) * sizeof(float);
  const auto lo = reinterpret_cast<uintptr_t>(first), hi = reinterpret_cast<uintptr_t>(last);
  if (copy_n == 0 || lo < begin || hi >= end || hi < lo) return nullptr;
  return copy_rounded + (lo - begin) / sizeof(float);
}

}  // namespace heed::ops
