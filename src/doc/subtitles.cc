#include "heed/doc/subtitles.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "heed/core/error.h"
#include "heed/text/casing.h"
#include "heed/text/utf8.h"

namespace heed::doc {

namespace {

constexpr size_t kMaxCuesPerSentence = 4;

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// Reads `digits` digits at s[i] into `value`.
bool read_number(std::string_view s, size_t& i, size_t digits, int& value) {
  value = 0;
  const size_t start = i;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && (digits == 0 || i - start < digits))
    value = value * 10 + (s[i++] - '0');
  return i > start && (digits == 0 || i - start == digits);
}

// SubRip "HH:MM:SS,mmm" (or with '.'); WebVTT "[HH:]MM:SS.mmm". Milliseconds, or -1.
long long timestamp_ms(std::string_view s, SubtitleFormat format) {
  int parts[3] = {0, 0, 0}, count = 0, ms = 0;
  size_t i = 0;
  for (; count < 3; ++count) {
    if (!read_number(s, i, count == 0 ? 0 : 2, parts[count])) return -1;
    if (i < s.size() && s[i] == ':') ++i;
    else break;
  }
  const int fields = count + 1;
  if (fields < (format == SubtitleFormat::srt ? 3 : 2) || fields > 3 || i >= s.size()) return -1;
  if (s[i] != '.' && !(format == SubtitleFormat::srt && s[i] == ',')) return -1;
  ++i;
  if (!read_number(s, i, 3, ms) || i != s.size()) return -1;
  const int hours = fields == 3 ? parts[0] : 0, minutes = parts[fields - 2], seconds = parts[fields - 1];
  if (minutes > 59 || seconds > 59) return -1;
  return ((hours * 60LL + minutes) * 60 + seconds) * 1000 + ms;
}

// A cue's text as the model reads it: inline tags as spans, and how to write them back.
struct CueMarkup {
  MarkedText marked;
  std::vector<std::string> open_text, close_text;  // per span node
};

struct Cue {
  size_t first_line = 0, lines = 0;  // its text lines in the file
  std::string prefix, suffix;        // tags around the whole text ("{\an8}<i>", "</i>")
  CueMarkup markup;                  // the text between
  std::vector<size_t> line_lengths;  // of its source lines, in characters
  bool dialogue = false;             // lines of different speakers ("- Hola.\n- Adiós.")
  bool tags_inside = false;
};

// The tags of subtitle text: <i>, </i>, <font color="x">, WebVTT's <c.red>, <v Tom>, <00:01.000>.
bool is_tag_at(std::string_view s, size_t i) {
  if (s[i] != '<' || i + 1 >= s.size() || s.find('>', i) == std::string_view::npos) return false;
  const char c = s[i + 1];
  return std::isalpha(static_cast<unsigned char>(c)) || c == '/' || std::isdigit(static_cast<unsigned char>(c));
}

std::string tag_name(std::string_view tag) {
  size_t i = tag[1] == '/' ? 2 : 1, end = i;
  while (end < tag.size() && std::isalnum(static_cast<unsigned char>(tag[end]))) ++end;
  std::string name(tag.substr(i, end - i));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

class SubtitleFile {
 public:
  SubtitleFile(std::string_view content, SubtitleFormat format, const std::string& name)
      : format_(format), name_(name) {
    split_lines(content);
    parse();
  }

  std::vector<MarkedText> texts();
  std::string write(const std::vector<AlignedTranslation>& translations);

 private:
  [[noreturn]] void fail(size_t line, const std::string& what) const {
    throw Error(fmt::format("{}:{}: {}", name_, line + 1, what));
  }

  void split_lines(std::string_view content) {
    if (starts_with(content, "\xEF\xBB\xBF")) {
      bom_ = true;
      content.remove_prefix(3);
    }
    if (!text::is_valid_utf8(content))
      fail(static_cast<size_t>(std::count(content.begin(), content.begin() + text::find_invalid_utf8(content), '\n')),
           "invalid UTF-8 (subtitles must be UTF-8)");
    crlf_ = content.find("\r\n") != std::string_view::npos;
    size_t i = 0;
    while (i < content.size()) {
      size_t end = content.find('\n', i);
      if (end == std::string_view::npos) end = content.size();
      std::string_view line = content.substr(i, end - i);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      lines_.emplace_back(line);
      i = end + 1;
    }
    final_newline_ = !content.empty() && content.back() == '\n';
  }

  void parse() {
    size_t i = 0;
    if (format_ == SubtitleFormat::vtt) {
      if (lines_.empty() || !starts_with(lines_[0], "WEBVTT") ||
          (lines_[0].size() > 6 && lines_[0][6] != ' ' && lines_[0][6] != '\t'))
        fail(0, "a WebVTT file starts with the line WEBVTT");
      while (i < lines_.size() && !trim(lines_[i]).empty()) ++i;  // the header block
    }
    while (i < lines_.size()) {
      if (trim(lines_[i]).empty()) {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < lines_.size() && !trim(lines_[end]).empty()) ++end;
      parse_block(i, end);
      i = end;
    }
  }

  void parse_block(size_t begin, size_t end) {
    const std::string_view first = lines_[begin];
    if (format_ == SubtitleFormat::vtt &&
        (starts_with(first, "NOTE") || starts_with(first, "STYLE") || starts_with(first, "REGION")))
      return;
    size_t timing = begin;
    if (lines_[timing].find("-->") == std::string::npos) ++timing;  // a cue number or identifier
    if (timing >= end || lines_[timing].find("-->") == std::string::npos)
      fail(begin, "a cue without a timing line (START --> END)");
    check_timing(timing);
    Cue cue;
    cue.first_line = timing + 1;
    cue.lines = end - timing - 1;
    if (cue.lines > 0) read_text(cue);
    cues_.push_back(std::move(cue));
  }

  void check_timing(size_t line) const {
    const std::string_view l = lines_[line];
    const size_t arrow = l.find("-->");
    const std::string_view start = trim(l.substr(0, arrow));
    std::string_view rest = trim(l.substr(arrow + 3));
    const std::string_view end = rest.substr(0, std::min(rest.find_first_of(" \t"), rest.size()));
    const long long from = timestamp_ms(start, format_), to = timestamp_ms(end, format_);
    const char* shape = format_ == SubtitleFormat::srt ? "HH:MM:SS,mmm --> HH:MM:SS,mmm" : "HH:MM:SS.mmm --> HH:MM:SS.mmm";
    if (from < 0 || to < 0) fail(line, fmt::format("a timing line reads {}, not '{}'", shape, l));
    if (to < from) fail(line, fmt::format("the cue ends before it starts: '{}'", l));
  }

  void read_text(Cue& cue);
  void add_cue_text(MarkedTextBuilder& builder, std::string_view text, CueMarkup& markup) const;
  std::string decode_entities(std::string_view s) const;
  void append_text(std::string& out, std::string_view text) const;
  std::string join(const std::vector<std::vector<std::string>>& new_lines, const std::vector<bool>& written) const;

  SubtitleFormat format_;
  std::string name_;
  std::vector<std::string> lines_;
  bool bom_ = false, crlf_ = false, final_newline_ = false;
  std::vector<Cue> cues_;
  std::vector<std::vector<size_t>> groups_;  // cues translated together
};

// Whole-cue tags become prefix and suffix; tags inside are spans for the alignment to place.
void SubtitleFile::read_text(Cue& cue) {
  std::string body;
  for (size_t l = 0; l < cue.lines; ++l) {
    const std::string& line = lines_[cue.first_line + l];
    body += (l ? "\n" : "") + line;
    cue.dialogue = cue.dialogue || (cue.lines > 1 && starts_with(line, "-"));
  }
  // An ASS override ("{\an8}") at the start is a position, not text.
  if (starts_with(body, "{\\")) {
    const size_t close = body.find('}');
    if (close != std::string::npos) {
      cue.prefix = body.substr(0, close + 1);
      body.erase(0, close + 1);
    }
  }
  // One tag around everything: "<i>…</i>".
  if (!body.empty() && is_tag_at(body, 0)) {
    const size_t open_end = body.find('>') + 1;
    const std::string name = tag_name(body.substr(0, open_end));
    const std::string close = "</" + name + ">";
    if (body.size() >= open_end + close.size() && body.compare(body.size() - close.size(), close.size(), close) == 0 &&
        body.find('<', open_end) == body.size() - close.size()) {
      cue.prefix += body.substr(0, open_end);
      cue.suffix = close;
      body = body.substr(open_end, body.size() - close.size() - open_end);
    }
  }
  cue.tags_inside = body.find('<') != std::string::npos && [&] {
    for (size_t i = 0; i < body.size(); ++i)
      if (is_tag_at(body, i)) return true;
    return false;
  }();
  size_t start = 0;
  while (start <= body.size()) {
    const size_t nl = std::min(body.find('\n', start), body.size());
    cue.line_lengths.push_back(text::repair_utf8(body.substr(start, nl - start)).size());
    start = nl + 1;
  }
  MarkedTextBuilder builder;
  add_cue_text(builder, body, cue.markup);
  cue.markup.marked = builder.finish();
}

void SubtitleFile::add_cue_text(MarkedTextBuilder& builder, std::string_view text, CueMarkup& markup) const {
  std::vector<std::pair<int, std::string>> open;  // span, tag name
  size_t i = 0, plain = 0;
  auto flush = [&](size_t to) {
    std::string_view chunk = text.substr(plain, to - plain);
    size_t nl;
    while ((nl = chunk.find('\n')) != std::string_view::npos) {
      builder.add_text(decode_entities(chunk.substr(0, nl)));
      if (/* dialogue lines are sentences of their own */ chunk.size() > nl + 1 && chunk[nl + 1] == '-') builder.add_break();
      else builder.add_text(" ");
      chunk.remove_prefix(nl + 1);
    }
    builder.add_text(decode_entities(chunk));
  };
  while (i < text.size()) {
    if (!is_tag_at(text, i)) {
      ++i;
      continue;
    }
    flush(i);
    const size_t end = text.find('>', i) + 1;
    const std::string_view tag = text.substr(i, end - i);
    const std::string name = tag_name(tag);
    if (tag[1] == '/' && !open.empty() && open.back().second == name) {
      markup.close_text[open.back().first] = std::string(tag);
      builder.close(open.back().first);
      open.pop_back();
    } else {
      const bool atom = tag[1] == '/' || std::isdigit(static_cast<unsigned char>(tag[1]));  // a stray end, a timestamp
      const int node = static_cast<int>(markup.open_text.size());
      markup.open_text.emplace_back(tag);
      markup.close_text.emplace_back();
      const int span = builder.open(node, atom);
      HEED_ASSERT(span == node, "a cue's tags are its spans, one each");
      if (atom) builder.close(span);
      else open.emplace_back(span, name);
    }
    i = plain = end;
  }
  flush(text.size());
  while (!open.empty()) {  // left open: closed at the end of the cue, as players do
    builder.close(open.back().first);
    open.pop_back();
  }
}


std::string SubtitleFile::decode_entities(std::string_view s) const {
  if (format_ != SubtitleFormat::vtt) return std::string(s);
  static const std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&nbsp;", "\xC2\xA0"}, {"&lrm;", "\xE2\x80\x8E"},
      {"&rlm;", "\xE2\x80\x8F"}, {"&quot;", "\""}, {"&apos;", "'"}};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    bool replaced = false;
    if (s[i] == '&')
      for (const auto& [name, value] : kEntities)
        if (s.substr(i, name.size()) == name) {
          out += value;
          i += name.size();
          replaced = true;
          break;
        }
    if (!replaced) out += s[i++];
  }
  return out;
}

