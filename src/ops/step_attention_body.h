#pragma once
// The step-attention loop for heads of whole vectors, written once against Vec<isa> (vec.h) and
// compiled once per ISA by step_attention_avx2.cc and step_attention_avx512.cc (eight values per
// vector, sixteen). The loop compiled from plain C++ (step_attention.cc) left GCC to vectorize
// four dot products at once; for i8 keys it chose 128-bit vectors, summed each key's vector on
// its own and called expf once per key, which made the loop over the i8 cache the largest single
// item of int8 decoding (14% of the time). A body over GCC's vector extensions instead of
// intrinsics ran i8 keys 5× slower, GCC 12 widening the bytes lane by lane.
//
// Like vec.h, everything here is in an unnamed namespace and calls no library template: each ISA's
// file keeps its own copies.
#include <type_traits>

#include "step_attention_kernels.h"
#include "vec.h"

namespace heed::ops {
namespace {

// std::max's rule (the first unless the second is larger), without its shared out-of-line copy.
inline float larger(float a, float b) { return a < b ? b : a; }

template <cpu::Isa isa, class Key>
void attend_blocked(const float* q, const Key* k, detail::Scales sc, int64_t key_stride, int64_t value_offset,
                    int64_t T, int64_t d, float scale, float* p, float* out) {
  using V = Vec<isa>;
  constexpr int64_t W = V::width;
  constexpr bool scaled = std::is_same_v<Key, int8_t>;
  // Scores (T): four keys at a time, each a running vector sum over the head's d/W vectors, the
  // four summed across lanes together.
  Quad top4 = Quad::set1(-INFINITY);
  int64_t j = 0;
  for (; j + 4 <= T; j += 4) {
    const Key *k0 = k + j * key_stride, *k1 = k0 + key_stride, *k2 = k1 + key_stride, *k3 = k2 + key_stride;
    V a0 = V::zero(), a1 = a0, a2 = a0, a3 = a0;
    for (int64_t c = 0; c < d; c += W) {
      const V qc = V::load(q + c);
      a0 = fmadd(qc, V::load(k0 + c), a0);
      a1 = fmadd(qc, V::load(k1 + c), a1);
      a2 = fmadd(qc, V::load(k2 + c), a2);
      a3 = fmadd(qc, V::load(k3 + c), a3);
    }
    Quad s = V::sum4(a0, a1, a2, a3) * Quad::set1(scale);
    if constexpr (scaled)
      s = s * Quad::set(sc.ks[j * sc.stride], sc.ks[(j + 1) * sc.stride], sc.ks[(j + 2) * sc.stride],
                        sc.ks[(j + 3) * sc.stride]);
    s.store(p + j);
    top4 = max(top4, s);
  }
  float top = top4.max_lane();
  for (; j < T; ++j) {
    const Key* kj = k + j * key_stride;
    V a = V::zero();
    for (int64_t c = 0; c < d; c += W) a = fmadd(V::load(q + c), V::load(kj + c), a);
    float s = a.sum() * scale;
    if constexpr (scaled) s *= sc.ks[j * sc.stride];
    p[j] = s;
    top = larger(top, s);
  }
  // Softmax: a vector of weights at a time, then the last few as the ISA can (exp_rest).
  const V shift = V::set1(top);
  V total = V::zero();
  for (j = 0; j + W <= T; j += W) {
    const V e = V::exp(V::load(p + j) - shift);
    e.store(p + j);
    total = total + e;
  }
  const float inv = 1.0f / V::exp_rest(p + j, T - j, top, total);
  for (j = 0; j < T; ++j) p[j] *= inv;
  // out = Σ weight·value, four values at a time; an i8 value's scale joins its weight.
  auto weight = [&](int64_t i) {
    if constexpr (scaled) return p[i] * sc.ks[i * sc.stride + sc.value_offset];
    else return p[i];
  };
  const Key* v = k + value_offset;
  for (int64_t c = 0; c < d; c += W) V::zero().store(out + c);
  for (j = 0; j + 4 <= T; j += 4) {
    const Key *v0 = v + j * key_stride, *v1 = v0 + key_stride, *v2 = v1 + key_stride, *v3 = v2 + key_stride;
    const V w0 = V::set1(weight(j)), w1 = V::set1(weight(j + 1));
    const V w2 = V::set1(weight(j + 2)), w3 = V::set1(weight(j + 3));
    for (int64_t c = 0; c < d; c += W) {
      const V x = fmadd(w1, V::load(v1 + c), w0 * V::load(v0 + c));
      const V y = fmadd(w3, V::load(v3 + c), w2 * V::load(v2 + c));
      (V::load(out + c) + (x + y)).store(out + c);
    }
  }
  for (; j < T; ++j) {
    const Key* vj = v + j * key_stride;
    const V w = V::set1(weight(j));
    for (int64_t c = 0; c < d; c += W) fmadd(w, V::load(vj + c), V::load(out + c)).store(out + c);
  }
}

template <cpu::Isa isa>
detail::Blocked blocked() {
  return {Vec<isa>::width, attend_blocked<isa, float>, attend_blocked<isa, uint16_t>, attend_blocked<isa, int8_t>};
}

}  // namespace
}  // namespace heed::ops
