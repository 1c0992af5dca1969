#include "heed/model/batch.h"

#include <algorithm>

#include "heed/core/error.h"
#include "heed/text/special_ids.h"

namespace heed::model {

int64_t Batch::target_tokens() const {
  return std::count_if(tgt_out.begin(), tgt_out.end(), [](int32_t t) { return t != text::kPadId; });
}

Batch make_batch(const std::vector<std::vector<int32_t>>& sources,
                 const std::vector<std::vector<int32_t>>& targets, const TokenIds& ids) {
  HEED_ASSERT(targets.empty() || targets.size() == sources.size(), "{} sources but {} targets",
             sources.size(), targets.size());
  Batch b;
  b.size = static_cast<int64_t>(sources.size());
  const int64_t bos = ids.source_bos >= 0 ? 1 : 0, eos = ids.source_eos >= 0 ? 1 : 0;
  for (const auto& s : sources) b.src_len = std::max<int64_t>(b.src_len, s.size() + bos + eos);
  for (const auto& t : targets) b.tgt_len = std::max<int64_t>(b.tgt_len, t.size() + 1);
  b.src.assign(b.size * b.src_len, ids.source_pad);
  b.tgt_in.assign(b.size * b.tgt_len, ids.target_pad);
  b.tgt_out.assign(b.size * b.tgt_len, ids.target_pad);
  for (int64_t i = 0; i < b.size; ++i) {
    const auto& s = sources[i];
    auto row = b.src.begin() + i * b.src_len;
    if (bos) *row = ids.source_bos;
    std::copy(s.begin(), s.end(), row + bos);
    if (eos) row[bos + static_cast<int64_t>(s.size())] = ids.source_eos;
    b.src_lengths.push_back(static_cast<int32_t>(s.size() + bos + eos));
    if (targets.empty()) continue;
    const auto& t = targets[i];
    b.tgt_in[i * b.tgt_len] = ids.target_start;
    std::copy(t.begin(), t.end(), b.tgt_in.begin() + i * b.tgt_len + 1);
    std::copy(t.begin(), t.end(), b.tgt_out.begin() + i * b.tgt_len);
    b.tgt_out[i * b.tgt_len + t.size()] = ids.target_eos;
    b.tgt_lengths.push_back(static_cast<int32_t>(t.size() + 1));
  }
  return b;
}

}  // namespace heed::model

namespace heed::model {

std::vector<int32_t> order_by_key(const std::vector<int64_t>& keys) {
  std::vector<int32_t> order(keys.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return keys[a] < keys[b]; });
  return order;
}

std::vector<std::vector<int32_t>> pack_batches(const std::vector<int32_t>& order,
                                               const std::vector<int64_t>& cost, const PackOptions& o) {
  HEED_CHECK(o.max_tokens > 0 && o.max_sentences >= 0, "batch sizes must be positive");
  std::vector<std::vector<int32_t>> batches;
  std::vector<int32_t> current;
  int64_t longest = 0;
  for (int32_t i : order) {
    const int64_t len = cost[i];
    const auto n = static_cast<int64_t>(current.size());
    const bool full = (o.max_sentences > 0 && n >= o.max_sentences) || std::max(longest, len) * (n + 1) > o.max_tokens;
    if (!current.empty() && full) {
      batches.push_back(std::move(current));
      current.clear();
      longest = 0;
    }
    current.push_back(i);
    longest = std::max(longest, len);
  }
  if (!current.empty()) batches.push_back(std::move(current));
  return batches;
}

}  // namespace heed::model
