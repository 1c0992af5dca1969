#include "metrics.h"

#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace heed::serve {

void Histogram::observe(double value) {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t i = 0;
  while (i < bounds_.size() && value > bounds_[i]) ++i;
  ++counts_[i];
  sum_ += value;
}

std::string Histogram::text(const std::string& name, const std::string& help) const {
  return histogram_header(name, help) + samples(name);
}

std::string Histogram::samples(const std::string& name, const std::string& label) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const std::string own = label.empty() ? "" : label + ",";
  const std::string alone = label.empty() ? "" : "{" + label + "}";
  std::string out;
  int64_t cumulative = 0;
  for (size_t i = 0; i < bounds_.size(); ++i) {
    cumulative += counts_[i];
    out += fmt::format("{}_bucket{{{}le=\"{}\"}} {}\n", name, own, bounds_[i], cumulative);
  }
  cumulative += counts_.back();
  out += fmt::format("{}_bucket{{{}le=\"+Inf\"}} {}\n{}_sum{} {}\n{}_count{} {}\n", name, own, cumulative, name, alone,
                     sum_, name, alone, cumulative);
  return out;
}

std::string histogram_header(const std::string& name, const std::string& help) {
  return fmt::format("# HELP {} {}\n# TYPE {} histogram\n", name, help, name);
}

void StatusCounts::count(int status) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++counts_[status];
}

std::string StatusCounts::text(const std::string& name, const std::string& help) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out = fmt::format("# HELP {} {}\n# TYPE {} counter\n", name, help, name);
  for (const auto& [status, n] : counts_) out += fmt::format("{}{{code=\"{}\"}} {}\n", name, status, n);
  return out;
}

std::string process_text() {
  std::string out;
  // /proc/self/statm: size and resident, in pages.
  std::ifstream statm("/proc/self/statm");
  int64_t pages = 0, resident = 0;
  if (statm >> pages >> resident)
    out += fmt::format("# HELP process_resident_memory_bytes Resident memory size in bytes.\n"
                       "# TYPE process_resident_memory_bytes gauge\nprocess_resident_memory_bytes {}\n",
                       resident * static_cast<int64_t>(::sysconf(_SC_PAGESIZE)));
  std::error_code ec;
  int64_t fds = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec))
    ++fds;
  if (!ec)
    out += fmt::format("# HELP process_open_fds Number of open file descriptors.\n# TYPE process_open_fds gauge\n"
                       "process_open_fds {}\n", fds);
  return out;
}

}  // namespace heed::serve
