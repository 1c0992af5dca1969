#include "heed/model/step_cache.h"

#include <cstring>

#include "heed/core/error.h"
#include "heed/ops/quantize.h"

namespace heed::model {

void StepCache::reserve(int64_t bytes) {
  if (bytes <= bytes_) return;
  data_.reset();  // before the new block, so that the two never coexist
  data_.reset(new char[bytes]);
  bytes_ = bytes;
}

void StepCache::reset(int64_t rows, int64_t capacity, int64_t width, ops::KeyType type) {
  HEED_CHECK(rows >= 0 && capacity >= 0 && width > 0, "step cache of {} rows, {} steps, width {}", rows, capacity,
             width);
  type_ = type;
  rows_ = rows;
  capacity_ = capacity;
  width_ = width;
  reserve(rows * row_bytes());
}

void StepCache::grow(int64_t capacity, int64_t used_rows, int64_t steps) {
  HEED_CHECK(capacity >= capacity_ && steps <= capacity_ && used_rows <= rows_,
             "step cache: growing {} steps to {} with {} steps of {} rows used", capacity_, capacity, steps,
             used_rows);
  const int64_t old_row = row_bytes(), kept = steps * width_ * element_bytes();
  const int64_t new_row = capacity * width_ * element_bytes();
  if (rows_ * new_row > bytes_) {
    std::unique_ptr<char[]> bigger(new char[rows_ * new_row]);
    for (int64_t i = 0; i < used_rows; ++i) std::memcpy(bigger.get() + i * new_row, data_.get() + i * old_row, kept);
    data_ = std::move(bigger);
    bytes_ = rows_ * new_row;
  } else {
    // In place, last row first: row i moves from i·old_row to i·new_row, never below where a row
    // still to be moved is.
    for (int64_t i = used_rows - 1; i > 0; --i)
      std::memmove(data_.get() + i * new_row, data_.get() + i * old_row, kept);
  }
  capacity_ = capacity;
}

void StepCache::write(int64_t row, int64_t step, const float* values) {
  char* to = data_.get() + row * row_bytes() + step * width_ * element_bytes();
  if (type_ == ops::KeyType::bf16) ops::to_bf16(values, width_, reinterpret_cast<uint16_t*>(to));
  else std::memcpy(to, values, width_ * sizeof(float));
}

void StepCache::copy_row(int64_t from, int64_t to, int64_t steps) {
  std::memcpy(data_.get() + to * row_bytes(), data_.get() + from * row_bytes(), steps * width_ * element_bytes());
}

}  // namespace heed::model
