#pragma once
// Attention of one query per row over that row's own keys: the decoding step of self- and
// cross-attention. A product per (row, head) is a 1×d by d×T gemv, which batched gemm runs at a
// few GFLOP/s; one fused loop (scores, softmax, weighted values) per row and head keeps the keys
// in cache and reads them once. Rows name where their keys are, so hypotheses of one sentence
// share its cross-attention keys instead of copying them.
// Shapes: N rows, H heads of width d (D = H·d), Tᵢ keys of row i.
#include <cstdint>
#include <vector>

namespace heed::ops {

// How keys and values are stored: fp32; bf16 (half the memory); or i8, signed bytes with an fp32
// scale per head of each key and of each value (a quarter, plus the scales). The reduced types are
// the decoder's cache under reduced compute types; they are widened to fp32 as they are read, and
// the arithmetic stays fp32.
enum class KeyType { f32, bf16, i8 };

struct StepAttention {
  const float* queries = nullptr;   // head h of row i: queries + i·query_stride + h·d
  int64_t query_stride = 0;
  // (N): key j, head h of row i at element keys[i] + j·key_stride + h·d, of type key_type
  // (float; uint16_t holding bf16 bits; int8_t).
  std::vector<const void*> keys;
  KeyType key_type = KeyType::f32;
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

// The loop comes in three builds per key type: for AVX-512 (F, BW, VL, DQ), for AVX2 with FMA,
// and generic. The first two are written with intrinsics for heads of whole vectors (d a multiple
// of 16 or 8) and compiled from the generic loop otherwise. `best` picks the widest that both
// this CPU and oneDNN's dispatched ISA allow (ONEDNN_MAX_CPU_ISA=AVX2 selects the AVX2 build).
enum class StepKernel { best, generic, avx2, avx512 };
bool step_kernel_available(StepKernel kernel);

void step_attention(const StepAttention& a, StepKernel kernel = StepKernel::best);

}  // namespace heed::ops
