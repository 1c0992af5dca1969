#pragma once
// Attention of one query per row over that row's own keys: the decoding step of self- and
// cross-attention. A product per (row, head) is a 1×d by d×T gemv, which batched gemm runs at a
// few GFLOP/s; one fused loop (scores, softmax, weighted values) per row and head keeps the keys
// in cache and reads them once. Rows name where their keys are, so hypotheses of one sentence
// share its cross-attention keys instead of copying them.
// Shapes: N rows, H heads of width d (D = H·d), Tᵢ keys of row i.
#include <cstdint>
#include <vector>

#include "heed/core/cpu.h"

namespace heed::ops {

// How keys and values are stored: fp32; bf16 (half the memory); or i8, signed bytes with an fp32
// scale per head of each key and of each value (a quarter, plus the scales). The reduced types are
// the decoder's cache under reduced compute types; they are widened to fp32 as they are read, and
// the arithmetic stays fp32.
enum class KeyType { f32, bf16, i8 };

// Where one row's keys start, typed: float; uint16_t holding bf16 bits; int8_t. The pointer's
// type gives the key type, so the two cannot disagree.
class RowKeys {
 public:
  RowKeys() = default;
  RowKeys(const float* keys) : at_(keys), type_(KeyType::f32) {}
  RowKeys(const uint16_t* bf16) : at_(bf16), type_(KeyType::bf16) {}
  RowKeys(const int8_t* keys) : at_(keys), type_(KeyType::i8) {}

  KeyType type() const { return type_; }
  const void* address() const { return at_; }

 private:
  const void* at_ = nullptr;
  KeyType type_ = KeyType::f32;
};

struct StepAttention {
  const float* queries = nullptr;   // head h of row i: queries + i·query_stride + h·d
  int64_t query_stride = 0;
  // (N), all of one key type: key j, head h of row i at element keys[i] + j·key_stride + h·d.
  std::vector<RowKeys> keys;
  // i8 only, (N): key j, head h of row i is scaled by scales[i][j·scale_stride + h], its value by
  // scales[i][j·scale_stride + heads + h].
  std::vector<const float*> scales;
  int64_t scale_stride = 0;
  int64_t key_stride = 0;
  int64_t value_offset = 0;         // a key's value is at the key's address + value_offset
  const int32_t* lengths = nullptr;  // (N): Tᵢ, the keys row i sees
  int64_t heads = 0, head_dim = 0;
  float scale = 1.0f;               // of the scores, 1/√d
  float* out = nullptr;             // (N, D): the heads' weighted values, concatenated
  float* probs = nullptr;           // optional (N, H, probs_width): weights, zero past Tᵢ
  int64_t probs_width = 0;
};

// The loop comes in a build per kernel ISA of core/cpu.h: AVX-512 (F, BW, VL, DQ), AVX2 with FMA,
// and generic. The first two are written against Vec (src/ops/vec.h) for heads of whole vectors
// (d a multiple of 16 or 8) and compiled from the generic loop otherwise. By default the widest
// that this CPU and ONEDNN_MAX_CPU_ISA allow (cpu::kernel_isa); a build they do not allow is
// refused.
void step_attention(const StepAttention& a, cpu::Isa isa = cpu::kernel_isa());

}  // namespace heed::ops
