#pragma once
// Inline markup carried across a translation. A document format cuts its text into blocks (a
// paragraph, a list item, a subtitle cue); each block is plain text for the model plus the inline
// elements over it (bold, a link, a line break), as byte ranges of that text. After translation,
// each element is put around the target words that its source words align to, the way
// Bergamot does; the elements keep their order and nesting, so the format can write every one of
// them exactly once. The format names its elements by its own handles (`node`); this code never
// sees markup.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace heed::doc {

// One inline element over a block's text: the bytes [begin, end) of MarkedText::text.
struct InlineSpan {
  size_t begin = 0, end = 0;
  int parent = -1;  // the enclosing span, -1 for the block itself
  // Written back exactly as it was: content not to translate (code, translate="no"), or an
  // element with no text of its own (a line break, an image). Its words are in the text, so the
  // model reads the sentence whole, and the target words aligned to them are replaced by it.
  bool atom = false;
  int node = -1;  // the format's handle for the element
};

// A block's text: white space normalised (single spaces between words, "\n" for a line break,
// none at either end), and its inline elements, parents before children, siblings in order.
struct MarkedText {
  std::string text;
  std::vector<InlineSpan> spans;
};

// Builds a MarkedText from a format's walk over a block: text as it comes (white space
// collapsed), and elements opened and closed around it.
class MarkedTextBuilder {
 public:
  void add_text(std::string_view raw);  // UTF-8; runs of white space become one space
  void add_break();                     // a line break: "\n" (it absorbs the white space around it)
  int open(int node, bool atom);        // the new span's index
  void close(int span);
  // True when the block has something to translate (a letter or a digit outside atoms counts;
  // white space, punctuation alone and atoms do not).
  bool has_words() const { return has_words_; }
  MarkedText finish();

 private:
  MarkedText marked_;
  std::vector<int> open_;  // spans not yet closed, innermost last
  int atom_depth_ = 0;
  bool has_words_ = false;
};

// A translation with its word alignment: words are the text's pieces between spaces and
// newlines, on both sides; each link joins a source word and a target word.
struct AlignedTranslation {
  std::string text;
  std::vector<std::pair<int, int>> links;  // (source word, target word)
};

// Translates texts in one call (so that they are batched together), with alignments.
using AlignedTranslate = std::function<std::vector<AlignedTranslation>(const std::vector<std::string>&)>;

// What a format writes for a translated block, in order.
struct MarkupEvent {
  enum class Kind { text, open, close, atom };
  Kind kind = Kind::text;
  std::string text;  // Kind::text: plain text, to escape as the format needs
  int span = -1;     // the others: an index into MarkedText::spans
};

// The translated block with the source's inline elements placed on it. Every span of `source`
// gets exactly one open and one close (or one atom), properly nested, in source order. An element
// whose words align to nothing is kept at the nearest word boundary with its source text.
std::vector<MarkupEvent> place_markup(const MarkedText& source, const AlignedTranslation& target);

// Pharaoh "s-t" pairs ("0-0 1-2"), as decode::Translation::Candidate::alignment writes them.
std::vector<std::pair<int, int>> parse_alignment(std::string_view pharaoh);

// The byte ranges of the words of a text (pieces between ' ' and '\n').
std::vector<std::pair<size_t, size_t>> word_ranges(std::string_view text);

}  // namespace heed::doc
