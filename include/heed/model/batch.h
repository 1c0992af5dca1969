#pragma once
// A batch of sentence pairs as the model reads them: ids padded with 0 to the longest sentence.
#include <cstdint>
#include <vector>

#include "heed/model/config.h"

namespace heed::model {

struct Batch {
  int64_t size = 0;     // sentences B
  int64_t src_len = 0;  // S: longest source, eos included
  int64_t tgt_len = 0;  // T: longest target, bos (input) or eos (output) included
  std::vector<int32_t> src;      // (B, S): [bos] + pieces + [eos], as the model's ids say
  std::vector<int32_t> tgt_in;   // (B, T): [start] + pieces
  std::vector<int32_t> tgt_out;  // (B, T): pieces + [eos]
  std::vector<int32_t> src_lengths, tgt_lengths;  // (B)

  int64_t target_tokens() const;  // non-padding entries of tgt_out
};

// Builds a batch from sentences of piece ids (without bos/eos); targets may be empty (inference).
// `ids` are the model's (ModelConfig::ids): padding, the source's bos and eos when it has them,
// the decoder's start token and the eos closing each target.
Batch make_batch(const std::vector<std::vector<int32_t>>& sources,
                 const std::vector<std::vector<int32_t>>& targets, const TokenIds& ids = {});

}  // namespace heed::model

namespace heed::model {

// Batching by length, shared by training, translation and scoring: sentences of similar length
// together, packed under a budget of padded tokens.
struct PackOptions {
  int64_t max_tokens = 4096;    // a batch's largest cost × its sentences stays within this
  int64_t max_sentences = 0;    // 0: no limit
};

// Indices 0..n-1 in ascending order of keys[i], ties kept in index order.
std::vector<int32_t> order_by_key(const std::vector<int64_t>& keys);

// Cuts `order` into consecutive batches: a batch takes the next index while
// max(cost over the batch) × (its sentences + 1) <= max_tokens and it has fewer than
// max_sentences; a single sentence over the budget makes a batch of its own. cost[i] is sentence
// i's padded length (e.g. its longest side plus eos).
std::vector<std::vector<int32_t>> pack_batches(const std::vector<int32_t>& order,
                                               const std::vector<int64_t>& cost, const PackOptions& options);

}  // namespace heed::model
