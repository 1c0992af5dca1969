#pragma once
// A guard against the loops of a model that has lost its way: "in the Prite, in the Prite, in the
// Prite…", "Adrientitititititititi…". Beam search asks it about each continuation it considers and
// passes over the ones it blocks, taking the next best instead:
// - a sequence of `ngram` word pieces (punctuation skipped) may occur at most `max_ngram_repeats`
//   times in a hypothesis (fairseq's and CTranslate2's no_repeat_ngram_size allow it once; twice
//   keeps the legitimate repetitions of long sentences, and a word sequence three times is the
//   definition of a loop). Skipping punctuation lets lists repeat their separators with the
//   words around them (", el duque Zera, el duque Samma"), and still catches "Prite, Prite, Prite";
// - a run of one to four characters holding a letter may repeat at most `max_char_repeats` times
//   in a row ("tititi" is fine, "tititititi" is not).
// Both are properties of the output text alone, so they cannot change a translation that does not
// loop; what they change is measured in the README's "Real text" figures.
#include <cstdint>
#include <string>
#include <vector>

namespace heed::decode {

struct RepetitionGuardOptions {
  int ngram = 3;              // 0 turns the n-gram rule off
  int max_ngram_repeats = 2;
  int max_char_repeats = 4;   // 0 turns the character rule off
};

class RepetitionGuard {
 public:
  // `pieces`: each vocabulary id's text, as detokenization writes it (U+2581 as a space).
  RepetitionGuard(std::vector<std::string> pieces, RepetitionGuardOptions options);
  // Whether appending `token` to `prefix` would make a loop.
  bool blocks(const std::vector<int32_t>& prefix, int32_t token) const;

 private:
  bool repeats_ngram(const std::vector<int32_t>& prefix, int32_t token) const;
  bool repeats_chars(const std::vector<int32_t>& prefix, int32_t token) const;

  std::vector<std::u32string> pieces_;
  std::vector<bool> punctuation_;  // per id: the piece is punctuation (and spaces) only
  RepetitionGuardOptions options_;
};

// Whether `text` holds a run of one to four characters, one of them a letter, repeated more
// than `max_repeats` times in a row.
bool has_char_loop(const std::u32string& text, int max_repeats);

}  // namespace heed::decode
