#include "heed/core/random.h"

#include <cmath>

namespace heed {

float Rng::normal() {
  const float u1 = 1.0f - uniform();  // (0, 1]: log stays finite
  const float u2 = uniform();
  return std::sqrt(-2.0f * std::log(u1)) * std::cos(6.28318530718f * u2);
}

}  // namespace heed
