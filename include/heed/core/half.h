#pragma once
// IEEE half (F16) and bfloat16 (BF16) conversions, rounding to nearest even.
#include <cstdint>
#include <cstring>

namespace heed {

inline float bits_to_float(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
inline uint32_t float_to_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

inline float bf16_to_float(uint16_t h) { return bits_to_float(static_cast<uint32_t>(h) << 16); }

inline uint16_t float_to_bf16(float f) {
  const uint32_t u = float_to_bits(f);
  if ((u & 0x7fffffff) > 0x7f800000) return static_cast<uint16_t>((u >> 16) | 0x40);  // NaN stays NaN
  return static_cast<uint16_t>((u + 0x7fff + ((u >> 16) & 1)) >> 16);
}

inline float f16_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000) << 16;
  const uint32_t exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
  if (exponent == 0) {  // zero or subnormal: mantissa · 2^-24
    const float v = static_cast<float>(mantissa) * (1.0f / 16777216.0f);
    return sign ? -v : v;
  }
  if (exponent == 31) return bits_to_float(sign | 0x7f800000 | (mantissa << 13));
  return bits_to_float(sign | ((exponent + 112) << 23) | (mantissa << 13));
}

inline uint16_t float_to_f16(float f) {
  const uint32_t u = float_to_bits(f);
  const uint16_t sign = static_cast<uint16_t>((u >> 16) & 0x8000);
  const uint32_t abs = u & 0x7fffffff;
  if (abs > 0x7f800000) return sign | 0x7e00;               // NaN
  if (abs >= 0x477ff000) return sign | 0x7c00;              // overflow to infinity
  if (abs < 0x38800000) {                                   // subnormal or zero in half
    const float v = bits_to_float(abs) * 16777216.0f;       // in units of 2^-24
    const auto m = static_cast<uint32_t>(v);
    const float rest = v - static_cast<float>(m);
    const uint32_t rounded = m + (rest > 0.5f || (rest == 0.5f && (m & 1)));
    return sign | static_cast<uint16_t>(rounded);
  }
  const uint32_t rounded = abs + 0xfff + ((abs >> 13) & 1);  // round the 13 dropped bits to even
  return sign | static_cast<uint16_t>((rounded - 0x38000000) >> 13);
}

}  // namespace heed
