#pragma once
// Which language a text is in: a naive Bayes classifier over hashed character n-grams (one to
// four characters of the lower-cased letters, words padded with spaces) and whole words, trained
// on the models' own training text. Whole words decide what n-grams cannot on a word or two:
// "ayer" and "usted" are made of letter runs common in English ("layer", "used") but are
// Spanish words, and "do" ends many Spanish words but is an English one. Spanish's opening marks
// ¿ and ¡ count as words of their own. On the Tatoeba test it names the language of 99.9% of
// the sentences and 95.7% (es) / 98.2% (en) of their first one to three words
// (docs/translation.md), where CLD2 (Debian's libcld2) managed 84-95% on whole sentences and
// 19-57% on three words or fewer, mostly by answering "unknown": a general detector spreads its
// evidence over a hundred languages, this one over the few that the installed models translate.
//
// The profile file: "HEEDLID1", then little-endian uint32 version (2), max n-gram order,
// log2 of the buckets, number of languages; float32 weight of the words and temperature; each language's code
// (uint8 length, bytes); then each language's n-gram buckets and (version 2) word buckets as
// float32 log-probabilities. Version 1 profiles (n-grams only, no marks) still load.
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
  // How much a word's evidence counts against its letters' n-grams (chosen on the Tatoeba dev
  // set's first one to three words: docs/translation.md).
  double word_weight = 3.0;
  // Divides the scores before they become confidences (naive Bayes is overconfident): chosen so
  // that the mean confidence on one-word inputs matches the accuracy there.
  double temperature = 9.0;
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
  int version_ = 2;
  float word_weight_ = 0;
  float temperature_ = 6.0f;  // version 1's
  std::vector<std::string> languages_;
  std::vector<std::vector<float>> log_probs_;       // (language, n-gram bucket)
  std::vector<std::vector<float>> word_log_probs_;  // (language, word bucket); empty in version 1
};

// Whether a text has a letter at all: one without ("2024", "!!") has no language to detect.
bool has_letters(std::string_view text);

// The buckets of a text's n-grams and words (exposed for the tests). Version 1 profiles read
// letters only and no words.
struct LanguageIdFeatures {
  std::vector<uint32_t> grams, words;
};
LanguageIdFeatures language_id_features(std::string_view text, int max_order, int buckets_log2, int version = 2);

}  // namespace heed::text
