#include "heed/text/language_id.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <map>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/text/unicode.h"
#include "heed/text/utf8.h"

namespace heed::text {

namespace {

constexpr char kMagic[8] = {'H', 'E', 'E', 'D', 'L', 'I', 'D', '1'};
constexpr uint32_t kVersion = 2;  // version 1: n-grams only
// Add-alpha smoothing of the bucket counts: an n-gram a language never showed costs
// log(alpha / total) rather than minus infinity.
constexpr double kAlpha = 0.5;
// Naive Bayes counts every n-gram as independent evidence, so its posteriors are near 0 or 100%
// even where it is often wrong. The scores are divided by a temperature first (version 1: 6;
// version 2: the profile's), chosen so that the mean confidence on the first word of each
// Tatoeba dev sentence is close to the accuracy there. Ranking does not depend on it.

uint64_t fnv1a(std::string_view bytes, uint64_t seed) {
  uint64_t h = 1469598103934665603ull ^ seed;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

bool is_opening_mark(char32_t cp) { return cp == U'\u00BF' || cp == U'\u00A1'; }  // ¿ ¡

// Lower-cased letters, every run of other characters one space, a space at both ends: the
// n-grams then see word beginnings and ends. From version 2 the opening marks ¿ ¡ stand as
// words of their own.
std::string normalize(std::string_view text, int version) {
  const std::string lower = lowercase(text);
  std::string out = " ";
  for (size_t i = 0; i < lower.size();) {
    const size_t start = i;
    const char32_t cp = next_code_point(lower, i);
    if (u_isalpha(static_cast<UChar32>(cp))) {
      out.append(lower, start, i - start);
    } else if (version >= 2 && is_opening_mark(cp)) {
      if (out.back() != ' ') out += ' ';
      out.append(lower, start, i - start);
      out += ' ';
    } else if (out.back() != ' ') {
      out += ' ';
    }
  }
  if (out.back() != ' ') out += ' ';
  return out;
}

// Seeds that keep words' hashes apart from the n-grams' (seeded by their order, 1..6).
constexpr uint64_t kWordSeed = 0x5744;

template <typename T>
void put(std::ostream& out, T value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
T take(const std::string& bytes, size_t& at, const std::string& path) {
  HEED_CHECK(at + sizeof(T) <= bytes.size(), "{}: a language profile cut short", path);
  T value;
  std::memcpy(&value, bytes.data() + at, sizeof value);
  at += sizeof value;
  return value;
}

}  // namespace

bool has_letters(std::string_view text) {
  for (size_t i = 0; i < text.size();)
    if (u_isalpha(static_cast<UChar32>(next_code_point(text, i)))) return true;
  return false;
}

LanguageIdFeatures language_id_features(std::string_view text, int max_order, int buckets_log2, int version) {
  const std::string s = normalize(text, version);
  std::vector<size_t> starts;  // byte offset of each code point
  for (size_t i = 0; i < s.size();) {
    starts.push_back(i);
    next_code_point(s, i);
  }
  starts.push_back(s.size());
  const uint64_t mask = (uint64_t{1} << buckets_log2) - 1;
  LanguageIdFeatures out;
  const size_t chars = starts.size() - 1;
  for (int n = 1; n <= max_order; ++n)
    for (size_t i = 0; i + static_cast<size_t>(n) <= chars; ++i) {
      const std::string_view gram(s.data() + starts[i], starts[i + n] - starts[i]);
      if (gram == " ") continue;
      out.grams.push_back(static_cast<uint32_t>(fnv1a(gram, static_cast<uint64_t>(n)) & mask));
    }
  if (version < 2) return out;
  for (size_t i = 1; i < s.size();) {  // s is " w1 w2 ... wn "
    const size_t end = s.find(' ', i);
    out.words.push_back(static_cast<uint32_t>(fnv1a(std::string_view(s).substr(i, end - i), kWordSeed) & mask));
    i = end + 1;
  }
  return out;
}

namespace {

// Smoothed log-probabilities of bucket counts.
std::vector<float> log_probabilities(const std::vector<double>& counts, const std::string& language) {
  double total = 0;
  for (double x : counts) total += x;
  HEED_CHECK(total > 0, "no letters in the text of language '{}'", language);
  std::vector<float> lp(counts.size());
  for (size_t b = 0; b < counts.size(); ++b)
    lp[b] = static_cast<float>(std::log((counts[b] + kAlpha) / (total + kAlpha * static_cast<double>(counts.size()))));
  return lp;
}

std::vector<float> read_buckets(const std::string& bytes, size_t& at, size_t buckets, const std::string& path) {
  HEED_CHECK(bytes.size() - at >= buckets * sizeof(float), "{}: a language profile of the wrong size", path);
  std::vector<float> lp(buckets);
  std::memcpy(lp.data(), bytes.data() + at, buckets * sizeof(float));
  at += buckets * sizeof(float);
  HEED_CHECK(std::all_of(lp.begin(), lp.end(), [](float x) { return std::isfinite(x) && x <= 0; }),
             "{}: a language profile with invalid values", path);
  return lp;
}

}  // namespace

LanguageIdentifier LanguageIdentifier::train(const LanguageIdTrainOptions& options) {
  HEED_CHECK(!options.inputs.empty(), "no text to train a language profile on");
  HEED_CHECK(options.buckets_log2 >= 8 && options.buckets_log2 <= 24 && options.max_order >= 1 && options.max_order <= 6,
             "a language profile has 2^8..2^24 buckets and n-grams of 1..6 characters");
  HEED_CHECK(options.word_weight >= 0 && options.word_weight <= 100, "a word weight of 0..100, not {}", options.word_weight);
  HEED_CHECK(options.temperature >= 1 && options.temperature <= 1000, "a temperature of 1..1000, not {}", options.temperature);
  LanguageIdentifier id;
  id.max_order_ = options.max_order;
  id.buckets_log2_ = options.buckets_log2;
  id.word_weight_ = static_cast<float>(options.word_weight);
  id.temperature_ = static_cast<float>(options.temperature);
  std::map<std::string, std::pair<std::vector<double>, std::vector<double>>> counts;  // n-grams, words
  const size_t buckets = size_t{1} << options.buckets_log2;
  for (const auto& [language, path] : options.inputs) {
    HEED_CHECK(!language.empty() && language.size() <= 32, "a language code of {} characters: '{}'", language.size(), language);
    auto& [grams, words] = counts[language];
    grams.resize(buckets, 0.0);
    words.resize(buckets, 0.0);
    LineReader in(path);
    std::string line;
    for (int64_t n = 0; n < options.max_lines && in.next(line); ++n) {
      const auto f = language_id_features(repair_utf8(line), id.max_order_, id.buckets_log2_, kVersion);
      for (uint32_t b : f.grams) grams[b] += 1;
      for (uint32_t b : f.words) words[b] += 1;
    }
  }
  for (auto& [language, c] : counts) {
    id.languages_.push_back(language);
    id.log_probs_.push_back(log_probabilities(c.first, language));
    id.word_log_probs_.push_back(log_probabilities(c.second, language));
  }
  return id;
}

void LanguageIdentifier::save(const std::string& path) const {
  HEED_CHECK(version_ == static_cast<int>(kVersion), "{}: a version {} profile is not written again", path, version_);
  AtomicFile file(path);
  auto& out = file.stream();
  out.write(kMagic, sizeof kMagic);
  put<uint32_t>(out, kVersion);
  put<uint32_t>(out, static_cast<uint32_t>(max_order_));
  put<uint32_t>(out, static_cast<uint32_t>(buckets_log2_));
  put<uint32_t>(out, static_cast<uint32_t>(languages_.size()));
  put<float>(out, word_weight_);
  put<float>(out, temperature_);
  for (const auto& code : languages_) {
    put<uint8_t>(out, static_cast<uint8_t>(code.size()));
    out.write(code.data(), static_cast<std::streamsize>(code.size()));
  }
  for (size_t l = 0; l < languages_.size(); ++l)
    for (const auto* lp : {&log_probs_[l], &word_log_probs_[l]})
      out.write(reinterpret_cast<const char*>(lp->data()), static_cast<std::streamsize>(lp->size() * sizeof(float)));
  file.commit();
}

LanguageIdentifier LanguageIdentifier::load(const std::string& path) {
  const std::string bytes = read_file(path);
  HEED_CHECK(bytes.size() >= sizeof kMagic && std::memcmp(bytes.data(), kMagic, sizeof kMagic) == 0,
             "{}: not a heed language profile", path);
  size_t at = sizeof kMagic;
  LanguageIdentifier id;
  id.version_ = static_cast<int>(take<uint32_t>(bytes, at, path));
  HEED_CHECK(id.version_ == 1 || id.version_ == 2, "{}: a language profile of version {}, not 1 or 2", path, id.version_);
  id.max_order_ = static_cast<int>(take<uint32_t>(bytes, at, path));
  id.buckets_log2_ = static_cast<int>(take<uint32_t>(bytes, at, path));
  const auto languages = take<uint32_t>(bytes, at, path);
  HEED_CHECK(id.max_order_ >= 1 && id.max_order_ <= 6 && id.buckets_log2_ >= 8 && id.buckets_log2_ <= 24 &&
                 languages >= 1 && languages <= 256,
             "{}: a language profile with impossible sizes", path);
  if (id.version_ >= 2) {
    id.word_weight_ = take<float>(bytes, at, path);
    id.temperature_ = take<float>(bytes, at, path);
    HEED_CHECK(std::isfinite(id.word_weight_) && id.word_weight_ >= 0 && std::isfinite(id.temperature_) &&
                   id.temperature_ >= 1,
               "{}: a language profile with an invalid word weight or temperature", path);
  }
  for (uint32_t l = 0; l < languages; ++l) {
    const auto length = take<uint8_t>(bytes, at, path);
    HEED_CHECK(at + length <= bytes.size(), "{}: a language profile cut short", path);
    id.languages_.emplace_back(bytes, at, length);
    at += length;
  }
  const size_t buckets = size_t{1} << id.buckets_log2_;
  for (uint32_t l = 0; l < languages; ++l) {
    id.log_probs_.push_back(read_buckets(bytes, at, buckets, path));
    if (id.version_ >= 2) id.word_log_probs_.push_back(read_buckets(bytes, at, buckets, path));
  }
  HEED_CHECK(at == bytes.size(), "{}: a language profile of the wrong size", path);
  return id;
}

std::vector<LanguageGuess> LanguageIdentifier::detect(std::string_view text,
                                                      const std::vector<std::string>& candidates) const {
  std::vector<size_t> chosen;
  for (size_t l = 0; l < languages_.size(); ++l)
    if (candidates.empty() || std::find(candidates.begin(), candidates.end(), languages_[l]) != candidates.end())
      chosen.push_back(l);
  if (chosen.empty()) return {};
  const auto features = language_id_features(text, max_order_, buckets_log2_, version_);
  std::vector<double> score(chosen.size(), 0.0);
  for (size_t k = 0; k < chosen.size(); ++k) {
    double grams = 0, words = 0;
    for (uint32_t b : features.grams) grams += log_probs_[chosen[k]][b];
    for (uint32_t b : features.words) words += word_log_probs_[chosen[k]][b];
    score[k] = grams + word_weight_ * words;
  }
  const double best = *std::max_element(score.begin(), score.end());
  double sum = 0;
  for (double& s : score) sum += (s = std::exp((s - best) / temperature_));
  // Ranked by the exact posteriors; the confidences are then rounded to a tenth of a percent.
  std::vector<size_t> order(chosen.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] > score[b]; });
  std::vector<LanguageGuess> out;
  for (size_t k : order) out.push_back({languages_[chosen[k]], std::round(1000.0 * score[k] / sum) / 10.0});
  return out;
}

}  // namespace heed::text
