// The step-attention loop of step_attention_body.h for AVX2 with FMA (Zen 3, say): CMakeLists.txt
// compiles every *_avx2.cc with -mavx2 -mfma.
#include "step_attention_body.h"

namespace heed::ops::detail {

Blocked blocked_avx2() { return blocked<cpu::Isa::avx2>(); }

}  // namespace heed::ops::detail
