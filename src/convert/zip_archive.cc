#include "zip_archive.h"

#include <unistd.h>
#include <zip.h>

#include <cstdio>
#include <memory>
#include <set>

#include "heed/core/error.h"
#include "heed/core/io.h"

namespace heed::convert {

namespace {

std::string zip_error_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }  // for errors: closing writes, discarding does not
};

}  // namespace

std::vector<std::pair<std::string, std::string>> read_zip(const std::string& path) {
  int code = 0;
  std::unique_ptr<zip_t, ZipCloser> z(zip_open(path.c_str(), ZIP_RDONLY, &code));
  if (!z) fail("{} is not a readable zip archive: {}", path, zip_error_text(code));
  std::vector<std::pair<std::string, std::string>> files;
  const zip_int64_t n = zip_get_num_entries(z.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    HEED_CHECK(zip_stat_index(z.get(), static_cast<zip_uint64_t>(i), 0, &st) == 0, "{}: cannot read entry {}: {}", path,
               i, zip_strerror(z.get()));
    const std::string name = st.name;
    if (name.empty() || name.back() == '/') continue;
    HEED_CHECK(st.size < (zip_uint64_t{1} << 34), "{}: entry {} is too large ({} bytes)", path, name, st.size);
    zip_file_t* f = zip_fopen_index(z.get(), static_cast<zip_uint64_t>(i), 0);
    HEED_CHECK(f != nullptr, "{}: cannot open entry {}: {}", path, name, zip_strerror(z.get()));
    std::string bytes(st.size, '\0');
    const zip_int64_t got = zip_fread(f, bytes.data(), st.size);
    zip_fclose(f);
    HEED_CHECK(got == static_cast<zip_int64_t>(st.size), "{}: entry {} is damaged (read {} of {} bytes)", path, name,
               got, st.size);
    files.emplace_back(name, std::move(bytes));
  }
  return files;
}

void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& files) {
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid());
  std::remove(temporary.c_str());
  int code = 0;
  std::unique_ptr<zip_t, ZipCloser> z(zip_open(temporary.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code));
  if (!z) fail("cannot create {}: {}", temporary, zip_error_text(code));
  std::set<std::string> folders;
  for (const auto& [name, bytes] : files) {
    for (size_t slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1))
      if (folders.insert(name.substr(0, slash + 1)).second)
        HEED_CHECK(zip_dir_add(z.get(), name.substr(0, slash).c_str(), ZIP_FL_ENC_UTF_8) >= 0, "{}: {}", temporary,
                   zip_strerror(z.get()));
    // The bytes live in `files` until zip_close reads them.
    zip_source_t* source = zip_source_buffer(z.get(), bytes.data(), bytes.size(), 0);
    HEED_CHECK(source != nullptr, "{}: {}", temporary, zip_strerror(z.get()));
    if (zip_file_add(z.get(), name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
      zip_source_free(source);
      fail("{}: cannot add {}: {}", temporary, name, zip_strerror(z.get()));
    }
  }
  if (zip_close(z.get()) != 0) {
    const std::string why = zip_strerror(z.get());
    std::remove(temporary.c_str());
    fail("cannot write {}: {}", temporary, why);
  }
  z.release();  // closed
  durable_rename(temporary, path);
}

}  // namespace heed::convert
