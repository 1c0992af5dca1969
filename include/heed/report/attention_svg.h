#pragma once
// Pictures of what a translation attends to: a heatmap of cross-attention weights (rows: target
// pieces, columns: source pieces, eos included) as a standalone SVG, and an HTML index of them.
#include <string>
#include <vector>

#include "heed/decode/translator.h"

namespace heed::report {

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

// Writes DIR/K.svg for each line K given, and DIR/index.html listing them all; every file appears
// atomically.
class AttentionPictureWriter {
 public:
  // Creates `dir` if needed; the caption says which layer and head the pictures show.
  AttentionPictureWriter(std::string dir, std::string caption);
  // The picture of `best` (a candidate with attention weights) for input line `line` (from 1).
  void add(int64_t line, const std::string& source, const decode::Translation::Candidate& best);
  void write_index(const std::string& title);

 private:
  std::string dir_, caption_;
  std::vector<IndexEntry> index_;
};

// "cross-attention, decoder layer 3, mean of all heads": what SearchOptions' attention shows.
std::string attention_caption(const decode::SearchOptions& search, int64_t decoder_layers);

// Escapes &, <, > and both quotes for XML text and attributes.
std::string xml_escape(const std::string& s);

}  // namespace heed::report
