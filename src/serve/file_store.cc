#include "heed/serve/file_store.h"

#include <fmt/format.h>

#include <random>

namespace heed::serve {

namespace {

// 128 random bits in hex: a download link cannot be guessed from another.
std::string new_id() {
  static std::mutex mutex;
  static std::random_device device;
  std::lock_guard<std::mutex> lock(mutex);
  std::string id;
  for (int i = 0; i < 4; ++i) id += fmt::format("{:08x}", device());
  return id;
}

}  // namespace

std::string FileStore::put(std::string name, std::string content) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(mutex_);
  expire(now);
  while (!files_.empty() && bytes_ + content.size() > options_.max_bytes) {
    bytes_ -= files_.front().content.size();
    files_.pop_front();
  }
  StoredFile f{new_id(), std::move(name), std::move(content), now};
  bytes_ += f.content.size();
  files_.push_back(std::move(f));
  return files_.back().id;
}

std::optional<StoredFile> FileStore::get(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  expire(std::chrono::steady_clock::now());
  for (const auto& f : files_)
    if (f.id == id) return f;
  return std::nullopt;
}

size_t FileStore::bytes() {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

void FileStore::expire(std::chrono::steady_clock::time_point now) {
  while (!files_.empty() && now - files_.front().stored >= options_.keep) {
    bytes_ -= files_.front().content.size();
    files_.pop_front();
  }
}

}  // namespace heed::serve
