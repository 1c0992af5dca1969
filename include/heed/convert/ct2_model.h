#pragma once
// CTranslate2's model.bin: its variables by name, as CTranslate2's model_spec.py writes them
// (binary versions 4 to 6): a version, the spec's name and revision, the variables (name,
// shape, type, bytes), then the aliases (a name standing for another variable, as tied
// embeddings are stored). Reading checks every size against the file; a damaged file is an Error
// naming it, never a crash.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "heed/core/tensor.h"

namespace heed::convert {

// The type ids of CTranslate2's include/ctranslate2/types.h.
enum class Ct2Type : uint8_t { float32 = 0, int8 = 1, int16 = 2, int32 = 3, float16 = 4, bfloat16 = 5 };
const char* ct2_type_name(Ct2Type type);

struct Ct2Variable {
  Ct2Type type = Ct2Type::float32;
  std::vector<int64_t> shape;  // empty for a scalar
  std::string bytes;
  int64_t numel() const;
};

struct Ct2Model {
  uint32_t binary_version = 6;
  std::string spec = "TransformerSpec";
  uint32_t revision = 7;
  std::map<std::string, Ct2Variable> variables;
  std::map<std::string, std::string> aliases;  // alias -> variable

  // The variable of `name`, through an alias when it is one; null when there is none.
  const Ct2Variable* find(const std::string& name) const;
  // The name `name` stands for: itself, or the variable an alias points to.
  std::string resolve(const std::string& name) const;
  // A weight as float32: int8 and int16 divided by their NAME_scale (per row for int8, one
  // value for int16), as CTranslate2 dequantizes them. Errors name `origin` and the variable.
  Tensor floats(const std::string& name, const std::string& origin) const;
  // A scalar flag or number (int8, int16, int32 or float), or `fallback` when absent.
  double scalar(const std::string& name, double fallback, const std::string& origin) const;
};

Ct2Model read_ct2_model(const std::string& path);
Ct2Model parse_ct2_model(const std::string& bytes, const std::string& origin);
// Writes atomically (a temporary name, then rename).
void write_ct2_model(const std::string& path, const Ct2Model& model);

// Variables to write: float32 values, and scalars of the types CTranslate2's specs give them.
Ct2Variable ct2_floats(const Tensor& t);
Ct2Variable ct2_int8_flag(bool value);
Ct2Variable ct2_int16(int16_t value);

}  // namespace heed::convert
