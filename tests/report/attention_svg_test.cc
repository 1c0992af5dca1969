#include "heed/report/attention_svg.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace heed::report;

namespace {

// A small XML well-formedness check: every tag closes in order, attributes are quoted, and text
// has no raw '<' or stray '&'.
bool well_formed(const std::string& xml) {
  std::vector<std::string> open;
  size_t i = 0;
  if (xml.rfind("<?xml", 0) == 0) i = xml.find("?>") + 2;
  while (i < xml.size()) {
    if (xml[i] == '&') {
      const size_t semi = xml.find(';', i);
      if (semi == std::string::npos || semi - i > 8) return false;
      i = semi + 1;
      continue;
    }
    if (xml[i] != '<') {
      ++i;
      continue;
    }
    const size_t end = xml.find('>', i);
    if (end == std::string::npos) return false;
    std::string tag = xml.substr(i + 1, end - i - 1);
    int quotes = 0;
    for (char c : tag) quotes += c == '"';
    if (quotes % 2) return false;
    if (tag[0] == '/') {
      if (open.empty() || open.back() != tag.substr(1)) return false;
      open.pop_back();
    } else if (tag.back() != '/') {
      open.push_back(tag.substr(0, tag.find(' ')));
    }
    i = end + 1;
  }
  return open.empty();
}

}  // namespace

TEST_CASE("attention pictures are well-formed SVG with one cell per pair and escaped labels") {
  AttentionPicture p;
  p.source = "a < b & \"c\"";
  p.translation = "x & y";
  p.source_pieces = {"\xe2\x96\x81" "a", "<", "&", "\"", "</s>"};
  p.target_pieces = {"\xe2\x96\x81" "x", "'", "</s>"};
  p.weights = {{0.5f, 0.2f, 0.1f, 0.1f, 0.1f}, {0, 0, 0, 0.25f, 0.75f}, {1, 0, 0, 0, 0}};
  p.caption = "layer 1";
  const std::string svg = attention_svg(p);
  CHECK(well_formed(svg));
  size_t cells = 0;
  for (size_t at = 0; (at = svg.find("class=\"cell\"", at)) != std::string::npos; ++at) ++cells;
  CHECK(cells == 15);
  // Each row's weights, read back from the picture, sum to 1.
  for (int row = 0; row < 3; ++row) {
    double sum = 0;
    const std::string marker = "data-row=\"" + std::to_string(row) + "\" data-w=\"";
    for (size_t at = 0; (at = svg.find(marker, at)) != std::string::npos; at += marker.size())
      sum += std::stod(svg.substr(at + marker.size()));
    CHECK(sum == doctest::Approx(1.0).epsilon(1e-5));
  }
  CHECK(svg.find("a &lt; b &amp; &quot;c&quot;") != std::string::npos);
  CHECK(svg.find(">&lt;/s&gt;<") != std::string::npos);
  CHECK(svg.find(">&apos;<") != std::string::npos);
  const std::string html = attention_index_html({{1, "1.svg", "a < b", "x"}, {2, "", "", ""}}, "t & u");
  CHECK(html.find("<a href=\"1.svg\">a &lt; b</a>") != std::string::npos);
  CHECK(html.find("t &amp; u") != std::string::npos);
}
