// heed detect: the language of each line, among the languages of a profile; and the training
// of a profile from text in each language (text/language_id.h).
#include <fmt/format.h>

#include <algorithm>

#include "command.h"
#include "streams.h"
#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/app/models.h"
#include "heed/text/language_id.h"
#include "heed/text/utf8.h"

namespace heed::cli {
namespace {

const char* kUsage =
    "usage: heed detect [-i IN] [-o OUT] [--languages es,en] [--all] [--profile FILE]\n"
    "       heed detect --train LANG=FILE [LANG=FILE ...] -o PROFILE [--max-lines N]\n"
    "         [--word-weight W] [--temperature T] [--buckets-log2 B]\n\n"
    "Prints each input line's language and its confidence (percent), 'es<TAB>97.3', among the\n"
    "languages of the profile (default: languages.lid among the installed models) or those of\n"
    "--languages. --train builds a profile from text files, one or more per language.";

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    const size_t comma = std::min(s.find(',', i), s.size());
    if (comma > i) out.push_back(s.substr(i, comma - i));
    i = comma + 1;
  }
  return out;
}

int train_profile(const std::vector<std::string>& specs, const std::string& output, text::LanguageIdTrainOptions o) {
  if (output == "-") throw UsageError{"--train writes a file: give -o PROFILE", kUsage};
  for (const auto& spec : specs) {
    const size_t eq = spec.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
      throw UsageError{fmt::format("--train takes LANG=FILE, not '{}'", spec), kUsage};
    HEED_CHECK(file_exists(spec.substr(eq + 1)), "{}: no such file", spec.substr(eq + 1));
    o.inputs.emplace_back(spec.substr(0, eq), spec.substr(eq + 1));
  }
  const auto id = text::LanguageIdentifier::train(o);
  id.save(output);
  fmt::print(stderr, "wrote {}: {} languages\n", output, id.languages().size());
  return 0;
}

}  // namespace

int run_detect(const std::vector<std::string>& args) {
  std::string input, output, languages, profile;
  std::vector<std::string> train;
  text::LanguageIdTrainOptions train_options;
  po::options_description options("detect");
  options.add_options()
      ("input,i", po::value(&input)->default_value("-"), "input (- for stdin)")
      ("output,o", po::value(&output)->default_value("-"), "output (- for stdout); with --train, the profile")
      ("languages", po::value(&languages), "the candidates, comma-separated (default: all of the profile)")
      ("all", "print every candidate with its confidence, best first")
      ("profile", po::value(&profile), "the language profile (default: languages.lid among the installed models)")
      ("train", po::value(&train)->multitoken(), "build a profile from LANG=FILE text files")
      ("max-lines", po::value(&train_options.max_lines)->default_value(train_options.max_lines),
       "with --train: lines read from each file")
      ("word-weight", po::value(&train_options.word_weight)->default_value(train_options.word_weight),
       "with --train: weight of whole words against their letters' n-grams")
      ("temperature", po::value(&train_options.temperature)->default_value(train_options.temperature),
       "with --train: divides the scores before they become confidences")
      ("buckets-log2", po::value(&train_options.buckets_log2)->default_value(train_options.buckets_log2),
       "with --train: log2 of the hashed features' buckets per language");
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm)) return 0;
  if (!train.empty()) return train_profile(train, output, train_options);
  if (profile.empty()) profile = app::language_profile();
  HEED_CHECK(!profile.empty(), "no language profile: give --profile, or install languages.lid beside the models ({})",
             app::models_folder_or_none());
  const auto id = text::LanguageIdentifier::load(profile);
  const auto candidates = split_commas(languages);
  for (const auto& c : candidates)
    HEED_CHECK(std::find(id.languages().begin(), id.languages().end(), c) != id.languages().end(),
               "{}: the profile has no language '{}'", profile, c);
  LineReader in(input);
  LineOutput out(output);
  const bool all = vm.count("all") > 0;
  for (std::string line; in.next(line);) {
    const auto guesses = id.detect(text::repair_utf8(line), candidates);
    std::string row;
    for (size_t k = 0; k < (all ? guesses.size() : 1); ++k)
      row += fmt::format("{}{}\t{:.1f}", k ? "\t" : "", guesses[k].language, guesses[k].confidence);
    out.write_line(row);
    out.flush_if_input_idle(in);
  }
  out.close();
  return 0;
}

}  // namespace heed::cli
