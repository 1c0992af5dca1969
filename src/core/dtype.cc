#include "heed/core/dtype.h"

namespace heed {

const char* dtype_name(DType d) {
  switch (d) {
    case DType::f32: return "F32";
    case DType::f16: return "F16";
    case DType::bf16: return "BF16";
    case DType::u8: return "U8";
    case DType::i8: return "I8";
    case DType::i32: return "I32";
  }
  return "?";
}

size_t dtype_size(DType d) {
  switch (d) {
    case DType::f32: case DType::i32: return 4;
    case DType::f16: case DType::bf16: return 2;
    case DType::u8: case DType::i8: return 1;
  }
  return 0;
}

bool parse_dtype_name(const std::string& name, DType& out) {
  for (DType d : {DType::f32, DType::f16, DType::bf16, DType::u8, DType::i8, DType::i32}) {
    if (name == dtype_name(d)) {
      out = d;
      return true;
    }
  }
  return false;
}

}  // namespace heed
