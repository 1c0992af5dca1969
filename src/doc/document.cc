#include "heed/doc/document.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "heed/core/error.h"
#include "heed/doc/office.h"
#include "heed/doc/subtitles.h"

namespace heed::doc {

namespace {

struct Named {
  DocumentFormat format;
  const char* name;
};
constexpr Named kFormats[] = {{DocumentFormat::text, "text"}, {DocumentFormat::html, "html"},
                              {DocumentFormat::srt, "srt"},   {DocumentFormat::vtt, "vtt"},
                              {DocumentFormat::docx, "docx"}, {DocumentFormat::odt, "odt"}};

struct Extension {
  const char* extension;
  DocumentFormat format;
};
constexpr Extension kExtensions[] = {{".txt", DocumentFormat::text}, {".html", DocumentFormat::html},
                                     {".htm", DocumentFormat::html}, {".xhtml", DocumentFormat::html},
                                     {".srt", DocumentFormat::srt},  {".vtt", DocumentFormat::vtt},
                                     {".docx", DocumentFormat::docx}, {".odt", DocumentFormat::odt}};

bool ends_with_ignoring_case(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i]) return false;
  return true;
}

}  // namespace

const char* to_string(DocumentFormat format) {
  for (const auto& f : kFormats)
    if (f.format == format) return f.name;
  return "?";
}

std::optional<DocumentFormat> parse_document_format(std::string_view name) {
  for (const auto& f : kFormats)
    if (name == f.name) return f.format;
  return std::nullopt;
}

std::optional<DocumentFormat> format_of_file_name(std::string_view name) {
  for (const auto& e : kExtensions)
    if (ends_with_ignoring_case(name, e.extension)) return e.format;
  return std::nullopt;
}

const char* accepted_extensions() { return ".txt, .html, .htm, .xhtml, .srt, .vtt, .docx, .odt"; }

std::string translate_document(std::string_view content, DocumentFormat format, const AlignedTranslate& translate,
                               const std::string& name, const DocumentOptions& options) {
  if (content.size() > options.max_bytes)
    throw Error(fmt::format("{}: {} bytes; documents may have at most {}", name, content.size(), options.max_bytes));
  try {
    switch (format) {
      case DocumentFormat::html: return translate_html(content, translate, options.html);
      case DocumentFormat::srt: return translate_subtitles(content, SubtitleFormat::srt, translate, name);
      case DocumentFormat::vtt: return translate_subtitles(content, SubtitleFormat::vtt, translate, name);
      case DocumentFormat::docx: return translate_docx(content, translate, name);
      case DocumentFormat::odt: return translate_odt(content, translate, name);
      case DocumentFormat::text: break;
    }
  } catch (const Error& e) {
    // Subtitles name their file and line themselves; the others get the file's name here.
    const std::string what = e.what();
    if (what.rfind(name + ":", 0) == 0) throw;
    throw Error(fmt::format("{}: {}", name, what));
  }
  HEED_ASSERT(false, "plain text is translated line by line, not as a document");
}

namespace {

// The word of each piece (a piece starting with U+2581 starts one); -1 for an end of sentence.
std::vector<int> piece_words(const std::vector<std::string>& pieces, int& words) {
  std::vector<int> out(pieces.size(), -1);
  words = 0;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i] == "</s>") continue;
    if (words == 0 || pieces[i].rfind("\xe2\x96\x81", 0) == 0) ++words;
    out[i] = words - 1;
  }
  return out;
}

// The translator links each target word to the source word it attends to most, which passes
// over many a source word ("las", "por la"): each source word is also linked to the target word
// that attends to it most, so that an element around such words still finds its place.
void add_source_links(const decode::Translation::Candidate& c, std::vector<std::pair<int, int>>& links) {
  int source_words = 0, target_words = 0;
  const auto sw = piece_words(c.source_pieces, source_words), tw = piece_words(c.target_pieces, target_words);
  std::vector<std::vector<double>> mass(source_words, std::vector<double>(target_words, 0.0));
  for (size_t t = 0; t < c.attention.size() && t < tw.size(); ++t)
    for (size_t s = 0; s < c.attention[t].size() && s < sw.size(); ++s)
      if (tw[t] >= 0 && sw[s] >= 0) mass[sw[s]][tw[t]] += c.attention[t][s];
  for (int s = 0; s < source_words; ++s) {
    const auto best = std::max_element(mass[s].begin(), mass[s].end());
    if (best == mass[s].end() || *best <= 0) continue;
    const std::pair<int, int> link{s, static_cast<int>(best - mass[s].begin())};
    if (std::find(links.begin(), links.end(), link) == links.end()) links.push_back(link);
  }
}

}  // namespace

AlignedTranslation aligned(const decode::Translation& translation) {
  AlignedTranslation out;
  if (translation.candidates.empty()) return out;
  const auto& best = translation.candidates.front();
  out.text = best.text;
  out.links = parse_alignment(best.alignment);
  add_source_links(best, out.links);
  return out;
}

}  // namespace heed::doc
