#include "heed/ops/dropout.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "heed/core/cpu.h"
#include "heed/core/error.h"
#include "heed/core/parallel.h"

namespace heed::ops {
namespace {

struct MaskRule {
  uint64_t seed_mix;   // the generator's seed term of Rng::at
  uint64_t first;      // counter of the first draw
  uint32_t threshold;  // a 16-bit quarter below it drops its element
  float keep_scale;
};

MaskRule rule_of(const DropoutDraw& draw) {
  HEED_CHECK(draw.p >= 0.0f && draw.p < 1.0f, "dropout probability {} is not in [0, 1)", draw.p);
  return {draw.rng.seed() * 0x9e3779b97f4a7c15ULL, draw.rng.counter(),
          static_cast<uint32_t>(std::lround(draw.p * 65536.0f)), 1.0f / (1.0f - draw.p)};
}

// out = in ⊙ mask over elements [4·begin, 4·end): block b decides its four elements by the 16-bit
// quarters of draw first + b (Rng::at spelled out so that it vectorizes): the drop probability is
// p to within 1/65536. The factors are drawn into a local array first, so that the draws
// vectorize whether or not in and out are the same array; integer arithmetic, so every CPU
// draws the same mask.
inline __attribute__((always_inline)) void mask_blocks_body(int64_t begin, int64_t end, const MaskRule& r,
                                                            const float* in, float* out) {
  constexpr int64_t kBlocks = 256;
  uint64_t bits[kBlocks];
  uint16_t quarters[4 * kBlocks];
  for (int64_t b0 = begin; b0 < end; b0 += kBlocks) {
    const int64_t nb = std::min(kBlocks, end - b0);
    for (int64_t j = 0; j < nb; ++j) bits[j] = mix64(r.seed_mix + mix64(r.first + b0 + j));
    // Quarter q of draw j, lowest first, is 16-bit value 4j + q: on a little-endian CPU that is
    // the draws' own bytes (the shifting loop compiled to lane inserts and permutes, a third of
    // this function's time); elsewhere it is spelled out.
    if constexpr (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__) {
      std::memcpy(quarters, bits, sizeof(uint64_t) * nb);
    } else {
      for (int64_t i = 0; i < 4 * nb; ++i) quarters[i] = static_cast<uint16_t>(bits[i / 4] >> (16 * (i % 4)));
    }
    const float* src = in + 4 * b0;
    float* dst = out + 4 * b0;
    // The factor is a product, not a conditional: GCC 12 leaves `cond ? scale : 0` as a branch
    // and the loop scalar (71% of this function's time in perf). In place (dst == src) is the
    // common case; each element is read before it is written at the same index.
#pragma omp simd
    for (int64_t i = 0; i < 4 * nb; ++i)
      dst[i] = src[i] * (static_cast<float>(quarters[i] >= r.threshold) * r.keep_scale);
  }
}

// The same loop compiled for AVX-512 (64-bit multiplies in one instruction) and AVX2, chosen at
// run time. Not GCC's target_clones: its ifunc resolvers run before the sanitizers' runtime is
// up, and the TSan build crashed at start.
using MaskBlocks = void (*)(int64_t, int64_t, const MaskRule&, const float*, float*);
__attribute__((target("avx512f,avx512dq,avx512vl,avx512bw")))
void mask_blocks_avx512(int64_t begin, int64_t end, const MaskRule& r, const float* in, float* out) {
  mask_blocks_body(begin, end, r, in, out);
}
__attribute__((target("avx2")))
void mask_blocks_avx2(int64_t begin, int64_t end, const MaskRule& r, const float* in, float* out) {
  mask_blocks_body(begin, end, r, in, out);
}
void mask_blocks_plain(int64_t begin, int64_t end, const MaskRule& r, const float* in, float* out) {
  mask_blocks_body(begin, end, r, in, out);
}

// The build core/cpu.h allows (it follows ONEDNN_MAX_CPU_ISA), as every kernel of heed chooses.
// The three give the same masks: the draw is integer arithmetic.
MaskBlocks mask_blocks() {
  static const MaskBlocks chosen = cpu::widest(&mask_blocks_avx512, &mask_blocks_avx2, &mask_blocks_plain);
  return chosen;
}

// out = in ⊙ mask for n elements; in and out may be the same.
void apply_mask(const float* in, float* out, int64_t n, const DropoutDraw& draw) {
  const MaskRule r = rule_of(draw);
  const int64_t full = n / 4;  // blocks of four elements; the last, partial one apart
  constexpr int64_t kChunk = 4096;
  const MaskBlocks blocks = mask_blocks();
  const int64_t chunks = (full + kChunk - 1) / kChunk;
  parallel_for(chunks, n, [&](int64_t c) { blocks(c * kChunk, std::min(full, (c + 1) * kChunk), r, in, out); });
  uint64_t bits = mix64(r.seed_mix + mix64(r.first + full));
  for (int64_t i = 4 * full; i < n; ++i, bits >>= 16)
    out[i] = in[i] * (static_cast<uint32_t>(bits & 0xffff) >= r.threshold ? r.keep_scale : 0.0f);
}

}  // namespace

DropoutDraw dropout_forward(const Tensor& y, const Tensor& x, float p, Rng& rng) {
  check_shape(y, x.shape(), "dropout output");
  const int64_t n = x.numel();
  const DropoutDraw draw{Rng(rng.seed(), rng.take((n + 3) / 4)), p};
  apply_mask(x.data(), y.mutable_data(), n, draw);
  return draw;
}

void dropout_backward(const Tensor& dx, const Tensor& dy, const DropoutDraw& draw) {
  check_shape(dx, dy.shape(), "dropout input gradient");
  apply_mask(dy.data(), dx.mutable_data(), dy.numel(), draw);
}

void dropout_backward_kept(const Tensor& dx, const DropoutDraw& draw) {
  const float scale = rule_of(draw).keep_scale;
  float* d = dx.mutable_data();
  const int64_t n = dx.numel();
  parallel_for_simd(n, n, [=](int64_t i) { d[i] *= scale; });
}

}  // namespace heed::ops
