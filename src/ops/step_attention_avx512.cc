// The step-attention loop of step_attention_body.h for AVX-512 (F, BW, VL, DQ) with FMA:
// CMakeLists.txt compiles every *_avx512.cc with -mavx512f -mavx512bw -mavx512vl -mavx512dq -mfma.
#include "step_attention_body.h"

namespace heed::ops::detail {

Blocked blocked_avx512() { return blocked<cpu::Isa::avx512>(); }

}  // namespace heed::ops::detail
