#pragma once
// The step-attention loop's builds, shared by step_attention.cc (the compiled-for-each-ISA loop and
// its dispatch) and step_attention_avx512.cc / step_attention_avx2.cc (the loops written with
// intrinsics).
#include <cstdint>

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

// The AVX-512 loop for heads whose width d is a multiple of 16 (a head is whole vectors): four
// keys' scores summed in one reduction, the softmax's exponentials sixteen at a time, and no
// scalar work per element. Callers check the CPU and d. (Plain functions: a declaration without
// the target attribute would make GCC treat a template's attributed definition as another version.)
void attend_avx512_blocked(const float* q, const float* k, Scales sc, int64_t key_stride, int64_t value_offset,
                           int64_t T, int64_t d, float scale, float* p, float* out);
void attend_avx512_blocked(const float* q, const uint16_t* k, Scales sc, int64_t key_stride, int64_t value_offset,
                           int64_t T, int64_t d, float scale, float* p, float* out);
void attend_avx512_blocked(const float* q, const int8_t* k, Scales sc, int64_t key_stride, int64_t value_offset,
                           int64_t T, int64_t d, float scale, float* p, float* out);

// The same for AVX2 with FMA, heads whose width is a multiple of 8. The two files are the same
// algorithm line for line at two vector widths: one width-generic body (GCC vector extensions)
// ran i8 keys 5× slower, GCC 12 widening the bytes lane by lane, and intrinsics cannot be inlined
// into a body compiled without their target.
void attend_avx2_blocked(const float* q, const float* k, Scales sc, int64_t key_stride, int64_t value_offset,
                         int64_t T, int64_t d, float scale, float* p, float* out);
void attend_avx2_blocked(const float* q, const uint16_t* k, Scales sc, int64_t key_stride, int64_t value_offset,
                         int64_t T, int64_t d, float scale, float* p, float* out);
void attend_avx2_blocked(const float* q, const int8_t* k, Scales sc, int64_t key_stride, int64_t value_offset,
                         int64_t T, int64_t d, float scale, float* p, float* out);

}  // namespace heed::ops::detail
