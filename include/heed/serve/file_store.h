#pragma once
// Translated files waiting to be downloaded (POST /translate_file answers with a URL, GET
// /download_file/... serves it), as LibreTranslate keeps them: in memory, for a bounded time and
// a bounded total size. The oldest go first when a new file would pass the size; each goes when
// its time is up. Thread-safe.
#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

namespace heed::serve {

struct FileStoreOptions {
  std::chrono::seconds keep{600};  // how long a file stays
  size_t max_bytes = 256 << 20;    // all files together
};

struct StoredFile {
  std::string id, name, content;
  std::chrono::steady_clock::time_point stored;
};

class FileStore {
 public:
  explicit FileStore(FileStoreOptions options) : options_(options) {}
  // Keeps `content` under a new unguessable id, which it returns.
  std::string put(std::string name, std::string content);
  // The file, while it is kept.
  std::optional<StoredFile> get(const std::string& id);
  size_t bytes();  // kept now

 private:
  void expire(std::chrono::steady_clock::time_point now);  // with mutex_ held

  FileStoreOptions options_;
  std::mutex mutex_;
  std::deque<StoredFile> files_;  // oldest first
  size_t bytes_ = 0;
};

}  // namespace heed::serve
