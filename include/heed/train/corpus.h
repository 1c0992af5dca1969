#pragma once
// Parallel training data, tokenized once, filtered, and cut into batches of similar lengths.
#include <cstdint>
#include <string>
#include <vector>

#include "heed/text/tokenizer.h"

namespace heed::train {

struct SentencePair {
  std::vector<int32_t> src, tgt;  // pieces, without bos/eos
};

struct CorpusFilter {
  int64_t max_length = 256;  // pieces per side
  double max_ratio = 3.0;    // longer side / shorter side
  bool keep_target_text = false;  // also keep each kept pair's target line (references for BLEU)
};

struct CorpusStats {
  int64_t read = 0, kept = 0, empty = 0, too_long = 0, bad_ratio = 0;
};

struct Corpus {
  std::vector<SentencePair> pairs;
  std::vector<std::string> target_text;  // with CorpusFilter::keep_target_text, one per pair
  CorpusStats stats;
};

// Reads and tokenizes both sides (same line count, else an Error giving both); pairs failing the
// filter are dropped and counted.
Corpus load_corpus(const std::string& src_path, const std::string& tgt_path,
                   const text::Tokenizer& tokenizer, const CorpusFilter& filter);

// The batches of one epoch, as indices into `pairs`: sorted by length, packed while
// (longest side + 1) · sentences <= batch_tokens, then shuffled by (seed, epoch). The same
// arguments give the same batches, so training can resume in the middle of an epoch.
std::vector<std::vector<int32_t>> epoch_batches(const std::vector<SentencePair>& pairs,
                                                int64_t batch_tokens, uint64_t seed, int64_t epoch);

}  // namespace heed::train
