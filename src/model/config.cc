#include "heed/model/config.h"

#include <nlohmann/json.hpp>

#include "heed/core/error.h"

namespace heed::model {

const char* to_string(NormPlacement n) { return n == NormPlacement::pre ? "pre" : "post"; }
const char* to_string(Positions p) { return p == Positions::sinusoidal ? "sinusoidal" : "learned"; }
const char* to_string(Activation a) { return a == Activation::relu ? "relu" : "gelu"; }

namespace {

// The value of `choices` whose name is `name`; an Error listing the names otherwise.
template <typename Choice, size_t N>
Choice parse_choice(const char* what, const std::string& name, const Choice (&choices)[N]) {
  std::string names;
  for (Choice c : choices) {
    if (name == to_string(c)) return c;
    names += (names.empty() ? "" : " or ") + std::string(to_string(c));
  }
  fail("{} '{}' is not {}", what, name, names);
}

}  // namespace

NormPlacement parse_norm(const std::string& name) {
  return parse_choice("norm", name, {NormPlacement::pre, NormPlacement::post});
}

Positions parse_positions(const std::string& name) {
  return parse_choice("positions", name, {Positions::sinusoidal, Positions::learned});
}

Activation parse_activation(const std::string& name) {
  return parse_choice("activation", name, {Activation::relu, Activation::gelu});
}

void ModelConfig::validate() const {
  HEED_CHECK(vocab_size >= 5, "vocab_size {} is too small (at least 5: pad, unk, bos, eos and one more)", vocab_size);
  HEED_CHECK(d_model > 0 && heads > 0 && d_model % heads == 0,
             "d_model ({}) must be a positive multiple of heads ({})", d_model, heads);
  HEED_CHECK(ffn_dim > 0, "ffn_dim must be positive, not {}", ffn_dim);
  HEED_CHECK(encoder_layers >= 1 && decoder_layers >= 1,
             "the model needs at least one encoder and one decoder layer ({} and {})",
             encoder_layers, decoder_layers);
  HEED_CHECK(max_positions >= 2, "max_positions must be at least 2, not {}", max_positions);
  HEED_CHECK(layer_norm_eps > 0, "layer_norm_eps must be positive");
}

std::string ModelConfig::to_json() const {
  nlohmann::ordered_json j;
  j["vocab_size"] = vocab_size;
  j["d_model"] = d_model;
  j["heads"] = heads;
  j["ffn_dim"] = ffn_dim;
  j["encoder_layers"] = encoder_layers;
  j["decoder_layers"] = decoder_layers;
  j["norm"] = to_string(norm);
  j["positions"] = to_string(positions);
  j["max_positions"] = max_positions;
  j["activation"] = to_string(activation);
  j["tie_embeddings"] = tie_embeddings;
  j["layer_norm_eps"] = layer_norm_eps;
  return j.dump();
}

ModelConfig ModelConfig::from_json(const std::string& text) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    fail("the model configuration is not valid JSON: {}", e.what());
  }
  HEED_CHECK(j.is_object(), "the model configuration is not a JSON object");
  ModelConfig c;
  try {
    for (const auto& [key, value] : j.items()) {
      if (key == "vocab_size") c.vocab_size = value.get<int64_t>();
      else if (key == "d_model") c.d_model = value.get<int64_t>();
      else if (key == "heads") c.heads = value.get<int64_t>();
      else if (key == "ffn_dim") c.ffn_dim = value.get<int64_t>();
      else if (key == "encoder_layers") c.encoder_layers = value.get<int64_t>();
      else if (key == "decoder_layers") c.decoder_layers = value.get<int64_t>();
      else if (key == "max_positions") c.max_positions = value.get<int64_t>();
      else if (key == "activation") c.activation = parse_activation(value.get<std::string>());
      else if (key == "tie_embeddings") c.tie_embeddings = value.get<bool>();
      else if (key == "layer_norm_eps") c.layer_norm_eps = value.get<float>();
      else if (key == "norm") c.norm = parse_norm(value.get<std::string>());
      else if (key == "positions") c.positions = parse_positions(value.get<std::string>());
      else {
        fail("unknown key '{}' in the model configuration", key);
      }
    }
  } catch (const nlohmann::json::exception& e) {
    fail("the model configuration has a value of the wrong type: {}", e.what());
  }
  HEED_CHECK(j.contains("vocab_size"), "the model configuration has no vocab_size");
  c.validate();
  return c;
}

ModelConfig preset(const std::string& name, int64_t vocab_size) {
  ModelConfig c;
  c.vocab_size = vocab_size;
  if (name == "tiny") {
    c.d_model = 64, c.heads = 2, c.ffn_dim = 256, c.encoder_layers = 2, c.decoder_layers = 2;
  } else if (name == "small") {
    c.d_model = 256, c.heads = 4, c.ffn_dim = 1024, c.encoder_layers = 6, c.decoder_layers = 6;
  } else if (name == "base") {
    c.d_model = 512, c.heads = 8, c.ffn_dim = 2048, c.encoder_layers = 6, c.decoder_layers = 6;
  } else {
    fail("unknown preset '{}' (tiny, small or base)", name);
  }
  return c;
}

}  // namespace heed::model
