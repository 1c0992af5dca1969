#include "heed/train/corpus.h"

#include <algorithm>
#include <numeric>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/core/random.h"
#include "heed/model/batch.h"
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
  // Sentences of similar length together (by target, then source length): less padding, and a
  // batch's cost is its longest side.
  std::vector<int64_t> keys(pairs.size()), cost(pairs.size());
  for (size_t i = 0; i < pairs.size(); ++i) {
    keys[i] = (static_cast<int64_t>(pairs[i].tgt.size()) << 32) + static_cast<int64_t>(pairs[i].src.size());
    cost[i] = static_cast<int64_t>(std::max(pairs[i].src.size(), pairs[i].tgt.size())) + 1;
  }
  auto batches = model::pack_batches(model::order_by_key(keys), cost, {batch_tokens, 0});
  Rng rng(seed * 1000003 + static_cast<uint64_t>(epoch));
  for (size_t i = batches.size(); i > 1; --i) std::swap(batches[i - 1], batches[rng.below(i)]);
  return batches;
}

}  // namespace heed::train
