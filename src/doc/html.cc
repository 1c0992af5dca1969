#include "heed/doc/html.h"

#include <fmt/format.h>
#include <gumbo.h>

#include <memory>
#include <unordered_map>

#include "heed/core/error.h"

namespace heed::doc {

namespace {

// How a node takes part in the text of its block.
enum class Role {
  block,   // its children are blocks or runs of text of their own
  inline_, // its text belongs to the run it sits in, and it is placed by alignment
  text,    // text or white space
  atom,    // kept exactly as written, placed as one piece inside a run (code, <br>, a comment)
  kept,    // kept exactly as written, and a block: <pre>, <script> between paragraphs, …
};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

// translate="no", or the class "notranslate" (Google's, which LibreTranslate and Bergamot honour).
bool marked_no_translate(const GumboElement& e) {
  if (const GumboAttribute* a = gumbo_get_attribute(&e.attributes, "translate"))
    if (equals_ignoring_case(a->value, "no")) return true;
  if (const GumboAttribute* a = gumbo_get_attribute(&e.attributes, "class")) {
    const std::string_view classes = a->value;
    size_t i = 0;
    while (i < classes.size()) {
      while (i < classes.size() && std::isspace(static_cast<unsigned char>(classes[i]))) ++i;
      size_t end = i;
      while (end < classes.size() && !std::isspace(static_cast<unsigned char>(classes[end]))) ++end;
      if (classes.substr(i, end - i) == "notranslate") return true;
      i = end;
    }
  }
  return false;
}

bool is_inline_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_ACRONYM: case GUMBO_TAG_B: case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO: case GUMBO_TAG_BIG: case GUMBO_TAG_CITE: case GUMBO_TAG_DATA: case GUMBO_TAG_DEL:
    case GUMBO_TAG_DFN: case GUMBO_TAG_EM: case GUMBO_TAG_FONT: case GUMBO_TAG_I: case GUMBO_TAG_INS:
    case GUMBO_TAG_LABEL: case GUMBO_TAG_MARK: case GUMBO_TAG_NOBR: case GUMBO_TAG_Q: case GUMBO_TAG_S:
    case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TIME: case GUMBO_TAG_TT: case GUMBO_TAG_U:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_OUTPUT: case GUMBO_TAG_UNKNOWN:
      return true;
    default:
      return false;
  }
}

// Elements whose content is not prose to translate, or that have none: kept as they are.
bool is_atom_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_VAR:
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SELECT: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_IMG: case GUMBO_TAG_BR: case GUMBO_TAG_WBR: case GUMBO_TAG_INPUT:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_CANVAS: case GUMBO_TAG_METER:
    case GUMBO_TAG_PROGRESS: case GUMBO_TAG_RUBY: case GUMBO_TAG_MATH: case GUMBO_TAG_SVG:
      return true;
    default:
      return false;
  }
}

// Elements whose text is not markup: a '<' in it is a character.
bool is_raw_text_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_TITLE: case GUMBO_TAG_XMP:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_PLAINTEXT:
      return true;
    default:
      return false;
  }
}

bool is_void_tag(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BR: case GUMBO_TAG_COL: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR: case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_LINK: case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK: case GUMBO_TAG_WBR:
      return true;
    default:
      return false;
  }
}

std::string_view view(const GumboStringPiece& s) { return {s.data, s.length}; }

// The name of an element as written ("my-widget" for a custom element gumbo does not know).
std::string tag_name(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece piece = e.original_tag;
  gumbo_tag_from_original_text(&piece);
  return std::string(view(piece));
}

// gumbo gives an element closed by another's end tag ("<li>a</ul>") that end tag as its own.
bool own_end_tag(const GumboElement& e) {
  if (e.original_end_tag.length == 0) return false;
  GumboStringPiece name = e.original_end_tag;
  gumbo_tag_from_original_text(&name);
  return equals_ignoring_case(view(name), tag_name(e));
}

