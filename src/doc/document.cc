#include "heed/doc/document.h"

#include <fmt/format.h>

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

AlignedTranslation aligned(const decode::Translation& translation) {
  AlignedTranslation out;
  if (translation.candidates.empty()) return out;
  out.text = translation.candidates.front().text;
  out.links = parse_alignment(translation.candidates.front().alignment);
  return out;
}

}  // namespace heed::doc
