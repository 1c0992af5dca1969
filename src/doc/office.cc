#include "heed/doc/office.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <memory>
#include <pugixml.hpp>
#include <sstream>

#include "heed/core/error.h"
#include "zip_package.h"

namespace heed::doc {

namespace {

// ----- XML parts -----

struct XmlPart {
  std::string name;
  pugi::xml_document xml;
};

// White space between elements is kept (a Word run's " " is text), and so is the declaration.
constexpr unsigned kParseFlags = pugi::parse_default | pugi::parse_declaration | pugi::parse_ws_pcdata;

std::unique_ptr<XmlPart> parse_part(const ZipPackage& package, const std::string& part, const std::string& name,
                                    const OfficeOptions& options) {
  auto out = std::make_unique<XmlPart>();
  out->name = part;
  const std::string bytes = package.read(part, options.max_part_bytes);
  const pugi::xml_parse_result parsed = out->xml.load_buffer(bytes.data(), bytes.size(), kParseFlags, pugi::encoding_utf8);
  HEED_CHECK(parsed, "{}: {} is not well-formed XML ({} at byte {})", name, part, parsed.description(), parsed.offset);
  return out;
}

std::string serialize(const pugi::xml_document& xml) {
  std::ostringstream out;
  xml.save(out, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
  return out.str();
}

std::string serialize(const pugi::xml_node& node) {
  std::ostringstream out;
  node.print(out, "", pugi::format_raw);
  return out.str();
}

// Text for an office file: a line break of the model's is a space there (breaks are elements).
std::string without_newlines(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

void copy_attributes(const pugi::xml_node& from, pugi::xml_node to) {
  for (const pugi::xml_attribute& a : from.attributes()) to.append_attribute(a.name()) = a.value();
}

// Every element named `a` or `b`, in document order.
std::vector<pugi::xml_node> elements_named(const pugi::xml_node& root, const char* a, const char* b) {
  std::vector<pugi::xml_node> out;
  for (pugi::xml_node n = root.first_child(); n;) {
    if (n.type() == pugi::node_element && (std::strcmp(n.name(), a) == 0 || std::strcmp(n.name(), b) == 0))
      out.push_back(n);
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && !n.next_sibling() && n != root) n = n.parent();
    if (!n || n == root) break;
    n = n.next_sibling();
  }
  return out;
}

// ----- Word -----

struct DocxSpan {
  enum class Kind { format, container, copy, run_child };
  Kind kind = Kind::copy;
  pugi::xml_node node;  // container, copy, run_child: the element; format: unused
  pugi::xml_node rpr;   // format, run_child: the run properties to write
};

struct DocxUnit {
  pugi::xml_node paragraph;
  MarkedText marked;
  std::vector<DocxSpan> spans;  // per span node
  pugi::xml_node base_rpr;      // the paragraph's most common run properties (none: empty)
};

bool has_any_child(const pugi::xml_node& run, std::initializer_list<const char*> names) {
  for (const char* n : names)
    if (run.child(n)) return true;
  return false;
}

class DocxParagraph {
 public:
  explicit DocxParagraph(pugi::xml_node p) { unit_.paragraph = p; }

  // The unit, or nothing when the paragraph has no words to translate.
  std::optional<DocxUnit> build() {
    choose_base(unit_.paragraph);
    walk(unit_.paragraph);
    close_format();
    if (!builder_.has_words()) return std::nullopt;
    unit_.marked = builder_.finish();
    return std::move(unit_);
  }

 private:
  // The run properties that cover the most characters: their runs are the paragraph's plain text.
  // Runs inside links are not counted where the paragraph has runs of its own: a link's style
  // is not the paragraph's.
  void choose_base(const pugi::xml_node& p) {
    std::map<std::string, size_t> chars;
    std::vector<pugi::xml_node> runs;
    for (const pugi::xml_node& run : p.children("w:r")) runs.push_back(run);
    if (runs.empty()) runs = elements_named(p, "w:r", "w:r");
    for (const pugi::xml_node& run : runs)
      for (const pugi::xml_node& t : run.children("w:t")) chars[serialize(run.child("w:rPr"))] += std::strlen(t.child_value());
    size_t best = 0;
    for (const auto& [key, n] : chars)
      if (n > best) {
        best = n;
        base_key_ = key;
      }
    for (const pugi::xml_node& run : runs)
      if (serialize(run.child("w:rPr")) == base_key_) {
        unit_.base_rpr = run.child("w:rPr");
        break;
      }
  }

  int add_span(DocxSpan span, bool atom) {
    unit_.spans.push_back(span);
    return builder_.open(static_cast<int>(unit_.spans.size() - 1), atom);
  }

  void copy_atom(const pugi::xml_node& node) { builder_.close(add_span({DocxSpan::Kind::copy, node, {}}, true)); }

  void walk(const pugi::xml_node& parent) {
    for (const pugi::xml_node& child : parent.children()) {
      if (child.type() != pugi::node_element || std::strcmp(child.name(), "w:pPr") == 0) continue;
      const std::string_view name = child.name();
      if (name == "w:r") {
        add_run(child);
      } else if (name == "w:hyperlink" || name == "w:ins" || name == "w:smartTag") {
        close_format();
        const int span = add_span({DocxSpan::Kind::container, child, {}}, false);
        walk(child);
        close_format();
        builder_.close(span);
      } else {
        copy_atom(child);  // bookmarks, comments' ranges, content controls, deleted text, …
      }
    }
  }

  void add_run(const pugi::xml_node& run) {
    // A field's code and result, drawings, objects and note references stay as they are.
    const bool field_mark = run.child("w:fldChar") != pugi::xml_node();
    if (field_mark) {
      const std::string_view type = run.child("w:fldChar").attribute("w:fldCharType").value();
      if (type == "begin") ++field_depth_;
      if (type == "end") field_depth_ = std::max(0, field_depth_ - 1);
    }
    if (field_mark || field_depth_ > 0 ||
        has_any_child(run, {"w:instrText", "w:drawing", "w:pict", "w:object", "w:footnoteReference",
                            "w:endnoteReference", "w:sym", "w:ruby", "w:delText", "mc:AlternateContent",
                            "w:commentReference"})) {
      copy_atom(run);
      return;
    }
    const pugi::xml_node rpr = run.child("w:rPr");
    const std::string key = serialize(rpr);
    if (key != open_key_) close_format();
    if (key != base_key_ && format_span_ < 0) {
      format_span_ = add_span({DocxSpan::Kind::format, {}, rpr}, false);
      open_key_ = key;
    }
    for (const pugi::xml_node& c : run.children()) {
      const std::string_view name = c.name();
      if (c.type() != pugi::node_element || name == "w:rPr") continue;
      if (name == "w:t") {
        builder_.add_text(c.child_value());
        continue;
      }
      const int span = add_span({DocxSpan::Kind::run_child, c, rpr}, true);
      if (name == "w:tab") builder_.add_text(" ");
      if (name == "w:br" || name == "w:cr") builder_.add_break();
      builder_.close(span);
    }
  }

  void close_format() {
    if (format_span_ >= 0) builder_.close(format_span_);
    format_span_ = -1;
    open_key_.clear();
  }

  DocxUnit unit_;
  MarkedTextBuilder builder_;
  std::string base_key_, open_key_;
  int format_span_ = -1;
  int field_depth_ = 0;
};

// The paragraph again, with the translation: a new w:p in place of the old one.
void write_docx_unit(const DocxUnit& unit, const AlignedTranslation& translation) {
  const pugi::xml_node old = unit.paragraph;
  pugi::xml_node p = old.parent().insert_child_after(old.name(), old);
  copy_attributes(old, p);
  if (const pugi::xml_node ppr = old.child("w:pPr")) p.append_copy(ppr);
  std::vector<pugi::xml_node> containers{p};
  std::vector<pugi::xml_node> formats{unit.base_rpr};
  auto new_run = [&](const pugi::xml_node& rpr) {
    pugi::xml_node run = containers.back().append_child("w:r");
    if (rpr) run.append_copy(rpr);
    return run;
  };
  for (const MarkupEvent& e : place_markup(unit.marked, translation)) {
    const DocxSpan* span = e.span >= 0 ? &unit.spans[unit.marked.spans[e.span].node] : nullptr;
    if (e.kind == MarkupEvent::Kind::text) {
      pugi::xml_node t = new_run(formats.back()).append_child("w:t");
      t.append_attribute("xml:space") = "preserve";
      t.append_child(pugi::node_pcdata).set_value(without_newlines(e.text).c_str());
    } else if (e.kind == MarkupEvent::Kind::atom) {
      if (span->kind == DocxSpan::Kind::run_child) new_run(span->rpr).append_copy(span->node);
      else containers.back().append_copy(span->node);
    } else if (span->kind == DocxSpan::Kind::format) {
      if (e.kind == MarkupEvent::Kind::open) formats.push_back(span->rpr);
      else formats.pop_back();
    } else if (e.kind == MarkupEvent::Kind::open) {
      pugi::xml_node c = containers.back().append_child(span->node.name());
      copy_attributes(span->node, c);
      containers.push_back(c);
    } else {
      containers.pop_back();
    }
  }
  old.parent().remove_child(old);
}

// ----- OpenDocument -----

struct OdtUnit {
  pugi::xml_node paragraph;
  MarkedText marked;
  std::vector<pugi::xml_node> spans;  // per span node
};

class OdtParagraph {
 public:
  explicit OdtParagraph(pugi::xml_node p) { unit_.paragraph = p; }

  std::optional<OdtUnit> build() {
    walk(unit_.paragraph);
    if (!builder_.has_words()) return std::nullopt;
    unit_.marked = builder_.finish();
    return std::move(unit_);
  }

 private:
  int add_span(const pugi::xml_node& node, bool atom) {
    unit_.spans.push_back(node);
    return builder_.open(static_cast<int>(unit_.spans.size() - 1), atom);
  }

  void walk(const pugi::xml_node& parent) {
    for (const pugi::xml_node& child : parent.children()) {
      if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
        builder_.add_text(child.value());
        continue;
      }
      if (child.type() != pugi::node_element) continue;
      const std::string_view name = child.name();
      if (name == "text:span" || name == "text:a") {
        const int span = add_span(child, false);
        walk(child);
        builder_.close(span);
      } else if (name == "text:s") {
        builder_.add_text(" ");  // runs of spaces are one space for the model, and in the result
      } else {
        // Tabs, line breaks, notes, frames, fields, bookmarks: kept, placed at their words.
        const int span = add_span(child, true);
        if (name == "text:tab") builder_.add_text(" ");
        if (name == "text:line-break") builder_.add_break();
        builder_.close(span);
      }
    }
  }

  OdtUnit unit_;
  MarkedTextBuilder builder_;
};

void write_odt_unit(const OdtUnit& unit, const AlignedTranslation& translation) {
  const pugi::xml_node old = unit.paragraph;
  pugi::xml_node p = old.parent().insert_child_after(old.name(), old);
  copy_attributes(old, p);
  std::vector<pugi::xml_node> open{p};
  for (const MarkupEvent& e : place_markup(unit.marked, translation)) {
    const pugi::xml_node* node = e.span >= 0 ? &unit.spans[unit.marked.spans[e.span].node] : nullptr;
    switch (e.kind) {
      case MarkupEvent::Kind::text:
        open.back().append_child(pugi::node_pcdata).set_value(without_newlines(e.text).c_str());
        break;
      case MarkupEvent::Kind::atom: open.back().append_copy(*node); break;
      case MarkupEvent::Kind::open: {
        pugi::xml_node element = open.back().append_child(node->name());
        copy_attributes(*node, element);
        open.push_back(element);
        break;
      }
      case MarkupEvent::Kind::close: open.pop_back(); break;
    }
  }
  old.parent().remove_child(old);
}

// ----- Packages -----

// The parts of a package that hold text, their units, and one translation call for all.
template <typename Unit, typename Paragraph>
std::string translate_package(ZipPackage& package, const std::vector<std::string>& parts, const char* paragraph,
                              const char* heading, void (*write)(const Unit&, const AlignedTranslation&),
                              const AlignedTranslate& translate, const std::string& name, const OfficeOptions& options) {
  std::vector<std::unique_ptr<XmlPart>> xml;
  std::vector<std::pair<size_t, Unit>> units;  // (part, unit), in document order
  for (const std::string& part : parts) {
    xml.push_back(parse_part(package, part, name, options));
    for (const pugi::xml_node& p : elements_named(xml.back()->xml, paragraph, heading))
      if (auto unit = Paragraph(p).build()) units.emplace_back(xml.size() - 1, std::move(*unit));
  }
  std::vector<std::string> texts;
  for (const auto& [part, unit] : units) texts.push_back(unit.marked.text);
  const auto translations = texts.empty() ? std::vector<AlignedTranslation>{} : translate(texts);
  HEED_ASSERT(translations.size() == texts.size(), "the translator must answer every text");
  // Last first: a paragraph inside another's note or text box is rewritten before the paragraph
  // that holds it is copied.
  for (size_t i = units.size(); i-- > 0;) write(units[i].second, translations[i]);
  for (size_t i = 0; i < parts.size(); ++i) package.replace(parts[i], serialize(xml[i]->xml));
  return package.finish();
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

std::string translate_docx(std::string_view bytes, const AlignedTranslate& translate, const std::string& name,
                           const OfficeOptions& options) {
  ZipPackage package(bytes, name);
  HEED_CHECK(package.has("word/document.xml"), "{}: no word/document.xml in the package: not a Word document", name);
  std::vector<std::string> parts;
  for (const std::string& part : package.part_names())
    if (part == "word/document.xml" || part == "word/footnotes.xml" || part == "word/endnotes.xml" ||
        part == "word/comments.xml" || ((starts_with(part, "word/header") || starts_with(part, "word/footer")) &&
                                        part.size() > 4 && part.compare(part.size() - 4, 4, ".xml") == 0 &&
                                        part.find('/', 5) == std::string::npos))
      parts.push_back(part);
  return translate_package<DocxUnit, DocxParagraph>(package, parts, "w:p", "w:p", write_docx_unit, translate, name,
                                                    options);
}

std::string translate_odt(std::string_view bytes, const AlignedTranslate& translate, const std::string& name,
                          const OfficeOptions& options) {
  ZipPackage package(bytes, name);
  const std::string mimetype = package.has("mimetype") ? package.read("mimetype", 256) : "";
  HEED_CHECK(mimetype == "application/vnd.oasis.opendocument.text",
             "{}: not an OpenDocument text (its mimetype part reads '{}')", name, mimetype);
  HEED_CHECK(package.has("content.xml"), "{}: no content.xml in the package", name);
  std::vector<std::string> parts{"content.xml"};
  if (package.has("styles.xml")) parts.push_back("styles.xml");  // headers and footers
  return translate_package<OdtUnit, OdtParagraph>(package, parts, "text:p", "text:h", write_odt_unit, translate, name,
                                                  options);
}

}  // namespace heed::doc
