// The step-attention loop for AVX2 CPUs (Zen 3, say), written with intrinsics as the AVX-512 one
// is (step_attention_avx512.cc): eight values per vector, four keys' scores in one horizontal
// sum, eight exponentials at once. The compiled loop ran the int8 cache at a third of its speed.
#include <immintrin.h>

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "step_attention_kernels.h"

// GCC 12 warns inside its own intrinsics (their _mm256_undefined_* placeholders, as inlined here).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

#define HEED_AVX2 "avx2,fma"

namespace heed::ops::detail {

namespace {

// Eight stored keys or values as floats.
__attribute__((target(HEED_AVX2))) inline __m256 load8(const float* x) { return _mm256_loadu_ps(x); }
__attribute__((target(HEED_AVX2))) inline __m256 load8(const uint16_t* x) {
  const __m256i wide = _mm256_cvtepu16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x)));
  return _mm256_castsi256_ps(_mm256_slli_epi32(wide, 16));
}
__attribute__((target(HEED_AVX2))) inline __m256 load8(const int8_t* x) {
  return _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(x))));
}

// [Σa, Σb, Σc, Σd]: two rounds of pairwise adds across the four, then the two halves.
__attribute__((target(HEED_AVX2))) inline __m128 sum4(__m256 a, __m256 b, __m256 c, __m256 d) {
  const __m256 x = _mm256_hadd_ps(_mm256_hadd_ps(a, b), _mm256_hadd_ps(c, d));
  return _mm_add_ps(_mm256_castps256_ps128(x), _mm256_extractf128_ps(x, 1));
}

__attribute__((target(HEED_AVX2))) inline float sum8(__m256 a) {
  __m128 x = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
  x = _mm_add_ps(x, _mm_movehl_ps(x, x));
  return _mm_cvtss_f32(_mm_add_ss(x, _mm_movehdup_ps(x)));
}

// e^x for x ≤ 0 with the AVX-512 loop's polynomial; 2^n is built in the exponent bits, so inputs
// below -87 (where e^x leaves the normal floats) give 0.
__attribute__((target(HEED_AVX2))) inline __m256 exp8(__m256 x) {
  const __m256 low = _mm256_set1_ps(-87.0f);
  const __m256 keep = _mm256_cmp_ps(x, low, _CMP_GE_OQ);
  x = _mm256_max_ps(x, low);
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
  return _mm256_and_ps(keep, _mm256_mul_ps(y, _mm256_castsi256_ps(bits)));
}

