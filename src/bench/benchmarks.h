#pragma once
#include <functional>
#include <string>
#include <vector>

namespace heed::bench {

// Seconds per call of `fn`: the best of several timed rounds of at least `min_seconds` each.
double time_per_call(const std::function<void()>& fn, double min_seconds = 0.3, int rounds = 3);

int matmul(const std::vector<std::string>& args);
int train(const std::vector<std::string>& args);

}  // namespace heed::bench
