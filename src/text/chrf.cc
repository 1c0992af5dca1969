#include <fmt/format.h>

#include <algorithm>

#include "heed/core/error.h"
#include "heed/text/bleu.h"
#include "heed/text/unicode.h"
#include "heed/text/utf8.h"

namespace heed::text {
namespace {

// Python's string.punctuation: chrF++ splits one of these off the end (or else the start) of a word.
bool is_ascii_punctuation(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 0x21 && u <= 0x2F) || (u >= 0x3A && u <= 0x40) || (u >= 0x5B && u <= 0x60) ||
         (u >= 0x7B && u <= 0x7E);
}

// sacreBLEU's _remove_punctuation. A word of one code point stays whole; the byte tests are exact
// because the punctuation set is ASCII.
void words_for_chrf(std::string_view line, std::vector<std::string_view>& words,
                    std::vector<std::string_view>& out) {
  split_python_whitespace(line, words);
  out.clear();
  for (auto w : words) {
    size_t i = 0;
    next_code_point(w, i);
    if (i == w.size()) {
      out.push_back(w);
    } else if (is_ascii_punctuation(w.back())) {
      out.push_back(w.substr(0, w.size() - 1));
      out.push_back(w.substr(w.size() - 1));
    } else if (is_ascii_punctuation(w.front())) {
      out.push_back(w.substr(0, 1));
      out.push_back(w.substr(1));
    } else {
      out.push_back(w);
    }
  }
}

}  // namespace

Chrf::Chrf(ChrfOptions options) : options_(options) {
  HEED_CHECK(options_.char_order >= 1 && options_.char_order <= 6,
             "chrF character order {} is not in 1..6", options_.char_order);
  HEED_CHECK(options_.word_order >= 0 && options_.word_order <= 4,
             "chrF word order {} is not in 0..4", options_.word_order);
  HEED_CHECK(options_.beta >= 1, "chrF beta must be positive");
}

std::string Chrf::name() const {
  return fmt::format("chrF{}{}", options_.beta, std::string(options_.word_order, '+'));
}

void Chrf::symbols_of(std::string_view line, size_t seq) {
  if (options_.lowercase) {
    lowered_[seq] = lowercase(line);
    line = lowered_[seq];
  }
  auto& chars = chars_[seq];
  chars.clear();
  for (size_t i = 0; i < line.size();) {
    const char32_t cp = next_code_point(line, i);
    if (options_.whitespace || !is_python_space(cp)) chars.push_back(dense_chars_(cp));
  }
  auto& words = word_ids_[seq];
  words.clear();
  if (options_.word_order == 0) return;
  words_for_chrf(line, split_, words_);
  for (auto w : words_) words.push_back(dense_words_(w));
}

void Chrf::segment_statistics(std::string_view hyp, const std::vector<std::string_view>& refs,
                              int64_t* stats) {
  chars_.resize(refs.size() + 1);
  word_ids_.resize(refs.size() + 1);
  lowered_.resize(refs.size() + 1);
  dense_chars_.start();
  dense_words_.start();
  symbols_of(hyp, 0);
  for (size_t r = 0; r < refs.size(); ++r) symbols_of(refs[r], r + 1);
  const int char_bits = dense_chars_.bits(), word_bits = dense_words_.bits();
  if (char_bits * options_.char_order <= 64 && word_bits * options_.word_order <= 64)
    count(narrow_, char_bits, word_bits, refs.size(), stats);
  else
    count(wide_, char_bits, word_bits, refs.size(), stats);
}

template <class Key>
void Chrf::count(NgramScratch<Key>& s, int char_bits, int word_bits, size_t nrefs, int64_t* stats) {
  const int orders = options_.char_order + options_.word_order;
  per_ref_.assign(nrefs * orders * 3, 0);
  // Orders 0..char_order-1 are character n-grams, the rest word n-grams. Counters: 0 the
  // hypothesis, 1 the reference being read.
  for (int k = 0; k < orders; ++k) {
    const bool chars = k < options_.char_order;
    const int n = chars ? k + 1 : k - options_.char_order + 1;
    const int bits = chars ? char_bits : word_bits;
    const auto& seqs = chars ? chars_ : word_ids_;
    size_t symbols = 0;
    for (size_t q = 0; q <= nrefs; ++q) symbols += seqs[q].size();
    s.table.reset(symbols);
    ngram_keys(seqs[0], n, bits, s.keys);
    const auto hyp_total = static_cast<int64_t>(s.keys.size());
    for (Key key : s.keys) ++s.table.counters(key)[0];
    for (size_t r = 0; r < nrefs; ++r) {
      ngram_keys(seqs[r + 1], n, bits, s.keys);
      for (Key key : s.keys) ++s.table.counters(key)[1];
      int64_t matches = 0;
      s.table.for_each([&](int64_t* c) {
        matches += std::min(c[0], c[1]);
        c[1] = 0;
      });
      int64_t* out = &per_ref_[(r * orders + k) * 3];
      const auto ref_total = static_cast<int64_t>(s.keys.size());
      // sacreBLEU counts no hypothesis n-grams of an order the reference has none of.
      out[0] = ref_total == 0 ? 0 : hyp_total;
      out[1] = ref_total;
      out[2] = matches;
    }
  }
  // The reference with the best f-score gives the statistics (the first one on a tie).
  double best = -1.0;
  std::fill(stats, stats + 3 * orders, 0);
  for (size_t r = 0; r < nrefs; ++r) {
    const int64_t* candidate = &per_ref_[r * orders * 3];
    const double f = score(candidate);
    if (f > best) {
      best = f;
      std::copy(candidate, candidate + 3 * orders, stats);
    }
  }
}

double Chrf::score(const int64_t* stats) const {
  const int orders = options_.char_order + options_.word_order;
  const double factor = static_cast<double>(options_.beta) * options_.beta;
  double avg_prec = 0, avg_rec = 0;
  int effective = 0;
  for (int k = 0; k < orders; ++k) {
    const auto n_hyp = static_cast<double>(stats[3 * k]), n_ref = static_cast<double>(stats[3 * k + 1]),
               n_match = static_cast<double>(stats[3 * k + 2]);
    if (n_hyp > 0 && n_ref > 0) {
      avg_prec += n_match / n_hyp;
      avg_rec += n_match / n_ref;
      ++effective;
    }
  }
  if (effective == 0) return 0.0;
  avg_prec /= effective;
  avg_rec /= effective;
  if (avg_prec + avg_rec == 0) return 0.0;
  // The same operations in the same order as sacreBLEU, so that ties between references break alike.
  double f = (1 + factor) * avg_prec * avg_rec;
  f /= factor * avg_prec + avg_rec;
  return 100 * f;
}

std::string Chrf::signature(int nrefs, const std::string& extra) const {
  return fmt::format("nrefs:{}{}|case:{}|eff:yes|nc:{}|nw:{}|space:{}|version:{}", nrefs, extra,
                     options_.lowercase ? "lc" : "mixed", options_.char_order, options_.word_order,
                     options_.whitespace ? "yes" : "no", metric_version());
}

}  // namespace heed::text
