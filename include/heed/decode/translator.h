#pragma once
// Text in, text out: each line cut into sentences (text/sentences.h), sentences in capitals or
// Title Case translated in ordinary case (text/casing.h), tokenization, length-sorted batches
// under a token budget, beam search with a guard against loops, and each line put back together
// in its own layout, in input order. A sentence longer than the model's positions is translated
// in pieces cut at clause boundaries where it has them.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "heed/decode/beam_search.h"
#include "heed/decode/repetition_guard.h"
#include "heed/text/casing.h"
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
  int threads = 1;  // the cores the translator may use (thread_count() of the caller)
  // Real text. A line may hold several sentences, and white space around and between them (and
  // newlines, for a server's texts): each sentence is translated on its own and the white space
  // is kept where it was. false translates each line's text between its white space whole.
  bool split_sentences = true;
  bool restore_case = true;        // capitals and Title Case, see text/casing.h
  bool guard_repetitions = true;   // see decode/repetition_guard.h
  RepetitionGuardOptions guard;
  // ISO 639-1 codes: the source's abbreviations for the splitter, the target's small words for
  // Title Case ("" or another language: the generic rules).
  std::string source_language, target_language;
};

struct Translation {
  struct Candidate {
    std::string text;
    // log p of the text's canonical segmentation: the search's value, or (rarely, for a
    // hypothesis whose text tokenizes into other pieces) a forced decoding of the text, so that
    // it equals `heed score` of the output for a line of one sentence in ordinary case. For a
    // line of several sentences, the sum of theirs; for capitals and Title Case, the score of the
    // ordinary-case text the model wrote.
    double log_prob = 0;
    std::string alignment;  // Pharaoh "s-t" word pairs, with SearchOptions::attention
    // With SearchOptions::attention: the pieces (eos last on both sides) and the weights,
    // one row per target piece over the source pieces.
    std::vector<std::string> source_pieces, target_pieces;
    std::vector<std::vector<float>> attention;
  };
  // n-best, best first; a line of several sentences has as many candidates as its sentence with
  // the most, the k-th joining each sentence's k-th best (or its last). A line of nothing but
  // white space gives one candidate, that white space.
  std::vector<Candidate> candidates;
  int64_t target_pieces = 0;          // of the best, eos excluded
  int sentences = 0;                  // the sentences the line was cut into
  int chunks = 0;                     // the pieces they were translated in (> sentences: long ones)
};

class LinePlanner;

class Translator {
 public:
  Translator(const model::Parameters& params, const text::Tokenizer& tokenizer, TranslatorOptions options);
  ~Translator();
  Translator(Translator&&) noexcept;
  // Translations of `lines`, in their order. `warn(index, message)` hears about sentences cut
  // into pieces.
  std::vector<Translation> translate(const std::vector<std::string>& lines,
                                     const std::function<void(size_t, const std::string&)>& warn = {});
  // Later calls search with these options (a server's requests may each ask for their own).
  void set_search_options(const SearchOptions& search);

 private:
  // Runs search_batch(search, b) for every batch b: on one thread for a few sentences, else on
  // the workers, each with its own BeamSearch.
  void search_batches(const std::vector<std::vector<int32_t>>& batches,
                      const std::function<void(BeamSearch&, size_t)>& search_batch);

  // The n-best of one sentence translated in one piece, as candidates.
  std::vector<Translation::Candidate> candidates_of(const std::vector<Hypothesis>& found,
                                                    const std::vector<int32_t>& source, text::CaseShape shape);

  const model::Parameters& params_;
  const text::Tokenizer& tokenizer_;
  TranslatorOptions options_;
  std::unique_ptr<RepetitionGuard> guard_;      // with options_.guard_repetitions
  std::unique_ptr<LinePlanner> planner_;
  std::vector<BeamSearch> searches_;  // one per worker
  std::unique_ptr<model::Transformer> scorer_;  // made when a hypothesis needs rescoring; dropped after each call
};

// Hard word alignment from piece-level attention (target pieces + eos) x (source pieces + eos):
// each target word links to the source word whose pieces get the most attention, summed over the
// target word's pieces. Words start at pieces beginning with "▁".
std::string word_alignment(const std::vector<std::string>& source_pieces,
                           const std::vector<std::string>& target_pieces,
                           const std::vector<std::vector<float>>& attention);

}  // namespace heed::decode
