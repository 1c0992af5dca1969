#pragma once
// Pictures of what a translation attends to: a heatmap of cross-attention weights (rows: target
// pieces, columns: source pieces, eos included) as a standalone SVG, and an HTML index of them.
#include <string>
#include <vector>

namespace heed::decode {

struct AttentionPicture {
  std::string source, translation;  // the sentences, for the title
  std::vector<std::string> source_pieces, target_pieces;
  std::vector<std::vector<float>> weights;  // (target pieces, source pieces)
  std::string caption;                      // which layer and head
};

std::string attention_svg(const AttentionPicture& picture);

struct IndexEntry {
  int64_t line;      // 1-based input line
  std::string file;  // the picture's file name, empty for a line with no picture
  std::string source, translation;
};

std::string attention_index_html(const std::vector<IndexEntry>& entries, const std::string& title);

// Escapes &, <, > and both quotes for XML text and attributes.
std::string xml_escape(const std::string& s);

}  // namespace heed::decode
