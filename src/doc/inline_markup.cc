#include "heed/doc/inline_markup.h"

#include <algorithm>
#include <charconv>

#include "heed/core/error.h"
#include "heed/text/unicode.h"
#include "heed/text/utf8.h"

namespace heed::doc {

namespace {

bool is_separator(char c) { return c == ' ' || c == '\n'; }

bool is_word_character(char32_t cp) {
  return !text::is_python_space(cp) && !text::is_punctuation(cp) && !text::is_symbol(cp);
}

// The number of bytes of punctuation and symbols at the start (or end) of `s`.
size_t punctuation_prefix(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t next = i;
    const char32_t cp = text::next_code_point(s, next);
    if (!text::is_punctuation(cp) && !text::is_symbol(cp)) break;
    i = next;
  }
  return i;
}

size_t punctuation_suffix(std::string_view s) {
  size_t keep = s.size();
  while (keep > 0) {
    size_t start = keep;
    const char32_t cp = text::previous_code_point(s, start);
    if (!text::is_punctuation(cp) && !text::is_symbol(cp)) break;
    keep = start;
  }
  return s.size() - keep;
}

using Ranges = std::vector<std::pair<size_t, size_t>>;

// Where each span lands in the target: bytes [begin, end), or, when none of its words align
// within its place, a point (begin == end) and `placed` false.
struct Placement {
  size_t begin = 0, end = 0;
  bool placed = false;
  bool has_words = false;  // the span covers source words
};

class Placer {
 public:
  Placer(const MarkedText& source, const AlignedTranslation& target)
      : source_(source), target_(target), src_words_(word_ranges(source.text)),
        tgt_words_(word_ranges(target.text)), targets_of_(src_words_.size()),
        children_(source.spans.size() + 1), placement_(source.spans.size()) {
    for (const auto& [s, t] : target.links)
      if (s >= 0 && t >= 0 && static_cast<size_t>(s) < src_words_.size() && static_cast<size_t>(t) < tgt_words_.size())
        targets_of_[s].push_back(t);
    for (size_t i = 0; i < source.spans.size(); ++i) {
      const int parent = source.spans[i].parent;
      HEED_ASSERT(parent < static_cast<int>(i), "inline spans must list parents before children");
      children_[parent + 1].push_back(static_cast<int>(i));
    }
  }

  std::vector<MarkupEvent> run() {
    place(-1, 0, tgt_words_.size());
    emit_target(-1, 0, target_.text.size());
    return std::move(events_);
  }

 private:
  // The source words a span covers: [first, last).
  std::pair<size_t, size_t> words_of(const InlineSpan& s) const {
    size_t first = 0;
    while (first < src_words_.size() && src_words_[first].second <= s.begin) ++first;
    size_t last = first;
    while (last < src_words_.size() && src_words_[last].first < s.end) ++last;
    return {first, last};
  }

  // Target words linked from source words [first, last) that lie in [lo, hi).
  std::pair<size_t, size_t> linked(size_t first, size_t last, size_t lo, size_t hi) const {
    size_t min = hi, max = lo;
    for (size_t w = first; w < last; ++w)
      for (int t : targets_of_[w])
        if (static_cast<size_t>(t) >= lo && static_cast<size_t>(t) < hi) {
          min = std::min(min, static_cast<size_t>(t));
          max = std::max(max, static_cast<size_t>(t) + 1);
        }
    return {min, max};
  }

  // The target word before which a span that found no words of its own goes: before the words
  // of the source word after it, or after those of the word before it.
  size_t boundary(const InlineSpan& s, size_t lo, size_t hi) const {
    size_t next = 0;
    while (next < src_words_.size() && src_words_[next].first < s.end) ++next;
    if (next < src_words_.size()) {
      const auto [min, max] = linked(next, next + 1, lo, hi);
      if (min < max) return min;
    }
    size_t prev = src_words_.size();
    while (prev > 0 && src_words_[prev - 1].second > s.begin) --prev;
    if (prev > 0) {
      const auto [min, max] = linked(prev - 1, prev, lo, hi);
      if (min < max) return max;
    }
    return lo;
  }

