#pragma once
// HTML translated with its markup kept. The page is parsed by an HTML5 parser (gumbo) and
// written back from its tree, every tag as it was written (attributes, case and quoting
// included); only the text of blocks changes. Each block (a paragraph, a list item, a table cell,
// a heading, the title, a div's own text) is one text for the model, cut into sentences there;
// its inline elements (b, i, a, span, …) are placed around the target words their source words
// align to (doc/inline_markup.h). Left as they are: comments, <script>, <style>, <pre>,
// <textarea>, <code>, <kbd>, <samp>, <var>, <svg>, <math>, and anything marked translate="no" or
// class="notranslate". Parsing the result gives the input's element tree, with other text.
#include <cstddef>
#include <string>
#include <string_view>

#include "heed/doc/inline_markup.h"

namespace heed::doc {

struct HtmlOptions {
  // Deeper element trees are refused (an Error): no page needs them, and they cost the parser
  // time and memory out of proportion.
  size_t max_depth = 512;
};

// The page (or fragment) with its text translated. Throws heed::Error for input it refuses.
std::string translate_html(std::string_view html, const AlignedTranslate& translate, const HtmlOptions& options = {});

// The texts translate_html would send to the model, in order (for counting and tests).
std::vector<std::string> html_texts(std::string_view html, const HtmlOptions& options = {});

// The element tree of a page, one line per element (its depth, name and attributes), text left
// out: equal for a page and its translation. (Tests and benchmarks check this.)
std::string html_outline(std::string_view html);

}  // namespace heed::doc
