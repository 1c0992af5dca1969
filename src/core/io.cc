#include "heed/core/io.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>

#include "heed/core/error.h"

namespace heed {

LineReader::LineReader(const std::string& path) {
  if (path == "-") {
    in_ = &std::cin;
    name_ = "<stdin>";
    return;
  }
  file_ = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file_) fail("cannot read {}: {}", path, std::strerror(errno));
  in_ = file_.get();
  name_ = path;
}

bool LineReader::next(std::string& line) {
  if (!std::getline(*in_, line)) {
    if (in_->bad()) fail("error reading {} after line {}", name_, line_number_);
    return false;
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  ++line_number_;
  return true;
}

bool LineReader::ready() const {
  if (file_) return true;
  if (std::cin.rdbuf()->in_avail() > 0) return true;
  pollfd p{STDIN_FILENO, POLLIN, 0};
  return ::poll(&p, 1, 0) > 0;
}

bool LineReader::is_terminal() const { return !file_ && ::isatty(STDIN_FILENO); }

namespace {
int64_t next_temporary_number() {
  static std::atomic<int64_t> counter{0};
  return counter++;
}
}  // namespace

AtomicFile::AtomicFile(std::string path)
    : path_(std::move(path)),
      // Unique per process and per object: two threads (or processes) writing the same path at
      // once each write their own file, and the last rename wins with a whole one.
      temporary_(path_ + ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(next_temporary_number())) {
  out_.open(temporary_, std::ios::binary | std::ios::trunc);
  if (!out_) fail("cannot write {}: {}", temporary_, std::strerror(errno));
}

AtomicFile::~AtomicFile() {
  if (!committed_) {
    out_.close();
    std::remove(temporary_.c_str());
  }
}

void AtomicFile::commit() {
  out_.flush();
  if (!out_) fail("error writing {}: {}", temporary_, std::strerror(errno));
  out_.close();
  durable_rename(temporary_, path_);
  committed_ = true;
}

void durable_rename(const std::string& from, const std::string& to) {
  const int fd = ::open(from.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  if (std::rename(from.c_str(), to.c_str()) != 0)
    fail("cannot rename {} to {}: {}", from, to, std::strerror(errno));
}

std::string read_file(const std::string& path) {
  struct stat st {};
  const bool known = ::stat(path.c_str(), &st) == 0;
  if (known && S_ISDIR(st.st_mode)) fail("{} is a folder, not a file", path);
  std::ifstream in(path, std::ios::binary);
  if (!in) fail("cannot read {}: {}", path, std::strerror(errno));
  // A regular file is read in one piece into a string of its size: growing the string as bytes
  // arrive held up to twice a model file's size at load, and copied it byte by byte.
  if (known && S_ISREG(st.st_mode)) {
    std::string bytes(static_cast<size_t>(st.st_size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (in.bad() || in.gcount() != static_cast<std::streamsize>(bytes.size()))
      fail("error reading {}: {} of its {} bytes read", path, in.gcount(), bytes.size());
    if (in.peek() == std::char_traits<char>::eof()) return bytes;
    in.clear();  // it grew while read: the rest too
    bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return bytes;
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) fail("error reading {}", path);
  return bytes;
}

bool file_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace heed