void append_escaped(std::string& out, std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    switch (text[i]) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '\xc2':
        if (i + 1 < text.size() && text[i + 1] == '\xa0') {
          out += "&nbsp;";
          ++i;
          break;
        }
        out += text[i];
        break;
      default: out += text[i];
    }
  }
}

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A run of a block's children that is translated as one text.
struct Unit {
  const GumboNode* first = nullptr;
  size_t count = 0;
  std::string lead, trail;  // white space before and after the text, as written
  MarkedText marked;
  std::vector<const GumboNode*> nodes;  // per span
};

struct GumboDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

class HtmlTranslation {
 public:
  HtmlTranslation(std::string_view html, const HtmlOptions& options) : options_(options) {
    output_.reset(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
    HEED_CHECK(output_ != nullptr, "the HTML parser ran out of memory");
    collect(output_->document, 0);
  }

  std::vector<std::string> texts() const {
    std::vector<std::string> out;
    for (const Unit& u : units_) out.push_back(u.marked.text);
    return out;
  }

  std::string write(const std::vector<AlignedTranslation>& translations) {
    HEED_ASSERT(translations.size() == units_.size(), "one translation per text of the page");
    translations_ = &translations;
    std::string out;
    write_node(output_->document, out);
    return out;
  }

 private:
  Role role_of(const GumboNode* node) {
    switch (node->type) {
      case GUMBO_NODE_DOCUMENT: return Role::block;
      case GUMBO_NODE_TEXT: case GUMBO_NODE_WHITESPACE: case GUMBO_NODE_CDATA: return Role::text;
      case GUMBO_NODE_COMMENT: return Role::atom;
      case GUMBO_NODE_TEMPLATE: return Role::kept;
      case GUMBO_NODE_ELEMENT: break;
    }
    const GumboElement& e = node->v.element;
    const bool inline_level = is_inline_tag(e.tag) && only_inline_inside(node, 0);
    if (e.tag_namespace != GUMBO_NAMESPACE_HTML || is_atom_tag(e.tag)) return Role::atom;
    if (marked_no_translate(e)) return inline_level ? Role::atom : Role::kept;
    if (e.tag == GUMBO_TAG_PRE) return Role::kept;
    return inline_level ? Role::inline_ : Role::block;
  }

  // True when nothing under `node` is a block: an <a> around a <div> is a block itself.
  bool only_inline_inside(const GumboNode* node, size_t depth) {
    const auto known = inline_inside_.find(node);
    if (known != inline_inside_.end()) return known->second;
    check_depth(depth);
    bool only = true;
    const GumboVector& children = node->v.element.children;
    for (size_t i = 0; i < children.length && only; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_TEMPLATE) only = false;
      if (child->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& e = child->v.element;
      if (e.tag_namespace != GUMBO_NAMESPACE_HTML || is_atom_tag(e.tag)) continue;
      only = is_inline_tag(e.tag) && only_inline_inside(child, depth + 1);
    }
    inline_inside_.emplace(node, only);
    return only;
  }

  void check_depth(size_t depth) const {
    if (depth > options_.max_depth)
      throw Error(fmt::format("the HTML nests elements more than {} deep", options_.max_depth));
  }

  static const GumboVector& children_of(const GumboNode* node) {
    return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
  }

  // A block: its runs of text and inline elements become units; its blocks are visited.
  void collect(const GumboNode* node, size_t depth) {
    check_depth(depth);
    const GumboVector& children = children_of(node);
    size_t run = 0;
    for (size_t i = 0; i <= children.length; ++i) {
      const auto* child = i < children.length ? static_cast<const GumboNode*>(children.data[i]) : nullptr;
      const Role role = child ? role_of(child) : Role::block;
      if (role == Role::text || role == Role::inline_ || role == Role::atom) continue;
      if (run < i) collect_run(children, run, i, depth + 1);
      run = i + 1;
      if (role == Role::block && child) collect(child, depth + 1);
    }
  }

  void collect_run(const GumboVector& children, size_t begin, size_t end, size_t depth) {
    Unit unit;
    MarkedTextBuilder builder;
    for (size_t i = begin; i < end; ++i) add_inline(builder, static_cast<const GumboNode*>(children.data[i]), unit, depth);
    if (!builder.has_words()) return;
    unit.first = static_cast<const GumboNode*>(children.data[begin]);
    unit.count = end - begin;
    unit.lead = leading_space(unit.first);
    unit.trail = trailing_space(static_cast<const GumboNode*>(children.data[end - 1]));
    unit.marked = builder.finish();
    unit_at_.emplace(unit.first, units_.size());
    units_.push_back(std::move(unit));
  }

  void add_inline(MarkedTextBuilder& builder, const GumboNode* node, Unit& unit, size_t depth) {
    check_depth(depth);
    const Role role = role_of(node);
    if (role == Role::text) {
      builder.add_text(node->v.text.text);
      return;
    }
    unit.nodes.push_back(node);
    const int span = builder.open(static_cast<int>(unit.nodes.size() - 1), role == Role::atom);
    if (role == Role::atom) {
      add_atom_text(builder, node);
    } else {
      const GumboVector& children = node->v.element.children;
      for (size_t i = 0; i < children.length; ++i)
        add_inline(builder, static_cast<const GumboNode*>(children.data[i]), unit, depth + 1);
    }
    builder.close(span);
  }

  // What the model reads of an element kept as it is: its words, so that the sentence reads
  // whole ("Run <code>make</code> now"), or a line break for <br>.
  static void add_atom_text(MarkedTextBuilder& builder, const GumboNode* node) {
    if (node->type != GUMBO_NODE_ELEMENT) return;
    const GumboElement& e = node->v.element;
    if (e.tag == GUMBO_TAG_BR) return builder.add_break();
    if (e.tag != GUMBO_TAG_CODE && e.tag != GUMBO_TAG_KBD && e.tag != GUMBO_TAG_SAMP && e.tag != GUMBO_TAG_VAR &&
        !is_inline_tag(e.tag))
      return;
    for (size_t i = 0; i < e.children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(e.children.data[i]);
      if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) builder.add_text(child->v.text.text);
      else if (child->type == GUMBO_NODE_ELEMENT) add_atom_text(builder, child);
    }
  }

