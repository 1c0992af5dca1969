#pragma once
// (Private to decode/.) What the translator makes of each input line before the search, and how
// it puts the line back together after it: the line's layout (sentences and the white space
// between them), each sentence's case shape, and the pieces of each sentence, in chunks that fit
// the model's positions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "heed/decode/translator.h"
#include "heed/text/casing.h"
#include "heed/text/sentences.h"
#include "heed/text/tokenizer.h"

namespace heed::decode {

struct SentencePlan {
  text::CaseShape shape = text::CaseShape::ordinary;
  std::vector<std::vector<int32_t>> chunks;  // the pieces the model translates, in order
};

struct LinePlan {
  text::Layout layout;
  std::vector<SentencePlan> sentences;  // one per layout sentence
};

class LinePlanner {
 public:
  LinePlanner(const text::Tokenizer& tokenizer, const TranslatorOptions& options, int64_t max_pieces);
  LinePlan plan(const std::string& line) const;

 private:
  // A sentence's pieces in chunks of at most max_pieces_, cut at the last "; ", ": " or ", "
  // before each limit where there is one (a clause translates better than a cut word).
  std::vector<std::vector<int32_t>> chunks_of(const std::string& sentence) const;
  float word_score(std::string_view word) const;

  const text::Tokenizer& tokenizer_;
  bool restore_case_;
  size_t max_pieces_;
  std::optional<text::SentenceSplitter> splitter_;  // unset with split_sentences = false
};

// Parts joined into one candidate: a line's sentences back into its layout, or a long sentence's
// chunks (a layout of single spaces). `part_candidates[s]` holds part s's n-best; candidate k
// takes each part's k-th best (or its last, when it has fewer), with log-probabilities added and
// alignments and attention placed side by side.
Translation::Candidate join_sentences(const std::vector<std::vector<Translation::Candidate>>& part_candidates,
                                      size_t k, const text::Layout& layout);

}  // namespace heed::decode
