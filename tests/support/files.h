#pragma once
// Test helpers for reading fixture files, and a folder for the files a test writes.
#include <unistd.h>

#include <filesystem>
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

// A fresh folder in the temporary directory, named after the test and the process (tests run in
// parallel under ctest -j), removed with everything in it when the test ends.
class TempFolder {
 public:
  explicit TempFolder(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / ("heed-" + name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The path of a file in the folder.
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace heed::test
