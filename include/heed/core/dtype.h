#pragma once
// Element types of stored tensors, named as safetensors names them ("F32", "BF16", ...).
#include <cstddef>
#include <string>

namespace heed {

enum class DType { f32, f16, bf16, u8, i8, i32 };

const char* dtype_name(DType d);  // the safetensors name, e.g. "BF16"
size_t dtype_size(DType d);       // bytes per element
// The type of a safetensors name; false when the name is none of them.
bool parse_dtype_name(const std::string& name, DType& out);

}  // namespace heed