void SubtitleFile::append_text(std::string& out, std::string_view text) const {
  if (format_ != SubtitleFormat::vtt) {
    out += text;
    return;
  }
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
}

std::vector<MarkedText> SubtitleFile::texts() {
  groups_.clear();
  for (size_t c = 0; c < cues_.size(); ++c) {
    const Cue& cue = cues_[c];
    if (cue.markup.marked.text.empty()) continue;
    bool joins = false;
    if (!groups_.empty() && groups_.back().back() == c - 1 && groups_.back().size() < kMaxCuesPerSentence) {
      const Cue& before = cues_[c - 1];
      joins = !before.tags_inside && !cue.tags_inside && !before.dialogue && !cue.dialogue &&
              before.prefix == cue.prefix && !text::ends_as_sentence(before.markup.marked.text);
    }
    if (joins) groups_.back().push_back(c);
    else groups_.push_back({c});
  }
  std::vector<MarkedText> out;
  for (const auto& group : groups_) {
    if (group.size() == 1) {
      out.push_back(cues_[group[0]].markup.marked);
      continue;
    }
    MarkedText joined;  // cues joined by a sentence have no tags inside
    for (size_t c : group) joined.text += (joined.text.empty() ? "" : " ") + cues_[c].markup.marked.text;
    out.push_back(std::move(joined));
  }
  return out;
}

