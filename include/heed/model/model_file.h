#pragma once
// A heed model file: configuration, weights and the SentencePiece model in one safetensors file
// (docs/model-format.md). Loading checks everything the spec lists; saving is atomic.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "heed/model/parameters.h"
#include "heed/model/safetensors.h"

namespace heed::model {

// With the configuration's stored_vocabularies: the pieces of the model's ids, each side in id
// order (tensors vocab.source and vocab.target: the pieces, each ended by a newline, as U8).
struct StoredVocabularies {
  std::vector<std::string> source, target;
};

struct ModelFile {
  std::unique_ptr<Parameters> params;
  std::string tokenizer;                        // serialized SentencePiece model
  StoredVocabularies vocabularies;              // empty without stored_vocabularies
  std::map<std::string, std::string> metadata;  // every key, config and format included
  std::map<std::string, int64_t> dtype_counts;  // stored dtype name -> number of weight tensors
};

ModelFile load_model(const std::string& path);
ModelFile parse_model(std::string bytes, const std::string& origin);

// Writes the parameters in `dtype` (F32, F16, BF16, or I8: every matrix as signed bytes with a
// scale per row, the F32 tensor NAME.scale, as docs/model-format.md names it; biases and layer norms
// stay F32) with the tokenizer; `metadata` keys other than format, format_version and config are
// kept as they are. Readers of I8 files dequantize on load. `vocabularies` go with the
// configuration's stored_vocabularies (and only with it).
void save_model(const std::string& path, const Parameters& params, const std::string& tokenizer,
                const std::map<std::string, std::string>& metadata, DType dtype,
                const StoredVocabularies& vocabularies = {});

DType parse_weight_dtype(const std::string& name);  // "f32", "f16", "bf16", "int8" (any case)

// The metadata keys heed writes from the model itself (format, format_version, config): no
// caller's metadata may set them.
bool is_reserved_metadata_key(const std::string& key);

// The mean of the weights of model files of one configuration and vocabulary: the first file
// with its weights replaced by the mean and `averaged_from` (the paths, space-separated) added to
// its metadata. An Error names a file of another configuration or tokenizer.
ModelFile average_models(const std::vector<std::string>& paths);

}  // namespace heed::model
