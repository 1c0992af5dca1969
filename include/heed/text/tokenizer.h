#pragma once
// SentencePiece vocabularies: training, loading (from a file or from bytes embedded in a model),
// and encoding to pieces or ids. heed's models need the special ids pad=0, unk=1, bos=2, eos=3.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "heed/text/special_ids.h"

namespace sentencepiece {
class SentencePieceProcessor;
}

namespace heed::text {

using text::kBosId;
using text::kEosId;
using text::kPadId;
using text::kUnkId;

// The vocabularies of a model whose ids are not its SentencePiece model's own (an imported
// model, docs/import-export.md): each side's pieces in the order of the model's ids, and the id
// a piece outside each vocabulary becomes.
struct ModelVocabularies {
  std::vector<std::string> source, target;
  int32_t source_unk = kUnkId, target_unk = kUnkId;
};

class Tokenizer {
 public:
  // `origin` names the model in error messages (a path, or "model.heed:tokenizer.spm").
  // A heed vocabulary: the SentencePiece model's ids are the model's, with pad=0 unk=1 bos=2 eos=3.
  static Tokenizer from_file(const std::string& path);
  static Tokenizer from_bytes(std::string bytes, const std::string& origin);
  // A SentencePiece model (any special ids) that cuts text into pieces, and the model's own
  // vocabularies that give the pieces their ids.
  static Tokenizer with_vocabularies(std::string bytes, const std::string& origin, ModelVocabularies vocabularies);

  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;
  ~Tokenizer();

  // Text to the model's source ids.
  std::vector<int32_t> encode_ids(std::string_view text) const;
  // The same into `ids`, whose capacity is reused (no allocation once it is big enough).
  void encode_ids(std::string_view text, std::vector<int32_t>& ids) const;
  // Text to the model's target ids (forced decoding of a target, rescoring a translation).
  std::vector<int32_t> encode_target_ids(std::string_view text) const;
  std::vector<std::string> encode_pieces(std::string_view text) const;
  // The model's target ids to text.
  std::string decode_ids(const std::vector<int32_t>& ids) const;
  std::string decode_pieces(const std::vector<std::string>& pieces) const;
  // The pieces of the model's ids on each side.
  const std::string& source_piece(int32_t id) const;
  const std::string& target_piece(int32_t id) const;
  int source_vocab_size() const;
  int target_vocab_size() const;

  // The SentencePiece model's own ids (the model's too, unless it has vocabularies of its own).
  const std::string& piece(int32_t id) const;
  int32_t piece_to_id(std::string_view piece) const;  // unk_piece_id() for a string that is not a piece
  int32_t unk_piece_id() const;
  // A piece's score in the vocabulary: its log-probability in a unigram model (higher: more common).
  float piece_score(int32_t id) const;
  int vocab_size() const;
  const std::string& serialized() const { return bytes_; }
  bool has_vocabularies() const { return vocabularies_ != nullptr; }

 private:
  struct Vocabularies;
  Tokenizer(std::unique_ptr<sentencepiece::SentencePieceProcessor> sp, std::string bytes);
  std::unique_ptr<sentencepiece::SentencePieceProcessor> sp_;
  std::string bytes_;
  std::unique_ptr<const Vocabularies> vocabularies_;  // null: the SentencePiece ids are the model's
};

struct TokenizerTrainOptions {
  std::vector<std::string> inputs;  // one joint vocabulary over all of them
  std::string model_prefix;         // writes PREFIX.model and PREFIX.vocab
  int vocab_size = 8000;
  std::string type = "unigram";     // or "bpe"
  double character_coverage = 1.0;
  int64_t max_sentences = 2000000;  // sampled (and shuffled) beyond this
  uint32_t seed = 1;
  int threads = 1;
};

// Trains and writes PREFIX.model / PREFIX.vocab atomically (temporary names, then rename).
// Checks the inputs first: unreadable or empty files and invalid UTF-8 are Errors naming the
// file and line.
void train_tokenizer(const TokenizerTrainOptions& options);

}  // namespace heed::text
