#include "heed/text/lines.h"

#include "heed/text/utf8.h"

namespace heed::text {

std::string checked_utf8(std::string line, const LineReader& input, const LineWarning& warn) {
  if (is_valid_utf8(line)) return line;
  if (warn) warn(input.name(), input.line_number(), "invalid UTF-8 replaced with U+FFFD");
  return repair_utf8(line);
}

std::vector<std::string> read_text_lines(const std::string& path, const LineWarning& warn) {
  LineReader in(path);
  std::vector<std::string> lines;
  std::string line;
  while (in.next(line)) lines.push_back(checked_utf8(std::move(line), in, warn));
  return lines;
}

}  // namespace heed::text
