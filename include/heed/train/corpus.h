#pragma once
// Parallel training data: tokenized (with all cores), filtered, stored flat, and cut into batches
// of similar lengths.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "heed/text/tokenizer.h"

namespace heed::train {

struct CorpusFilter {
  int64_t max_length = 256;  // pieces per side
  double max_ratio = 3.0;    // longer side / shorter side
  bool keep_text = false;  // also keep each kept pair's lines (a dev set: sources to translate, references)
};

struct CorpusStats {
  int64_t read = 0, kept = 0, empty = 0, too_long = 0, bad_ratio = 0;
};

// Where the ids of a corpus cache file are read from (see corpus_cache.h).
class IdReader {
 public:
  virtual ~IdReader() = default;
  // Reads ids [first, first + count) into out.
  virtual void read(int64_t first, int64_t count, int32_t* out) const = 0;
};

// Sentence pairs as piece ids (without bos/eos), stored flat: pair i's source ids, then its
// target ids, back to back. The lengths are in memory (12 bytes a pair); the ids either in memory
// or in a corpus cache file, read a pair at a time, so that a large corpus costs no memory.
class TokenizedPairs {
 public:
  int64_t size() const { return static_cast<int64_t>(src_lengths_.size()); }
  int32_t src_length(int64_t i) const { return src_lengths_[static_cast<size_t>(i)]; }
  int32_t tgt_length(int64_t i) const {
    return static_cast<int32_t>(starts_[static_cast<size_t>(i) + 1] - starts_[static_cast<size_t>(i)]) - src_length(i);
  }
  int64_t id_count() const { return starts_.back(); }
  // Pair i's ids.
  void get(int64_t i, std::vector<int32_t>& src, std::vector<int32_t>& tgt) const;
  // Appends a pair (pairs held in memory).
  void add(const std::vector<int32_t>& src, const std::vector<int32_t>& tgt);

  // The pairs of a cache file: its index, and where to read the ids from.
  static TokenizedPairs from_index(std::vector<int64_t> starts, std::vector<int32_t> src_lengths,
                                   std::shared_ptr<const IdReader> ids);

 private:
  std::vector<int64_t> starts_{0};  // (n + 1): where pair i's ids begin
  std::vector<int32_t> src_lengths_;
  std::vector<int32_t> ids_;  // in memory, when ids_reader_ is null
  std::shared_ptr<const IdReader> ids_reader_;
};

struct Corpus {
  TokenizedPairs pairs;
  std::vector<std::string> source_text, target_text;  // with CorpusFilter::keep_text, one per pair
  CorpusStats stats;
};

// How the tokenizing pass runs and reports.
struct TokenizeOptions {
  int threads = 1;
  // Called now and then with the pairs read so far and the bytes of both files read.
  std::function<void(const CorpusStats&, int64_t bytes)> progress;
};

// Receives the kept pairs of a tokenizing pass, in file order.
using PairSink = std::function<void(const std::vector<int32_t>& src, const std::vector<int32_t>& tgt,
                                    const std::string& source_line, const std::string& target_line)>;

// Reads both sides (same line count, else an Error giving both), tokenizes them on
// `options.threads` threads, and hands the pairs that pass the filter to `sink` in file order;
// returns the counts. Invalid UTF-8 is repaired, as everywhere in heed.
CorpusStats tokenize_corpus(const std::string& src_path, const std::string& tgt_path,
                            const text::Tokenizer& tokenizer, const CorpusFilter& filter,
                            const TokenizeOptions& options, const PairSink& sink);

// The same, kept in memory.
Corpus load_corpus(const std::string& src_path, const std::string& tgt_path,
                   const text::Tokenizer& tokenizer, const CorpusFilter& filter,
                   const TokenizeOptions& options = {});

// The batches of one epoch, as indices of pairs: sorted by length, packed while
// (longest side + 1) · sentences <= batch_tokens, then shuffled by (seed, epoch). The same
// arguments give the same batches, so training can resume in the middle of an epoch.
std::vector<std::vector<int32_t>> epoch_batches(const TokenizedPairs& pairs, int64_t batch_tokens,
                                                uint64_t seed, int64_t epoch);

}  // namespace heed::train
