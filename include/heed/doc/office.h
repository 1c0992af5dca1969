#pragma once
// Office files: Word (.docx) and OpenDocument text (.odt). The package is unzipped, the text of
// each paragraph (body, tables, lists, headers and footers, notes, text boxes) translated across
// its runs, and the package zipped again with every part it did not change copied byte for
// byte. Character formatting (bold, italic, a font, a link) is carried over as inline markup
// (doc/inline_markup.h): in Word, runs of the paragraph's most common formatting are plain text
// and runs of any other are elements around their words; fields, drawings, breaks, tabs,
// bookmarks and notes are kept and placed at their words.
#include <cstddef>
#include <string>
#include <string_view>

#include "heed/doc/inline_markup.h"

namespace heed::doc {

struct OfficeOptions {
  size_t max_part_bytes = 64 << 20;  // an XML part unpacking to more is refused (a zip bomb)
};

// The package `bytes` translated; `name` names it in errors (a zip that cannot be read, a
// missing document part, XML that does not parse).
std::string translate_docx(std::string_view bytes, const AlignedTranslate& translate, const std::string& name,
                           const OfficeOptions& options = {});
std::string translate_odt(std::string_view bytes, const AlignedTranslate& translate, const std::string& name,
                          const OfficeOptions& options = {});

}  // namespace heed::doc
