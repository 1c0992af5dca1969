#pragma once
// Line-by-line input and output for the commands that stream (tokenizer, translate): output goes
// to a file or stdout, and is flushed whenever the input has nothing more ready, so that a program
// talking to heed through a pipe gets each answer without waiting for end of input.
#include <cstdint>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>

#include "heed/core/io.h"

namespace heed::cli {

class LineOutput {
 public:
  explicit LineOutput(const std::string& path);  // "-" or "" for stdout
  void write_line(std::string_view line);
  void flush();
  // Flushes unless more input is already waiting on stdin.
  void flush_if_input_idle(const LineReader& input);
  void close();  // flushes, checks for write errors (a full disk is an Error, not lost output)

 private:
  std::string name_;
  std::unique_ptr<std::ofstream> file_;
  std::ostream* out_;
};

// "warning: FILE:LINE: message" on stderr (text::LineWarning): what the library tells of a line.
void print_line_warning(const std::string& name, int64_t line, const std::string& message);

}  // namespace heed::cli
