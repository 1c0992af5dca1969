#pragma once
// What oneDNN dispatches to on this CPU, without oneDNN's headers: for heed --version, kernels
// chosen for an instruction set (which follow ONEDNN_MAX_CPU_ISA through these), and tests that
// skip what the CPU lacks.
#include <string>

namespace heed::onednn {

// The instruction set oneDNN dispatches to on this CPU, e.g. "avx2" or "avx512_core_bf16".
const char* isa_name();

// What that instruction set offers the reduced-precision products: AVX2 at least (oneDNN's int8
// kernels), AVX-512, VNNI (int8 dot products in one instruction), native bfloat16 products.
struct CpuFeatures {
  bool avx2 = false, avx512 = false, vnni = false, bf16 = false;
};
CpuFeatures cpu_features();

// oneDNN's version, "2.6.3".
std::string version();

}  // namespace heed::onednn
