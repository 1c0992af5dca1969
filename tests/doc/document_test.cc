#include "heed/doc/document.h"

#include <doctest/doctest.h>

#include <algorithm>

TEST_CASE("documents: formats by name and by extension") {
  CHECK(heed::doc::format_of_file_name("Carta.DOCX") == heed::doc::DocumentFormat::docx);
  CHECK(heed::doc::format_of_file_name("page.htm") == heed::doc::DocumentFormat::html);
  CHECK(heed::doc::format_of_file_name("a.srt") == heed::doc::DocumentFormat::srt);
  CHECK(heed::doc::format_of_file_name("notes.txt") == heed::doc::DocumentFormat::text);
  CHECK_FALSE(heed::doc::format_of_file_name("a.pdf"));
  CHECK(heed::doc::parse_document_format("odt") == heed::doc::DocumentFormat::odt);
  CHECK_FALSE(heed::doc::parse_document_format("pdf"));
  CHECK(std::string(heed::doc::to_string(heed::doc::DocumentFormat::vtt)) == "vtt");
}

TEST_CASE("documents: an alignment links every source word the attention can place") {
  // "por la ciudad" -> "through the city": the target words attend to "por", "ciudad", "ciudad";
  // "la" gets no target word of its own, but "the" attends to it more than any other does.
  heed::decode::Translation t;
  heed::decode::Translation::Candidate c;
  c.text = "through the city";
  c.alignment = "0-0 2-1 2-2";
  c.source_pieces = {"\xe2\x96\x81por", "\xe2\x96\x81la", "\xe2\x96\x81" "ciu", "dad", "</s>"};
  c.target_pieces = {"\xe2\x96\x81through", "\xe2\x96\x81the", "\xe2\x96\x81" "city", "</s>"};
  c.attention = {{0.8f, 0.1f, 0.05f, 0.0f, 0.05f},
                 {0.1f, 0.4f, 0.3f, 0.15f, 0.05f},
                 {0.0f, 0.05f, 0.5f, 0.4f, 0.05f},
                 {0.0f, 0.0f, 0.0f, 0.0f, 1.0f}};
  t.candidates.push_back(c);
  const auto a = heed::doc::aligned(t);
  CHECK(a.text == "through the city");
  auto has = [&](int s, int w) { return std::find(a.links.begin(), a.links.end(), std::pair<int, int>{s, w}) != a.links.end(); };
  CHECK(has(0, 0));
  CHECK(has(2, 1));
  CHECK(has(1, 1));  // added: "la" -> "the"
  CHECK(has(2, 2));
  CHECK(a.links.size() == 4);
}
