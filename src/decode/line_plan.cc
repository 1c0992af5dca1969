#include "line_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <sstream>

#include "heed/core/error.h"

namespace heed::decode {

namespace {

constexpr std::string_view kWordStart = "\xe2\x96\x81";  // U+2581, SentencePiece's space
constexpr std::string_view kEos = "</s>";

// Word index of each piece: a piece starting with U+2581 starts a word.
std::vector<int> words_of(const std::vector<std::string>& pieces) {
  std::vector<int> word(pieces.size());
  int w = -1;
  for (size_t i = 0; i < pieces.size(); ++i) {
    if (w < 0 || pieces[i].rfind(kWordStart, 0) == 0) ++w;
    word[i] = w;
  }
  return word;
}

size_t word_count(const std::vector<std::string>& pieces) {
  const auto words = words_of(pieces);
  return words.empty() ? 0 : static_cast<size_t>(words.back() + 1);
}

// The pieces of a candidate without the end of sentence that closes them.
std::vector<std::string> without_eos(const std::vector<std::string>& pieces) {
  if (!pieces.empty() && pieces.back() == kEos) return {pieces.begin(), pieces.end() - 1};
  return pieces;
}

// Where a text may be cut when it is too long for the model: after "; ", ": " or ", ".
std::vector<size_t> clause_cuts(const std::string& s) {
  std::vector<size_t> cuts;
  for (size_t i = 0; i + 1 < s.size(); ++i)
    if ((s[i] == ';' || s[i] == ':' || s[i] == ',') && s[i + 1] == ' ') cuts.push_back(i + 2);
  return cuts;
}

}  // namespace

std::string word_alignment(const std::vector<std::string>& source_pieces,
                           const std::vector<std::string>& target_pieces,
                           const std::vector<std::vector<float>>& attention) {
  const auto src_word = words_of(source_pieces), tgt_word = words_of(target_pieces);
  if (source_pieces.empty() || target_pieces.empty()) return "";
  const int src_words = src_word.back() + 1, tgt_words = tgt_word.back() + 1;
  std::vector<std::vector<double>> mass(tgt_words, std::vector<double>(src_words, 0.0));
  for (size_t t = 0; t < target_pieces.size() && t < attention.size(); ++t)
    for (size_t s = 0; s < source_pieces.size() && s < attention[t].size(); ++s)
      mass[tgt_word[t]][src_word[s]] += attention[t][s];
  std::string out;
  for (int t = 0; t < tgt_words; ++t) {
    const int s = static_cast<int>(std::max_element(mass[t].begin(), mass[t].end()) - mass[t].begin());
    out += fmt::format("{}{}-{}", out.empty() ? "" : " ", s, t);
  }
  return out;
}

LinePlanner::LinePlanner(const text::Tokenizer& tokenizer, const TranslatorOptions& options, int64_t max_pieces)
    : tokenizer_(tokenizer), restore_case_(options.restore_case), max_pieces_(static_cast<size_t>(max_pieces)) {
  if (options.split_sentences) splitter_.emplace(options.source_language);
}

float LinePlanner::word_score(std::string_view word) const {
  const int32_t id = tokenizer_.piece_to_id(std::string(kWordStart) + std::string(word));
  return id == tokenizer_.unk_piece_id() ? -std::numeric_limits<float>::infinity() : tokenizer_.piece_score(id);
}

LinePlan LinePlanner::plan(const std::string& line) const {
  LinePlan plan;
  plan.layout = splitter_ ? splitter_->split(line) : text::split_lines(line);
  const text::WordScore score = [this](std::string_view w) { return word_score(w); };
  for (const auto& sentence : plan.layout.sentences) {
    SentencePlan s;
    if (restore_case_) s.shape = text::case_shape(sentence);
    s.chunks = chunks_of(s.shape == text::CaseShape::ordinary ? sentence
                                                              : text::to_ordinary_case(sentence, s.shape, score));
    plan.sentences.push_back(std::move(s));
  }
  return plan;
}

std::vector<std::vector<int32_t>> LinePlanner::chunks_of(const std::string& sentence) const {
  std::vector<int32_t> ids = tokenizer_.encode_ids(sentence);
  if (ids.size() <= max_pieces_) return {std::move(ids)};
  // Cut at the clause boundary furthest into the text whose first part still fits; the rest is
  // planned again. A part's pieces only grow with its length, so the boundary is found by
  // bisection (a long line of short clauses is not tokenized once per clause). Without such a
  // boundary, cut the pieces where the limit falls.
  const auto cuts = clause_cuts(sentence);
  size_t low = 0, high = cuts.size();  // cuts[0, low) fit; cuts[high, ...) do not
  while (low < high) {
    const size_t mid = (low + high) / 2;
    if (tokenizer_.encode_ids(sentence.substr(0, cuts[mid])).size() <= max_pieces_) low = mid + 1;
    else high = mid;
  }
  if (low > 0) {
    auto rest = chunks_of(sentence.substr(cuts[low - 1]));
    rest.insert(rest.begin(), tokenizer_.encode_ids(sentence.substr(0, cuts[low - 1])));
    return rest;
  }
  std::vector<std::vector<int32_t>> chunks;
  for (size_t c = 0; c < ids.size(); c += max_pieces_)
    chunks.emplace_back(ids.begin() + static_cast<std::ptrdiff_t>(c),
                        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), c + max_pieces_)));
  return chunks;
}

