#pragma once
// Text lines as the commands and the server read them: invalid UTF-8 is repaired (U+FFFD), never
// passed on to the tokenizer, and the caller is told which file and line (the command line prints
// a warning).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "heed/core/io.h"

namespace heed::text {

// Told of a line that was repaired or otherwise changed: the input's name, the line's number
// (from 1), and what happened. May be empty (nobody is told).
using LineWarning = std::function<void(const std::string& name, int64_t line, const std::string& message)>;

// The line, repaired if it is not valid UTF-8 (and `warn` told with input's name and line).
std::string checked_utf8(std::string line, const LineReader& input, const LineWarning& warn);

// A whole text file as lines, each checked as above.
std::vector<std::string> read_text_lines(const std::string& path, const LineWarning& warn);

}  // namespace heed::text
