// heed average: the mean of the weights of several checkpoints of one configuration.
#include <fmt/format.h>

#include "command.h"
#include "heed/core/error.h"
#include "heed/model/model_file.h"

namespace heed::cli {

int run_average(const std::vector<std::string>& args) {
  std::vector<std::string> inputs, meta;
  std::string output, dtype;
  po::options_description options("average");
  options.add_options()
      ("models", po::value(&inputs)->multitoken()->required(), "model files of one configuration")
      ("output,o", po::value(&output)->required(), "the averaged model")
      ("dtype", po::value(&dtype)->default_value("f32"), "stored weight type: f32, f16, bf16 or int8 (matrices as bytes with a scale per row)")
      ("meta", po::value(&meta)->composing(), "KEY=VALUE to record in the model's metadata (repeatable)");
  po::positional_options_description positional;
  positional.add("models", -1);
  po::variables_map vm;
  if (!parse_options(args, "usage: heed average A.heed B.heed ... -o OUT.heed [--dtype f16] [--meta KEY=VALUE ...]\n\n"
                     "Averages the weights of checkpoints of one model; with one input it converts the weight type\n"
                     "and records metadata.", options, vm, &positional))
    return 0;
  const auto weight_type = model::parse_weight_dtype(dtype);

  model::ModelFile first = model::average_models(inputs);
  auto metadata = first.metadata;
  for (const auto& entry : meta) {
    const auto eq = entry.find('=');
    if (eq == 0 || eq == std::string::npos) throw UsageError{fmt::format("--meta '{}' is not KEY=VALUE", entry), ""};
    const std::string key = entry.substr(0, eq);
    HEED_CHECK(!model::is_reserved_metadata_key(key), "--meta cannot set '{}': heed writes it from the model itself", key);
    metadata[key] = entry.substr(eq + 1);
  }
  model::save_model(output, *first.params, first.tokenizer, metadata, weight_type, first.vocabularies);
  if (inputs.size() == 1)
    fmt::print(stderr, "wrote {} ({} weights) from {}\n", output, dtype, inputs[0]);
  else
    fmt::print(stderr, "averaged {} models into {}\n", inputs.size(), output);
  return 0;
}

}  // namespace heed::cli
