#pragma once
// Vec<isa>: a vector of floats for the kernels heed writes itself, one specialisation per build
// of core/cpu.h, so that a kernel's body is written once against it and compiled once per ISA
// (step_attention_body.h, compiled by step_attention_avx2.cc and step_attention_avx512.cc). Only
// what those kernels need: loads that widen the stored types (bf16 bits, int8) to floats,
// arithmetic, sums across lanes, e^x.
//
// Include it only from a file named NAME_avx2.cc or NAME_avx512.cc: CMakeLists.txt compiles those
// with their ISA's flags (-mavx2 -mfma; -mavx512f -mavx512bw -mavx512vl -mavx512dq -mfma), and the
// specialisations exist only where the flags are on. Everything here and in the bodies written
// with it sits in an unnamed namespace: an inline function or template compiled with -mavx512f
// must not be merged by the linker with another file's copy of it, which an AVX2 CPU would then
// run. Call no library template from such a body (std::max, std::fill): its copy would be shared.
// tests/CMakeLists.txt checks that these files define no symbol a linker may merge.
#include <immintrin.h>
#include <math.h>

#include <cstdint>

#include "heed/core/cpu.h"

// GCC 12 warns inside its own intrinsics (their _mm*_undefined_* placeholders, as inlined here).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

namespace heed::ops {
namespace {

template <cpu::Isa isa>
struct Vec;

// Four floats, whatever the build: four keys' scores.
struct Quad {
  __m128 v;
  static Quad set1(float x) { return {_mm_set1_ps(x)}; }
  static Quad set(float a, float b, float c, float d) { return {_mm_setr_ps(a, b, c, d)}; }
  void store(float* to) const { _mm_storeu_ps(to, v); }
  friend Quad operator*(Quad a, Quad b) { return {_mm_mul_ps(a.v, b.v)}; }
  friend Quad max(Quad a, Quad b) { return {_mm_max_ps(a.v, b.v)}; }
  // max(max(v0, v2), max(v1, v3)): the halves, then the pair.
  float max_lane() const {
    const __m128 half = _mm_max_ps(v, _mm_movehl_ps(v, v));
    return _mm_cvtss_f32(_mm_max_ss(half, _mm_movehdup_ps(half)));
  }
};

#if defined(__AVX2__) && defined(__FMA__)
template <>
struct Vec<cpu::Isa::avx2> {
  static constexpr int64_t width = 8;
  __m256 v;