// Translated text with the places where it may be cut (spaces outside tags), each with the
// characters of text before it.
struct Rendered {
  std::string text;
  std::vector<std::pair<size_t, size_t>> cuts;  // (byte offset of the space, characters before it)
  size_t characters = 0;
};

// Cuts `r` into at most weights.size() parts whose lengths in characters follow the weights,
// each cut at the space nearest its ideal place. Fewer spaces than cuts give fewer parts.
std::vector<Rendered> share_out(const Rendered& r, const std::vector<size_t>& weights) {
  size_t total_weight = 0;
  for (size_t w : weights) total_weight += w;
  std::vector<size_t> chosen;  // indices into r.cuts
  size_t next = 0, sum = 0;
  for (size_t p = 0; p + 1 < weights.size() && next < r.cuts.size(); ++p) {
    sum += weights[p];
    const double ideal = total_weight ? static_cast<double>(r.characters) * sum / total_weight : 0;
    // The nearest cut at or after `next`, leaving one for each part still to come where possible.
    size_t best = next;
    for (size_t k = next; k < r.cuts.size(); ++k)
      if (std::abs(static_cast<double>(r.cuts[k].second) - ideal) < std::abs(static_cast<double>(r.cuts[best].second) - ideal))
        best = k;
    const size_t parts_left = weights.size() - p - 2;
    best = std::min(best, r.cuts.size() - 1 - std::min(parts_left, r.cuts.size() - 1 - next));
    chosen.push_back(best);
    next = best + 1;
  }
  std::vector<Rendered> parts;
  size_t from = 0, from_chars = 0, k_from = 0;
  for (size_t i = 0; i <= chosen.size(); ++i) {
    const size_t to = i < chosen.size() ? r.cuts[chosen[i]].first : r.text.size();
    const size_t k_to = i < chosen.size() ? chosen[i] : r.cuts.size();
    Rendered part;
    part.text = r.text.substr(from, to - from);
    for (size_t k = k_from; k < k_to; ++k) part.cuts.emplace_back(r.cuts[k].first - from, r.cuts[k].second - from_chars);
    part.characters = (i < chosen.size() ? r.cuts[chosen[i]].second : r.characters) - from_chars;
    parts.push_back(std::move(part));
    if (i < chosen.size()) {
      from = to + 1;
      from_chars = r.cuts[chosen[i]].second + 1;
      k_from = chosen[i] + 1;
    }
  }
  return parts;
}

