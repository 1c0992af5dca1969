#pragma once
// A model file opened for use: weights, configuration and its own tokenizer, checked to agree.
// Which file, by name or by default, is the programs' choice (app/models.h).
// Read-only once loaded: any number of threads may translate with it, each with its own
// Translator (see dnnl/context.h).
#include <string>

#include "heed/model/model_file.h"
#include "heed/ops/prepared_matrix.h"
#include "heed/text/tokenizer.h"

namespace heed::decode {

struct LoadedModel {
  model::ModelFile file;
  text::Tokenizer tokenizer;
  const model::Parameters& params() const { return *file.params; }
  const model::ModelConfig& config() const { return file.params->config(); }
};

struct LoadOptions {
  ops::ComputeType compute = ops::ComputeType::f32;  // the products' type (ops/prepared_matrix.h)
  // Only translation and scoring follow: the fp32 copies of the prepared weights are given back
  // (model::Parameters::release_prepared_floats), so reading the weights themselves is not allowed.
  bool inference_only = false;
};

// The model at `path`, its linear weights prepared for products in options.compute.
LoadedModel load_model_with_tokenizer(const std::string& path, const LoadOptions& options = {});

}  // namespace heed::decode