  static Vec zero() { return {_mm256_setzero_ps()}; }
  static Vec set1(float x) { return {_mm256_set1_ps(x)}; }
  static Vec load(const float* x) { return {_mm256_loadu_ps(x)}; }
  static Vec load(const uint16_t* bf16) {
    const __m256i wide = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bf16)));
    return {_mm256_castsi256_ps(_mm256_slli_epi32(wide, 16))};
  }
  static Vec load(const int8_t* x) {
    return {_mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(x))))};
  }
  void store(float* to) const { _mm256_storeu_ps(to, v); }
  friend Vec operator+(Vec a, Vec b) { return {_mm256_add_ps(a.v, b.v)}; }
  friend Vec operator-(Vec a, Vec b) { return {_mm256_sub_ps(a.v, b.v)}; }
  friend Vec operator*(Vec a, Vec b) { return {_mm256_mul_ps(a.v, b.v)}; }
  friend Vec fmadd(Vec a, Vec b, Vec c) { return {_mm256_fmadd_ps(a.v, b.v, c.v)}; }

  float sum() const {
    __m128 x = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    x = _mm_add_ps(x, _mm_movehl_ps(x, x));
    return _mm_cvtss_f32(_mm_add_ss(x, _mm_movehdup_ps(x)));
  }
  // [Σa, Σb, Σc, Σd]: two rounds of pairwise adds across the four, then the two halves.
  static Quad sum4(Vec a, Vec b, Vec c, Vec d) {
    const __m256 x = _mm256_hadd_ps(_mm256_hadd_ps(a.v, b.v), _mm256_hadd_ps(c.v, d.v));
    return {_mm_add_ps(_mm256_castps256_ps128(x), _mm256_extractf128_ps(x, 1))};
  }

  // e^x for x ≤ 0 with the AVX-512 build's polynomial; 2^n is built in the exponent bits, so
  // inputs below -87 (where e^x leaves the normal floats) give 0.
  static Vec exp(Vec in) {
    const __m256 low = _mm256_set1_ps(-87.0f);
    const __m256 keep = _mm256_cmp_ps(in.v, low, _CMP_GE_OQ);
    const __m256 x = _mm256_max_ps(in.v, low);
    const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 y = _mm256_set1_ps(1.9875691500e-4f);
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.3981999507e-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(8.3334519073e-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(4.1665795894e-2f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.6666665459e-1f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(5.0000001201e-1f));
    y = _mm256_fmadd_ps(y, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    const __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return {_mm256_and_ps(keep, _mm256_mul_ps(y, _mm256_castsi256_ps(bits)))};
  }
  // The softmax's last n < 8 weights: p[i] = e^(p[i] - top) one by one (the library's expf), added
  // after the lanes of `total`, the exponentials so far; returns the whole sum.
  static float exp_rest(float* p, int64_t n, float top, Vec total) {
    float sum = total.sum();
    for (int64_t i = 0; i < n; ++i) sum += (p[i] = expf(p[i] - top));
    return sum;
  }
};
#endif

#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VL__) && defined(__AVX512DQ__) && \
    defined(__FMA__)
template <>
struct Vec<cpu::Isa::avx512> {
  static constexpr int64_t width = 16;
  __m512 v;

  static Vec zero() { return {_mm512_setzero_ps()}; }
  static Vec set1(float x) { return {_mm512_set1_ps(x)}; }
  static Vec load(const float* x) { return {_mm512_loadu_ps(x)}; }
  static Vec load(const uint16_t* bf16) {
    const __m512i wide = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(bf16)));
    return {_mm512_castsi512_ps(_mm512_slli_epi32(wide, 16))};
  }
  static Vec load(const int8_t* x) {
    return {_mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x))))};
  }
  void store(float* to) const { _mm512_storeu_ps(to, v); }
  friend Vec operator+(Vec a, Vec b) { return {_mm512_add_ps(a.v, b.v)}; }
  friend Vec operator-(Vec a, Vec b) { return {_mm512_sub_ps(a.v, b.v)}; }
  friend Vec operator*(Vec a, Vec b) { return {_mm512_mul_ps(a.v, b.v)}; }
  friend Vec fmadd(Vec a, Vec b, Vec c) { return {_mm512_fmadd_ps(a.v, b.v, c.v)}; }

  float sum() const { return _mm512_reduce_add_ps(v); }
  // [Σa, Σb, Σc, Σd]. Halves, then quarters, are added across the four vectors before the last
  // adds within a 128-bit lane.
  static Quad sum4(Vec a, Vec b, Vec c, Vec d) {
    const __m512 ab = _mm512_add_ps(_mm512_shuffle_f32x4(a.v, b.v, _MM_SHUFFLE(1, 0, 1, 0)),
                                    _mm512_shuffle_f32x4(a.v, b.v, _MM_SHUFFLE(3, 2, 3, 2)));
    const __m512 cd = _mm512_add_ps(_mm512_shuffle_f32x4(c.v, d.v, _MM_SHUFFLE(1, 0, 1, 0)),
                                    _mm512_shuffle_f32x4(c.v, d.v, _MM_SHUFFLE(3, 2, 3, 2)));
    // Lane l holds four partial sums of vector l.
    __m512 x = _mm512_add_ps(_mm512_shuffle_f32x4(ab, cd, _MM_SHUFFLE(2, 0, 2, 0)),
                             _mm512_shuffle_f32x4(ab, cd, _MM_SHUFFLE(3, 1, 3, 1)));
    x = _mm512_add_ps(x, _mm512_permute_ps(x, _MM_SHUFFLE(1, 0, 3, 2)));
    x = _mm512_add_ps(x, _mm512_permute_ps(x, _MM_SHUFFLE(2, 3, 0, 1)));
    const __m512i firsts = _mm512_setr_epi32(0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    return {_mm512_castps512_ps128(_mm512_permutexvar_ps(firsts, x))};
  }

  // e^x for x ≤ 0, as Cephes' expf computes it: x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in two
  // parts, so r is exact), a degree-7 polynomial for e^r, then 2^n by scalef (which gives 0 where
  // e^x is below the smallest float). Within 2 ulp of e^x.
  static Vec exp(Vec in) {
    const __m512 x = _mm512_max_ps(in.v, _mm512_set1_ps(-104.0f));  // keeps n small; e^-104 is 0 in float
    const __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                          _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
    r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
    __m512 y = _mm512_set1_ps(1.9875691500e-4f);
    y = _mm512_fmadd_ps(y, r, _mm512_set1_ps(1.3981999507e-3f));
    y = _mm512_fmadd_ps(y, r, _mm512_set1_ps(8.3334519073e-3f));
    y = _mm512_fmadd_ps(y, r, _mm512_set1_ps(4.1665795894e-2f));
    y = _mm512_fmadd_ps(y, r, _mm512_set1_ps(1.6666665459e-1f));
    y = _mm512_fmadd_ps(y, r, _mm512_set1_ps(5.0000001201e-1f));
    y = _mm512_fmadd_ps(y, _mm512_mul_ps(r, r), _mm512_add_ps(r, _mm512_set1_ps(1.0f)));
    return {_mm512_scalef_ps(y, n)};
  }
  // The softmax's last n < 16 weights: p[i] = e^(p[i] - top) as one masked vector, its lanes added
  // into `total`'s before they are summed; returns the whole sum.
  static float exp_rest(float* p, int64_t n, float top, Vec total) {
    if (n > 0) {
      const auto m = static_cast<__mmask16>((1u << n) - 1);
      const __m512 e = exp(Vec{_mm512_sub_ps(_mm512_maskz_loadu_ps(m, p), _mm512_set1_ps(top))}).v;
      _mm512_mask_storeu_ps(p, m, e);
      total.v = _mm512_mask_add_ps(total.v, m, total.v, e);
    }
    return total.sum();
  }
};
#endif

}  // namespace
}  // namespace heed::ops
