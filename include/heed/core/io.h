#pragma once
// File input and output with the guarantees heed promises: lines read with their file and number
// for error messages, and files written atomically (a temporary name, then rename), so that no
// reader ever sees a half-written model, checkpoint or vocabulary.
#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <string>

namespace heed {

// Reads lines from a file, or from stdin when the path is "-". Strips "\n" and a "\r" before it.
class LineReader {
 public:
  explicit LineReader(const std::string& path);
  bool next(std::string& line);
  // Whether another line can be read without waiting: always for a file; for stdin, whether
  // input is already buffered or waiting in the pipe.
  bool ready() const;
  bool is_terminal() const;  // stdin attached to a terminal
  int64_t line_number() const { return line_number_; }  // of the line last returned, from 1
  const std::string& name() const { return name_; }     // "<stdin>" for stdin

 private:
  std::unique_ptr<std::ifstream> file_;
  std::istream* in_;
  std::string name_;
  int64_t line_number_ = 0;
};

// Writes to `path` + a temporary suffix; commit() flushes, syncs and renames over `path`. If the
// object is destroyed without commit (an error, an exception), the temporary file is removed.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ostream& stream() { return out_; }
  const std::string& temporary_path() const { return temporary_; }
  void commit();

 private:
  std::string path_, temporary_;
  std::ofstream out_;
  bool committed_ = false;
};

// Renames `from` over `to` after syncing it to disk; an Error naming both on failure.
void durable_rename(const std::string& from, const std::string& to);

std::string read_file(const std::string& path);
bool file_exists(const std::string& path);

}  // namespace heed
