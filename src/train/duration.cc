#include "heed/train/duration.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>

#include "heed/core/error.h"

namespace heed::train {

double parse_duration(const std::string& text) {
  HEED_CHECK(!text.empty(), "an empty duration");
  double total = 0, number = 0;
  bool has_number = false, has_unit = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || c == '.') {
      size_t used = 0;
      number = std::stod(text.substr(i), &used);
      i += used - 1;
      has_number = true;
    } else if ((c == 'h' || c == 'm' || c == 's') && has_number) {
      total += number * (c == 'h' ? 3600 : c == 'm' ? 60 : 1);
      has_number = false;
      has_unit = true;
    } else {
      fail("'{}' is not a duration (like 45s, 90m, 2h or 1h30m)", text);
    }
  }
  if (has_number) {
    HEED_CHECK(!has_unit, "'{}' is not a duration (like 45s, 90m, 2h or 1h30m)", text);
    total += number;
  }
  return total;
}

std::string format_duration(double seconds) {
  const auto s = static_cast<int64_t>(std::max(0.0, seconds));
  return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
}

}  // namespace heed::train
