#pragma once
// The step-attention loop's builds, shared by step_attention.cc (the compiled loop, one per ISA,
// and the choice among builds) and the files that compile the loop written against Vec
// (step_attention_body.h) for each ISA: step_attention_avx2.cc, step_attention_avx512.cc.
#include <cstdint>
#include <type_traits>

namespace heed::ops::detail {

// Where a row's scales are (i8 keys): key j of head h at ks[j · stride], its value's at
// ks[j · stride + value_offset]. Unused for the float types.
struct Scales {
  const float* ks = nullptr;
  int64_t stride = 0, value_offset = 0;
};

// One row and head: p = softmax(scale · q·Kᵀ) over T keys, out = p·V; `p` is scratch (T) and
// holds the weights afterwards. Key: float, uint16_t (bf16 bits) or int8_t.
template <class Key>
using AttendFn = void (*)(const float* q, const Key* k, Scales sc, int64_t key_stride, int64_t value_offset,
                          int64_t T, int64_t d, float scale, float* p, float* out);

// One ISA's build of the loop written against Vec, for each key type: for heads whose width d is
// a multiple of `width` (a head is whole vectors). Callers check the CPU (core/cpu.h) and d.
struct Blocked {
  int64_t width = 0;
  AttendFn<float> f32 = nullptr;
  AttendFn<uint16_t> bf16 = nullptr;
  AttendFn<int8_t> i8 = nullptr;

  template <class Key>
  AttendFn<Key> of() const {
    if constexpr (std::is_same_v<Key, float>) return f32;
    else if constexpr (std::is_same_v<Key, uint16_t>) return bf16;
    else return i8;
  }
};
Blocked blocked_avx2();    // step_attention_avx2.cc
Blocked blocked_avx512();  // step_attention_avx512.cc

}  // namespace heed::ops::detail