template <class Key>
__attribute__((target(HEED_AVX2))) void attend_blocked(const float* q, const Key* k, Scales sc, int64_t key_stride,
                                                       int64_t value_offset, int64_t T, int64_t d, float scale,
                                                       float* p, float* out) {
  constexpr bool scaled = std::is_same_v<Key, int8_t>;
  __m128 top4 = _mm_set1_ps(-INFINITY);
  int64_t j = 0;
  for (; j + 4 <= T; j += 4) {
    const Key *k0 = k + j * key_stride, *k1 = k0 + key_stride, *k2 = k1 + key_stride, *k3 = k2 + key_stride;
    __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
    for (int64_t c = 0; c < d; c += 8) {
      const __m256 qc = _mm256_loadu_ps(q + c);
      a0 = _mm256_fmadd_ps(qc, load8(k0 + c), a0);
      a1 = _mm256_fmadd_ps(qc, load8(k1 + c), a1);
      a2 = _mm256_fmadd_ps(qc, load8(k2 + c), a2);
      a3 = _mm256_fmadd_ps(qc, load8(k3 + c), a3);
    }
    __m128 s = _mm_mul_ps(sum4(a0, a1, a2, a3), _mm_set1_ps(scale));
    if constexpr (scaled)
      s = _mm_mul_ps(s, _mm_setr_ps(sc.ks[j * sc.stride], sc.ks[(j + 1) * sc.stride], sc.ks[(j + 2) * sc.stride],
                                    sc.ks[(j + 3) * sc.stride]));
    _mm_storeu_ps(p + j, s);
    top4 = _mm_max_ps(top4, s);
  }
  top4 = _mm_max_ps(top4, _mm_movehl_ps(top4, top4));
  float top = _mm_cvtss_f32(_mm_max_ss(top4, _mm_movehdup_ps(top4)));
  for (; j < T; ++j) {
    const Key* kj = k + j * key_stride;
    __m256 a = _mm256_setzero_ps();
    for (int64_t c = 0; c < d; c += 8) a = _mm256_fmadd_ps(_mm256_loadu_ps(q + c), load8(kj + c), a);
    float s = sum8(a) * scale;
    if constexpr (scaled) s *= sc.ks[j * sc.stride];
    p[j] = s;
    top = std::max(top, s);
  }
  // Softmax: eight weights at a time, the last few one by one.
  const __m256 shift = _mm256_set1_ps(top);
  __m256 total8 = _mm256_setzero_ps();
  for (j = 0; j + 8 <= T; j += 8) {
    const __m256 e = exp8(_mm256_sub_ps(_mm256_loadu_ps(p + j), shift));
    _mm256_storeu_ps(p + j, e);
    total8 = _mm256_add_ps(total8, e);
  }
  float total = sum8(total8);
  for (; j < T; ++j) total += (p[j] = std::exp(p[j] - top));
  const float inv = 1.0f / total;
  for (j = 0; j < T; ++j) p[j] *= inv;
  auto weight = [&](int64_t i) {
    if constexpr (scaled) return p[i] * sc.ks[i * sc.stride + sc.value_offset];
    else return p[i];
  };
  const Key* v = k + value_offset;
  for (int64_t c = 0; c < d; c += 8) _mm256_storeu_ps(out + c, _mm256_setzero_ps());
  for (j = 0; j + 4 <= T; j += 4) {
    const Key *v0 = v + j * key_stride, *v1 = v0 + key_stride, *v2 = v1 + key_stride, *v3 = v2 + key_stride;
    const __m256 w0 = _mm256_set1_ps(weight(j)), w1 = _mm256_set1_ps(weight(j + 1));
    const __m256 w2 = _mm256_set1_ps(weight(j + 2)), w3 = _mm256_set1_ps(weight(j + 3));
    for (int64_t c = 0; c < d; c += 8) {
      const __m256 x = _mm256_fmadd_ps(w1, load8(v1 + c), _mm256_mul_ps(w0, load8(v0 + c)));
      const __m256 y = _mm256_fmadd_ps(w3, load8(v3 + c), _mm256_mul_ps(w2, load8(v2 + c)));
      _mm256_storeu_ps(out + c, _mm256_add_ps(_mm256_loadu_ps(out + c), _mm256_add_ps(x, y)));
    }
  }
  for (; j < T; ++j) {
    const Key* vj = v + j * key_stride;
    const __m256 w = _mm256_set1_ps(weight(j));
    for (int64_t c = 0; c < d; c += 8)
      _mm256_storeu_ps(out + c, _mm256_fmadd_ps(w, load8(vj + c), _mm256_loadu_ps(out + c)));
  }
}

}  // namespace

void attend_avx2_blocked(const float* q, const float* k, Scales sc, int64_t key_stride, int64_t value_offset,
                         int64_t T, int64_t d, float scale, float* p, float* out) {
  attend_blocked(q, k, sc, key_stride, value_offset, T, d, scale, p, out);
}

void attend_avx2_blocked(const float* q, const uint16_t* k, Scales sc, int64_t key_stride, int64_t value_offset,
                         int64_t T, int64_t d, float scale, float* p, float* out) {
  attend_blocked(q, k, sc, key_stride, value_offset, T, d, scale, p, out);
}

void attend_avx2_blocked(const float* q, const int8_t* k, Scales sc, int64_t key_stride, int64_t value_offset,
                         int64_t T, int64_t d, float scale, float* p, float* out) {
  attend_blocked(q, k, sc, key_stride, value_offset, T, d, scale, p, out);
}

}  // namespace heed::ops::detail
