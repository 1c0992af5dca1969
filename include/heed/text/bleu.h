#pragma once
// BLEU and chrF exactly as sacreBLEU 2.x computes them: the same tokenizers, n-gram statistics,
// smoothing, closest reference length (ties to the shorter), effective order, signatures and
// output lines. Statistics are per segment so that corpus scores, sentence scores and bootstrap
// resampling all come from one pass over the text.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "heed/text/ngrams.h"
#include "heed/text/sacre_tokenizers.h"

namespace heed::text {

// Reused buffers for one key width, so that scoring allocates nothing per segment.
template <class Key>
struct NgramScratch {
  std::vector<Key> keys;
  NgramTable<Key> table;
};

struct BleuOptions {
  SacreTokenizer tokenize = SacreTokenizer::tok13a;
  bool lowercase = false;
  std::string smooth = "exp";         // exp, floor, add-k, none
  std::optional<double> smooth_value;  // floor: 0.1, add-k: 1 by default
  int max_order = 4;
  bool effective_order = false;
};

struct BleuScore {
  double score = 0;
  std::vector<double> counts, totals;  // doubles: add-k smoothing adds to them
  std::vector<double> precisions;
  double bp = 0;
  int64_t sys_len = 0, ref_len = 0;
  double ratio = 0;
};

class Bleu {
 public:
  explicit Bleu(BleuOptions options);
  // Values per segment: hyp_len, ref_len, correct[max_order], total[max_order].
  int stats_size() const { return 2 + 2 * options_.max_order; }
  void segment_statistics(std::string_view hyp, const std::vector<std::string_view>& refs,
                          int64_t* stats);
  BleuScore score(const int64_t* stats) const;  // from (summed) statistics
  std::string signature(int nrefs, const std::string& extra = "") const;
  // "45.8/18.9/8.4/4.1 (BP = 1.000 ratio = 1.100 hyp_len = 18908 ref_len = 17186)"
  static std::string verbose(const BleuScore& s);
  const BleuOptions& options() const { return options_; }

 private:
  void tokens_of(std::string_view line, size_t seq);
  template <class Key>
  void count(NgramScratch<Key>& s, int bits, size_t nrefs, int64_t* stats);

  BleuOptions options_;
  SegmentWords words_;
  // Per sequence of the segment ([0]: hypothesis, [1..]: references): the tokenized text (the
  // words' storage while the segment is scored) and the token ids.
  std::vector<std::string> buffers_;
  std::string lowered_;
  std::vector<std::string_view> tokens_;
  std::vector<std::vector<uint32_t>> ids_;
  NgramScratch<uint64_t> narrow_;
  NgramScratch<Key128> wide_;
};

struct ChrfOptions {
  int char_order = 6;
  int word_order = 0;  // 2 gives chrF++
  int beta = 2;
  bool lowercase = false;
  bool whitespace = false;  // keep whitespace in character n-grams
};

class Chrf {
 public:
  explicit Chrf(ChrfOptions options);
  int stats_size() const { return 3 * (options_.char_order + options_.word_order); }
  // [hyp, ref, match] counts per order, for the reference with the best f-score.
  void segment_statistics(std::string_view hyp, const std::vector<std::string_view>& refs,
                          int64_t* stats);
  double score(const int64_t* stats) const;
  std::string name() const;  // chrF2, chrF2++
  std::string signature(int nrefs, const std::string& extra = "") const;
  const ChrfOptions& options() const { return options_; }

 private:
  void symbols_of(std::string_view line, size_t seq);
  template <class Key>
  void count(NgramScratch<Key>& s, int char_bits, int word_bits, size_t nrefs, int64_t* stats);

  ChrfOptions options_;
  DenseIds dense_chars_;
  SegmentWords dense_words_;
  std::vector<std::string> lowered_;  // per sequence: the words' storage when lowercasing
  std::vector<std::string_view> split_, words_;
  std::vector<std::vector<uint32_t>> chars_, word_ids_;  // [0]: hypothesis, [1..]: references
  NgramScratch<uint64_t> narrow_;
  NgramScratch<Key128> wide_;
  std::vector<int64_t> per_ref_;  // (refs, orders, 3)
};

// The version string in signatures: "heed-X.Y.Z".
std::string metric_version();

}  // namespace heed::text
