#pragma once
// Token ids fixed by the model format (docs/model-format.md): every heed vocabulary has them, and
// every model relies on them. They belong to the vocabulary, so to text; the model reads them here.
#include <cstdint>

namespace heed::text {

inline constexpr int32_t kPadId = 0, kUnkId = 1, kBosId = 2, kEosId = 3;

}  // namespace heed::text
