#include "command.h"

#include <fmt/format.h>

#include <iostream>

#include "heed/core/parallel.h"

namespace heed::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> all{
      {"tokenizer", "train, encode and decode SentencePiece vocabularies", run_tokenizer},
      {"train", "train a translation model on parallel text", run_train},
      {"translate", "translate files, pipes or typed sentences", run_translate},
      {"score", "forced-decoding scores of sentence pairs", run_score},
      {"info", "configuration, size and metadata of a model file", run_info},
      {"average", "average the weights of checkpoints", run_average},
      {"pack", "pack a training run to carry it to another machine", run_pack},
      {"bleu", "BLEU and chrF of a translation against references, as sacreBLEU", run_bleu},
      {"serve", "translation server: LibreTranslate's API and a web page", run_serve},
      {"detect", "the language of each line, or train a language profile", run_detect},
      {"import", "make heed models of CTranslate2 models and Argos Translate packages", run_import},
      {"export", "write a heed model for CTranslate2 or as an Argos Translate package", run_export},
  };
  return all;
}

bool parse_options(const std::vector<std::string>& args, const std::string& usage,
                   po::options_description& options, po::variables_map& vm,
                   const po::positional_options_description* positional) {
  po::options_description common("Common options");
  common.add_options()("help,h", "show this help")(
      "threads", po::value<int>(), "threads for computation (default: all cores)");
  po::options_description all;
  all.add(options).add(common);
  try {
    auto parser = po::command_line_parser(args).options(all);
    if (positional != nullptr) parser.positional(*positional);
    po::store(parser.run(), vm);
    if (vm.count("help")) {
      std::cout << usage << "\n\n" << all << "\n";
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError{e.what(), usage};
  }
  int threads = 0;  // all cores
  if (vm.count("threads")) {
    threads = vm["threads"].as<int>();
    if (threads < 1) throw UsageError{fmt::format("--threads must be at least 1, not {}", threads), usage};
  }
  set_threads(threads);
  return true;
}

}  // namespace heed::cli
