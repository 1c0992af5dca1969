// The step-attention loop for AVX-512 CPUs, written with intrinsics. The compiled loop of
// step_attention.cc left GCC to vectorize four dot products of 64 values at once; for i8 keys it
// chose 128-bit vectors, summed each key's vector on its own and called expf once per key, which
// made the loop over the i8 cache the largest single item of int8 decoding (14% of the time).
#include <immintrin.h>

// GCC 12 warns inside its own intrinsics (their _mm512_undefined_* placeholders, as inlined here).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "step_attention_kernels.h"

#define HEED_AVX512 "avx512f,avx512bw,avx512vl,avx512dq,fma"

namespace heed::ops::detail {

namespace {

// Sixteen stored keys or values as floats.
__attribute__((target(HEED_AVX512))) inline __m512 load16(const float* x) { return _mm512_loadu_ps(x); }
__attribute__((target(HEED_AVX512))) inline __m512 load16(const uint16_t* x) {
  const __m512i wide = _mm512_cvtepu16_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(x)));
  return _mm512_castsi512_ps(_mm512_slli_epi32(wide, 16));
}
__attribute__((target(HEED_AVX512))) inline __m512 load16(const int8_t* x) {
  return _mm512_cvtepi32_ps(_mm512_cvtepi8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x))));
}

// The sums of four vectors' elements: [Σa, Σb, Σc, Σd]. Halves, then quarters, are added across
// the four vectors before the last adds within a 128-bit lane.
__attribute__((target(HEED_AVX512))) inline __m128 sum4(__m512 a, __m512 b, __m512 c, __m512 d) {
  const __m512 ab = _mm512_add_ps(_mm512_shuffle_f32x4(a, b, _MM_SHUFFLE(1, 0, 1, 0)),
                                  _mm512_shuffle_f32x4(a, b, _MM_SHUFFLE(3, 2, 3, 2)));
  const __m512 cd = _mm512_add_ps(_mm512_shuffle_f32x4(c, d, _MM_SHUFFLE(1, 0, 1, 0)),
                                  _mm512_shuffle_f32x4(c, d, _MM_SHUFFLE(3, 2, 3, 2)));
  // Lane l holds four partial sums of vector l.
  __m512 x = _mm512_add_ps(_mm512_shuffle_f32x4(ab, cd, _MM_SHUFFLE(2, 0, 2, 0)),
                           _mm512_shuffle_f32x4(ab, cd, _MM_SHUFFLE(3, 1, 3, 1)));
  x = _mm512_add_ps(x, _mm512_permute_ps(x, _MM_SHUFFLE(1, 0, 3, 2)));
  x = _mm512_add_ps(x, _mm512_permute_ps(x, _MM_SHUFFLE(2, 3, 0, 1)));
  return _mm512_castps512_ps128(_mm512_permutexvar_ps(_mm512_setr_epi32(0, 4, 8, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), x));
}

// e^x for x ≤ 0, as Cephes' expf computes it: x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in two
// parts, so r is exact), a degree-7 polynomial for e^r, then 2^n by scalef (which gives 0 where
// e^x is below the smallest float). Within 2 ulp of e^x.
__attribute__((target(HEED_AVX512))) inline __m512 exp16(__m512 x) {
  x = _mm512_max_ps(x, _mm512_set1_ps(-104.0f));  // keeps n small; e^-104 is 0 in float
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
  return _mm512_scalef_ps(y, n);
}

__attribute__((target(HEED_AVX512))) inline __mmask16 first(int64_t n) {
  return n >= 16 ? static_cast<__mmask16>(0xFFFF) : static_cast<__mmask16>((1u << n) - 1);
}

