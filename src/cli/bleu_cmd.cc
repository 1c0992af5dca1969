// heed bleu: corpus (or sentence) BLEU and chrF of hypotheses against references, as sacreBLEU.
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <iostream>
#include <exception>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>

#include "heed/cli/command.h"
#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/core/random.h"
#include "heed/text/bleu.h"
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

// What every metric offers the printer: per-segment statistics and a score from their sum.
struct MetricRun {
  std::string name;
  int stats_size = 0;
  std::vector<int64_t> stats;  // (segments, stats_size)
  std::function<double(const int64_t*)> score;
  std::function<std::string(const int64_t*)> verbose;  // empty for chrF
  std::function<std::string(const std::string& extra)> signature;
};

struct Confidence {
  double mean = 0, half_width = 0;
};

// Bootstrap resampling as sacreBLEU does it: resample segments with replacement, score each
// sample, report the mean and half the width of the 95% interval (indices n/40 and n−n/40−1 of
// the sorted scores). The samples come from heed's seeded generator, not numpy's, so the interval
// agrees with sacreBLEU's statistically, not to the last digit.
Confidence bootstrap(const MetricRun& m, int64_t segments, int samples, uint64_t seed) {
  Rng rng(seed);
  std::vector<double> scores;
  std::vector<int64_t> sum(m.stats_size);
  for (int s = 0; s < samples; ++s) {
    std::fill(sum.begin(), sum.end(), 0);
    for (int64_t k = 0; k < segments; ++k) {
      const int64_t* row = m.stats.data() + static_cast<int64_t>(rng.below(segments)) * m.stats_size;
      for (int j = 0; j < m.stats_size; ++j) sum[j] += row[j];
    }
    scores.push_back(m.score(sum.data()));
  }
  std::sort(scores.begin(), scores.end());
  const size_t lower = scores.size() / 40, upper = scores.size() - lower - 1;
  double mean = 0;
  for (double x : scores) mean += x;
  return {mean / scores.size(), 0.5 * (scores[upper] - scores[lower])};
}

// Python's repr of float(f"{x:.{width}f}"), as sacreBLEU's JSON shows scores.
double rounded(double x, int width) { return std::stod(fmt::format("{:.{}f}", x, width)); }

}  // namespace

