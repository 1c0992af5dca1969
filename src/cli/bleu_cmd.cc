// heed bleu: corpus (or sentence) BLEU and chrF of hypotheses against references, as sacreBLEU.
#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <nlohmann/json.hpp>

#include "command.h"
#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/text/metrics.h"
#include "heed/text/utf8.h"

namespace heed::cli {
namespace {

constexpr const char* kUsage =
    "usage: heed bleu -r REF [-r REF2 ...] [-i HYP] [options]\n\n"
    "Scores hypotheses (stdin without -i) against one or more references, line by line, exactly\n"
    "as sacreBLEU 2.x does. Prints one line per metric with its signature.";

std::vector<std::string> read_lines(const std::string& path) {
  LineReader in(path);
  std::vector<std::string> lines;
  std::string line;
  while (in.next(line)) {
    const size_t bad = text::find_invalid_utf8(line);
    if (bad != std::string::npos)
      fail("{}:{}: invalid UTF-8 at byte {} of the line", in.name(), in.line_number(), bad + 1);
    lines.push_back(std::move(line));
  }
  return lines;
}

// Python's repr of float(f"{x:.{width}f}"), as sacreBLEU's JSON shows scores.
double rounded(double x, int width) { return std::stod(fmt::format("{:.{}f}", x, width)); }

// What heed bleu was asked for, checked.
struct BleuArgs {
  std::vector<std::string> references;
  std::string input = "-", format = "text";
  text::MetricsOptions metrics;
  bool sentence_level = false, confidence = false;
  int width = 1, confidence_samples = 1000;
  uint64_t seed = 12345;
};

// Null: the usage was printed (--help).
std::optional<BleuArgs> parse_bleu_args(const std::vector<std::string>& args) {
  BleuArgs a;
  std::string tokenize, smooth, metrics;
  double smooth_value = -1;
  int chrf_word_order = 0;
  po::options_description options("bleu");
  options.add_options()
      ("reference,r", po::value(&a.references)->multitoken()->required(), "reference file(s), one segment a line")
      ("input,i", po::value(&a.input)->default_value("-"), "hypotheses (- for stdin)")
      ("metrics,m", po::value(&metrics)->default_value("bleu"), "comma-separated: bleu, chrf")
      ("tokenize", po::value(&tokenize)->default_value("13a"), "BLEU tokenizer: 13a, intl, char, none")
      ("lowercase,l", "case-insensitive BLEU")
      ("chrf-lowercase", "case-insensitive chrF (separate, as in sacreBLEU)")
      ("smooth-method", po::value(&smooth)->default_value("exp"), "BLEU smoothing: exp, floor, add-k, none")
      ("smooth-value", po::value(&smooth_value), "value for floor (default 0.1) and add-k (default 1)")
      ("chrf-word-order", po::value(&chrf_word_order)->default_value(0), "word n-gram order of chrF (2: chrF++)")
      ("sentence-level", "one score per line (BLEU with effective order, as sacreBLEU)")
      ("confidence", "bootstrap resampling: mean and 95% confidence interval")
      ("confidence-n", po::value(&a.confidence_samples)->default_value(1000), "bootstrap samples")
      ("seed", po::value(&a.seed)->default_value(12345), "seed of the bootstrap samples")
      ("width,w", po::value(&a.width)->default_value(1), "decimals of the printed scores")
      ("format,f", po::value(&a.format)->default_value("text"), "text or json");
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm)) return std::nullopt;
  if (a.format != "text" && a.format != "json") throw UsageError{"--format must be text or json", kUsage};
  if (a.width < 0 || a.width > 10) throw UsageError{"--width must be in 0..10", kUsage};
  if (tokenize != "13a" && tokenize != "intl" && tokenize != "char" && tokenize != "none")
    throw UsageError{fmt::format("unknown tokenizer '{}' (13a, intl, char or none)", tokenize), kUsage};
  if (a.confidence_samples < 2) throw UsageError{"--confidence-n must be at least 2", kUsage};
  a.sentence_level = vm.count("sentence-level") > 0;
  a.confidence = vm.count("confidence") > 0 && !a.sentence_level;
  text::BleuOptions& bleu = a.metrics.bleu;
  bleu.tokenize = text::parse_sacre_tokenizer(tokenize);
  bleu.lowercase = vm.count("lowercase") > 0;
  bleu.smooth = smooth;
  if (vm.count("smooth-value")) bleu.smooth_value = smooth_value;
  bleu.effective_order = a.sentence_level;
  a.metrics.chrf.lowercase = vm.count("chrf-lowercase") > 0;
  a.metrics.chrf.word_order = chrf_word_order;
  try {
    a.metrics.metrics = text::parse_metrics(metrics);
  } catch (const Error& e) {
    throw UsageError{fmt::format("--metrics: {}", e.what()), kUsage};
  }
  return a;
}

