#pragma once
// Test helpers for reading fixture files.
#include <string>
#include <vector>

#include "heed/core/io.h"

namespace heed::test {

inline std::vector<std::string> read_lines(const std::string& path) {
  LineReader in(path);
  std::vector<std::string> lines;
  std::string line;
  while (in.next(line)) lines.push_back(line);
  return lines;
}

}  // namespace heed::test
