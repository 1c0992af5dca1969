#include "heed/model/step_cache.h"

#include <algorithm>
#include <cstring>

#include "heed/core/error.h"
#include "heed/ops/quantize.h"

namespace heed::model {
namespace {

// Storage that keeps its contents where it can: grows to `count` elements; a new block drops
// the contents unless the caller copies them (grow_rows).
template <class T>
void reserve(std::unique_ptr<T[]>& data, int64_t& allocated, int64_t count) {
  if (count <= allocated) return;
  data.reset();  // before the new block, so that the two never coexist
  data.reset(new T[count]);
  allocated = count;
}

// Rows of `old_row` elements become rows of `new_row`, the first `kept` of each kept: in place
// when the block is big enough (last row first: row i moves from i·old_row to i·new_row, never
// onto a row still to be moved), else into a new block.
template <class T>
void grow_rows(std::unique_ptr<T[]>& data, int64_t& allocated, int64_t rows, int64_t used_rows, int64_t old_row,
               int64_t new_row, int64_t kept) {
  if (rows * new_row > allocated) {
    std::unique_ptr<T[]> bigger(new T[rows * new_row]);
    for (int64_t i = 0; i < used_rows; ++i)
      std::memcpy(bigger.get() + i * new_row, data.get() + i * old_row, kept * sizeof(T));
    data = std::move(bigger);
    allocated = rows * new_row;
    return;
  }
  for (int64_t i = used_rows - 1; i > 0; --i)
    std::memmove(data.get() + i * new_row, data.get() + i * old_row, kept * sizeof(T));
}

}  // namespace

int64_t StepCache::element_bytes() const {
  switch (type_) {
    case ops::KeyType::f32: return 4;
    case ops::KeyType::bf16: return 2;
    case ops::KeyType::i8: return 1;
  }
  return 4;
}

ops::RowKeys StepCache::row(int64_t row) const {
  const char* at = data_.get() + row * row_bytes();
  switch (type_) {
    case ops::KeyType::bf16: return reinterpret_cast<const uint16_t*>(at);
    case ops::KeyType::i8: return reinterpret_cast<const int8_t*>(at);
    case ops::KeyType::f32: break;
  }
  return reinterpret_cast<const float*>(at);
}

void StepCache::reset(int64_t rows, int64_t capacity, int64_t width, int64_t groups, ops::KeyType type) {
  HEED_ASSERT(rows >= 0 && capacity >= 0 && width > 0 && groups > 0 && width % groups == 0,
             "step cache of {} rows, {} positions, width {} in {} groups", rows, capacity, width, groups);
  type_ = type;
  rows_ = rows;
  capacity_ = capacity;
  width_ = width;
  groups_ = groups;
  reserve(data_, bytes_, rows * row_bytes());
  reserve(scales_, scale_count_, rows * row_scales());
}

void StepCache::grow(int64_t capacity, int64_t used_rows, int64_t positions) {
  HEED_ASSERT(capacity >= capacity_ && positions <= capacity_ && used_rows <= rows_,
             "step cache: growing {} positions to {} with {} positions of {} rows used", capacity_, capacity,
             positions, used_rows);
  const int64_t old_bytes = row_bytes(), old_scales = row_scales();
  capacity_ = capacity;
  grow_rows(data_, bytes_, rows_, used_rows, old_bytes, row_bytes(), positions * width_ * element_bytes());
  if (type_ == ops::KeyType::i8)
    grow_rows(scales_, scale_count_, rows_, used_rows, old_scales, row_scales(), positions * groups_);
}

void StepCache::write(int64_t row, int64_t position, const float* values) {
  char* to = data_.get() + row * row_bytes() + position * width_ * element_bytes();
  switch (type_) {
    case ops::KeyType::f32: std::memcpy(to, values, width_ * sizeof(float)); return;
    case ops::KeyType::bf16: ops::to_bf16(values, width_, reinterpret_cast<uint16_t*>(to)); return;
    case ops::KeyType::i8:
      // Symmetric, per group: the largest magnitude maps to 127.
      ops::quantize_rows(values, groups_, width_ / groups_, width_ / groups_, reinterpret_cast<int8_t*>(to),
                         scales_.get() + (row * capacity_ + position) * groups_, 127);
      return;
  }
}

void StepCache::copy_row(int64_t from, int64_t to, int64_t positions) {
  std::memcpy(data_.get() + to * row_bytes(), data_.get() + from * row_bytes(), positions * width_ * element_bytes());
  if (type_ == ops::KeyType::i8)
    std::memcpy(scales_.get() + to * row_scales(), scales(from), positions * groups_ * sizeof(float));
}

}  // namespace heed::model