int run_bleu(const std::vector<std::string>& args) {
  std::vector<std::string> references;
  std::string input, tokenize, smooth, metrics, format;
  double smooth_value = -1;
  int width = 1, chrf_word_order = 0, confidence_samples = 1000;
  uint64_t seed = 12345;
  po::options_description options("bleu");
  options.add_options()
      ("reference,r", po::value(&references)->multitoken()->required(), "reference file(s), one segment a line")
      ("input,i", po::value(&input)->default_value("-"), "hypotheses (- for stdin)")
      ("metrics,m", po::value(&metrics)->default_value("bleu"), "comma-separated: bleu, chrf")
      ("tokenize", po::value(&tokenize)->default_value("13a"), "BLEU tokenizer: 13a, intl, char, none")
      ("lowercase,l", "case-insensitive BLEU")
      ("chrf-lowercase", "case-insensitive chrF (separate, as in sacreBLEU)")
      ("smooth-method", po::value(&smooth)->default_value("exp"), "BLEU smoothing: exp, floor, add-k, none")
      ("smooth-value", po::value(&smooth_value), "value for floor (default 0.1) and add-k (default 1)")
      ("chrf-word-order", po::value(&chrf_word_order)->default_value(0), "word n-gram order of chrF (2: chrF++)")
      ("sentence-level", "one score per line (BLEU with effective order, as sacreBLEU)")
      ("confidence", "bootstrap resampling: mean and 95% confidence interval")
      ("confidence-n", po::value(&confidence_samples)->default_value(1000), "bootstrap samples")
      ("seed", po::value(&seed)->default_value(12345), "seed of the bootstrap samples")
      ("width,w", po::value(&width)->default_value(1), "decimals of the printed scores")
      ("format,f", po::value(&format)->default_value("text"), "text or json");
  po::variables_map vm;
  if (!parse_options(args, kUsage, options, vm)) return 0;
  if (format != "text" && format != "json") throw UsageError{"--format must be text or json", kUsage};
  if (width < 0 || width > 10) throw UsageError{"--width must be in 0..10", kUsage};
  if (tokenize != "13a" && tokenize != "intl" && tokenize != "char" && tokenize != "none")
    throw UsageError{fmt::format("unknown tokenizer '{}' (13a, intl, char or none)", tokenize), kUsage};
  if (confidence_samples < 2) throw UsageError{"--confidence-n must be at least 2", kUsage};

  const bool sentence_level = vm.count("sentence-level") > 0;
  text::BleuOptions bleu_options;
  bleu_options.tokenize = text::parse_sacre_tokenizer(tokenize);
  bleu_options.lowercase = vm.count("lowercase") > 0;
  bleu_options.smooth = smooth;
  if (vm.count("smooth-value")) bleu_options.smooth_value = smooth_value;
  bleu_options.effective_order = sentence_level;
  text::ChrfOptions chrf_options;
  chrf_options.lowercase = vm.count("chrf-lowercase") > 0;
  chrf_options.word_order = chrf_word_order;

  const std::vector<std::string> hyps = read_lines(input);
  std::vector<std::vector<std::string>> refs;
  for (const auto& path : references) {
    refs.push_back(read_lines(path));
    if (refs.back().size() != hyps.size())
      fail("{} has {} lines but the hypotheses ({}) have {}", path, refs.back().size(),
           input == "-" ? "<stdin>" : input, hyps.size());
  }
  const auto segments = static_cast<int64_t>(hyps.size());
  const int nrefs = static_cast<int>(refs.size());

  std::unique_ptr<text::Bleu> bleu;
  std::unique_ptr<text::Chrf> chrf;
  std::vector<MetricRun> runs;
  size_t start = 0;
  while (start <= metrics.size()) {
    const size_t end = std::min(metrics.find(',', start), metrics.size());
    const std::string name = metrics.substr(start, end - start);
    start = end + 1;
    MetricRun run;
    if (name == "bleu" && !bleu) {
      bleu = std::make_unique<text::Bleu>(bleu_options);
      auto* b = bleu.get();
      run = {"BLEU", b->stats_size(), {}, [b](const int64_t* s) { return b->score(s).score; },
             [b](const int64_t* s) { return text::Bleu::verbose(b->score(s)); },
             [b, nrefs](const std::string& extra) { return b->signature(nrefs, extra); }};
    } else if (name == "chrf" && !chrf) {
      chrf = std::make_unique<text::Chrf>(chrf_options);
      auto* c = chrf.get();
      run = {c->name(), c->stats_size(), {}, [c](const int64_t* s) { return c->score(s); }, nullptr,
             [c, nrefs](const std::string& extra) { return c->signature(nrefs, extra); }};
    } else {
      throw UsageError{fmt::format("unknown or repeated metric '{}' in --metrics (bleu, chrf)", name), kUsage};
    }
    runs.push_back(std::move(run));
  }

  // One pass over the segments computes every metric's statistics, spread over the threads; each
  // thread scores with metric objects of its own (their buffers are scratch).
  for (auto& run : runs) run.stats.assign(segments * run.stats_size, 0);
  std::exception_ptr error;
#pragma omp parallel
  {
    try {
      std::optional<text::Bleu> local_bleu;
      std::optional<text::Chrf> local_chrf;
      if (bleu) local_bleu.emplace(bleu_options);
      if (chrf) local_chrf.emplace(chrf_options);
      std::vector<std::string_view> seg_refs(nrefs);
#pragma omp for schedule(dynamic, 512)
      for (int64_t i = 0; i < segments; ++i) {
        for (int r = 0; r < nrefs; ++r) seg_refs[r] = refs[r][i];
        for (auto& run : runs) {
          int64_t* row = run.stats.data() + i * run.stats_size;
          if (run.name == "BLEU") local_bleu->segment_statistics(hyps[i], seg_refs, row);
          else local_chrf->segment_statistics(hyps[i], seg_refs, row);
        }
      }
    } catch (...) {
#pragma omp critical
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);

  const bool with_confidence = vm.count("confidence") > 0 && !sentence_level;
  const std::string extra =
      with_confidence ? fmt::format("|bs:{}|seed:{}", confidence_samples, seed) : std::string();
  auto line_of = [&](const MetricRun& run, const int64_t* stats, const Confidence* ci) {
    const double score = run.score(stats);
    const std::string signature = run.signature(extra);
    std::string sc = fmt::format("{:.{}f}", score, width);
    std::string confidence;
    if (ci) {
      confidence = fmt::format("μ = {:.{}f} ± {:.{}f}", ci->mean, width, ci->half_width, width);
      sc += " (" + confidence + ")";
    }
    const std::string verbose = run.verbose ? run.verbose(stats) : std::string();
    if (format == "text")
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
  };

  if (sentence_level) {
    for (int64_t i = 0; i < segments; ++i)
      for (const auto& run : runs)
        fmt::print("{}\n", line_of(run, run.stats.data() + i * run.stats_size, nullptr));
    return 0;
  }
  std::vector<std::string> outputs;
  for (const auto& run : runs) {
    std::vector<int64_t> total(run.stats_size, 0);
    for (int64_t i = 0; i < segments; ++i)
      for (int j = 0; j < run.stats_size; ++j) total[j] += run.stats[i * run.stats_size + j];
    Confidence ci;
    if (with_confidence && segments > 0) ci = bootstrap(run, segments, confidence_samples, seed);
    outputs.push_back(line_of(run, total.data(), with_confidence && segments > 0 ? &ci : nullptr));
  }
  if (format == "json" && outputs.size() > 1)
    fmt::print("[\n{}\n]\n", fmt::join(outputs, ",\n"));
  else
    fmt::print("{}\n", fmt::join(outputs, "\n"));
  return 0;
}

}  // namespace heed::cli
