#include "heed/text/sentences.h"

#include <unicode/brkiter.h>
#include <unicode/filteredbrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>

#include <algorithm>
#include <array>
#include <functional>

#include "heed/core/error.h"
#include "heed/text/utf8.h"

namespace heed::text {

namespace {

// Abbreviations after which a period does not end a sentence, beyond ICU's lists (which hold
// English titles such as "Mr." and "e.g." but nothing for Spanish). Written as they appear,
// period included; "EE. UU." is matched by its last word.
constexpr std::array kSpanish = {
    "Sr.", "Sra.", "Srta.", "Sres.", "Dr.", "Dra.", "Dña.", "D.", "Ud.", "Uds.", "Vd.", "Vds.", "Lic.",
    "Ing.", "Prof.", "Profa.", "Excmo.", "Excma.", "Ilmo.", "Mons.", "Sto.", "Sta.", "etc.", "ej.",
    "p.", "pág.", "págs.", "núm.", "Núm.", "n.º", "nº.", "art.", "Art.", "cap.", "vol.", "fig.",
    "aprox.", "tel.", "Tel.", "Av.", "Avda.", "Cía.", "S.A.", "EE.", "UU.", "EE.UU.", "a.", "d.",
    "C.", "a.m.", "p.m.", "Jr.", "vs.", "cf.", "ed.", "admón.", "depto.", "dpto.", "gral.", "Gral.",
    "Cnel.", "Tte.", "Sgto.", "máx.", "mín.", "s.", "ss.", "izq.", "dcha.", "ca.", "op.", "cit.",
    "Ej.", "Fig.", "Pág.", "Vol.",
};
constexpr std::array kEnglish = {
    "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Sr.", "Jr.", "St.", "Mt.", "Gen.", "Col.", "Lt.", "Sgt.",
    "Capt.", "Gov.", "Sen.", "Rep.", "Rev.", "Hon.", "etc.", "e.g.", "i.e.", "vs.", "cf.", "approx.",
    "No.", "no.", "Nos.", "Fig.", "fig.", "Vol.", "vol.", "p.", "pp.", "ch.", "Ch.", "ed.", "eds.",
    "Inc.", "Ltd.", "Co.", "Corp.", "U.S.", "U.K.", "U.N.", "a.m.", "p.m.", "Jan.", "Feb.", "Mar.",
    "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Ave.", "Blvd.", "Dept.",
    "Est.", "est.", "Ph.D.", "Ph.", "B.A.", "M.A.", "al.",
};

constexpr std::string_view kEllipsis = "\xe2\x80\xa6";

bool is_space(char32_t cp) { return u_isUWhiteSpace(static_cast<UChar32>(cp)) != 0; }

// Byte offset past the white space starting at i / before the white space ending at e.
size_t skip_space(std::string_view s, size_t i, size_t end) {
  while (i < end) {
    size_t j = i;
    if (!is_space(next_code_point(s, j))) break;
    i = j;
  }
  return i;
}
size_t trim_space_back(std::string_view s, size_t begin, size_t e) {
  while (e > begin) {
    size_t start = e - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    size_t j = start;
    if (!is_space(next_code_point(s, j))) break;
    e = start;
  }
  return e;
}

// The last word of a sentence (after its last white space), and the first code point of the next
// one that is a letter or digit (0 if none).
std::string_view last_word(std::string_view sentence) {
  const size_t space = sentence.find_last_of(" \t");
  return space == std::string_view::npos ? sentence : sentence.substr(space + 1);
}
char32_t first_alnum(std::string_view s) {
  bool started = false;  // past the white space the text may begin with
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = next_code_point(s, i);
    if (u_isalnum(static_cast<UChar32>(cp))) return cp;
    if (!is_space(cp)) started = true;
    else if (started) return 0;
  }
  return 0;
}

// An initial: one capital letter and a period ("J."), optionally after an opening bracket or quote.
bool is_initial(std::string_view word) {
  if (word.size() < 2 || word.back() != '.') return false;
  size_t i = 0, letters = 0;
  while (i < word.size() - 1) {
    const char32_t cp = next_code_point(word, i);
    if (u_isupper(static_cast<UChar32>(cp))) ++letters;
    else if (!u_ispunct(static_cast<UChar32>(cp))) return false;
  }
  return letters == 1;
}

}  // namespace

struct SentenceSplitter::Impl {
  std::unique_ptr<icu::BreakIterator> iterator;
  std::vector<std::string> abbreviations;  // sorted, for binary search

  // Whether the boundary between `before` and `after` is not a sentence's end.
  bool joins(std::string_view before, std::string_view after) const {
    const std::string_view word = last_word(before);
    if (std::binary_search(abbreviations.begin(), abbreviations.end(), word)) return true;
    if (is_initial(word)) return true;
    const char32_t next = first_alnum(after);
    return next != 0 && u_islower(static_cast<UChar32>(next));
  }
  // Where sentences may end in [begin, end) of `text`: ICU's boundaries and heed's ellipses.
  std::vector<size_t> candidate_cuts(std::string_view text, size_t begin, size_t end) const;
  // Appends the sentences of one line's content [begin, end) of `text`.
  void split_content(std::string_view text, size_t begin, size_t end, Layout& out, std::string& space) const;
};

