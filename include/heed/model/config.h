#pragma once
// The model configuration of docs/model-format.md: the "config" metadata of a model file.
#include <cstdint>
#include <string>

#include "heed/ops/activation.h"

namespace heed::model {

enum class NormPlacement { pre, post };
enum class Positions { sinusoidal, learned };
using ops::Activation;

struct ModelConfig {
  int64_t vocab_size = 0;
  int64_t d_model = 256;
  int64_t heads = 4;
  int64_t ffn_dim = 1024;
  int64_t encoder_layers = 6;
  int64_t decoder_layers = 6;
  NormPlacement norm = NormPlacement::pre;
  Positions positions = Positions::sinusoidal;
  int64_t max_positions = 1024;
  Activation activation = Activation::relu;
  bool tie_embeddings = true;
  float layer_norm_eps = 1e-5f;

  int64_t head_dim() const { return d_model / heads; }
  // Throws an Error naming the first inconsistent value.
  void validate() const;
  std::string to_json() const;
  // Missing keys take the spec's defaults; unknown keys and wrong types are Errors.
  static ModelConfig from_json(const std::string& json);
};

// tiny (64, 2 heads, 256, 2+2), small (256, 4, 1024, 6+6), base (512, 8, 2048, 6+6).
ModelConfig preset(const std::string& name, int64_t vocab_size);

// The configuration's names of each choice ("pre", "learned", "gelu"), and their parsers, which
// the model file reader and the command line share; a parser's error names what it accepts.
const char* to_string(NormPlacement n);
const char* to_string(Positions p);
const char* to_string(Activation a);
NormPlacement parse_norm(const std::string& name);
Positions parse_positions(const std::string& name);
Activation parse_activation(const std::string& name);

}  // namespace heed::model
