#pragma once
#include <functional>
#include <string>
#include <vector>

namespace heed::bench {

// Seconds per call of `fn`: the best of several timed rounds of at least `min_seconds` each.
double time_per_call(const std::function<void()>& fn, double min_seconds = 0.3, int rounds = 3);

// The value after option `name` in a benchmark's arguments (args[0] is the benchmark), or `fallback`.
std::string arg(const std::vector<std::string>& args, const std::string& name, const std::string& fallback);

int matmul(const std::vector<std::string>& args);
int train(const std::vector<std::string>& args);
// heed serve at `--factor` times its capacity (scripts/overload-serve.sh).
int serve_overload(const std::vector<std::string>& args);

}  // namespace heed::bench
