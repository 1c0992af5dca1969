#include "heed/text/tokenizer.h"

#include <type_traits>

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>
#include <unistd.h>

#include <cstdio>

#include "heed/core/error.h"
#include "heed/core/io.h"
#include "heed/text/utf8.h"

namespace heed::text {

struct Tokenizer::Vocabularies {
  ModelVocabularies lists;
  std::unordered_map<std::string, int32_t> source_ids, target_ids;
};

Tokenizer::Tokenizer(std::unique_ptr<sentencepiece::SentencePieceProcessor> sp, std::string bytes)
    : sp_(std::move(sp)), bytes_(std::move(bytes)) {}
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;
Tokenizer::~Tokenizer() = default;

Tokenizer Tokenizer::from_file(const std::string& path) { return from_bytes(read_file(path), path); }

namespace {

std::unique_ptr<sentencepiece::SentencePieceProcessor> load_processor(const std::string& bytes,
                                                                      const std::string& origin) {
  auto sp = std::make_unique<sentencepiece::SentencePieceProcessor>();
  const auto status = sp->LoadFromSerializedProto(bytes);
  if (!status.ok()) fail("{} is not a SentencePiece model: {}", origin, status.ToString());
  return sp;
}

// Each piece's first id: a vocabulary may list a piece twice, and the first is the one meant.
std::unordered_map<std::string, int32_t> index_of(const std::vector<std::string>& pieces) {
  std::unordered_map<std::string, int32_t> ids;
  for (size_t i = 0; i < pieces.size(); ++i) ids.emplace(pieces[i], static_cast<int32_t>(i));
  return ids;
}

}  // namespace

Tokenizer Tokenizer::from_bytes(std::string bytes, const std::string& origin) {
  auto sp = load_processor(bytes, origin);
  if (sp->pad_id() != kPadId || sp->unk_id() != kUnkId || sp->bos_id() != kBosId ||
      sp->eos_id() != kEosId) {
    fail("{} has special ids pad={} unk={} bos={} eos={}, but heed needs pad=0 unk=1 bos=2 eos=3; "
         "retrain it with 'heed tokenizer train', or with spm_train --pad_id=0 --unk_id=1 "
         "--bos_id=2 --eos_id=3",
         origin, sp->pad_id(), sp->unk_id(), sp->bos_id(), sp->eos_id());
  }
  return Tokenizer(std::move(sp), std::move(bytes));
}

Tokenizer Tokenizer::with_vocabularies(std::string bytes, const std::string& origin, ModelVocabularies v) {
  HEED_CHECK(!v.source.empty() && !v.target.empty(), "{}: a model vocabulary is empty", origin);
  HEED_CHECK(v.source_unk >= 0 && v.source_unk < static_cast<int32_t>(v.source.size()) && v.target_unk >= 0 &&
                 v.target_unk < static_cast<int32_t>(v.target.size()),
             "{}: an unk id (source {}, target {}) is outside its vocabulary ({} and {} pieces)", origin, v.source_unk,
             v.target_unk, v.source.size(), v.target.size());
  auto sp = load_processor(bytes, origin);  // before `bytes` moves into the tokenizer
  Tokenizer t(std::move(sp), std::move(bytes));
  auto maps = std::make_unique<Vocabularies>();
  maps->source_ids = index_of(v.source);
  maps->target_ids = index_of(v.target);
  maps->lists = std::move(v);
  t.vocabularies_ = std::move(maps);
  return t;
}

std::vector<int32_t> Tokenizer::encode_ids(std::string_view text) const {
  std::vector<int32_t> ids;
  encode_ids(text, ids);
  return ids;
}

void Tokenizer::encode_ids(std::string_view text, std::vector<int32_t>& ids) const {
  if (vocabularies_) {
    ids.clear();
    for (const auto& p : encode_pieces(text)) {
      const auto it = vocabularies_->source_ids.find(p);
      ids.push_back(it == vocabularies_->source_ids.end() ? vocabularies_->lists.source_unk : it->second);
    }
    return;
  }
  // SentencePiece's ids are int: the same type here, so they are written in place (it clears
  // the vector and appends, keeping its capacity).
  static_assert(std::is_same_v<int, int32_t>, "SentencePiece's int ids are written as int32_t");
  const auto status = sp_->Encode(text, &ids);
  if (!status.ok()) fail("cannot encode text: {}", status.ToString());
}

std::vector<int32_t> Tokenizer::encode_target_ids(std::string_view text) const {
  if (!vocabularies_) return encode_ids(text);
  std::vector<int32_t> ids;
  // A piece the model cannot write: its unk stands for it, as on the source side.
  for (const auto& p : encode_pieces(text)) {
    const auto it = vocabularies_->target_ids.find(p);
    ids.push_back(it == vocabularies_->target_ids.end() ? vocabularies_->lists.target_unk : it->second);
  }
  return ids;
}

std::vector<std::string> Tokenizer::encode_pieces(std::string_view text) const {
  std::vector<std::string> pieces;
  const auto status = sp_->Encode(text, &pieces);
  if (!status.ok()) fail("cannot encode text: {}", status.ToString());
  return pieces;
}

std::string Tokenizer::decode_ids(const std::vector<int32_t>& ids) const {
  for (int32_t id : ids)
    HEED_CHECK(id >= 0 && id < target_vocab_size(), "id {} is outside the vocabulary of {}", id, target_vocab_size());
  if (vocabularies_) {
    std::vector<std::string> pieces;
    for (int32_t id : ids) pieces.push_back(vocabularies_->lists.target[id]);
    return decode_pieces(pieces);
  }
  const std::vector<int> in(ids.begin(), ids.end());
  std::string text;
  const auto status = sp_->Decode(in, &text);
  if (!status.ok()) fail("cannot decode ids: {}", status.ToString());
  return text;
}

std::string Tokenizer::decode_pieces(const std::vector<std::string>& pieces) const {
  std::string text;
  const auto status = sp_->Decode(pieces, &text);
  if (!status.ok()) fail("cannot decode pieces: {}", status.ToString());
  return text;
}

const std::string& Tokenizer::source_piece(int32_t id) const {
  return vocabularies_ ? vocabularies_->lists.source.at(id) : piece(id);
}
const std::string& Tokenizer::target_piece(int32_t id) const {
  return vocabularies_ ? vocabularies_->lists.target.at(id) : piece(id);
}
int Tokenizer::source_vocab_size() const {
  return vocabularies_ ? static_cast<int>(vocabularies_->lists.source.size()) : vocab_size();
}
int Tokenizer::target_vocab_size() const {
  return vocabularies_ ? static_cast<int>(vocabularies_->lists.target.size()) : vocab_size();
}

const std::string& Tokenizer::piece(int32_t id) const { return sp_->IdToPiece(id); }
int32_t Tokenizer::piece_to_id(std::string_view piece) const { return sp_->PieceToId(piece); }
int32_t Tokenizer::unk_piece_id() const { return sp_->unk_id(); }
float Tokenizer::piece_score(int32_t id) const { return sp_->GetScore(id); }
int Tokenizer::vocab_size() const { return sp_->GetPieceSize(); }

namespace {

// Feeds SentencePiece the lines of several files in turn, already checked by check_inputs.
class FileLines : public sentencepiece::SentenceIterator {
 public:
  explicit FileLines(std::vector<std::string> paths) : paths_(std::move(paths)) { advance(); }
  bool done() const override { return done_; }
  void Next() override { advance(); }
  const std::string& value() const override { return line_; }
  sentencepiece::util::Status status() const override { return {}; }

