#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "heed/core/half.h"
#include "heed/model/step_cache.h"

using namespace heed;
using model::StepCache;

namespace {

// Distinct values for row r < 5, step t < 4, element c < 6: exact in bf16 (integers below 256).
float value(int64_t r, int64_t t, int64_t c) { return static_cast<float>(r * 32 + t * 6 + c); }

float read(const StepCache& cache, int64_t row, int64_t step, int64_t c, int64_t width) {
  const int64_t at = step * width + c;
  const ops::RowKeys keys = cache.row(row);
  CHECK(keys.type() == cache.type());
  switch (cache.type()) {
    case ops::KeyType::bf16: return bf16_to_float(static_cast<const uint16_t*>(keys.address())[at]);
    case ops::KeyType::i8: {
      const float scale = cache.scales(row)[step * cache.groups() + c / (width / cache.groups())];
      return scale * static_cast<const int8_t*>(keys.address())[at];
    }
    default: return static_cast<const float*>(keys.address())[at];
  }
}

void check_rows(const StepCache& cache, const std::vector<int64_t>& source_of_row, int64_t steps, int64_t width) {
  for (size_t r = 0; r < source_of_row.size(); ++r)
    for (int64_t t = 0; t < steps; ++t)
      for (int64_t c = 0; c < width; ++c) {
        CAPTURE(r);
        CAPTURE(t);
        // i8: within half a step of the group's scale (largest magnitude / 127).
        const float expected = value(source_of_row[r], t, c);
        if (cache.type() == ops::KeyType::i8) REQUIRE(std::fabs(read(cache, r, t, c, width) - expected) <= 0.5f * 151 / 127 * 1.0001f);
        else REQUIRE(read(cache, r, t, c, width) == expected);
      }
}

}  // namespace

TEST_CASE("the step cache keeps every row's history through growth, in place or not, and row copies") {
  for (auto type : {ops::KeyType::f32, ops::KeyType::bf16, ops::KeyType::i8}) {
    CAPTURE(static_cast<int>(type));
    const int64_t rows = 5, width = 6;
    StepCache cache;
    cache.reset(rows, 2, width, 2, type);
    std::vector<float> v(width);
    auto write_step = [&](int64_t t) {
      for (int64_t r = 0; r < rows; ++r) {
        for (int64_t c = 0; c < width; ++c) v[c] = value(r, t, c);
        cache.write(r, t, v.data());
      }
    };
    write_step(0);
    write_step(1);
    cache.grow(4, rows, 2);  // a new block
    check_rows(cache, {0, 1, 2, 3, 4}, 2, width);
    write_step(2);
    write_step(3);
    const int64_t allocated = cache.bytes();

    // A second sentence in the same storage, smaller at first: growing moves rows in place.
    cache.reset(rows, 1, width, 2, type);
    write_step(0);
    cache.grow(2, rows, 1);
    write_step(1);
    cache.grow(4, rows, 2);
    CHECK(cache.bytes() == allocated);
    check_rows(cache, {0, 1, 2, 3, 4}, 2, width);
    cache.copy_row(4, 1, 2);
    check_rows(cache, {0, 4, 2, 3, 4}, 2, width);
  }
}

TEST_CASE("a bf16 step cache rounds to nearest even") {
  StepCache cache;
  cache.reset(1, 1, 2, 1, ops::KeyType::bf16);
  const float values[2] = {1.0f + 1.0f / 256 + 1.0f / 1024, -3.0f};  // 1 + 2^-8 + 2^-10 rounds up to 1 + 2^-7
  cache.write(0, 0, values);
  CHECK(read(cache, 0, 0, 0, 2) == 1.0f + 1.0f / 128);
  CHECK(read(cache, 0, 0, 1, 2) == -3.0f);
}

TEST_CASE("an i8 step cache keeps each group within half a step of its own scale") {
  StepCache cache;
  cache.reset(1, 1, 4, 2, ops::KeyType::i8);
  const float values[4] = {0.5f, -0.25f, 100.0f, -37.0f};  // groups of very different sizes
  cache.write(0, 0, values);
  CHECK(cache.scales(0)[0] == doctest::Approx(0.5f / 127));
  CHECK(cache.scales(0)[1] == doctest::Approx(100.0f / 127));
  for (int c = 0; c < 4; ++c) {
    CAPTURE(c);
    const float scale = cache.scales(0)[c / 2];
    CHECK(std::fabs(read(cache, 0, 0, c, 4) - values[c]) <= 0.5f * scale * 1.0001f);
  }
}