template <class Key>
__attribute__((target(HEED_AVX512))) void attend_blocked(const float* q, const Key* k, Scales sc,
                                                                int64_t key_stride, int64_t value_offset,
                                                                int64_t T, int64_t d, float scale, float* p,
                                                                float* out) {
  constexpr bool scaled = std::is_same_v<Key, int8_t>;
  // Scores (T): four keys at a time, each a running vector sum over the head's d/16 vectors.
  __m128 top4 = _mm_set1_ps(-INFINITY);
  int64_t j = 0;
  for (; j + 4 <= T; j += 4) {
    const Key *k0 = k + j * key_stride, *k1 = k0 + key_stride, *k2 = k1 + key_stride, *k3 = k2 + key_stride;
    __m512 a0 = _mm512_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
    for (int64_t c = 0; c < d; c += 16) {
      const __m512 qc = _mm512_loadu_ps(q + c);
      a0 = _mm512_fmadd_ps(qc, load16(k0 + c), a0);
      a1 = _mm512_fmadd_ps(qc, load16(k1 + c), a1);
      a2 = _mm512_fmadd_ps(qc, load16(k2 + c), a2);
      a3 = _mm512_fmadd_ps(qc, load16(k3 + c), a3);
    }
    __m128 s = _mm_mul_ps(sum4(a0, a1, a2, a3), _mm_set1_ps(scale));
    if constexpr (scaled)
      s = _mm_mul_ps(s, _mm_setr_ps(sc.ks[j * sc.stride], sc.ks[(j + 1) * sc.stride], sc.ks[(j + 2) * sc.stride],
                                    sc.ks[(j + 3) * sc.stride]));
    _mm_storeu_ps(p + j, s);
    top4 = _mm_max_ps(top4, s);
  }
  top4 = _mm_max_ps(top4, _mm_permute_ps(top4, _MM_SHUFFLE(1, 0, 3, 2)));
  float top = _mm_cvtss_f32(_mm_max_ps(top4, _mm_permute_ps(top4, _MM_SHUFFLE(2, 3, 0, 1))));
  for (; j < T; ++j) {
    const Key* kj = k + j * key_stride;
    __m512 a = _mm512_setzero_ps();
    for (int64_t c = 0; c < d; c += 16) a = _mm512_fmadd_ps(_mm512_loadu_ps(q + c), load16(kj + c), a);
    float s = _mm512_reduce_add_ps(a) * scale;
    if constexpr (scaled) s *= sc.ks[j * sc.stride];
    p[j] = s;
    top = std::max(top, s);
  }
  // Softmax, sixteen weights at a time.
  const __m512 shift = _mm512_set1_ps(top);
  __m512 total = _mm512_setzero_ps();
  for (j = 0; j < T; j += 16) {
    const __mmask16 m = first(T - j);
    const __m512 e = exp16(_mm512_sub_ps(_mm512_maskz_loadu_ps(m, p + j), shift));
    _mm512_mask_storeu_ps(p + j, m, e);
    total = _mm512_mask_add_ps(total, m, total, e);
  }
  const __m512 inv = _mm512_set1_ps(1.0f / _mm512_reduce_add_ps(total));
  for (j = 0; j < T; j += 16) {
    const __mmask16 m = first(T - j);
    _mm512_mask_storeu_ps(p + j, m, _mm512_mul_ps(_mm512_maskz_loadu_ps(m, p + j), inv));
  }
  // out = Σ weight·value, four values at a time; an i8 value's scale joins its weight.
  auto weight = [&](int64_t i) {
    if constexpr (scaled) return p[i] * sc.ks[i * sc.stride + sc.value_offset];
    else return p[i];
  };
  const Key* v = k + value_offset;
  for (int64_t c = 0; c < d; c += 16) _mm512_storeu_ps(out + c, _mm512_setzero_ps());
  for (j = 0; j + 4 <= T; j += 4) {
    const Key *v0 = v + j * key_stride, *v1 = v0 + key_stride, *v2 = v1 + key_stride, *v3 = v2 + key_stride;
    const __m512 w0 = _mm512_set1_ps(weight(j)), w1 = _mm512_set1_ps(weight(j + 1));
    const __m512 w2 = _mm512_set1_ps(weight(j + 2)), w3 = _mm512_set1_ps(weight(j + 3));
    for (int64_t c = 0; c < d; c += 16) {
      const __m512 x = _mm512_fmadd_ps(w1, load16(v1 + c), _mm512_mul_ps(w0, load16(v0 + c)));
      const __m512 y = _mm512_fmadd_ps(w3, load16(v3 + c), _mm512_mul_ps(w2, load16(v2 + c)));
      _mm512_storeu_ps(out + c, _mm512_add_ps(_mm512_loadu_ps(out + c), _mm512_add_ps(x, y)));
    }
  }
  for (; j < T; ++j) {
    const Key* vj = v + j * key_stride;
    const __m512 w = _mm512_set1_ps(weight(j));
    for (int64_t c = 0; c < d; c += 16)
      _mm512_storeu_ps(out + c, _mm512_fmadd_ps(w, load16(vj + c), _mm512_loadu_ps(out + c)));
  }
}

}  // namespace

void attend_avx512_blocked(const float* q, const float* k, Scales sc, int64_t key_stride, int64_t value_offset,
                           int64_t T, int64_t d, float scale, float* p, float* out) {
  attend_blocked(q, k, sc, key_stride, value_offset, T, d, scale, p, out);
}

void attend_avx512_blocked(const float* q, const uint16_t* k, Scales sc, int64_t key_stride, int64_t value_offset,
                           int64_t T, int64_t d, float scale, float* p, float* out) {
  attend_blocked(q, k, sc, key_stride, value_offset, T, d, scale, p, out);
}

void attend_avx512_blocked(const float* q, const int8_t* k, Scales sc, int64_t key_stride, int64_t value_offset,
                           int64_t T, int64_t d, float scale, float* p, float* out) {
  attend_blocked(q, k, sc, key_stride, value_offset, T, d, scale, p, out);
}

}  // namespace heed::ops::detail
