#pragma once
// A dense float32 tensor: shared storage, a shape, row-major and contiguous. Views (reshape, a range
// of rows) share the storage, so passing a Tensor by value never copies data. Being a handle, a
// const Tensor may share its storage with a writable one; so reads and writes are spelled apart,
// as PyTorch's const_data_ptr / mutable_data_ptr are: data() reads, mutable_data() writes, and an
// op that writes a tensor it was given to read does not compile.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace heed {

using Shape = std::vector<int64_t>;

std::string to_string(const Shape& shape);
int64_t shape_numel(const Shape& shape);

class Tensor {
 public:
  Tensor() = default;

  // Uninitialized storage, 64-byte aligned (AVX-512 and cache lines).
  static Tensor empty(Shape shape);
  static Tensor zeros(Shape shape);
  static Tensor full(Shape shape, float value);
  static Tensor from_vector(Shape shape, const std::vector<float>& values);

  const float* data() const { return storage_.get() + offset_; }
  float* mutable_data() const { return storage_.get() + offset_; }
  const Shape& shape() const { return shape_; }
  int ndim() const { return static_cast<int>(shape_.size()); }
  int64_t dim(int i) const;  // negative i counts from the end
  int64_t numel() const { return shape_numel(shape_); }
  bool defined() const { return storage_ != nullptr; }

  // Same data, another shape with the same number of elements.
  Tensor view(Shape shape) const;
  // Rows [begin, end) along the first dimension.
  Tensor rows(int64_t begin, int64_t end) const;
  Tensor clone() const;

  void fill(float value) const;
  void zero() const { fill(0.0f); }
  void copy_from(const Tensor& other) const;
  std::vector<float> to_vector() const;

 private:
  Tensor(std::shared_ptr<float> storage, int64_t offset, Shape shape)
      : storage_(std::move(storage)), offset_(offset), shape_(std::move(shape)) {}

  std::shared_ptr<float> storage_;
  int64_t offset_ = 0;
  Shape shape_;
};

// Throws an Error unless the tensor has exactly this shape; `what` names it in the message.
void check_shape(const Tensor& t, const Shape& expected, const char* what);

}  // namespace heed
