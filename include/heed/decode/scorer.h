#pragma once
// Forced decoding: log p(target | source) of sentence pairs, the sum over the target's pieces and
// eos of the natural-log probability, with no length normalization. Per thread, like Translator.
#include <string>
#include <vector>

#include "heed/decode/loaded_model.h"
#include "heed/model/transformer.h"

namespace heed::decode {

struct ScoreOptions {
  int64_t batch_tokens = 4096;  // padded tokens per batch
  // Names of the sources and targets in error messages ("<file>:<line>: ...").
  std::string source_name = "source", target_name = "target";
};

class Scorer {
 public:
  explicit Scorer(const LoadedModel& model) : model_(model), transformer_(model.params()) {}
  // One score per pair, in input order; a side longer than the model's positions is an Error
  // naming its line.
  std::vector<double> score(const std::vector<std::string>& sources, const std::vector<std::string>& targets,
                            const ScoreOptions& options);

 private:
  const LoadedModel& model_;
  model::Transformer transformer_;
};

}  // namespace heed::decode
