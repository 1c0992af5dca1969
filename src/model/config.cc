#include "heed/model/config.h"

#include <nlohmann/json.hpp>

#include "heed/core/error.h"

namespace heed::model {

const char* to_string(NormPlacement n) { return n == NormPlacement::pre ? "pre" : "post"; }
const char* to_string(Positions p) { return p == Positions::sinusoidal ? "sinusoidal" : "learned"; }
const char* to_string(Activation a) {
  switch (a) {
    case Activation::relu: return "relu";
    case Activation::gelu: return "gelu";
    case Activation::gelu_tanh: return "gelu_tanh";
    case Activation::gelu_sigmoid: return "gelu_sigmoid";
    case Activation::silu: return "silu";
  }
  return "?";
}

bool TokenIds::operator==(const TokenIds& o) const {
  return source_pad == o.source_pad && source_unk == o.source_unk && source_bos == o.source_bos &&
         source_eos == o.source_eos && target_pad == o.target_pad && target_unk == o.target_unk &&
         target_start == o.target_start && target_eos == o.target_eos;
}

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
  return parse_choice("activation", name,
                      {Activation::relu, Activation::gelu, Activation::gelu_tanh, Activation::gelu_sigmoid, Activation::silu});
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
  HEED_CHECK(share_embeddings ? source_vocab_size == 0 : source_vocab_size >= 2,
             "source_vocab_size {} goes with share_embeddings false (and is at least 2)", source_vocab_size);
  auto in = [](int32_t id, int64_t size, bool optional) { return (optional && id == -1) || (id >= 0 && id < size); };
  const int64_t vs = source_vocab(), vt = vocab_size;
  HEED_CHECK(in(ids.source_pad, vs, false) && in(ids.source_unk, vs, false) && in(ids.source_bos, vs, true) &&
                 in(ids.source_eos, vs, true),
             "a source id (pad {}, unk {}, bos {}, eos {}) is outside the source vocabulary of {}", ids.source_pad,
             ids.source_unk, ids.source_bos, ids.source_eos, vs);
  HEED_CHECK(in(ids.target_pad, vt, false) && in(ids.target_unk, vt, false) && in(ids.target_start, vt, false) &&
                 in(ids.target_eos, vt, false),
             "a target id (pad {}, unk {}, start {}, eos {}) is outside the target vocabulary of {}", ids.target_pad,
             ids.target_unk, ids.target_start, ids.target_eos, vt);
}

namespace {

nlohmann::ordered_json ids_to_json(const TokenIds& ids) {
  nlohmann::ordered_json j;
  j["source_pad"] = ids.source_pad;
  j["source_unk"] = ids.source_unk;
  j["source_bos"] = ids.source_bos;
  j["source_eos"] = ids.source_eos;
  j["target_pad"] = ids.target_pad;
  j["target_unk"] = ids.target_unk;
  j["target_start"] = ids.target_start;
  j["target_eos"] = ids.target_eos;
  return j;
}

TokenIds ids_from_json(const nlohmann::json& j) {
  HEED_CHECK(j.is_object(), "the model configuration's ids are not a JSON object");
  TokenIds ids;
  for (const auto& [key, value] : j.items()) {
    int32_t* field = key == "source_pad"     ? &ids.source_pad
                     : key == "source_unk"   ? &ids.source_unk
                     : key == "source_bos"   ? &ids.source_bos
                     : key == "source_eos"   ? &ids.source_eos
                     : key == "target_pad"   ? &ids.target_pad
                     : key == "target_unk"   ? &ids.target_unk
                     : key == "target_start" ? &ids.target_start
                     : key == "target_eos"   ? &ids.target_eos
                                             : nullptr;
    if (field == nullptr) fail("unknown key '{}' in the model configuration's ids", key);
    *field = value.get<int32_t>();
  }
  return ids;
}

// The keys of imported models' variants, each written only when it is not the default (heed's
// own files keep the configuration they always had, which older heeds read).
void variants_to_json(const ModelConfig& c, nlohmann::ordered_json& j) {
  const ModelConfig d;
  if (c.attention_bias != d.attention_bias) j["attention_bias"] = c.attention_bias;
  if (c.output_bias != d.output_bias) j["output_bias"] = c.output_bias;
  if (c.scale_embeddings != d.scale_embeddings) j["scale_embeddings"] = c.scale_embeddings;
  if (c.final_norm != d.final_norm) j["final_norm"] = c.final_norm;
  if (c.share_embeddings != d.share_embeddings) j["share_embeddings"] = c.share_embeddings;
  if (c.source_vocab_size != d.source_vocab_size) j["source_vocab_size"] = c.source_vocab_size;
  if (c.zero_start_embedding != d.zero_start_embedding) j["zero_start_embedding"] = c.zero_start_embedding;
  if (c.stored_vocabularies != d.stored_vocabularies) j["stored_vocabularies"] = c.stored_vocabularies;
  if (c.ids != d.ids) j["ids"] = ids_to_json(c.ids);
}

// One key of an imported model's variant; false when `key` is none of them.
bool variant_from_json(ModelConfig& c, const std::string& key, const nlohmann::json& value) {
  if (key == "attention_bias") c.attention_bias = value.get<bool>();
  else if (key == "output_bias") c.output_bias = value.get<bool>();
  else if (key == "scale_embeddings") c.scale_embeddings = value.get<bool>();
  else if (key == "final_norm") c.final_norm = value.get<bool>();
  else if (key == "share_embeddings") c.share_embeddings = value.get<bool>();
  else if (key == "source_vocab_size") c.source_vocab_size = value.get<int64_t>();
  else if (key == "zero_start_embedding") c.zero_start_embedding = value.get<bool>();
  else if (key == "stored_vocabularies") c.stored_vocabularies = value.get<bool>();
  else if (key == "ids") c.ids = ids_from_json(value);
  else return false;
  return true;
}

}  // namespace

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
  variants_to_json(*this, j);
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
      else if (!variant_from_json(c, key, value)) {
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
