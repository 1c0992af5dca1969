#pragma once
// Keys and values for step-by-step decoding, `width` values ([key | value], 2D) per position:
// each hypothesis' self-attention history (a row per hypothesis, a position per step taken), or
// each sentence's cross-attention keys (a row per sentence, a position per source piece). Row i,
// position t is at element (i·C + t)·width, C the capacity in positions. Stored in fp32, or in
// bf16 (half the memory; for the reduced compute types, whose products already round their inputs
// to 8 bits or fewer). The storage is kept across sentences and grows in place: translating a file
// allocates it a few times, not once per batch (freed blocks of changing sizes fragmented the
// heap: a translation run's resident memory kept growing with it).
#include <cstdint>
#include <memory>

#include "heed/ops/step_attention.h"

namespace heed::model {

class StepCache {
 public:
  // Room for `rows` rows of `capacity` steps; what was stored before is dropped.
  void reset(int64_t rows, int64_t capacity, int64_t width, ops::KeyType type);
  // More steps per row: the first `used_rows` rows keep their first `steps` steps.
  void grow(int64_t capacity, int64_t used_rows, int64_t steps);
  // Stores `width` values as row `row`'s step `step`.
  void write(int64_t row, int64_t step, const float* values);
  // Row `to` gets row `from`'s first `steps` steps.
  void copy_row(int64_t from, int64_t to, int64_t steps);
  // Row `row`'s first step, as StepAttention's keys want it.
  const void* row(int64_t row) const { return data_.get() + row * row_bytes(); }

  ops::KeyType type() const { return type_; }
  int64_t capacity() const { return capacity_; }
  int64_t bytes() const { return bytes_; }  // allocated

 private:
  int64_t element_bytes() const { return type_ == ops::KeyType::bf16 ? 2 : 4; }
  int64_t row_bytes() const { return capacity_ * width_ * element_bytes(); }
  void reserve(int64_t bytes);  // drops the contents when it has to allocate

  std::unique_ptr<char[]> data_;
  int64_t bytes_ = 0, rows_ = 0, capacity_ = 0, width_ = 0;
  ops::KeyType type_ = ops::KeyType::f32;
};

}  // namespace heed::model