  static std::string leading_space(const GumboNode* node) {
    if (node->type != GUMBO_NODE_TEXT && node->type != GUMBO_NODE_WHITESPACE) return "";
    const std::string_view raw = view(node->v.text.original_text);
    size_t n = 0;
    while (n < raw.size() && is_ascii_space(raw[n])) ++n;
    return std::string(raw.substr(0, n));
  }

  static std::string trailing_space(const GumboNode* node) {
    if (node->type != GUMBO_NODE_TEXT) return "";  // a white space node is all lead
    const std::string_view raw = view(node->v.text.original_text);
    size_t n = raw.size();
    while (n > 0 && is_ascii_space(raw[n - 1])) --n;
    return std::string(raw.substr(n));
  }

  void write_node(const GumboNode* node, std::string& out) {
    if (node->type == GUMBO_NODE_DOCUMENT) {
      write_doctype(node->v.document, out);
    } else if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) {
      write_text_node(node, out);
      return;
    } else {
      out += view(node->v.element.original_tag);
    }
    const GumboVector& children = children_of(node);
    for (size_t i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      const auto unit = unit_at_.find(child);
      if (unit == unit_at_.end()) {
        write_node(child, out);
        continue;
      }
      write_unit(units_[unit->second], (*translations_)[unit->second], out);
      i += units_[unit->second].count - 1;
    }
    if (node->type != GUMBO_NODE_DOCUMENT && own_end_tag(node->v.element)) out += view(node->v.element.original_end_tag);
  }

  // Text as written, entities and all. gumbo merges the text on either side of tags it drops
  // ("\n</body></html>\n" after a body's last paragraph) into one node whose source runs
  // across them, so text whose source holds a tag is written from its characters instead.
  static void write_text_node(const GumboNode* node, std::string& out) {
    const GumboText& t = node->v.text;
    const std::string_view original = view(t.original_text);
    const bool raw_text = node->type == GUMBO_NODE_COMMENT || node->type == GUMBO_NODE_CDATA ||
                          (node->parent && node->parent->type == GUMBO_NODE_ELEMENT &&
                           is_raw_text_tag(node->parent->v.element.tag));
    if (!original.empty() && (raw_text || original.find('<') == std::string_view::npos)) out += original;
    else append_escaped(out, t.text);
  }

  static void write_doctype(const GumboDocument& d, std::string& out) {
    if (!d.has_doctype) return;
    out += fmt::format("<!DOCTYPE {}", d.name);
    const std::string_view pub = d.public_identifier, sys = d.system_identifier;
    if (!pub.empty()) out += fmt::format(" PUBLIC \"{}\"", pub);
    if (!sys.empty()) out += fmt::format("{} \"{}\"", pub.empty() ? " SYSTEM" : "", sys);
    out += ">";
  }

  void write_unit(const Unit& unit, const AlignedTranslation& translation, std::string& out) {
    out += unit.lead;
    for (const MarkupEvent& event : place_markup(unit.marked, translation)) {
      switch (event.kind) {
        case MarkupEvent::Kind::text: append_escaped(out, event.text); break;
        case MarkupEvent::Kind::atom: write_node(unit.nodes[unit.marked.spans[event.span].node], out); break;
        case MarkupEvent::Kind::open: write_start_tag(unit.nodes[unit.marked.spans[event.span].node], out); break;
        case MarkupEvent::Kind::close: write_end_tag(unit.nodes[unit.marked.spans[event.span].node], out); break;
      }
    }
    out += unit.trail;
  }

  // An inline element's tags, as written; where the parser made one up (a formatting element
  // reopened after a block, an end tag left out), a plain one that parses to the same element.
  static void write_start_tag(const GumboNode* node, std::string& out) {
    const GumboElement& e = node->v.element;
    if (e.original_tag.length > 0) {
      out += view(e.original_tag);
      return;
    }
    out += "<" + tag_name(e);
    for (size_t i = 0; i < e.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      out += " ";
      out += view(a->original_name);
      if (a->original_value.length > 0) out += "=" + std::string(view(a->original_value));
    }
    out += ">";
  }

  static void write_end_tag(const GumboNode* node, std::string& out) {
    const GumboElement& e = node->v.element;
    if (own_end_tag(e)) out += view(e.original_end_tag);
    else if (!is_void_tag(e.tag)) out += "</" + tag_name(e) + ">";
  }

  HtmlOptions options_;
  std::unique_ptr<GumboOutput, GumboDeleter> output_;
  std::vector<Unit> units_;
  std::unordered_map<const GumboNode*, size_t> unit_at_;  // a unit's first node -> the unit
  std::unordered_map<const GumboNode*, bool> inline_inside_;
  const std::vector<AlignedTranslation>* translations_ = nullptr;
};

}  // namespace

