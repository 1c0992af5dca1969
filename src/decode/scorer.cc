#include "heed/decode/scorer.h"

#include <algorithm>

#include "heed/core/error.h"
#include "heed/model/batch.h"

namespace heed::decode {

std::vector<double> Scorer::score(const std::vector<std::string>& sources, const std::vector<std::string>& targets,
                                  const ScoreOptions& o) {
  HEED_CHECK(sources.size() == targets.size(), "{} has {} lines but {} has {}", o.source_name, sources.size(),
             o.target_name, targets.size());
  const int64_t max_len = model_.config().max_positions;
  const size_t n = sources.size();
  std::vector<std::vector<int32_t>> src_ids(n), tgt_ids(n);
  std::vector<int64_t> cost(n);
  for (size_t i = 0; i < n; ++i) {
    src_ids[i] = model_.tokenizer.encode_ids(sources[i]);
    tgt_ids[i] = model_.tokenizer.encode_target_ids(targets[i]);
    for (const auto& [ids, name] : {std::pair{&src_ids[i], &o.source_name}, std::pair{&tgt_ids[i], &o.target_name}})
      HEED_CHECK(static_cast<int64_t>(ids->size()) + 1 <= max_len,
                 "{}:{}: {} pieces (with eos) exceed the model's {} positions", *name, i + 1, ids->size() + 1, max_len);
    cost[i] = static_cast<int64_t>(std::max(src_ids[i].size(), tgt_ids[i].size())) + 1;
  }
  // Sentences of similar length together; scores go back in input order.
  std::vector<double> scores(n);
  for (const auto& batch : model::pack_batches(model::order_by_key(cost), cost, {o.batch_tokens, 0})) {
    std::vector<std::vector<int32_t>> s, t;
    for (int32_t i : batch) {
      s.push_back(src_ids[i]);
      t.push_back(tgt_ids[i]);
    }
    const model::Batch b = model::make_batch(s, t, model_.config().ids);
    transformer_.forward(b);
    const auto batch_scores = transformer_.sentence_scores(b);
    for (size_t k = 0; k < batch.size(); ++k) scores[batch[k]] = batch_scores[k];
  }
  return scores;
}

}  // namespace heed::decode
