#pragma once
// A batch of sentence pairs as the model reads them: ids padded with 0 to the longest sentence.
#include <cstdint>
#include <vector>

namespace heed::model {

struct Batch {
  int64_t size = 0;     // sentences B
  int64_t src_len = 0;  // S: longest source, eos included
  int64_t tgt_len = 0;  // T: longest target, bos (input) or eos (output) included
  std::vector<int32_t> src;      // (B, S): pieces + [eos]
  std::vector<int32_t> tgt_in;   // (B, T): [bos] + pieces
  std::vector<int32_t> tgt_out;  // (B, T): pieces + [eos]
  std::vector<int32_t> src_lengths, tgt_lengths;  // (B)

  int64_t target_tokens() const;  // non-padding entries of tgt_out
};

// Builds a batch from sentences of piece ids (without bos/eos); targets may be empty (inference).
Batch make_batch(const std::vector<std::vector<int32_t>>& sources,
                 const std::vector<std::vector<int32_t>>& targets);

}  // namespace heed::model
