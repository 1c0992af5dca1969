#include "heed/cli/loaded_model.h"

#include "heed/cli/streams.h"
#include "heed/core/error.h"

namespace heed::cli {

LoadedModel load_model_with_tokenizer(const std::string& path) {
  model::ModelFile file = model::load_model(path);
  text::Tokenizer tokenizer = text::Tokenizer::from_bytes(file.tokenizer, path + ":tokenizer.spm");
  const int64_t vocab = file.params->config().vocab_size;
  HEED_CHECK(tokenizer.vocab_size() == vocab,
             "{}: the embedded tokenizer has {} pieces but the model's vocab_size is {}", path,
             tokenizer.vocab_size(), vocab);
  return {std::move(file), std::move(tokenizer)};
}

std::vector<std::string> read_text_lines(const std::string& path) {
  LineReader in(path);
  std::vector<std::string> lines;
  std::string line;
  while (in.next(line)) lines.push_back(checked_utf8(std::move(line), in));
  return lines;
}

}  // namespace heed::cli
