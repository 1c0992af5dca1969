#pragma once
// What every subcommand shares: its entry point, option parsing that turns a bad command line into
// a one-line error plus usage (exit 2), and the common --threads option.
#include <boost/program_options.hpp>

#include <string>
#include <vector>

namespace heed::cli {

namespace po = boost::program_options;

// A bad command line: printed as one line plus the subcommand's usage; exit code 2.
struct UsageError {
  std::string message;
  std::string usage;  // the subcommand's usage, printed after the message
};

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args);  // args exclude the subcommand name
};

const std::vector<Command>& commands();

// Parses args against `options` (plus --help and --threads, which it handles: --help prints
// `usage` and the options and returns false). Positional names, if any, go to `positional`.
bool parse_options(const std::vector<std::string>& args, const std::string& usage,
                   po::options_description& options, po::variables_map& vm,
                   const po::positional_options_description* positional = nullptr);

// The subcommands.
int run_tokenizer(const std::vector<std::string>& args);
int run_bleu(const std::vector<std::string>& args);
int run_score(const std::vector<std::string>& args);
int run_train(const std::vector<std::string>& args);
int run_translate(const std::vector<std::string>& args);
int run_info(const std::vector<std::string>& args);
int run_average(const std::vector<std::string>& args);
int run_pack(const std::vector<std::string>& args);
int run_serve(const std::vector<std::string>& args);
int run_detect(const std::vector<std::string>& args);
int run_import(const std::vector<std::string>& args);
int run_export(const std::vector<std::string>& args);

}  // namespace heed::cli
