#pragma once
// Corpus scoring with several metrics at once, as `heed bleu` and validation use it: per-segment
// statistics computed in parallel, corpus and sentence scores from their sums, and sacreBLEU's
// bootstrap confidence intervals.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "heed/text/bleu.h"

namespace heed::text {

enum class Metric { bleu, chrf };

// "bleu,chrf" into metrics; an unknown or repeated name is an Error naming it.
std::vector<Metric> parse_metrics(const std::string& list);

struct MetricsOptions {
  std::vector<Metric> metrics{Metric::bleu};
  BleuOptions bleu;
  ChrfOptions chrf;
};

// One metric's statistics over a corpus: stats_size() integers per segment.
struct MetricStatistics {
  Metric metric;
  std::string name;  // "BLEU", "chrF2", "chrF2++"
  int stats_size = 0;
  int64_t segments = 0;
  std::vector<int64_t> stats;  // (segments, stats_size)

  const int64_t* segment(int64_t i) const { return stats.data() + i * stats_size; }
  std::vector<int64_t> total() const;  // summed over the segments
};

struct Confidence {
  double mean = 0, half_width = 0;  // of the 95% interval
};

class CorpusMetrics {
 public:
  explicit CorpusMetrics(MetricsOptions options);
  ~CorpusMetrics();

  // Statistics of each metric for hypotheses against references (refs[r][i]: reference r of
  // segment i; every reference list as long as the hypotheses). Runs on all OpenMP threads.
  std::vector<MetricStatistics> statistics(const std::vector<std::string>& hyps,
                                           const std::vector<std::vector<std::string>>& refs) const;
  double score(const MetricStatistics& m, const int64_t* stats) const;
  // BLEU's "45.9/18.9/8.4/4.1 (BP = ...)" part; empty for chrF.
  std::string verbose(const MetricStatistics& m, const int64_t* stats) const;
  std::string signature(const MetricStatistics& m, int nrefs, const std::string& extra) const;
  // Bootstrap resampling as sacreBLEU does it: segments resampled with replacement, each sample
  // scored, the mean and half the width of the 95% interval (indices n/40 and n−n/40−1 of the
  // sorted scores). Samples come from heed's seeded generator, not numpy's, so the interval agrees
  // with sacreBLEU's statistically, not to the last digit.
  Confidence bootstrap(const MetricStatistics& m, int samples, uint64_t seed) const;

 private:
  MetricsOptions options_;
  std::unique_ptr<Bleu> bleu_;
  std::unique_ptr<Chrf> chrf_;
};

}  // namespace heed::text