 private:
  void advance() {
    while (true) {
      if (reader_ && reader_->next(line_)) return;
      if (next_path_ == paths_.size()) {
        done_ = true;
        return;
      }
      reader_ = std::make_unique<LineReader>(paths_[next_path_++]);
    }
  }
  std::vector<std::string> paths_;
  size_t next_path_ = 0;
  std::unique_ptr<LineReader> reader_;
  std::string line_;
  bool done_ = false;
};

// Every input must be readable, valid UTF-8, and hold some text.
void check_inputs(const std::vector<std::string>& paths) {
  HEED_CHECK(!paths.empty(), "no training text given");
  int64_t characters = 0;
  for (const auto& path : paths) {
    LineReader reader(path);
    std::string line;
    while (reader.next(line)) {
      const size_t bad = find_invalid_utf8(line);
      if (bad != std::string::npos)
        fail("{}:{}: invalid UTF-8 at byte {} of the line", path, reader.line_number(), bad + 1);
      characters += static_cast<int64_t>(line.size());
    }
  }
  HEED_CHECK(characters > 0, "the training text ({}) is empty", paths.front());
}

}  // namespace

void train_tokenizer(const TokenizerTrainOptions& o) {
  HEED_CHECK(o.type == "unigram" || o.type == "bpe", "unknown tokenizer type '{}' (unigram or bpe)", o.type);
  HEED_CHECK(o.vocab_size >= 8, "vocabulary size {} is too small (at least 8)", o.vocab_size);
  HEED_CHECK(o.character_coverage > 0 && o.character_coverage <= 1,
             "character coverage {} is not in (0, 1]", o.character_coverage);
  HEED_CHECK(o.max_sentences > 0, "--max-sentences must be positive");
  HEED_CHECK(!o.model_prefix.empty(), "no model prefix given");
  check_inputs(o.inputs);

  const std::string temporary = o.model_prefix + ".tmp-" + std::to_string(::getpid());
  const std::string args = fmt::format(
      "--model_prefix={} --vocab_size={} --model_type={} --character_coverage={} "
      "--input_sentence_size={} --shuffle_input_sentence=true --num_threads={} "
      "--pad_id=0 --unk_id=1 --bos_id=2 --eos_id=3 --max_sentence_length=65536 "
      "--hard_vocab_limit=true --minloglevel=1",
      temporary, o.vocab_size, o.type, o.character_coverage, o.max_sentences,
      std::max(1, o.threads));
  sentencepiece::SetRandomGeneratorSeed(o.seed);
  FileLines lines(o.inputs);
  const auto status = sentencepiece::SentencePieceTrainer::Train(args, &lines);
  if (!status.ok()) {
    std::remove((temporary + ".model").c_str());
    std::remove((temporary + ".vocab").c_str());
    fail("cannot train a vocabulary of {} pieces on {}: {}", o.vocab_size, o.inputs.front(),
         status.ToString());
  }
  durable_rename(temporary + ".vocab", o.model_prefix + ".vocab");
  durable_rename(temporary + ".model", o.model_prefix + ".model");
}

}  // namespace heed::text
