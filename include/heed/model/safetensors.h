#pragma once
// The safetensors container (8-byte header size, JSON header, data), read with every check the
// model spec asks for: a reader never crashes on a damaged file, it says what is wrong.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "heed/core/dtype.h"
#include "heed/core/tensor.h"

namespace heed::model {

struct StoredTensor {
  std::string name;
  DType dtype;
  Shape shape;
  const uint8_t* data = nullptr;  // into the file's bytes
  size_t bytes = 0;
};

class SafetensorsFile {
 public:
  static SafetensorsFile read(const std::string& path);
  static SafetensorsFile parse(std::string bytes, const std::string& origin);

  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  const std::vector<StoredTensor>& tensors() const { return tensors_; }
  const StoredTensor* find(const std::string& name) const;
  const std::string& origin() const { return origin_; }

  SafetensorsFile(SafetensorsFile&&) = default;
  SafetensorsFile& operator=(SafetensorsFile&&) = default;

 private:
  SafetensorsFile() = default;
  std::string bytes_, origin_;
  std::map<std::string, std::string> metadata_;
  std::vector<StoredTensor> tensors_;
};

// A floating-point tensor as float32, whatever its stored dtype (F32, F16, BF16).
Tensor to_float(const StoredTensor& t, const std::string& origin);

// A tensor to store: its bytes, or (`floats` set, `bytes` empty) float values encoded in dtype as
// they are written, a block at a time: saving a model or a training state copies no tensor whole
// (a copy of Adam's moments was 105 MB on top of training's peak for `small`).
struct TensorToWrite {
  std::string name;
  DType dtype;
  Shape shape;
  std::string bytes;
  const float* floats = nullptr;
  int64_t stored_bytes() const;
};

// Encodes float values in a dtype (F32, F16 or BF16).
std::string encode_floats(const float* values, int64_t n, DType dtype);

// Writes atomically: a temporary file, then rename. Metadata keys are written in map order.
void write_safetensors(const std::string& path, const std::map<std::string, std::string>& metadata,
                       const std::vector<TensorToWrite>& tensors);

}  // namespace heed::model
