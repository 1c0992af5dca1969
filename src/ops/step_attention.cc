#include "heed/ops/step_attention.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <type_traits>
#include <utility>

#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "step_attention_kernels.h"

namespace heed::ops {

namespace {

inline float widen(float x) { return x; }
inline float widen(uint16_t bf16) { return __builtin_bit_cast(float, static_cast<uint32_t>(bf16) << 16); }
inline float widen(int8_t x) { return static_cast<float>(x); }

using detail::Scales;

// One row and head: p = softmax(scale · q·Kᵀ) over T keys, out = p·V; `p` is scratch (T).
// Keys go four at a time, so that four independent sums hide the latency of the adds, and each
// pass over `out` adds four weighted values. i8 keys: a key's scale multiplies its score, a
// value's scale its weight.
template <class Key>
inline __attribute__((always_inline)) void attend_body(const float* q, const Key* k, Scales sc, int64_t key_stride,
                                                       int64_t value_offset, int64_t T, int64_t d, float scale,
                                                       float* p, float* out) {
  constexpr bool scaled = std::is_same_v<Key, int8_t>;
  float top = -INFINITY;
  int64_t j = 0;
  for (; j + 4 <= T; j += 4) {
    const Key *k0 = k + j * key_stride, *k1 = k0 + key_stride, *k2 = k1 + key_stride, *k3 = k2 + key_stride;
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
#pragma omp simd reduction(+ : s0, s1, s2, s3)
    for (int64_t c = 0; c < d; ++c) {
      s0 += q[c] * widen(k0[c]);
      s1 += q[c] * widen(k1[c]);
      s2 += q[c] * widen(k2[c]);
      s3 += q[c] * widen(k3[c]);
    }
    if constexpr (scaled) {
      s0 *= sc.ks[j * sc.stride];
      s1 *= sc.ks[(j + 1) * sc.stride];
      s2 *= sc.ks[(j + 2) * sc.stride];
      s3 *= sc.ks[(j + 3) * sc.stride];
    }
    p[j] = s0 * scale;
    p[j + 1] = s1 * scale;
    p[j + 2] = s2 * scale;
    p[j + 3] = s3 * scale;
    top = std::max({top, p[j], p[j + 1], p[j + 2], p[j + 3]});
  }
  for (; j < T; ++j) {
    const Key* kj = k + j * key_stride;
    float s = 0;
#pragma omp simd reduction(+ : s)
    for (int64_t c = 0; c < d; ++c) s += q[c] * widen(kj[c]);
    if constexpr (scaled) s *= sc.ks[j * sc.stride];
    p[j] = s * scale;
    top = std::max(top, p[j]);
  }
  float sum = 0;
  for (j = 0; j < T; ++j) {
    p[j] = std::exp(p[j] - top);
    sum += p[j];
  }
  const float inv = 1.0f / sum;
  for (j = 0; j < T; ++j) p[j] *= inv;
  // The weights the values are summed with (a value's scale folded in); p itself is returned.
  auto weight = [&](int64_t i) {
    if constexpr (scaled) return p[i] * sc.ks[i * sc.stride + sc.value_offset];
    else return p[i];
  };
  const Key* v = k + value_offset;
  std::fill(out, out + d, 0.0f);
  for (j = 0; j + 4 <= T; j += 4) {
    const Key *v0 = v + j * key_stride, *v1 = v0 + key_stride, *v2 = v1 + key_stride, *v3 = v2 + key_stride;
    const float p0 = weight(j), p1 = weight(j + 1), p2 = weight(j + 2), p3 = weight(j + 3);
#pragma omp simd
    for (int64_t c = 0; c < d; ++c)
      out[c] += p0 * widen(v0[c]) + p1 * widen(v1[c]) + p2 * widen(v2[c]) + p3 * widen(v3[c]);
  }
  for (; j < T; ++j) {
    const Key* vj = v + j * key_stride;
    const float pj = weight(j);
#pragma omp simd
    for (int64_t c = 0; c < d; ++c) out[c] += pj * widen(vj[c]);
  }
}

// heed is built for any x86-64; the same loops compiled for AVX2 and for AVX-512 run where
// core/cpu.h allows them (a head of 64 values is four AVX-512 vectors, eight AVX2 ones).
#define HEED_AVX512 "avx512f,avx512bw,avx512vl,avx512dq,fma"

template <class Key>
__attribute__((target(HEED_AVX512))) void attend_avx512(const float* q, const Key* k, Scales sc, int64_t key_stride,
                                                        int64_t value_offset, int64_t T, int64_t d, float scale,
                                                        float* p, float* out) {
  attend_body(q, k, sc, key_stride, value_offset, T, d, scale, p, out);
}

template <class Key>
__attribute__((target("avx2,fma"))) void attend_avx2(const float* q, const Key* k, Scales sc, int64_t key_stride,
                                                     int64_t value_offset, int64_t T, int64_t d, float scale,
                                                     float* p, float* out) {
  attend_body(q, k, sc, key_stride, value_offset, T, d, scale, p, out);
}

template <class Key>
void attend_generic(const float* q, const Key* k, Scales sc, int64_t key_stride, int64_t value_offset, int64_t T,
                    int64_t d, float scale, float* p, float* out) {
  attend_body(q, k, sc, key_stride, value_offset, T, d, scale, p, out);
}

// One head's T keys and values as floats, their scales applied: (T, 2d), [key | value] per
// position. For rows that share keys (a sentence's hypotheses in cross-attention), widened once.
template <class Key>
inline __attribute__((always_inline)) void widen_body(const Key* k, Scales sc, int64_t key_stride, int64_t value_offset,
                                                      int64_t T, int64_t d, float* kv) {
  for (int64_t j = 0; j < T; ++j) {
    const Key* kj = k + j * key_stride;
    const Key* vj = kj + value_offset;
    float* to = kv + j * 2 * d;
    float ks = 1.0f, vs = 1.0f;
    if constexpr (std::is_same_v<Key, int8_t>) {
      ks = sc.ks[j * sc.stride];
      vs = sc.ks[j * sc.stride + sc.value_offset];
    }
#pragma omp simd
    for (int64_t c = 0; c < d; ++c) {
      to[c] = widen(kj[c]) * ks;
      to[d + c] = widen(vj[c]) * vs;
    }
  }
}

template <class Key>
__attribute__((target(HEED_AVX512))) void widen_avx512(const Key* k, Scales sc, int64_t key_stride,
                                                       int64_t value_offset, int64_t T, int64_t d, float* kv) {
  widen_body(k, sc, key_stride, value_offset, T, d, kv);
}

template <class Key>
__attribute__((target("avx2,fma"))) void widen_avx2(const Key* k, Scales sc, int64_t key_stride, int64_t value_offset,
                                                    int64_t T, int64_t d, float* kv) {
  widen_body(k, sc, key_stride, value_offset, T, d, kv);
}

template <class Key>
void widen_generic(const Key* k, Scales sc, int64_t key_stride, int64_t value_offset, int64_t T, int64_t d,
                   float* kv) {
  widen_body(k, sc, key_stride, value_offset, T, d, kv);
}

// The builds of the loops for one key type and one instruction set.
template <class Key>
struct Kernels {
  detail::AttendFn<Key> attend;
  detail::AttendFn<float> attend_float;
  // Null where reading reduced keys costs no more than reading floats: rows then never share.
  void (*widen)(const Key*, Scales, int64_t, int64_t, int64_t, int64_t, float*);
};

// For heads of whole vectors (d a multiple of 16 for AVX-512, of 8 for AVX2: 64 in every shipped
// model), the loop written against Vec. It widens i8 and bf16 keys as cheaply as it reads floats,
// so a sentence's beam rows read its keys each (widening them once for all of them first was 4%
// of int8 decoding, more than it saved). Otherwise the compiled loop.
template <class Key>
Kernels<Key> kernels(cpu::Isa isa, int64_t d) {
  switch (isa) {
    case cpu::Isa::avx512: {
      const detail::Blocked blocked = detail::blocked_avx512();
      if (d % blocked.width == 0) return {blocked.of<Key>(), blocked.of<float>(), nullptr};
      return {attend_avx512<Key>, attend_avx512<float>, widen_avx512<Key>};
    }
    case cpu::Isa::avx2: {
      const detail::Blocked blocked = detail::blocked_avx2();
      if (d % blocked.width == 0) return {blocked.of<Key>(), blocked.of<float>(), nullptr};
      return {attend_avx2<Key>, attend_avx2<float>, widen_avx2<Key>};
    }
    case cpu::Isa::generic: break;
  }
  return {attend_generic<Key>, attend_generic<float>, widen_generic<Key>};
}

// Rows that read the same keys up to the same length: runs of `order` (rows sorted by their keys'
// address, then length). Float keys are read as they are, and keys no kernel widens likewise, so
// each row is then its own run.
template <class Key>
void group_rows(const StepAttention& a, bool widened, std::vector<int64_t>& order, std::vector<int64_t>& starts) {
  const auto N = static_cast<int64_t>(a.keys.size());
  order.resize(N);
  for (int64_t i = 0; i < N; ++i) order[i] = i;
  starts.clear();
  if (std::is_same_v<Key, float> || !widened) {
    for (int64_t i = 0; i <= N; ++i) starts.push_back(i);
    return;
  }
  auto address = [&](int64_t i) { return a.keys[i].address(); };
  std::stable_sort(order.begin(), order.end(), [&](int64_t x, int64_t y) {
    return std::pair(address(x), a.lengths[x]) < std::pair(address(y), a.lengths[y]);
  });
  for (int64_t r = 0; r < N; ++r)
    if (r == 0 || address(order[r]) != address(order[r - 1]) || a.lengths[order[r]] != a.lengths[order[r - 1]])
      starts.push_back(r);
  starts.push_back(N);
}

template <class Key>
void step_attention_of(const StepAttention& a, cpu::Isa isa) {
  const Kernels<Key> build = kernels<Key>(isa, a.head_dim);
  const auto attend = build.attend;
  const auto attend_float = build.attend_float;
  const auto widen_keys = build.widen;
  const auto N = static_cast<int64_t>(a.keys.size());
  const int64_t H = a.heads, d = a.head_dim, D = H * d;
  HEED_ASSERT(a.queries && a.out && a.lengths && H > 0 && d > 0, "step_attention: incomplete arguments");
  int64_t longest = 0;
  for (int64_t i = 0; i < N; ++i) longest = std::max<int64_t>(longest, a.lengths[i]);
  HEED_ASSERT(!a.probs || a.probs_width >= longest, "step_attention: {} keys but room for {} weights", longest,
             a.probs_width);
  // Kept across calls, since this runs every decoding step.
  thread_local std::vector<int64_t> order_of_caller, starts_of_caller;
  group_rows<Key>(a, widen_keys != nullptr, order_of_caller, starts_of_caller);
  const auto groups = static_cast<int64_t>(starts_of_caller.size()) - 1;
  // Plain pointers into the caller's vectors: inside the parallel region, a thread_local's name
  // would mean each thread's own.
  const int64_t* order = order_of_caller.data();
  const int64_t* starts = starts_of_caller.data();
  auto run_group = [&](int64_t g) {
    // (T) one head's weights, (T, 2d) a group's widened keys and values; per thread.
    thread_local std::vector<float> p, kv;
    const int64_t first = starts[g], last = starts[g + 1], T = a.lengths[order[first]];
    const bool shared = last - first > 1;
    if (p.size() < static_cast<size_t>(std::max<int64_t>(T, 1))) p.resize(static_cast<size_t>(std::max<int64_t>(T, 1)));
    if (shared && kv.size() < static_cast<size_t>(T * 2 * d)) kv.resize(static_cast<size_t>(T * 2 * d));
    for (int64_t h = 0; h < H; ++h) {
      Scales sc;
      if constexpr (std::is_same_v<Key, int8_t>) sc = {a.scales[order[first]] + h, a.scale_stride, H};
      const Key* k = static_cast<const Key*>(a.keys[order[first]].address()) + h * d;
      if (shared && T > 0) widen_keys(k, sc, a.key_stride, a.value_offset, T, d, kv.data());
      for (int64_t r = first; r < last; ++r) {
        const int64_t i = order[r];
        float* o = a.out + i * D + h * d;                                       // (d)
        float* w = a.probs ? a.probs + (i * H + h) * a.probs_width : nullptr;  // (probs_width)
        if (T == 0) {  // no key to see: zeros, as the masked softmax gives
          std::fill(o, o + d, 0.0f);
          if (w) std::fill(w, w + a.probs_width, 0.0f);
          continue;
        }
        const float* q = a.queries + i * a.query_stride + h * d;
        if (shared) {
          attend_float(q, kv.data(), Scales{}, 2 * d, d, T, d, a.scale, p.data(), o);
        } else {
          attend(q, k, sc, a.key_stride, a.value_offset, T, d, a.scale, p.data(), o);
        }
        if (w) {
          std::copy(p.begin(), p.begin() + T, w);
          std::fill(w + T, w + a.probs_width, 0.0f);
        }
      }
    }
  };
  parallel_for(groups, N * longest * D, run_group);
}

}  // namespace

void step_attention(const StepAttention& a, cpu::Isa isa) {
  HEED_ASSERT(cpu::allows(isa), "step_attention: the {} build needs instructions that this CPU or ONEDNN_MAX_CPU_ISA={} "
             "does not allow", cpu::isa_name(isa), cpu::level_name(cpu::limit()));
  const KeyType type = a.keys.empty() ? KeyType::f32 : a.keys[0].type();
  for (const RowKeys& keys : a.keys) HEED_ASSERT(keys.type() == type, "step_attention: rows of different key types");
  switch (type) {
    case KeyType::f32: return step_attention_of<float>(a, isa);
    case KeyType::bf16: return step_attention_of<uint16_t>(a, isa);
    case KeyType::i8:
      HEED_ASSERT(a.scales.size() == a.keys.size() && a.scale_stride >= 2 * a.heads,
                 "step_attention: i8 keys need scales for each row, 2 per head");
      return step_attention_of<int8_t>(a, isa);
  }
}

}  // namespace heed::ops
