#include "heed/train/corpus.h"

#include <algorithm>
#include <numeric>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/core/random.h"
#include "heed/text/utf8.h"

namespace heed::train {

Corpus load_corpus(const std::string& src_path, const std::string& tgt_path,
                   const text::Tokenizer& tokenizer, const CorpusFilter& filter) {
  LineReader src(src_path), tgt(tgt_path);
  Corpus c;
  std::string s, t;
  while (true) {
    const bool has_s = src.next(s), has_t = tgt.next(t);
    if (!has_s || !has_t) {
      if (has_s || has_t) {
        int64_t rest = 1;
        while (has_s ? src.next(s) : tgt.next(t)) ++rest;
        fail("{} has {} lines but {} has {}", src_path, has_s ? c.stats.read + rest : c.stats.read,
             tgt_path, has_t ? c.stats.read + rest : c.stats.read);
      }
      break;
    }
    ++c.stats.read;
    if (!text::is_valid_utf8(s)) s = text::repair_utf8(s);
    if (!text::is_valid_utf8(t)) t = text::repair_utf8(t);
    SentencePair p{tokenizer.encode_ids(s), tokenizer.encode_ids(t)};
    const auto ls = static_cast<int64_t>(p.src.size()), lt = static_cast<int64_t>(p.tgt.size());
    if (ls == 0 || lt == 0) {
      ++c.stats.empty;
    } else if (ls > filter.max_length || lt > filter.max_length) {
      ++c.stats.too_long;
    } else if (static_cast<double>(std::max(ls, lt)) > filter.max_ratio * static_cast<double>(std::min(ls, lt))) {
      ++c.stats.bad_ratio;
    } else {
      c.pairs.push_back(std::move(p));
      if (filter.keep_target_text) c.target_text.push_back(t);
    }
  }
  c.stats.kept = static_cast<int64_t>(c.pairs.size());
  return c;
}

std::vector<std::vector<int32_t>> epoch_batches(const std::vector<SentencePair>& pairs,
                                                int64_t batch_tokens, uint64_t seed, int64_t epoch) {
  HEED_CHECK(batch_tokens > 0, "batch tokens must be positive");
  std::vector<int32_t> order(pairs.size());
  std::iota(order.begin(), order.end(), 0);
  // Sentences of similar length together: less padding, and a batch's cost is its longest.
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    if (pairs[a].tgt.size() != pairs[b].tgt.size()) return pairs[a].tgt.size() < pairs[b].tgt.size();
    return pairs[a].src.size() < pairs[b].src.size();
  });
  std::vector<std::vector<int32_t>> batches;
  std::vector<int32_t> current;
  int64_t longest = 0;
  for (int32_t i : order) {
    const int64_t len = static_cast<int64_t>(std::max(pairs[i].src.size(), pairs[i].tgt.size())) + 1;
    if (!current.empty() && std::max(longest, len) * static_cast<int64_t>(current.size() + 1) > batch_tokens) {
      batches.push_back(std::move(current));
      current.clear();
      longest = 0;
    }
    current.push_back(i);
    longest = std::max(longest, len);
  }
  if (!current.empty()) batches.push_back(std::move(current));
  Rng rng(seed * 1000003 + static_cast<uint64_t>(epoch));
  for (size_t i = batches.size(); i > 1; --i) std::swap(batches[i - 1], batches[rng.below(i)]);
  return batches;
}

}  // namespace heed::train