// One metric's line: sacreBLEU's text line, or its JSON object (the signature's fields as keys).
std::string score_line(const BleuArgs& a, const text::CorpusMetrics& scorer, const text::MetricStatistics& run,
                       const int64_t* stats, const text::Confidence* ci) {
  const int width = a.width;
  const double score = scorer.score(run, stats);
  const std::string extra = a.confidence ? fmt::format("|bs:{}|seed:{}", a.confidence_samples, a.seed) : "";
  const std::string signature = scorer.signature(run, static_cast<int>(a.references.size()), extra);
  std::string sc = fmt::format("{:.{}f}", score, width);
  std::string confidence;
  if (ci) {
    confidence = fmt::format("μ = {:.{}f} ± {:.{}f}", ci->mean, width, ci->half_width, width);
    sc += " (" + confidence + ")";
  }
  const std::string verbose = scorer.verbose(run, stats);
  if (a.format == "text")
    return fmt::format("{}|{} = {}{}{}", run.name, signature, sc, verbose.empty() ? "" : " ", verbose);
  nlohmann::ordered_json j;
  j["name"] = run.name;
  j["score"] = rounded(score, width);
  j["signature"] = signature;
  if (ci) {
    j["confidence_mean"] = rounded(ci->mean, width);
    j["confidence_var"] = rounded(ci->half_width, width);
    j["confidence"] = confidence;
  }
  if (!verbose.empty()) j["verbose_score"] = verbose;
  size_t at = 0;
  while (at < signature.size()) {
    const size_t bar = std::min(signature.find('|', at), signature.size());
    const std::string item = signature.substr(at, bar - at);
    const size_t colon = item.find(':');
    j[item.substr(0, colon)] = item.substr(colon + 1);
    at = bar + 1;
  }
  return j.dump(1);
}

}  // namespace

int run_bleu(const std::vector<std::string>& args) {
  const std::optional<BleuArgs> parsed = parse_bleu_args(args);
  if (!parsed) return 0;
  const BleuArgs& a = *parsed;
  const std::vector<std::string> hyps = read_lines(a.input);
  std::vector<std::vector<std::string>> refs;
  for (const auto& path : a.references) {
    refs.push_back(read_lines(path));
    if (refs.back().size() != hyps.size())
      fail("{} has {} lines but the hypotheses ({}) have {}", path, refs.back().size(),
           a.input == "-" ? "<stdin>" : a.input, hyps.size());
  }
  const auto segments = static_cast<int64_t>(hyps.size());
  const text::CorpusMetrics scorer(a.metrics);
  const auto runs = scorer.statistics(hyps, refs);
  if (a.sentence_level) {
    for (int64_t i = 0; i < segments; ++i)
      for (const auto& run : runs) fmt::print("{}\n", score_line(a, scorer, run, run.segment(i), nullptr));
    return 0;
  }
  std::vector<std::string> outputs;
  for (const auto& run : runs) {
    const std::vector<int64_t> total = run.total();
    const bool with_ci = a.confidence && segments > 0;
    text::Confidence ci;
    if (with_ci) ci = scorer.bootstrap(run, a.confidence_samples, a.seed);
    outputs.push_back(score_line(a, scorer, run, total.data(), with_ci ? &ci : nullptr));
  }
  if (a.format == "json" && outputs.size() > 1)
    fmt::print("[\n{}\n]\n", fmt::join(outputs, ",\n"));
  else
    fmt::print("{}\n", fmt::join(outputs, "\n"));
  return 0;
}

}  // namespace heed::cli
