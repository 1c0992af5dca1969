#pragma once
// Text in, text out: tokenization, length-sorted batches under a token budget, beam search, and
// outputs in input order. A line longer than the model's positions is translated in pieces.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "heed/decode/beam_search.h"
#include "heed/text/tokenizer.h"

namespace heed::decode {

struct TranslatorOptions {
  SearchOptions search;
  int64_t batch_tokens = 4096;  // source tokens (with eos) per batch
  int64_t max_sentences = 256;  // per batch
  // Batches searched at once, each by a thread of its own running `threads / workers` OpenMP
  // threads, when a call has several batches; one batch alone gets all `threads`. Independent
  // batches on separate cores avoid the waiting of one parallel team at every small product of a
  // decoding step. Translations do not depend on it: a batch's arithmetic is the same on any thread.
  int workers = 1;
  int threads = 1;  // the cores the translator may use (onednn::threads() of the caller)
};

struct Translation {
  struct Candidate {
    std::string text;
    // log p of the text's canonical segmentation: the search's value, or (rarely, for a
    // hypothesis whose text tokenizes into other pieces) a forced decoding of the text, so that
    // it always equals `heed score` of the output.
    double log_prob = 0;
    std::string alignment;  // Pharaoh "s-t" word pairs, with SearchOptions::attention
    // With SearchOptions::attention: the pieces (eos last on both sides) and the weights,
    // one row per target piece over the source pieces.
    std::vector<std::string> source_pieces, target_pieces;
    std::vector<std::vector<float>> attention;
  };
  std::vector<Candidate> candidates;  // n-best, best first; empty line -> one empty candidate
  int64_t target_pieces = 0;          // of the best, eos excluded
  int chunks = 1;                     // > 1 when the line was translated in pieces
};

class Translator {
 public:
  Translator(const model::Parameters& params, const text::Tokenizer& tokenizer, TranslatorOptions options);
  // Translations of `lines`, in their order. `warn(index, message)` hears about lines cut into pieces.
  std::vector<Translation> translate(const std::vector<std::string>& lines,
                                     const std::function<void(size_t, const std::string&)>& warn = {});
  // Later calls search with these options (a server's requests may each ask for their own).
  void set_search_options(const SearchOptions& search) { options_.search = search; }

 private:
  // Runs search_batch(search, b) for every batch b: on one thread for a few sentences, else on
  // the workers, each with its own BeamSearch.
  void search_batches(const std::vector<std::vector<int32_t>>& batches,
                      const std::function<void(BeamSearch&, size_t)>& search_batch);

  const model::Parameters& params_;
  const text::Tokenizer& tokenizer_;
  TranslatorOptions options_;
  std::vector<BeamSearch> searches_;  // one per worker
  std::unique_ptr<model::Transformer> scorer_;  // made when a hypothesis needs rescoring
};

// Hard word alignment from piece-level attention (target pieces + eos) x (source pieces + eos):
// each target word links to the source word whose pieces get the most attention, summed over the
// target word's pieces. Words start at pieces beginning with "▁".
std::string word_alignment(const std::vector<std::string>& source_pieces,
                           const std::vector<std::string>& target_pieces,
                           const std::vector<std::vector<float>>& attention);

}  // namespace heed::decode
