#include "streams.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <iostream>

#include "heed/core/error.h"

namespace heed::cli {

LineOutput::LineOutput(const std::string& path) {
  if (path.empty() || path == "-") {
    name_ = "<stdout>";
    out_ = &std::cout;
    return;
  }
  file_ = std::make_unique<std::ofstream>(path, std::ios::binary | std::ios::trunc);
  if (!*file_) fail("cannot write {}: {}", path, std::strerror(errno));
  name_ = path;
  out_ = file_.get();
}

void LineOutput::write_line(std::string_view line) {
  out_->write(line.data(), static_cast<std::streamsize>(line.size()));
  out_->put('\n');
}

void LineOutput::flush() {
  out_->flush();
  if (!*out_) fail("error writing {}: {}", name_, std::strerror(errno));
}

void LineOutput::flush_if_input_idle(const LineReader& input) {
  if (input.name() != "<stdin>" || input.ready()) return;
  flush();
}

void LineOutput::close() {
  flush();
  if (file_) file_->close();
}

void print_line_warning(const std::string& name, int64_t line, const std::string& message) {
  fmt::print(stderr, "warning: {}:{}: {}\n", name, line, message);
}

}  // namespace heed::cli
