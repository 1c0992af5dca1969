#include "zip_package.h"

#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "heed/core/error.h"

namespace heed::doc {

ZipPackage::ZipPackage(std::string_view bytes, std::string name) : name_(std::move(name)) {
  zip_error_t error;
  zip_error_init(&error);
  // libzip owns the bytes (malloc'd, freed by it): when the rewritten package replaces them at
  // zip_close, libzip frees the old buffer whatever it was told at creation (libzip 1.7).
  void* data = std::malloc(std::max<size_t>(bytes.size(), 1));
  if (data) std::memcpy(data, bytes.data(), bytes.size());
  source_ = data ? zip_source_buffer_create(data, bytes.size(), 1, &error) : nullptr;
  if (!source_) std::free(data);
  if (source_) {
    zip_source_keep(source_);  // finish() reads the rewritten package from it
    archive_ = zip_open_from_source(source_, ZIP_CHECKCONS, &error);
  }
  const std::string reason = zip_error_strerror(&error);
  zip_error_fini(&error);
  if (!archive_) {
    if (source_) zip_source_free(source_);
    source_ = nullptr;
    throw Error(fmt::format("{}: not a readable zip package ({})", name_, reason));
  }
}

ZipPackage::~ZipPackage() {
  if (archive_) zip_discard(archive_);
  if (source_) zip_source_free(source_);
}

std::vector<std::string> ZipPackage::part_names() const {
  std::vector<std::string> names;
  const zip_int64_t n = zip_get_num_entries(archive_, 0);
  for (zip_int64_t i = 0; i < n; ++i)
    if (const char* part = zip_get_name(archive_, static_cast<zip_uint64_t>(i), 0)) names.emplace_back(part);
  return names;
}

bool ZipPackage::has(const std::string& part) const { return zip_name_locate(archive_, part.c_str(), 0) >= 0; }

std::string ZipPackage::read(const std::string& part, size_t max_bytes) const {
  zip_stat_t stat;
  zip_stat_init(&stat);
  HEED_CHECK(zip_stat(archive_, part.c_str(), 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE), "{}: no part {}", name_,
             part);
  HEED_CHECK(stat.size <= max_bytes, "{}: {} unpacks to {} bytes; a part may have at most {}", name_, part, stat.size,
             max_bytes);
  zip_file_t* file = zip_fopen(archive_, part.c_str(), 0);
  HEED_CHECK(file != nullptr, "{}: cannot open {} ({})", name_, part, zip_strerror(archive_));
  std::string content(static_cast<size_t>(stat.size), '\0');
  const zip_int64_t got = zip_fread(file, content.data(), content.size());
  const std::string reason = zip_file_strerror(file);
  zip_fclose(file);
  HEED_CHECK(got == static_cast<zip_int64_t>(content.size()), "{}: cannot read {} ({})", name_, part, reason);
  return content;
}

void ZipPackage::replace(const std::string& part, std::string content) {
  const zip_int64_t index = zip_name_locate(archive_, part.c_str(), 0);
  HEED_ASSERT(index >= 0, "a package's part is replaced only when it exists");
  replacements_.push_back(std::make_unique<std::string>(std::move(content)));
  zip_source_t* data = zip_source_buffer(archive_, replacements_.back()->data(), replacements_.back()->size(), 0);
  HEED_CHECK(data != nullptr && zip_file_replace(archive_, static_cast<zip_uint64_t>(index), data, 0) == 0,
             "{}: cannot replace {} ({})", name_, part, zip_strerror(archive_));
}

std::string ZipPackage::finish() {
  HEED_CHECK(zip_close(archive_) == 0, "{}: cannot write the package ({})", name_, zip_strerror(archive_));
  archive_ = nullptr;
  HEED_CHECK(zip_source_open(source_) == 0, "{}: cannot read the written package", name_);
  std::string out;
  char buffer[1 << 16];
  zip_int64_t got;
  while ((got = zip_source_read(source_, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<size_t>(got));
  zip_source_close(source_);
  HEED_CHECK(got == 0, "{}: cannot read the written package", name_);
  return out;
}

}  // namespace heed::doc
