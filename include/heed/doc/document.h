#pragma once
// Documents: the formats heed translates whole, chosen by name or by a file's extension, and
// the one call that translates any of them. Plain text is not among them: it goes line by line
// through decode/stream.h, one output line per input line, as it always has.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "heed/decode/translator.h"
#include "heed/doc/html.h"
#include "heed/doc/inline_markup.h"

namespace heed::doc {

enum class DocumentFormat { text, html, srt, vtt, docx, odt };

// "text", "html", "srt", "vtt", "docx", "odt" (the names of --format and of LibreTranslate's
// file types).
const char* to_string(DocumentFormat format);
std::optional<DocumentFormat> parse_document_format(std::string_view name);
// By the extension of a file name, ignoring case: .html/.htm/.xhtml, .srt, .vtt, .docx, .odt,
// .txt; nullopt for any other.
std::optional<DocumentFormat> format_of_file_name(std::string_view name);
// The extensions format_of_file_name knows, for messages and the server's settings: ".txt, .html, …".
const char* accepted_extensions();

struct DocumentOptions {
  size_t max_bytes = 20 << 20;  // larger documents are refused (an Error naming the limit)
  HtmlOptions html;
};

// The document `content` of `format` (not text) translated; `name` names it in errors
// ("film.srt:12: …"). Throws heed::Error for a document it cannot read.
std::string translate_document(std::string_view content, DocumentFormat format, const AlignedTranslate& translate,
                               const std::string& name, const DocumentOptions& options = {});

// What a document needs of a translation: the best candidate's text and its word alignment
// (the search must keep attention: decode::SearchOptions::attention).
AlignedTranslation aligned(const decode::Translation& translation);

}  // namespace heed::doc
