#include "heed/report/attention_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "heed/core/error.h"
#include "heed/core/io.h"

namespace heed::report {

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// SentencePiece marks a word start with U+2581; show it as a plain space-free label.
std::string label(const std::string& piece) {
  std::string out = piece;
  const std::string mark = "\xe2\x96\x81";
  if (out.rfind(mark, 0) == 0) out = "_" + out.substr(mark.size());
  return out;
}

// White (0) to dark blue (1).
std::string shade(double w) {
  w = std::clamp(w, 0.0, 1.0);
  const int r = static_cast<int>(std::lround(255 - 222 * w)), g = static_cast<int>(std::lround(255 - 186 * w)),
            b = static_cast<int>(std::lround(255 - 75 * w));
  return fmt::format("rgb({},{},{})", r, g, b);
}

}  // namespace

std::string attention_svg(const AttentionPicture& p) {
  const size_t rows = p.weights.size(), cols = p.source_pieces.size();
  constexpr double cell = 26, left = 150, top = 170, legend_h = 70;
  const double width = std::max(left + cols * cell + 40, 560.0);
  const double height = top + rows * cell + legend_h;
  std::string svg = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      width, height);
  svg += fmt::format("<text x=\"10\" y=\"22\" font-size=\"14\" font-weight=\"bold\">{}</text>\n", xml_escape(p.source));
  svg += fmt::format("<text x=\"10\" y=\"42\" font-size=\"14\">{}</text>\n", xml_escape(p.translation));
  svg += fmt::format("<text x=\"10\" y=\"60\" fill=\"#555\">{}</text>\n", xml_escape(p.caption));
  for (size_t s = 0; s < cols; ++s) {  // source pieces along the top, slanted
    const double x = left + s * cell + cell / 2;
    svg += fmt::format("<text class=\"source\" x=\"{0:.1f}\" y=\"{1}\" transform=\"rotate(-60 {0:.1f} {1})\">{2}</text>\n",
                       x, top - 6, xml_escape(label(p.source_pieces[s])));
  }
  for (size_t t = 0; t < rows; ++t) {
    const double y = top + t * cell;
    const std::string target = t < p.target_pieces.size() ? label(p.target_pieces[t]) : "";
    svg += fmt::format("<text class=\"target\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", left - 6,
                       y + cell / 2 + 4, xml_escape(target));
    for (size_t s = 0; s < cols; ++s) {
      const double w = s < p.weights[t].size() ? p.weights[t][s] : 0.0;
      svg += fmt::format(
          "<rect class=\"cell\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" height=\"{}\" fill=\"{}\" stroke=\"#eee\" "
          "data-row=\"{}\" data-w=\"{:.6f}\"><title>{} &#8594; {}: {:.3f}</title></rect>\n",
          left + s * cell, y, cell, cell, shade(w), t, w, xml_escape(target),
          xml_escape(label(p.source_pieces[s])), w);
    }
  }
  // Legend: the shade scale from 0 to 1.
  const double ly = top + rows * cell + 25;
  svg += "<defs><linearGradient id=\"scale\">";
  for (int i = 0; i <= 4; ++i) svg += fmt::format("<stop offset=\"{}%\" stop-color=\"{}\"/>", i * 25, shade(i / 4.0));
  svg += "</linearGradient></defs>\n";
  svg += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"200\" height=\"14\" fill=\"url(#scale)\" stroke=\"#999\"/>\n", left, ly);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">attention 0</text>\n", left - 6, ly + 12);
  svg += fmt::format("<text x=\"{}\" y=\"{}\">1</text>\n", left + 206, ly + 12);
  svg += fmt::format("<text x=\"{}\" y=\"{}\" fill=\"#555\">rows: translation pieces; columns: source pieces</text>\n", left, ly + 34);
  return svg + "</svg>\n";
}

std::string attention_index_html(const std::vector<IndexEntry>& entries, const std::string& title) {
  std::string html = fmt::format(
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{0}</title>\n"
      "<style>body{{font-family:sans-serif;margin:2em}} td{{padding:4px 10px;vertical-align:top}} "
      "tr:nth-child(even){{background:#f4f6fa}}</style></head>\n<body><h1>{0}</h1>\n"
      "<table><tr><th>line</th><th>source</th><th>translation</th></tr>\n",
      xml_escape(title));
  for (const auto& e : entries) {
    const std::string src = xml_escape(e.source), tr = xml_escape(e.translation);
    if (e.file.empty())
      html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n", e.line, src, tr);
    else
      html += fmt::format("<tr><td><a href=\"{0}\">{1}</a></td><td><a href=\"{0}\">{2}</a></td><td>{3}</td></tr>\n",
                          xml_escape(e.file), e.line, src, tr);
  }
  return html + "</table></body></html>\n";
}

AttentionPictureWriter::AttentionPictureWriter(std::string dir, std::string caption)
    : dir_(std::move(dir)), caption_(std::move(caption)) {
  std::error_code ec;
  std::filesystem::create_directories(dir_, ec);
  if (ec) fail("cannot create the attention picture folder {}: {}", dir_, ec.message());
}

void AttentionPictureWriter::add(int64_t line, const std::string& source, const decode::Translation::Candidate& best) {
  IndexEntry entry{line, "", source, best.text};
  if (!best.attention.empty()) {
    entry.file = fmt::format("{}.svg", line);
    AtomicFile file((std::filesystem::path(dir_) / entry.file).string());
    file.stream() << attention_svg({source, best.text, best.source_pieces, best.target_pieces, best.attention, caption_});
    file.commit();
  }
  index_.push_back(std::move(entry));
}

void AttentionPictureWriter::write_index(const std::string& title) {
  AtomicFile file((std::filesystem::path(dir_) / "index.html").string());
  file.stream() << attention_index_html(index_, title);
  file.commit();
}

std::string attention_caption(const decode::SearchOptions& search, int64_t decoder_layers) {
  return fmt::format("cross-attention, decoder layer {}, {}",
                     search.attention_layer == decode::SearchOptions::kMiddleLayer ? decoder_layers / 2 + 1
                     : search.attention_layer < 0                          ? decoder_layers
                                                                           : search.attention_layer + 1,
                     search.attention_head < 0 ? "mean of all heads" : fmt::format("head {}", search.attention_head + 1));
}

}  // namespace heed::report
