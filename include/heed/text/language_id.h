#pragma once
// Which language a text is in: a naive Bayes classifier over hashed character n-grams (one to
// four characters of the lower-cased letters, words padded with spaces), trained on the models'
// own training text. It tells Spanish from English in 99.6% of the Tatoeba test's sentences and
// in 90%+ of their first one to three words (docs/translation.md), where CLD2 (Debian's
// libcld2) managed 84-95% on whole sentences and 19-57% on three words or fewer, mostly by
// answering "unknown": a general detector spreads its evidence over a hundred languages, this
// one over the few that the installed models translate.
//
// The profile file: "HEEDLID1", then little-endian uint32 version (1), max n-gram order,
// log2 of the buckets, number of languages; each language's code (uint8 length, bytes); then
// each language's buckets as float32 log-probabilities.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace heed::text {

struct LanguageGuess {
  std::string language;
  double confidence = 0;  // the posterior among the candidates, in percent (LibreTranslate's scale)
};

struct LanguageIdTrainOptions {
  std::vector<std::pair<std::string, std::string>> inputs;  // (language code, text file), any number per language
  int max_order = 4;
  int buckets_log2 = 16;
  int64_t max_lines = 500000;  // per file: the first ones (enough for a profile, bounded time)
};

class LanguageIdentifier {
 public:
  static LanguageIdentifier train(const LanguageIdTrainOptions& options);
  static LanguageIdentifier load(const std::string& path);  // an Error naming the file if it is not a profile
  void save(const std::string& path) const;                  // atomically

  // The candidates (default: every language of the profile; codes it lacks are ignored), best
  // first. A text without letters gives each the same confidence.
  std::vector<LanguageGuess> detect(std::string_view text, const std::vector<std::string>& candidates = {}) const;
  const std::vector<std::string>& languages() const { return languages_; }

 private:
  int max_order_ = 4, buckets_log2_ = 16;
  std::vector<std::string> languages_;
  std::vector<std::vector<float>> log_probs_;  // (language, bucket)
};

// Whether a text has a letter at all: one without ("2024", "!!") has no language to detect.
bool has_letters(std::string_view text);

// The buckets of a text's n-grams (exposed for the tests).
std::vector<uint32_t> language_id_features(std::string_view text, int max_order, int buckets_log2);

}  // namespace heed::text
