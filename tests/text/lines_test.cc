#include "heed/text/lines.h"

#include <doctest/doctest.h>

#include <fstream>
#include <string>
#include <vector>

#include "support/files.h"

using namespace heed;

TEST_CASE("invalid UTF-8 is repaired and the caller told the file and line") {
  test::TempFolder folder("text-lines");
  const std::string path = folder / "in.txt";
  std::ofstream(path) << "fine\nbro\xffken\nfine again\n";
  std::vector<std::string> told;
  const auto lines = text::read_text_lines(path, [&](const std::string& name, int64_t line, const std::string& message) {
    told.push_back(name + ":" + std::to_string(line) + ": " + message);
  });
  CHECK(lines == std::vector<std::string>{"fine", "bro\xef\xbf\xbdken", "fine again"});
  CHECK(told == std::vector<std::string>{path + ":2: invalid UTF-8 replaced with U+FFFD"});
  CHECK(text::read_text_lines(path, {}) == lines);  // nobody told
}
