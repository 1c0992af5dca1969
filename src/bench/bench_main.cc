// heed-bench: speed measurements, printed as lines a script can read. Compare ratios measured in
// one run; the machines are shared and noisy.
#include <fmt/format.h>

#include <string>
#include <vector>

#include "bench/benchmarks.h"
#include "heed/core/error.h"
#include "heed/core/memory.h"
#include "heed/core/parallel.h"

namespace heed::bench {

std::string arg(const std::vector<std::string>& args, const std::string& name, const std::string& fallback) {
  for (size_t i = 1; i + 1 < args.size(); ++i)
    if (args[i] == name) return args[i + 1];
  return fallback;
}

}  // namespace heed::bench

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help") {
    fmt::print("usage: heed-bench matmul [--threads N]\n"
               "       heed-bench train [--preset small] [--batch-tokens 4096] [--len 32] [--steps 10] [--precision f32|bf16] [--threads N]\n"
               "       heed-bench serve-overload --port P --data FILE [--host 127.0.0.1] [--source es] [--target en] [--seconds 30] [--factor 10]\n");
    return args.empty() ? 2 : 0;
  }
  heed::keep_freed_memory();
  int threads = 0;
  for (size_t i = 1; i + 1 < args.size(); ++i)
    if (args[i] == "--threads") threads = std::stoi(args[i + 1]);
  heed::set_threads(threads);
  try {
    if (args[0] == "matmul") return heed::bench::matmul(args);
    if (args[0] == "train") return heed::bench::train(args);
    if (args[0] == "serve-overload") return heed::bench::serve_overload(args);
  } catch (const heed::Error& e) {
    fmt::print(stderr, "heed-bench: error: {}\n", e.what());
    return 1;
  }
  fmt::print(stderr, "heed-bench: unknown benchmark '{}'\n", args[0]);
  return 2;
}
