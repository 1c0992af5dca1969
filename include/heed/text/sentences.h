#pragma once
// Sentences of real text, and the layout around them. A model is trained on sentences; people
// paste paragraphs, several lines, blank lines and indentation. The splitter cuts a text into the
// sentences to translate and keeps every byte between them (spaces, tabs, newlines), so that the
// translations can be put back in the same layout.
//
// Sentence boundaries come from ICU's sentence BreakIterator (Unicode's UAX #29 rules: `.` `!`
// `?` `…`, closing quotes and brackets, decimals, URLs) filtered by ICU's abbreviation lists for
// the language ("Mr.", "etc."), by heed's own list of abbreviations (Sr., Sra., EE. UU., p. ej.,
// e.g., U.S. …), and by two rules of its own: no boundary after an initial ("J. R. R. Tolkien"),
// and none before a lower-case letter ("¿vienes? y se fue"). A newline always ends a sentence.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace heed::text {

// A text cut into sentences: spaces[i] precedes sentences[i], and spaces.back() follows the last
// one, so spaces.size() == sentences.size() + 1 and joining them in turn gives back the text.
struct Layout {
  std::vector<std::string> sentences;  // none empty, none beginning or ending with white space
  std::vector<std::string> spaces;
};

// The text again, with each sentence replaced by its translation (translations.size() must equal
// layout.sentences.size()).
std::string join_layout(const Layout& layout, const std::vector<std::string>& translations);

class SentenceSplitter {
 public:
  // `language`: an ISO 639-1 code; "es" and "en" get their abbreviations, others the generic rules.
  explicit SentenceSplitter(const std::string& language);
  ~SentenceSplitter();
  SentenceSplitter(SentenceSplitter&&) noexcept;
  SentenceSplitter& operator=(SentenceSplitter&&) noexcept;

  // Valid UTF-8 in, a Layout out. Not for use from two threads at once (ICU's iterator has state).
  Layout split(std::string_view text) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The layout of a text not cut into sentences: each line's text between its leading and trailing
// white space is one "sentence" (for --split none).
Layout split_lines(std::string_view text);

}  // namespace heed::text
