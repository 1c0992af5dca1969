#pragma once
// A model file opened for use: weights, configuration and its own tokenizer, checked to agree.
// Read-only once loaded: any number of threads may translate with it, each with its own
// Translator (see dnnl/context.h).
#include <string>
#include <vector>

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

// The compute type named by a user: "f32", "bf16", "int8", or "auto", the fastest type on this CPU
// whose translations keep their quality (the rule and its measurements: docs/compute-types.md).
// A type this CPU cannot run is an Error naming the CPU's instruction set.
ops::ComputeType choose_compute_type(const std::string& name);
// The types this CPU runs, "auto"'s choice first: "int8 (auto), f32".
std::string available_compute_types();

// Installed models, named by their file name without ".heed" (es-en, en-es, bible-es-en), in the
// first folder of: $HEED_MODELS; models/ or share/heed/models/ beside heed or above it (a build
// tree, an installation); ./models.
struct InstalledModel {
  std::string name, path;
};
std::vector<InstalledModel> installed_models();
// The folder installed_models() reads ("" when there is none).
std::string models_folder();

// A path (containing '/', or naming an existing regular file, or ending in ".heed") is returned as is;
// a name is looked up among the installed models, and an unknown one is an Error listing them.
std::string resolve_model(const std::string& name_or_path);

// The language profile of `heed detect` and source "auto": $HEED_LANGUAGE_PROFILE, else
// languages.lid in the models folder; "" when there is none.
std::string language_profile();

// The language pair in a model's name: its last two '-'-separated parts ("bible-es-en": es, en).
// False (and both left as they were) when the name does not end in two language codes.
bool language_pair(const std::string& name, std::string& source, std::string& target);

// The model used when none is named: $HEED_MODEL, else the installed "es-en", else the Bible
// model "bible-es-en".
std::string default_model();

}  // namespace heed::decode