std::string SubtitleFile::write(const std::vector<AlignedTranslation>& translations) {
  HEED_ASSERT(translations.size() == groups_.size(), "one translation per group of cues");
  std::vector<std::vector<std::string>> new_lines(cues_.size());
  std::vector<bool> written(cues_.size(), false);
  for (size_t g = 0; g < groups_.size(); ++g) {
    const auto& group = groups_[g];
    Rendered whole;
    auto add_text = [&](std::string_view t) {
      for (size_t i = 0; i < t.size();) {
        const size_t start = i;
        const char32_t cp = text::next_code_point(t, i);
        if (cp == ' ') whole.cuts.emplace_back(whole.text.size(), whole.characters);
        append_text(whole.text, t.substr(start, i - start));
        ++whole.characters;
      }
    };
    if (group.size() == 1) {
      const CueMarkup& m = cues_[group[0]].markup;
      for (const MarkupEvent& e : place_markup(m.marked, translations[g])) {
        if (e.kind == MarkupEvent::Kind::text) add_text(e.text);
        else if (e.kind == MarkupEvent::Kind::close) whole.text += m.close_text[m.marked.spans[e.span].node];
        else whole.text += m.open_text[m.marked.spans[e.span].node];
      }
    } else {
      add_text(translations[g].text);
    }
    std::vector<size_t> weights;
    for (size_t c : group) weights.push_back(cues_[c].markup.marked.text.size());
    const auto parts = group.size() == 1 ? std::vector<Rendered>{whole} : share_out(whole, weights);
    for (size_t i = 0; i < group.size(); ++i) {
      const Cue& cue = cues_[group[i]];
      written[group[i]] = true;
      if (i >= parts.size()) continue;  // more cues than words: the last ones fall silent
      std::vector<std::string>& lines = new_lines[group[i]];
      if (cue.dialogue) {
        size_t start = 0;
        const std::string& t = parts[i].text;
        while (start <= t.size()) {
          const size_t nl = std::min(t.find('\n', start), t.size());
          lines.push_back(t.substr(start, nl - start));
          start = nl + 1;
        }
      } else {
        for (const Rendered& line : share_out(parts[i], cue.line_lengths)) lines.push_back(line.text);
      }
      lines.front() = cue.prefix + lines.front();
      lines.back() += cue.suffix;
    }
  }
  return join(new_lines, written);
}