  size_t word_start(size_t w) const {
    if (w < tgt_words_.size()) return tgt_words_[w].first;
    return tgt_words_.empty() ? 0 : tgt_words_.back().second;
  }

  // Places the children of `parent` within target words [lo, hi), in order, none overlapping.
  void place(int parent, size_t lo, size_t hi) {
    size_t from = lo;
    for (int c : children_[parent + 1]) {
      const InlineSpan& s = source_.spans[c];
      const auto [first, last] = words_of(s);
      Placement& p = placement_[c];
      p.has_words = first < last;
      const auto [min, max] = linked(first, last, from, hi);
      if (min < max) {
        p.placed = true;
        p.begin = tgt_words_[min].first;
        p.end = tgt_words_[max - 1].second;
        if (!s.atom) trim_punctuation(s, p);
        place(c, min, max);
        from = max;
      } else {
        p.begin = p.end = word_start(boundary(s, from, hi));
      }
    }
  }

  // Punctuation at either end of the target words stays outside the element unless the
  // element's own text has some there: "<b>hola</b>," and "<a>tres gatos</a> negros." keep the
  // comma and the sentence's full stop outside.
  void trim_punctuation(const InlineSpan& s, Placement& p) const {
    const std::string_view own = std::string_view(source_.text).substr(s.begin, s.end - s.begin);
    const std::string_view tgt = target_.text;
    if (punctuation_prefix(own) == 0) p.begin += punctuation_prefix(tgt.substr(p.begin, p.end - p.begin));
    if (punctuation_suffix(own) == 0) p.end -= punctuation_suffix(tgt.substr(p.begin, p.end - p.begin));
  }

  void text(std::string_view from, size_t begin, size_t end) {
    if (begin < end) events_.push_back({MarkupEvent::Kind::text, std::string(from.substr(begin, end - begin)), -1});
  }
  void mark(MarkupEvent::Kind kind, int span) { events_.push_back({kind, {}, span}); }

  void emit_target(int parent, size_t begin, size_t end) {
    size_t cursor = begin;
    for (int c : children_[parent + 1]) {
      const Placement& p = placement_[c];
      const size_t b = std::clamp(p.begin, cursor, end), e = std::clamp(p.end, b, end);
      text(target_.text, cursor, b);
      cursor = b;
      if (!p.placed) {
        emit_unplaced(c, b);
        continue;
      }
      if (source_.spans[c].atom) {
        mark(MarkupEvent::Kind::atom, c);
      } else {
        mark(MarkupEvent::Kind::open, c);
        emit_target(c, b, e);
        mark(MarkupEvent::Kind::close, c);
      }
      cursor = e;
    }
    text(target_.text, cursor, end);
  }

  // A span whose words found no place: at the boundary `at`, with its source content, and a
  // space between it and the target word it meets.
  void emit_unplaced(int c, size_t at) {
    const bool spaced = placement_[c].has_words && !target_.text.empty();
    const bool before_word = at < target_.text.size() && !is_separator(target_.text[at]);
    if (spaced && !before_word && at > 0 && !is_separator(target_.text[at - 1])) text(" ", 0, 1);
    emit_source(c);
    if (spaced && before_word) text(" ", 0, 1);
  }

  void emit_source(int c) {
    const InlineSpan& s = source_.spans[c];
    if (s.atom) {
      mark(MarkupEvent::Kind::atom, c);
      return;
    }
    mark(MarkupEvent::Kind::open, c);
    size_t cursor = s.begin;
    for (int d : children_[c + 1]) {
      const size_t b = std::clamp(source_.spans[d].begin, cursor, s.end);
      text(source_.text, cursor, b);
      emit_source(d);
      cursor = std::clamp(source_.spans[d].end, b, s.end);
    }
    text(source_.text, cursor, s.end);
    mark(MarkupEvent::Kind::close, c);
  }

