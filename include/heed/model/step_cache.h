#pragma once
// Keys and values for step-by-step decoding, `width` values ([key | value], 2D) per position:
// each hypothesis' self-attention history (a row per hypothesis, a position per step taken), or
// each sentence's cross-attention keys (a row per sentence, a position per source piece). Row i,
// position t is at element (i·C + t)·width, C the capacity in positions. Stored as
// ops::KeyType says: fp32; bf16 (half the memory); or i8 with a scale per group of a position's
// values (a group per head of the key and of the value: 2H groups), a quarter plus the scales.
// The reduced types serve the reduced compute types, whose products already round their inputs.
// The storage is kept across sentences and grows in place: translating a file allocates it a few
// times, not once per batch (freed blocks of changing sizes fragmented the heap: a translation
// run's resident memory kept growing with it).
#include <cstdint>
#include <memory>

#include "heed/ops/step_attention.h"

namespace heed::model {

class StepCache {
 public:
  // Room for `rows` rows of `capacity` positions of `width` values in `groups` groups (i8's
  // scales; width must divide into them); what was stored before is dropped.
  void reset(int64_t rows, int64_t capacity, int64_t width, int64_t groups, ops::KeyType type);
  // More positions per row: the first `used_rows` rows keep their first `positions` positions.
  void grow(int64_t capacity, int64_t used_rows, int64_t positions);
  // Stores `width` values as row `row`'s position `position`.
  void write(int64_t row, int64_t position, const float* values);
  // Row `to` gets row `from`'s first `positions` positions.
  void copy_row(int64_t from, int64_t to, int64_t positions);
  // Row `row`'s first position, as StepAttention's keys want it; for i8 its scales, (C, groups).
  ops::RowKeys row(int64_t row) const;
  const float* scales(int64_t row) const { return scales_.get() + row * capacity_ * groups_; }

  ops::KeyType type() const { return type_; }
  int64_t groups() const { return groups_; }
  int64_t bytes() const { return bytes_ + scale_count_ * static_cast<int64_t>(sizeof(float)); }  // allocated

 private:
  int64_t element_bytes() const;
  int64_t row_bytes() const { return capacity_ * width_ * element_bytes(); }
  int64_t row_scales() const { return type_ == ops::KeyType::i8 ? capacity_ * groups_ : 0; }

  std::unique_ptr<char[]> data_;
  std::unique_ptr<float[]> scales_;
  int64_t bytes_ = 0, scale_count_ = 0;  // allocated
  int64_t rows_ = 0, capacity_ = 0, width_ = 0, groups_ = 1;
  ops::KeyType type_ = ops::KeyType::f32;
};

}  // namespace heed::model
