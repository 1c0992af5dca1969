#pragma once
// Text lines as the commands and the server read them: invalid UTF-8 is repaired (U+FFFD) with a
// warning on stderr naming the file and line, never passed on to the tokenizer.
#include <string>
#include <vector>

#include "heed/core/io.h"

namespace heed::text {

// The line, repaired if it is not valid UTF-8 (with a warning naming input's file and line).
std::string checked_utf8(std::string line, const LineReader& input);

// A whole text file as lines, each checked as above.
std::vector<std::string> read_text_lines(const std::string& path);

}  // namespace heed::text