std::string translate_html(std::string_view html, const AlignedTranslate& translate, const HtmlOptions& options) {
  HtmlTranslation page(html, options);
  const auto texts = page.texts();
  const auto translations = texts.empty() ? std::vector<AlignedTranslation>{} : translate(texts);
  HEED_ASSERT(translations.size() == texts.size(), "the translator must answer every text");
  return page.write(translations);
}

std::string html_outline(std::string_view html) {
  std::unique_ptr<GumboOutput, GumboDeleter> output(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
  HEED_CHECK(output != nullptr, "the HTML parser ran out of memory");
  std::string out;
  // Depth first, with an explicit stack: the outline is also asked of pages too deep to translate.
  std::vector<std::pair<const GumboNode*, size_t>> stack{{output->root, 0}};
  while (!stack.empty()) {
    const auto [node, depth] = stack.back();
    stack.pop_back();
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboElement& e = node->v.element;
    out += fmt::format("{:>{}}{}", "", depth * 2, tag_name(e));
    for (size_t i = 0; i < e.attributes.length; ++i) {
      const auto* a = static_cast<const GumboAttribute*>(e.attributes.data[i]);
      out += fmt::format(" {}=\"{}\"", a->name, a->value);
    }
    out += "\n";
    for (size_t i = e.children.length; i-- > 0;)
      stack.emplace_back(static_cast<const GumboNode*>(e.children.data[i]), depth + 1);
  }
  return out;
}

std::vector<std::string> html_texts(std::string_view html, const HtmlOptions& options) {
  return HtmlTranslation(html, options).texts();
}

}  // namespace heed::doc
