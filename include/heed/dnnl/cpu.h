#pragma once
// What oneDNN dispatches to on this CPU, without oneDNN's headers: for heed --version and the
// tests that check core/cpu.h against it (heed's own kernels ask core/cpu.h).
#include <string>

namespace heed::onednn {

// The instruction set oneDNN dispatches to on this CPU, e.g. "avx2" or "avx512_core_bf16".
const char* isa_name();

// oneDNN's version, "2.6.3".
std::string version();

}  // namespace heed::onednn