namespace {

// Places each part's attention block on the diagonal of the joined picture: rows are the joined
// target pieces (eos last), columns the joined source pieces (eos last); each part's end of
// sentence weights go to the joined eos column.
void join_attention(const std::vector<const Translation::Candidate*>& parts, Translation::Candidate& out) {
  for (const auto* p : parts) {
    const auto src = without_eos(p->source_pieces), tgt = without_eos(p->target_pieces);
    out.source_pieces.insert(out.source_pieces.end(), src.begin(), src.end());
    out.target_pieces.insert(out.target_pieces.end(), tgt.begin(), tgt.end());
  }
  const bool ends = !parts.empty() && !parts.back()->target_pieces.empty() && parts.back()->target_pieces.back() == kEos;
  out.source_pieces.push_back(std::string(kEos));
  if (ends) out.target_pieces.push_back(std::string(kEos));
  const size_t width = out.source_pieces.size();
  size_t column = 0;
  for (size_t k = 0; k < parts.size(); ++k) {
    const auto* p = parts[k];
    const size_t src = without_eos(p->source_pieces).size(), tgt = without_eos(p->target_pieces).size();
    const bool last = k + 1 == parts.size();
    for (size_t r = 0; r < p->attention.size() && (r < tgt || (last && ends)); ++r) {
      std::vector<float> row(width, 0.0f);
      for (size_t s = 0; s < p->attention[r].size(); ++s)
        row[s < src ? column + s : width - 1] += p->attention[r][s];
      out.attention.push_back(std::move(row));
    }
    column += src;
  }
}

}  // namespace

Translation::Candidate join_sentences(const std::vector<std::vector<Translation::Candidate>>& part_candidates,
                                      size_t k, const text::Layout& layout) {
  Translation::Candidate out;
  std::vector<std::string> texts;
  std::vector<const Translation::Candidate*> parts;
  size_t src_words = 0, tgt_words = 0;
  for (const auto& candidates : part_candidates) {
    HEED_ASSERT(!candidates.empty(), "a sentence without a candidate");
    const auto& c = candidates[std::min(k, candidates.size() - 1)];
    parts.push_back(&c);
    texts.push_back(c.text);
    out.log_prob += c.log_prob;
    // Each part's word pairs, moved past the words of the parts before it.
    std::istringstream pairs(c.alignment);
    for (std::string pair; pairs >> pair;) {
      const size_t dash = pair.find('-');
      out.alignment += fmt::format("{}{}-{}", out.alignment.empty() ? "" : " ",
                                   std::stoul(pair.substr(0, dash)) + src_words,
                                   std::stoul(pair.substr(dash + 1)) + tgt_words);
    }
    src_words += word_count(without_eos(c.source_pieces));
    tgt_words += word_count(without_eos(c.target_pieces));
  }
  out.text = text::join_layout(layout, texts);
  if (parts.size() == 1) {
    out.source_pieces = parts[0]->source_pieces;
    out.target_pieces = parts[0]->target_pieces;
    out.attention = parts[0]->attention;
  } else if (std::any_of(parts.begin(), parts.end(), [](const auto* p) { return !p->attention.empty(); })) {
    join_attention(parts, out);
  }
  return out;
}

}  // namespace heed::decode