  const MarkedText& source_;
  const AlignedTranslation& target_;
  Ranges src_words_, tgt_words_;
  std::vector<std::vector<int>> targets_of_;  // per source word
  std::vector<std::vector<int>> children_;    // per span + 1 (0: the block's own)
  std::vector<Placement> placement_;
  std::vector<MarkupEvent> events_;
};

}  // namespace

void MarkedTextBuilder::add_text(std::string_view raw) {
  std::string& t = marked_.text;
  for (size_t i = 0; i < raw.size();) {
    const char32_t cp = text::next_code_point(raw, i);
    if (text::is_python_space(cp)) {
      if (!t.empty() && !is_separator(t.back())) t += ' ';
      continue;
    }
    text::append_utf8(t, cp);
    if (atom_depth_ == 0 && is_word_character(cp)) has_words_ = true;
  }
}

void MarkedTextBuilder::add_break() {
  std::string& t = marked_.text;
  if (!t.empty() && t.back() == ' ') t.back() = '\n';
  else if (!t.empty() && t.back() != '\n') t += '\n';
}

int MarkedTextBuilder::open(int node, bool atom) {
  InlineSpan s;
  s.begin = marked_.text.size();
  s.parent = open_.empty() ? -1 : open_.back();
  s.atom = atom;
  s.node = node;
  marked_.spans.push_back(s);
  open_.push_back(static_cast<int>(marked_.spans.size() - 1));
  if (atom) ++atom_depth_;
  return open_.back();
}

void MarkedTextBuilder::close(int span) {
  HEED_ASSERT(!open_.empty() && open_.back() == span, "inline spans must close innermost first");
  open_.pop_back();
  InlineSpan& s = marked_.spans[span];
  // White space at the end of an element belongs after it: "<b>hola </b>mundo".
  s.end = marked_.text.size();
  while (s.end > s.begin && marked_.text[s.end - 1] == ' ') --s.end;
  if (s.atom) --atom_depth_;
}

MarkedText MarkedTextBuilder::finish() {
  HEED_ASSERT(open_.empty(), "every inline span must be closed");
  std::string& t = marked_.text;
  while (!t.empty() && is_separator(t.back())) t.pop_back();
  for (InlineSpan& s : marked_.spans) {
    s.begin = std::min(s.begin, t.size());
    s.end = std::clamp(s.end, s.begin, t.size());
  }
  return std::move(marked_);
}

std::vector<MarkupEvent> place_markup(const MarkedText& source, const AlignedTranslation& target) {
  return Placer(source, target).run();
}

std::vector<std::pair<int, int>> parse_alignment(std::string_view pharaoh) {
  std::vector<std::pair<int, int>> links;
  size_t i = 0;
  while (i < pharaoh.size()) {
    while (i < pharaoh.size() && pharaoh[i] == ' ') ++i;
    const size_t end = std::min(pharaoh.find(' ', i), pharaoh.size());
    const std::string_view pair = pharaoh.substr(i, end - i);
    const size_t dash = pair.find('-');
    int s = 0, t = 0;
    if (dash != std::string_view::npos &&
        std::from_chars(pair.data(), pair.data() + dash, s).ec == std::errc() &&
        std::from_chars(pair.data() + dash + 1, pair.data() + pair.size(), t).ec == std::errc())
      links.emplace_back(s, t);
    i = end;
  }
  return links;
}

std::vector<std::pair<size_t, size_t>> word_ranges(std::string_view text) {
  std::vector<std::pair<size_t, size_t>> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && is_separator(text[i])) ++i;
    const size_t begin = i;
    while (i < text.size() && !is_separator(text[i])) ++i;
    if (i > begin) words.emplace_back(begin, i);
  }
  return words;
}

}  // namespace heed::doc
