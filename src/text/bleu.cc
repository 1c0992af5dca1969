#include "heed/text/bleu.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "heed/core/error.h"
#include "heed/text/unicode.h"

namespace heed::text {

std::string metric_version() { return std::string("heed-") + HEED_VERSION; }

Bleu::Bleu(BleuOptions options) : options_(std::move(options)) {
  HEED_CHECK(options_.smooth == "exp" || options_.smooth == "floor" || options_.smooth == "add-k" ||
                 options_.smooth == "none",
             "unknown smoothing '{}' (exp, floor, add-k or none)", options_.smooth);
  HEED_CHECK(options_.max_order >= 1 && options_.max_order <= 4, "BLEU order {} is not in 1..4",
             options_.max_order);
  if (!options_.smooth_value) {
    if (options_.smooth == "floor") options_.smooth_value = 0.1;
    if (options_.smooth == "add-k") options_.smooth_value = 1.0;
  }
}

void Bleu::tokens_of(std::string_view line, size_t seq) {
  line = rstrip_python(line);
  if (options_.lowercase) {
    lowered_ = lowercase(line);
    line = lowered_;
  }
  sacre_tokenize(options_.tokenize, line, buffers_[seq], tokens_);
  auto& ids = ids_[seq];
  ids.clear();
  for (auto token : tokens_) ids.push_back(words_(token));
}

void Bleu::segment_statistics(std::string_view hyp, const std::vector<std::string_view>& refs,
                              int64_t* stats) {
  ids_.resize(refs.size() + 1);
  buffers_.resize(refs.size() + 1);
  words_.start();
  tokens_of(hyp, 0);
  for (size_t r = 0; r < refs.size(); ++r) tokens_of(refs[r], r + 1);
  const int bits = words_.bits();
  if (bits * options_.max_order <= 64) count(narrow_, bits, refs.size(), stats);
  else count(wide_, bits, refs.size(), stats);
}

template <class Key>
void Bleu::count(NgramScratch<Key>& s, int bits, size_t nrefs, int64_t* stats) {
  const int order = options_.max_order;
  const auto hyp_len = static_cast<int64_t>(ids_[0].size());
  // The closest reference length; on a tie, the shorter reference.
  int64_t closest = -1, closest_diff = -1;
  size_t symbols = ids_[0].size();
  for (size_t r = 1; r <= nrefs; ++r) {
    const auto len = static_cast<int64_t>(ids_[r].size());
    symbols += ids_[r].size();
    const int64_t diff = std::llabs(hyp_len - len);
    if (closest_diff == -1 || diff < closest_diff) {
      closest_diff = diff;
      closest = len;
    } else if (diff == closest_diff && len < closest) {
      closest = len;
    }
  }
  stats[0] = hyp_len;
  stats[1] = closest;
  // Counters: 0 the hypothesis, 1 the maximum over references, 2 the reference being read.
  for (int n = 1; n <= order; ++n) {
    s.table.reset(symbols);
    for (size_t r = 1; r <= nrefs; ++r) {
      ngram_keys(ids_[r], n, bits, s.keys);
      for (Key key : s.keys) ++s.table.counters(key)[2];
      s.table.for_each([](int64_t* c) {
        c[1] = std::max(c[1], c[2]);
        c[2] = 0;
      });
    }
    ngram_keys(ids_[0], n, bits, s.keys);
    for (Key key : s.keys) ++s.table.counters(key)[0];
    int64_t matches = 0;
    s.table.for_each([&](const int64_t* c) { matches += std::min(c[0], c[1]); });
    stats[2 + n - 1] = matches;
    stats[2 + order + n - 1] = static_cast<int64_t>(s.keys.size());
  }
}

BleuScore Bleu::score(const int64_t* stats) const {
  const int order = options_.max_order;
  BleuScore s;
  s.sys_len = stats[0];
  s.ref_len = stats[1];
  for (int n = 0; n < order; ++n) {
    s.counts.push_back(static_cast<double>(stats[2 + n]));
    s.totals.push_back(static_cast<double>(stats[2 + order + n]));
  }
  s.ratio = s.ref_len ? static_cast<double>(s.sys_len) / static_cast<double>(s.ref_len) : 0.0;
  if (s.sys_len < s.ref_len)
    s.bp = s.sys_len > 0 ? std::exp(1.0 - static_cast<double>(s.ref_len) / s.sys_len) : 0.0;
  else
    s.bp = 1.0;
  s.precisions.assign(order, 0.0);
  if (std::all_of(s.counts.begin(), s.counts.end(), [](double c) { return c == 0; })) return s;

  double smooth_mteval = 1.0;
  int eff_order = order;
  const double value = options_.smooth_value.value_or(0.0);
  for (int n = 1; n <= order; ++n) {
    if (options_.smooth == "add-k" && n > 1) {
      s.counts[n - 1] += value;
      s.totals[n - 1] += value;
    }
    if (s.totals[n - 1] == 0) break;
    if (options_.effective_order) eff_order = n;
    if (s.counts[n - 1] == 0) {
      if (options_.smooth == "exp") {
        smooth_mteval *= 2;
        s.precisions[n - 1] = 100.0 / (smooth_mteval * s.totals[n - 1]);
      } else if (options_.smooth == "floor") {
        s.precisions[n - 1] = 100.0 * value / s.totals[n - 1];
      }
    } else {
      s.precisions[n - 1] = 100.0 * s.counts[n - 1] / s.totals[n - 1];
    }
  }
  // sacreBLEU's my_log: log(0) is -9999999999, which drives the score to 0.
  double log_sum = 0;
  for (int n = 0; n < eff_order; ++n)
    log_sum += s.precisions[n] == 0.0 ? -9999999999.0 : std::log(s.precisions[n]);
  s.score = s.bp * std::exp(log_sum / eff_order);
  return s;
}

std::string Bleu::signature(int nrefs, const std::string& extra) const {
  std::string smooth = options_.smooth;
  if (options_.smooth_value && (options_.smooth == "floor" || options_.smooth == "add-k"))
    smooth += fmt::format("[{:.2f}]", *options_.smooth_value);
  return fmt::format("nrefs:{}{}|case:{}|eff:{}|tok:{}|smooth:{}|version:{}", nrefs, extra,
                     options_.lowercase ? "lc" : "mixed", options_.effective_order ? "yes" : "no",
                     sacre_tokenizer_name(options_.tokenize), smooth, metric_version());
}

std::string Bleu::verbose(const BleuScore& s) {
  std::string precisions;
  for (size_t n = 0; n < s.precisions.size(); ++n)
    precisions += fmt::format("{}{:.1f}", n ? "/" : "", s.precisions[n]);
  return fmt::format("{} (BP = {:.3f} ratio = {:.3f} hyp_len = {} ref_len = {})", precisions,
                     s.bp, s.ratio, s.sys_len, s.ref_len);
}

}  // namespace heed::text
