#pragma once
// The server's Prometheus metrics: counters, histograms of latency, queue wait and batch size.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace heed::serve {

class Histogram {
 public:
  explicit Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0) {}
  void observe(double value);
  // Prometheus text lines for `name` (buckets, sum, count).
  std::string text(const std::string& name, const std::string& help) const;
  // The same without HELP and TYPE, each line carrying `label` (name="value") too: one series of
  // a histogram of several under one histogram_header.
  std::string samples(const std::string& name, const std::string& label = "") const;

 private:
  std::vector<double> bounds_;
  mutable std::mutex mutex_;
  std::vector<int64_t> counts_;  // one per bound, then +Inf
  double sum_ = 0;
};

// The HELP and TYPE lines of histogram `name`.
std::string histogram_header(const std::string& name, const std::string& help);

// Answers counted by HTTP status.
class StatusCounts {
 public:
  void count(int status);
  std::string text(const std::string& name, const std::string& help) const;

 private:
  mutable std::mutex mutex_;
  std::map<int, int64_t> counts_;
};

// Prometheus' standard process metrics, read from /proc/self: resident memory and open files.
std::string process_text();

struct Metrics {
  std::atomic<int64_t> requests{0}, errors{0}, rejected{0}, sentences{0};
  StatusCounts statuses;
  Histogram latency{{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}};  // seconds
  Histogram queue_wait{{0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30}};  // seconds
  Histogram batch_sizes{{1, 2, 4, 8, 16, 32, 64, 128, 256, 512}};                 // sentences
  // From a request's arrival to its answer written, the 503s apart: the time a refusal takes.
  Histogram refused{{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}};
  Histogram answered{{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}};
};

}  // namespace heed::serve
