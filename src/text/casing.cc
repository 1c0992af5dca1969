#include "heed/text/casing.h"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

#include "heed/text/unicode.h"
#include "heed/text/utf8.h"

namespace heed::text {

namespace {

// Words that Title Case leaves in lower case after the first: Spanish and English articles,
// prepositions and conjunctions (Chicago style for English; Spanish titles capitalize less).
constexpr std::array kSpanishSmall = {"a", "al", "con", "de", "del", "e", "el", "en", "la", "las", "lo",
                                      "los", "o", "para", "por", "sin", "u", "un", "una", "y"};
constexpr std::array kEnglishSmall = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in",
                                      "nor", "of", "on", "or", "per", "the", "to", "via", "vs", "with"};

template <size_t N>
bool contains(const std::array<const char*, N>& words, std::string_view w) {
  return std::any_of(words.begin(), words.end(), [&](const char* s) { return w == s; });
}

// A word split into the punctuation before it, its core (from the first letter or digit to the
// last), and the punctuation after it: "¿CÓMO" -> "¿", "CÓMO", "".
struct Word {
  std::string_view before, core, after;
};

Word split_word(std::string_view w) {
  size_t first = w.size(), last = 0;
  for (size_t i = 0; i < w.size();) {
    const size_t start = i;
    const char32_t cp = next_code_point(w, i);
    if (u_isalnum(static_cast<UChar32>(cp))) {
      first = std::min(first, start);
      last = i;
    }
  }
  if (first == w.size()) return {w, {}, {}};
  return {w.substr(0, first), w.substr(first, last - first), w.substr(last)};
}

std::vector<std::string_view> words_of(std::string_view s) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < s.size()) {
    const size_t space = std::min(s.find(' ', i), s.size());
    if (space > i) words.push_back(s.substr(i, space - i));
    i = space + 1;
  }
  return words;
}

struct Letters {
  int upper = 0, lower = 0;
};
Letters count_letters(std::string_view s) {
  Letters n;
  for (size_t i = 0; i < s.size();) {
    const auto cp = static_cast<UChar32>(next_code_point(s, i));
    if (u_isupper(cp) || u_istitle(cp)) ++n.upper;
    else if (u_islower(cp)) ++n.lower;
  }
  return n;
}

bool starts_upper(std::string_view core) {
  size_t i = 0;
  const auto cp = static_cast<UChar32>(next_code_point(core, i));
  return u_isupper(cp) || u_istitle(cp);
}

// Joins words again with the single spaces they were split at (sentences are trimmed; runs of
// spaces inside a sentence keep their empty words out, so they are rebuilt from the original).
std::string rebuild(std::string_view s, const std::vector<std::string>& words) {
  std::string out;
  size_t w = 0, i = 0;
  while (i < s.size()) {
    if (s[i] == ' ') {
      out += ' ';
      ++i;
      continue;
    }
    const size_t end = std::min(s.find(' ', i), s.size());
    out += words[w++];
    i = end;
  }
  return out;
}

std::string best_form(std::string_view core, bool upper_shape, bool first, const WordScore& score) {
  const std::string lower = lowercase(core);
  const std::string capital = capitalize_first(lower);
  const std::string upper = uppercase(core);
  constexpr float none = -std::numeric_limits<float>::infinity();
  const float s_lower = score(lower), s_capital = score(capital), s_upper = score(upper);
  if (s_upper > none && s_upper >= s_capital && s_upper >= s_lower && core.size() > 1) return upper;
  if (s_lower == none && s_capital == none)
    return first ? capital : upper_shape ? lower : std::string(core);
  if (first) return capital;
  return s_capital > s_lower ? capital : lower;
}

}  // namespace

// Whether a sentence ends as a sentence does (".", "!", "?", "…", before closing quotes and
// brackets): headlines and titles do not, so such a sentence of capitalized names ("Vivo en
// Buenos Aires.") is not taken for a title.
bool ends_as_sentence(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    const auto cp = static_cast<UChar32>(previous_code_point(s, end));
    if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026) return true;
    const auto type = u_charType(cp);
    if (type != U_END_PUNCTUATION && type != U_FINAL_PUNCTUATION && cp != '"' && cp != '\'' && !u_isspace(cp))
      return false;
  }
  return false;
}

CaseShape case_shape(std::string_view sentence) {
  const Letters letters = count_letters(sentence);
  if (letters.upper >= 4 && letters.lower == 0) return CaseShape::upper;
  if (letters.lower == 0 || ends_as_sentence(sentence)) return CaseShape::ordinary;
  int capitalized = 0;
  for (std::string_view w : words_of(sentence)) {
    const Word word = split_word(w);
    const Letters n = count_letters(word.core);
    if (n.upper + n.lower == 0) continue;
    if (starts_upper(word.core)) {
      ++capitalized;
    } else if (const std::string w = lowercase(word.core); !contains(kSpanishSmall, w) && !contains(kEnglishSmall, w)) {
      return CaseShape::ordinary;
    }
  }
  return capitalized >= 3 ? CaseShape::title : CaseShape::ordinary;
}

std::string to_ordinary_case(std::string_view sentence, CaseShape shape, const WordScore& score) {
  if (shape == CaseShape::ordinary) return std::string(sentence);
  std::vector<std::string> out;
  bool first = true;
  for (std::string_view w : words_of(sentence)) {
    const Word word = split_word(w);
    std::string core(word.core);
    const Letters n = count_letters(word.core);
    const bool acronym = shape == CaseShape::title && n.upper >= 2 && n.lower == 0;
    if (n.upper + n.lower > 0 && !acronym) core = best_form(word.core, shape == CaseShape::upper, first, score);
    if (n.upper + n.lower > 0) first = false;
    out.push_back(std::string(word.before) + core + std::string(word.after));
  }
  return rebuild(sentence, out);
}

std::string apply_case_shape(std::string_view translation, CaseShape shape, std::string_view language) {
  if (shape == CaseShape::upper) return uppercase(translation);
  if (shape != CaseShape::title) return std::string(translation);
  std::vector<std::string> out;
  bool first = true;
  for (std::string_view w : words_of(translation)) {
    const Word word = split_word(w);
    const std::string lower = lowercase(word.core);
    const bool small = !first && ((language == "es" && contains(kSpanishSmall, lower)) ||
                                  (language == "en" && contains(kEnglishSmall, lower)));
    // Only a word of small letters is capitalized: "80s" and "iPhone" stay as they are.
    const Letters n = count_letters(word.core);
    size_t i = 0;
    const bool lower_word = !word.core.empty() && n.upper == 0 &&
                            u_islower(static_cast<UChar32>(next_code_point(word.core, i)));
    out.push_back(small || !lower_word ? std::string(w)
                                       : std::string(word.before) + capitalize_first(word.core) +
                                             std::string(word.after));
    if (!word.core.empty()) first = false;
  }
  return rebuild(translation, out);
}

}  // namespace heed::text
