#pragma once
// A model file opened for use: weights, configuration and its own tokenizer, checked to agree.
#include <string>

#include "heed/model/model_file.h"
#include "heed/text/tokenizer.h"

namespace heed::cli {

struct LoadedModel {
  model::ModelFile file;
  text::Tokenizer tokenizer;
  const model::ModelConfig& config() const { return file.params->config(); }
};

LoadedModel load_model_with_tokenizer(const std::string& path);

// Reads a whole text file as lines (UTF-8 repaired with a warning per line).
std::vector<std::string> read_text_lines(const std::string& path);

}  // namespace heed::cli