SentenceSplitter::SentenceSplitter(const std::string& language) : impl_(std::make_unique<Impl>()) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale(language.c_str());
  std::unique_ptr<icu::BreakIterator> base(icu::BreakIterator::createSentenceInstance(locale, status));
  HEED_CHECK(U_SUCCESS(status) && base, "cannot create ICU's sentence iterator: {}", u_errorName(status));
  // ICU has abbreviation lists for some languages (English, Spanish, ...); others get none.
  std::unique_ptr<icu::FilteredBreakIteratorBuilder> builder(
      icu::FilteredBreakIteratorBuilder::createInstance(locale, status));
  if (U_FAILURE(status) || !builder) {
    status = U_ZERO_ERROR;
    builder.reset(icu::FilteredBreakIteratorBuilder::createEmptyInstance(status));
  }
  HEED_CHECK(U_SUCCESS(status) && builder, "cannot create ICU's sentence filter: {}", u_errorName(status));
  impl_->iterator.reset(builder->wrapIteratorWithFilter(base.release(), status));
  HEED_CHECK(U_SUCCESS(status) && impl_->iterator, "cannot filter ICU's sentence iterator: {}", u_errorName(status));
  if (language == "es") impl_->abbreviations.assign(kSpanish.begin(), kSpanish.end());
  if (language == "en") impl_->abbreviations.assign(kEnglish.begin(), kEnglish.end());
  std::sort(impl_->abbreviations.begin(), impl_->abbreviations.end());
}

SentenceSplitter::~SentenceSplitter() = default;
SentenceSplitter::SentenceSplitter(SentenceSplitter&&) noexcept = default;
SentenceSplitter& SentenceSplitter::operator=(SentenceSplitter&&) noexcept = default;

std::vector<size_t> SentenceSplitter::Impl::candidate_cuts(std::string_view text, size_t begin, size_t end) const {
  std::vector<size_t> cuts;
  UErrorCode status = U_ZERO_ERROR;
  UText* ut = utext_openUTF8(nullptr, text.data() + begin, static_cast<int64_t>(end - begin), &status);
  HEED_ASSERT(U_SUCCESS(status), "cannot open text for ICU: {}", u_errorName(status));
  iterator->setText(ut, status);
  for (int32_t b = iterator->next(); b != icu::BreakIterator::DONE; b = iterator->next())
    if (begin + static_cast<size_t>(b) < end) cuts.push_back(begin + static_cast<size_t>(b));
  // An iterator keeps a pointer to its text: point it at nothing before the UText goes away.
  iterator->setText(icu::UnicodeString());
  utext_close(ut);
  // UAX #29 does not count "…" (U+2026) as a sentence's end; heed does, before white space.
  for (size_t at = text.find(kEllipsis, begin); at < end; at = text.find(kEllipsis, at + 1)) {
    const size_t after = skip_space(text, at + kEllipsis.size(), end);
    if (after > at + kEllipsis.size() && after < end) cuts.push_back(after);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  return cuts;
}

void SentenceSplitter::Impl::split_content(std::string_view text, size_t begin, size_t end, Layout& out,
                                           std::string& space) const {
  size_t start = begin;  // the sentence being built starts here
  for (const size_t cut : candidate_cuts(text, begin, end)) {
    const size_t stop = trim_space_back(text, start, cut);
    if (stop == start || joins(text.substr(start, stop - start), text.substr(cut, end - cut))) continue;
    out.spaces.push_back(std::move(space));
    out.sentences.emplace_back(text.substr(start, stop - start));
    // UAX #29 cuts right after a line or paragraph separator (U+2028, a lone CR), before the
    // spaces that follow it: those belong to the gap, not to the next sentence.
    start = skip_space(text, cut, end);
    space.assign(text.substr(stop, start - stop));
  }
  out.spaces.push_back(std::move(space));
  const size_t stop = trim_space_back(text, start, end);
  out.sentences.emplace_back(text.substr(start, stop - start));
  space.assign(text.substr(stop, end - stop));
}

namespace {

// Cuts `text` at its newlines; each line's content (between its white space) goes to `content`,
// which appends its sentences to the layout and leaves the white space after them in `space`.
using ContentSplitter = std::function<void(size_t begin, size_t end, Layout& out, std::string& space)>;

Layout layout_by_lines(std::string_view text, const ContentSplitter& content_of) {
  Layout out;
  std::string space;
  size_t i = 0;
  while (i < text.size()) {
    const size_t newline = std::min(text.find('\n', i), text.size());
    const size_t content = skip_space(text, i, newline);
    space.append(text.substr(i, content - i));
    const size_t content_end = trim_space_back(text, content, newline);
    if (content < content_end) content_of(content, content_end, out, space);
    space.append(text.substr(content_end, std::min(newline + 1, text.size()) - content_end));
    i = newline + 1;
  }
  out.spaces.push_back(std::move(space));
  return out;
}

}  // namespace

Layout SentenceSplitter::split(std::string_view text) const {
  return layout_by_lines(text, [&](size_t begin, size_t end, Layout& out, std::string& space) {
    impl_->split_content(text, begin, end, out, space);
  });
}

Layout split_lines(std::string_view text) {
  return layout_by_lines(text, [&](size_t begin, size_t end, Layout& out, std::string& space) {
    out.spaces.push_back(std::move(space));
    out.sentences.emplace_back(text.substr(begin, end - begin));
    space.clear();
  });
}

std::string join_layout(const Layout& layout, const std::vector<std::string>& translations) {
  HEED_ASSERT(translations.size() == layout.sentences.size(), "{} translations for {} sentences",
             translations.size(), layout.sentences.size());
  std::string out;
  for (size_t i = 0; i < translations.size(); ++i) out += layout.spaces[i] + translations[i];
  out += layout.spaces.back();
  return out;
}

}  // namespace heed::text
