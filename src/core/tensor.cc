#include "heed/core/tensor.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "heed/core/error.h"

namespace heed {

std::string to_string(const Shape& shape) {
  std::string s = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    s += (i ? ", " : "") + std::to_string(shape[i]);
  }
  return s + ")";
}

int64_t shape_numel(const Shape& shape) {
  int64_t n = 1;
  for (int64_t d : shape) n *= d;
  return n;
}

Tensor Tensor::empty(Shape shape) {
  for (int64_t d : shape) HEED_ASSERT(d >= 0, "negative dimension in shape {}", to_string(shape));
  const size_t bytes = std::max<size_t>(64, (shape_numel(shape) * sizeof(float) + 63) / 64 * 64);
  auto* raw = static_cast<float*>(std::aligned_alloc(64, bytes));
  if (raw == nullptr) fail("out of memory allocating a tensor of shape {}", to_string(shape));
  return Tensor(std::shared_ptr<float>(raw, std::free), 0, std::move(shape));
}

Tensor Tensor::zeros(Shape shape) { return full(std::move(shape), 0.0f); }

Tensor Tensor::full(Shape shape, float value) {
  Tensor t = empty(std::move(shape));
  t.fill(value);
  return t;
}

Tensor Tensor::from_vector(Shape shape, const std::vector<float>& values) {
  Tensor t = empty(std::move(shape));
  HEED_ASSERT(static_cast<int64_t>(values.size()) == t.numel(), "{} values for shape {}",
             values.size(), to_string(t.shape()));
  std::copy(values.begin(), values.end(), t.mutable_data());
  return t;
}

int64_t Tensor::dim(int i) const {
  const int n = ndim();
  if (i < 0) i += n;
  HEED_ASSERT(i >= 0 && i < n, "dimension {} of a tensor of shape {}", i, to_string(shape_));
  return shape_[i];
}

Tensor Tensor::view(Shape shape) const {
  HEED_ASSERT(shape_numel(shape) == numel(), "cannot view a tensor of shape {} as {}",
             to_string(shape_), to_string(shape));
  return Tensor(storage_, offset_, std::move(shape));
}

Tensor Tensor::rows(int64_t begin, int64_t end) const {
  HEED_ASSERT(ndim() >= 1 && 0 <= begin && begin <= end && end <= shape_[0],
             "rows [{}, {}) of a tensor of shape {}", begin, end, to_string(shape_));
  Shape shape = shape_;
  shape[0] = end - begin;
  const int64_t row = shape_[0] ? numel() / shape_[0] : 0;
  return Tensor(storage_, offset_ + begin * row, std::move(shape));
}

Tensor Tensor::clone() const {
  Tensor t = empty(shape_);
  t.copy_from(*this);
  return t;
}

void Tensor::fill(float value) const { std::fill(mutable_data(), mutable_data() + numel(), value); }

void Tensor::copy_from(const Tensor& other) const {
  HEED_ASSERT(other.numel() == numel(), "copying {} into {}", to_string(other.shape_),
             to_string(shape_));
  if (numel() > 0) std::memcpy(mutable_data(), other.data(), numel() * sizeof(float));
}

std::vector<float> Tensor::to_vector() const { return std::vector<float>(data(), data() + numel()); }

void check_shape(const Tensor& t, const Shape& expected, const char* what) {
  HEED_CHECK(t.defined() && t.shape() == expected, "{} has shape {}, expected {}", what,
             t.defined() ? to_string(t.shape()) : "(undefined)", to_string(expected));
}

}  // namespace heed
