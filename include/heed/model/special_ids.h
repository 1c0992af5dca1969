#pragma once
// Token ids fixed by the model spec: every heed vocabulary has them, every model relies on them.
#include <cstdint>

namespace heed::model {

inline constexpr int32_t kPadId = 0, kUnkId = 1, kBosId = 2, kEosId = 3;

}  // namespace heed::model
