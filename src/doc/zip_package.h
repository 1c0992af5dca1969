#pragma once
// (Private to doc/.) A zip package in memory (an office file): its parts read, some replaced, and
// the package written again with every part not replaced copied as it was, compressed bytes and
// all. libzip does the zip; this wraps it with heed's errors.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct zip;
struct zip_source;

namespace heed::doc {

class ZipPackage {
 public:
  // `name` names the package in errors. Throws Error when `bytes` are not a zip archive.
  ZipPackage(std::string_view bytes, std::string name);
  ~ZipPackage();
  ZipPackage(const ZipPackage&) = delete;
  ZipPackage& operator=(const ZipPackage&) = delete;

  std::vector<std::string> part_names() const;
  bool has(const std::string& part) const;
  // A part's bytes; an Error when it is larger than `max_bytes` unpacked or cannot be read.
  std::string read(const std::string& part, size_t max_bytes) const;
  void replace(const std::string& part, std::string content);
  // The package with its replacements. The object cannot be used afterwards.
  std::string finish();

 private:
  std::string name_;
  std::vector<std::unique_ptr<std::string>> replacements_;  // alive until finish()
  zip_source* source_ = nullptr;
  zip* archive_ = nullptr;
};

}  // namespace heed::doc