// The file again, each translated cue's text lines in place of its source lines.
std::string SubtitleFile::join(const std::vector<std::vector<std::string>>& new_lines,
                               const std::vector<bool>& written) const {
  std::vector<int> cue_at(lines_.size(), -1);
  for (size_t c = 0; c < cues_.size(); ++c)
    if (written[c]) cue_at[cues_[c].first_line] = static_cast<int>(c);
  std::vector<std::string_view> out_lines;
  for (size_t l = 0; l < lines_.size();) {
    if (cue_at[l] < 0) {
      out_lines.push_back(lines_[l++]);
      continue;
    }
    for (const auto& line : new_lines[cue_at[l]]) out_lines.push_back(line);
    l += cues_[cue_at[l]].lines;
  }
  const std::string nl = crlf_ ? "\r\n" : "\n";
  std::string out = bom_ ? "\xEF\xBB\xBF" : "";
  for (size_t i = 0; i < out_lines.size(); ++i) {
    out += out_lines[i];
    if (i + 1 < out_lines.size() || final_newline_) out += nl;
  }
  return out;
}

}  // namespace

std::string translate_subtitles(std::string_view content, SubtitleFormat format, const AlignedTranslate& translate,
                                const std::string& name) {
  SubtitleFile file(content, format, name);
  std::vector<std::string> texts;
  for (const auto& t : file.texts()) texts.push_back(t.text);
  const auto translations = texts.empty() ? std::vector<AlignedTranslation>{} : translate(texts);
  HEED_ASSERT(translations.size() == texts.size(), "the translator must answer every text");
  return file.write(translations);
}

}  // namespace heed::doc
