#include "heed/doc/office.h"

#include <doctest/doctest.h>

#include <string>

#include "heed/core/error.h"
#include "support/fake_translation.h"
#include "support/office_files.h"

using heed::testing::fake_translator;

namespace {

const char* const kDocxBody =
    "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
    "<w:r><w:t xml:space=\"preserve\">El perro es </w:t></w:r>"
    "<w:r><w:rPr><w:b/></w:rPr><w:t>muy</w:t></w:r>"
    "<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\"> grande</w:t></w:r>"
    "<w:r><w:t xml:space=\"preserve\"> y come</w:t></w:r>"
    "<w:bookmarkStart w:id=\"0\" w:name=\"x\"/><w:bookmarkEnd w:id=\"0\"/>"
    "<w:r><w:tab/><w:t>mucho.</w:t></w:r></w:p>"
    "<w:p><w:hyperlink r:id=\"rId9\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr><w:t>Un enlace</w:t></w:r>"
    "</w:hyperlink><w:r><w:t xml:space=\"preserve\"> aquí.</w:t></w:r></w:p>"
    "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:t xml:space=\"preserve\"> es la página.</w:t></w:r></w:p>"
    "<w:p/><w:sectPr/>";

const char* const kOdtBody =
    "<text:h text:outline-level=\"1\">Un título</text:h>"
    "<text:p text:style-name=\"P1\">Hola <text:span text:style-name=\"B\">mundo</text:span> cruel.<text:s text:c=\"3\"/>"
    "Dos<text:line-break/>líneas <text:a xlink:href=\"http://x\">con enlace</text:a>."
    "<text:note text:id=\"n1\" text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>Una nota.</text:p></text:note-body></text:note></text:p>";

std::string part(const heed::testing::Parts& parts, const std::string& name) {
  for (const auto& [n, content] : parts)
    if (n == name) return content;
  return "";
}

// The parts' names in order, and each part but `changed` unchanged.
void check_other_parts_kept(const std::string& in, const std::string& out, const std::string& changed) {
  const auto a = heed::testing::unzip(in), b = heed::testing::unzip(out);
  REQUIRE(a.size() == b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    CHECK(a[i].first == b[i].first);
    if (a[i].first != changed) CHECK(a[i].second == b[i].second);
  }
}

}  // namespace

TEST_CASE("office: a Word paragraph is translated across its runs, formatting and fields kept") {
  const std::string in = heed::testing::docx_with(kDocxBody);
  const std::string out = heed::doc::translate_docx(in, fake_translator(false), "a.docx");
  check_other_parts_kept(in, out, "word/document.xml");
  const std::string xml = part(heed::testing::unzip(out), "word/document.xml");
  CAPTURE(xml);
  CHECK(xml.find("El perro") == std::string::npos);
  CHECK(xml.find("<w:pPr><w:jc w:val=\"center\"/></w:pPr>") != std::string::npos);
  CHECK(xml.find("<w:r><w:t xml:space=\"preserve\">EL PERRO ES </w:t></w:r>") != std::string::npos);
  CHECK(xml.find("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">MUY GRANDE</w:t></w:r>") != std::string::npos);
  CHECK(xml.find("<w:bookmarkStart w:id=\"0\" w:name=\"x\"/><w:bookmarkEnd w:id=\"0\"/>") != std::string::npos);
  CHECK(xml.find("<w:r><w:tab/></w:r>") != std::string::npos);
  CHECK(xml.find("<w:hyperlink r:id=\"rId9\"><w:r><w:rPr><w:rStyle w:val=\"Hyperlink\"/></w:rPr>"
                 "<w:t xml:space=\"preserve\">UN ENLACE</w:t></w:r></w:hyperlink><w:r><w:t xml:space=\"preserve\"> AQUí.</w:t></w:r>") != std::string::npos);
  // A field's code and result are not text to translate.
  CHECK(xml.find("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>") != std::string::npos);
  CHECK(xml.find("<w:r><w:t>1</w:t></w:r>") != std::string::npos);
  CHECK(xml.find("ES LA PáGINA.") != std::string::npos);
  CHECK(xml.find("<w:p/><w:sectPr/></w:body>") != std::string::npos);
  // Reversed words still keep every element.
  const std::string reversed = part(heed::testing::unzip(heed::doc::translate_docx(in, fake_translator(true), "a.docx")),
                                    "word/document.xml");
  for (const char* kept : {"<w:b/>", "w:bookmarkStart", "<w:tab/>", "r:id=\"rId9\"", "PAGE", "w:fldCharType=\"end\""})
    CHECK(reversed.find(kept) != std::string::npos);
}

TEST_CASE("office: an OpenDocument text keeps its spans, links, breaks and notes") {
  const std::string in = heed::testing::odt_with(kOdtBody);
  const std::string out = heed::doc::translate_odt(in, fake_translator(false), "a.odt");
  check_other_parts_kept(in, out, "content.xml");
  const std::string xml = part(heed::testing::unzip(out), "content.xml");
  CAPTURE(xml);
  CHECK(xml.find("<text:h text:outline-level=\"1\">UN TíTULO</text:h>") != std::string::npos);
  CHECK(xml.find("<text:p text:style-name=\"P1\">HOLA <text:span text:style-name=\"B\">MUNDO</text:span> CRUEL. DOS "
                 "<text:line-break/>LíNEAS") != std::string::npos);
  CHECK(xml.find("<text:a xlink:href=\"http://x\">CON ENLACE</text:a>.") != std::string::npos);
  CHECK(xml.find("<text:note-body><text:p>UNA NOTA.</text:p></text:note-body>") != std::string::npos);
  CHECK(xml.find("Hola") == std::string::npos);
}

TEST_CASE("office: broken packages are refused with a reason") {
  const auto up = fake_translator(false);
  const std::string docx = heed::testing::docx_with(kDocxBody);
  CHECK_THROWS_WITH_AS(heed::doc::translate_docx(docx.substr(0, docx.size() / 2), up, "cut.docx"),
                       doctest::Contains("cut.docx: not a readable zip package"), heed::Error);
  CHECK_THROWS_WITH_AS(heed::doc::translate_docx("not a zip at all", up, "text.docx"),
                       doctest::Contains("text.docx: not a readable zip package"), heed::Error);
  CHECK_THROWS_WITH_AS(heed::doc::translate_docx(heed::testing::zip_bytes({{"a.txt", "x"}}), up, "empty.docx"),
                       doctest::Contains("empty.docx: no word/document.xml"), heed::Error);
  CHECK_THROWS_WITH_AS(heed::doc::translate_docx(heed::testing::docx_with("<w:p><w:r>"), up, "bad.docx"),
                       doctest::Contains("bad.docx: word/document.xml is not well-formed XML"), heed::Error);
  CHECK_THROWS_WITH_AS(heed::doc::translate_odt(docx, up, "a.odt"), doctest::Contains("not an OpenDocument text"),
                       heed::Error);
  heed::doc::OfficeOptions small;
  small.max_part_bytes = 100;
  CHECK_THROWS_WITH_AS(heed::doc::translate_docx(docx, up, "big.docx", small),
                       doctest::Contains("a part may have at most 100"), heed::Error);
}
