#include "heed/decode/repetition_guard.h"

#include <unicode/uchar.h>

#include "heed/text/utf8.h"

namespace heed::decode {

namespace {

// Characters of the hypothesis' end that the character rule looks at: enough for a run of
// four-character units repeated past any sensible limit.
constexpr size_t kTail = 48;

std::u32string to_u32(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) out.push_back(text::next_code_point(s, i));
  for (auto& c : out)
    if (c == U'\u2581') c = U' ';
  return out;
}

}  // namespace

bool has_char_loop(const std::u32string& text, int max_repeats) {
  const size_t n = text.size();
  for (size_t unit = 1; unit <= 4; ++unit) {
    // run counts the characters so far that equal the one `unit` places earlier.
    size_t run = 0;
    for (size_t i = unit; i < n; ++i) {
      run = text[i] == text[i - unit] ? run + 1 : 0;
      if (run + unit < unit * static_cast<size_t>(max_repeats + 1)) continue;
      // The run's last `unit` characters are one repetition of the unit: it must hold a letter.
      for (size_t k = i + 1 - unit; k <= i; ++k)
        if (u_isalpha(static_cast<UChar32>(text[k]))) return true;
    }
  }
  return false;
}

RepetitionGuard::RepetitionGuard(std::vector<std::string> pieces, RepetitionGuardOptions options)
    : options_(options) {
  pieces_.reserve(pieces.size());
  for (const auto& p : pieces) pieces_.push_back(to_u32(p));
  punctuation_.resize(pieces_.size());
  for (size_t id = 0; id < pieces_.size(); ++id) {
    bool any = false, only = true;
    for (char32_t c : pieces_[id]) {
      if (c == U' ') continue;
      any = true;
      only = only && u_ispunct(static_cast<UChar32>(c));
    }
    punctuation_[id] = any && only;
  }
}

bool RepetitionGuard::blocks(const std::vector<int32_t>& prefix, int32_t token) const {
  return repeats_ngram(prefix, token) || repeats_chars(prefix, token);
}

bool RepetitionGuard::repeats_ngram(const std::vector<int32_t>& prefix, int32_t token) const {
  const auto n = static_cast<size_t>(options_.ngram);
  const auto is_punctuation = [&](int32_t id) {
    return id >= 0 && static_cast<size_t>(id) < punctuation_.size() && punctuation_[id];
  };
  // The n-grams are of the word pieces alone, punctuation skipped: a list repeats its separators
  // and the words around them (", el duque Zera, el duque Samma, el duque Mizza"), which differ
  // at the names, while "Prite, Prite, Prite" repeats (Pr, ite, Pr) whatever its commas. A
  // punctuation mark itself is never blocked.
  if (n == 0 || is_punctuation(token)) return false;
  thread_local std::vector<int32_t> words;
  words.clear();
  for (int32_t id : prefix)
    if (!is_punctuation(id)) words.push_back(id);
  if (words.size() + 1 < n) return false;
  // The n-gram that `token` completes: the last n - 1 word pieces and the token.
  const size_t tail = words.size() - (n - 1);
  int seen = 0;
  for (size_t start = 0; start + n <= words.size(); ++start) {
    if (words[start + n - 1] != token) continue;
    bool same = true;
    for (size_t k = 0; k + 1 < n && same; ++k) same = words[start + k] == words[tail + k];
    if (same && ++seen >= options_.max_ngram_repeats) return true;
  }
  return false;
}

bool RepetitionGuard::repeats_chars(const std::vector<int32_t>& prefix, int32_t token) const {
  if (options_.max_char_repeats <= 0) return false;
  const auto text_of = [&](int32_t id) -> const std::u32string& {
    static const std::u32string none;
    return id >= 0 && static_cast<size_t>(id) < pieces_.size() ? pieces_[id] : none;
  };
  // The hypothesis' last kTail characters or more, then the token: a loop the token makes ends
  // in its characters, so this window holds it. (Called for every candidate a search weighs:
  // the buffer is reused.)
  thread_local std::u32string window;
  window.clear();
  size_t first = prefix.size(), length = 0;
  while (first > 0 && length < kTail) length += text_of(prefix[--first]).size();
  for (size_t i = first; i < prefix.size(); ++i) window += text_of(prefix[i]);
  const size_t tail = window.size();
  window += text_of(token);
  if (!has_char_loop(window, options_.max_char_repeats)) return false;
  // Only a loop that the token makes counts. A hypothesis searched with the guard has none in
  // its tail; one searched without it (a prefix given by a caller) may, and blocking every
  // continuation of it would leave the hypothesis nowhere to go.
  window.resize(tail);
  return !has_char_loop(window, options_.max_char_repeats);
}

}  // namespace heed::decode
