#pragma once
// Translators without a model, for the document formats' tests: each answers with words it makes
// from the source's words and an exact alignment, so that where markup must go is known.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "heed/doc/inline_markup.h"

namespace heed::testing {

// The words of a text (between spaces and newlines), upper-cased, in order (`reverse` false) or
// reversed; in order they keep their separators, reversed they are joined by spaces; each
// word links to its own image.
inline doc::AlignedTranslation fake_translation(const std::string& source, bool reverse) {
  const auto ranges = doc::word_ranges(source);
  std::vector<std::string> words;
  for (const auto& [b, e] : ranges) {
    std::string w = source.substr(b, e - b);
    for (char& c : w) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    words.push_back(w);
  }
  doc::AlignedTranslation out;
  const int n = static_cast<int>(words.size());
  for (int i = 0; i < n; ++i) {
    const int from = reverse ? n - 1 - i : i;
    // In order, a word keeps the separator before it (a space or a newline).
    const char separator = !reverse && i > 0 ? source[ranges[i].first - 1] : ' ';
    out.text += (i ? std::string(1, separator) : "") + words[from];
    out.links.emplace_back(from, i);
  }
  return out;
}

inline doc::AlignedTranslate fake_translator(bool reverse) {
  return [reverse](const std::vector<std::string>& texts) {
    std::vector<doc::AlignedTranslation> out;
    for (const auto& t : texts) out.push_back(fake_translation(t, reverse));
    return out;
  };
}

}  // namespace heed::testing
