#include "heed/decode/loaded_model.h"

#include <malloc.h>

#include "heed/core/error.h"

namespace heed::decode {

LoadedModel load_model_with_tokenizer(const std::string& path, const LoadOptions& options) {
  model::ModelFile file = model::load_model(path);
  const model::ModelConfig& config = file.params->config();
  text::Tokenizer tokenizer = [&] {
    // An imported model's ids index its own vocabularies; the SentencePiece model only cuts text.
    if (config.stored_vocabularies)
      return text::Tokenizer::with_vocabularies(
          file.tokenizer, path + ":tokenizer.spm",
          {file.vocabularies.source, file.vocabularies.target, config.ids.source_unk, config.ids.target_unk});
    return text::Tokenizer::from_bytes(file.tokenizer, path + ":tokenizer.spm");
  }();
  const int64_t vocab = config.vocab_size;
  HEED_CHECK(tokenizer.target_vocab_size() == vocab,
             "{}: the embedded tokenizer has {} pieces but the model's vocab_size is {}", path,
             tokenizer.target_vocab_size(), vocab);
  file.params->prepare(options.compute);
  if (options.inference_only) file.params->release_prepared_floats();
  // Loading freed the file's bytes and the weights' conversions (tens of MB), below memory that
  // stays: glibc keeps such holes resident until asked to return them.
  malloc_trim(0);
  return {std::move(file), std::move(tokenizer)};
}

}  // namespace heed::decode
