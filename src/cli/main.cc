// heed: one program, one subcommand per task. This file only dispatches and turns errors into
// messages and exit codes: 0 success, 1 an error in the run (bad file, bad data), 2 a bad command line.
#include <fmt/format.h>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "command.h"
#include "heed/core/error.h"
#include "heed/core/memory.h"
#include "heed/app/compute_type.h"
#include "heed/core/parallel.h"
#include "heed/dnnl/cpu.h"
#include "heed/train/communicator.h"

namespace {

void print_usage(std::FILE* out) {
  fmt::print(out, "usage: heed <command> [options]   (heed <command> --help for its options)\n\ncommands:\n");
  for (const auto& c : heed::cli::commands()) fmt::print(out, "  {:<10} {}\n", c.name, c.summary);
  fmt::print(out, "\noptions:\n  --help      show this help\n  --version   show the version\n");
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  heed::keep_freed_memory();
  if (args.empty()) {
    print_usage(stderr);
    return 2;
  }
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage(stdout);
    return 0;
  }
  if (args[0] == "--version") {
    fmt::print("heed {}\noneDNN {}, ISA {}, {} threads; compute types {}\n", HEED_VERSION, heed::onednn::version(),
               heed::onednn::isa_name(), heed::thread_count(), heed::app::available_compute_types());
    return 0;
  }
  for (const auto& command : heed::cli::commands()) {
    if (args[0] != command.name) continue;
    try {
      return command.run({args.begin() + 1, args.end()});
    } catch (const heed::cli::UsageError& e) {
      fmt::print(stderr, "heed {}: {}\n", command.name, e.message);
      if (!e.usage.empty()) fmt::print(stderr, "{}\n", e.usage);
      fmt::print(stderr, "(see 'heed {} --help' for every option)\n", command.name);
      return 2;
    } catch (const heed::Error& e) {
      fmt::print(stderr, "heed {}: error: {}\n", command.name, e.what());
    } catch (const std::exception& e) {
      // An InternalError, or a library's exception heed did not turn into an Error: a bug.
      fmt::print(stderr, "heed {}: internal error (a bug in heed; please report it): {}\n", command.name, e.what());
    }
    // A rank of a distributed run that cannot go on stops the whole job, so no rank waits forever.
    heed::train::Communicator::world().abort(1);
    return 1;
  }
  fmt::print(stderr, "heed: unknown command '{}'\n", args[0]);
  print_usage(stderr);
  return 2;
}
