// heed tokenizer train|encode|decode
#include <fmt/format.h>

#include <charconv>
#include <iostream>

#include "command.h"
#include "streams.h"
#include "heed/text/lines.h"
#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "heed/text/tokenizer.h"

namespace heed::cli {
namespace {

constexpr const char* kUsage =
    "usage: heed tokenizer train --input A.txt [B.txt ...] --vocab-size N --model PREFIX\n"
    "       heed tokenizer encode -m PREFIX.model [--ids] [-i IN] [-o OUT]\n"
    "       heed tokenizer decode -m PREFIX.model [--ids] [-i IN] [-o OUT]\n\n"
    "train writes PREFIX.model and PREFIX.vocab: one joint SentencePiece vocabulary over all\n"
    "inputs, with pad=0 unk=1 bos=2 eos=3. encode and decode stream one line in, one line out\n"
    "(stdin and stdout by default); pieces or ids are separated by spaces.";

int train(const std::vector<std::string>& args) {
  text::TokenizerTrainOptions o;
  po::options_description options("tokenizer train");
  options.add_options()
      ("input", po::value(&o.inputs)->multitoken()->required(), "training text files (UTF-8, one sentence a line)")
      ("vocab-size", po::value(&o.vocab_size)->required(), "number of pieces")
      ("model", po::value(&o.model_prefix)->required(), "output prefix: writes PREFIX.model and PREFIX.vocab")
      ("type", po::value(&o.type)->default_value("unigram"), "unigram or bpe")
      ("character-coverage", po::value(&o.character_coverage)->default_value(1.0), "share of characters the vocabulary covers")
      ("max-sentences", po::value(&o.max_sentences)->default_value(2000000), "sentences sampled for training")
      ("seed", po::value(&o.seed)->default_value(1), "seed of the sampling");
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm)) return 0;
  o.threads = thread_count();
  text::train_tokenizer(o);
  fmt::print(stderr, "wrote {}.model and {}.vocab\n", o.model_prefix, o.model_prefix);
  return 0;
}

template <class T>
std::string join(const std::vector<T>& items) {
  return fmt::format("{}", fmt::join(items, " "));
}

std::vector<std::string> split_spaces(const std::string& line) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t j = i;
    while (j < line.size() && line[j] != ' ') ++j;
    if (j > i) out.push_back(line.substr(i, j - i));
    i = j;
  }
  return out;
}

std::vector<int32_t> parse_ids(const std::string& line, const LineReader& in) {
  std::vector<int32_t> ids;
  for (const auto& word : split_spaces(line)) {
    int32_t id = 0;
    const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), id);
    if (ec != std::errc() || end != word.data() + word.size())
      fail("{}:{}: '{}' is not a token id", in.name(), in.line_number(), word);
    ids.push_back(id);
  }
  return ids;
}

int transform(const std::vector<std::string>& args, bool encode) {
  std::string model, input, output;
  po::options_description options(encode ? "tokenizer encode" : "tokenizer decode");
  options.add_options()
      ("model,m", po::value(&model)->required(), "SentencePiece model (PREFIX.model)")
      ("ids", "ids instead of pieces")
      ("input,i", po::value(&input)->default_value("-"), "input file (- for stdin)")
      ("output,o", po::value(&output)->default_value("-"), "output file (- for stdout)");
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm)) return 0;
  const bool ids = vm.count("ids") > 0;
  const auto tokenizer = text::Tokenizer::from_file(model);
  LineReader in(input);
  LineOutput out(output);
  std::string line;
  while (in.next(line)) {
    line = text::checked_utf8(std::move(line), in, print_line_warning);
    if (encode) {
      out.write_line(ids ? join(tokenizer.encode_ids(line)) : join(tokenizer.encode_pieces(line)));
    } else {
      try {
        out.write_line(ids ? tokenizer.decode_ids(parse_ids(line, in))
                           : tokenizer.decode_pieces(split_spaces(line)));
      } catch (const Error& e) {
        if (std::string_view(e.what()).rfind(in.name(), 0) == 0) throw;
        fail("{}:{}: {}", in.name(), in.line_number(), e.what());
      }
    }
    out.flush_if_input_idle(in);
  }
  out.close();
  return 0;
}

}  // namespace

int run_tokenizer(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    if (args.empty()) throw UsageError{"missing action: train, encode or decode", kUsage};
    fmt::print("{}\n", kUsage);
    return 0;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "train") return train(rest);
  if (args[0] == "encode") return transform(rest, true);
  if (args[0] == "decode") return transform(rest, false);
  throw UsageError{fmt::format("unknown action '{}': train, encode or decode", args[0]), kUsage};
}

}  // namespace heed::cli
