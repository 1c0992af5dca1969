#include "heed/text/metrics.h"

#include <algorithm>
#include <optional>

#include "heed/core/error.h"
#include "heed/core/parallel.h"
#include "heed/core/random.h"

namespace heed::text {

std::vector<Metric> parse_metrics(const std::string& list) {
  std::vector<Metric> metrics;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t end = std::min(list.find(',', start), list.size());
    const std::string name = list.substr(start, end - start);
    start = end + 1;
    Metric m;
    if (name == "bleu") m = Metric::bleu;
    else if (name == "chrf") m = Metric::chrf;
    else fail("unknown metric '{}' (bleu, chrf)", name);
    HEED_CHECK(std::find(metrics.begin(), metrics.end(), m) == metrics.end(), "metric '{}' is named twice", name);
    metrics.push_back(m);
  }
  return metrics;
}

std::vector<int64_t> MetricStatistics::total() const {
  std::vector<int64_t> sum(stats_size, 0);
  for (int64_t i = 0; i < segments; ++i)
    for (int j = 0; j < stats_size; ++j) sum[j] += stats[i * stats_size + j];
  return sum;
}

CorpusMetrics::CorpusMetrics(MetricsOptions options) : options_(std::move(options)) {
  for (Metric m : options_.metrics) {
    if (m == Metric::bleu) bleu_ = std::make_unique<Bleu>(options_.bleu);
    else chrf_ = std::make_unique<Chrf>(options_.chrf);
  }
}

CorpusMetrics::~CorpusMetrics() = default;

std::vector<MetricStatistics> CorpusMetrics::statistics(const std::vector<std::string>& hyps,
                                                        const std::vector<std::vector<std::string>>& refs) const {
  const auto segments = static_cast<int64_t>(hyps.size());
  const int nrefs = static_cast<int>(refs.size());
  for (const auto& r : refs)
    HEED_CHECK(r.size() == hyps.size(), "{} references for {} hypotheses", r.size(), hyps.size());
  std::vector<MetricStatistics> out;
  for (Metric m : options_.metrics) {
    MetricStatistics s;
    s.metric = m;
    s.name = m == Metric::bleu ? "BLEU" : chrf_->name();
    s.stats_size = m == Metric::bleu ? bleu_->stats_size() : chrf_->stats_size();
    s.segments = segments;
    s.stats.assign(segments * s.stats_size, 0);
    out.push_back(std::move(s));
  }
  // One pass over the segments computes every metric's statistics, spread over the threads; each
  // thread scores with metric objects of its own (their buffers are scratch).
  struct Scorers {
    std::optional<Bleu> bleu;
    std::optional<Chrf> chrf;
    std::vector<std::string_view> refs;
  };
  int64_t bytes = 0;
  for (const auto& h : hyps) bytes += static_cast<int64_t>(h.size());
  parallel_for_with_state(
      segments, bytes * (nrefs + 1), 512,
      [&] {
        Scorers s;
        if (bleu_) s.bleu.emplace(options_.bleu);
        if (chrf_) s.chrf.emplace(options_.chrf);
        s.refs.resize(static_cast<size_t>(nrefs));
        return s;
      },
      [&](int64_t i, Scorers& scorers) {
        for (int r = 0; r < nrefs; ++r) scorers.refs[r] = refs[r][i];
        for (auto& s : out) {
          int64_t* row = s.stats.data() + i * s.stats_size;
          if (s.metric == Metric::bleu) scorers.bleu->segment_statistics(hyps[i], scorers.refs, row);
          else scorers.chrf->segment_statistics(hyps[i], scorers.refs, row);
        }
      });
  return out;
}

double CorpusMetrics::score(const MetricStatistics& m, const int64_t* stats) const {
  return m.metric == Metric::bleu ? bleu_->score(stats).score : chrf_->score(stats);
}

std::string CorpusMetrics::verbose(const MetricStatistics& m, const int64_t* stats) const {
  return m.metric == Metric::bleu ? Bleu::verbose(bleu_->score(stats)) : std::string();
}

std::string CorpusMetrics::signature(const MetricStatistics& m, int nrefs, const std::string& extra) const {
  return m.metric == Metric::bleu ? bleu_->signature(nrefs, extra) : chrf_->signature(nrefs, extra);
}

Confidence CorpusMetrics::bootstrap(const MetricStatistics& m, int samples, uint64_t seed) const {
  HEED_CHECK(m.segments > 0 && samples >= 2, "bootstrap needs segments and at least 2 samples");
  Rng rng(seed);
  std::vector<double> scores;
  std::vector<int64_t> sum(m.stats_size);
  for (int s = 0; s < samples; ++s) {
    std::fill(sum.begin(), sum.end(), 0);
    for (int64_t k = 0; k < m.segments; ++k) {
      const int64_t* row = m.segment(static_cast<int64_t>(rng.below(m.segments)));
      for (int j = 0; j < m.stats_size; ++j) sum[j] += row[j];
    }
    scores.push_back(score(m, sum.data()));
  }
  std::sort(scores.begin(), scores.end());
  const size_t lower = scores.size() / 40, upper = scores.size() - lower - 1;
  double mean = 0;
  for (double x : scores) mean += x;
  return {mean / scores.size(), 0.5 * (scores[upper] - scores[lower])};
}

}  // namespace heed::text
