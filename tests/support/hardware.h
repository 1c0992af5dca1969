#pragma once
// Test cases that need a compute type this CPU lacks (bf16 without AVX-512 BF16, or under
// ONEDNN_MAX_CPU_ISA=AVX2) are registered as skipped, so that doctest counts and names them:
//   TEST_CASE("bf16 ..." * doctest::skip(heed::test::lacks(heed::ops::ComputeType::bf16)))
#include "heed/ops/compute_type.h"

namespace heed::test {

inline bool lacks(ops::ComputeType type) { return !ops::compute_type_unavailable(type).empty(); }

}  // namespace heed::test
