#pragma once
// The model configuration of docs/model-format.md: the "config" metadata of a model file.
#include <cstdint>
#include <string>

#include "heed/ops/activation.h"

namespace heed::model {

enum class NormPlacement { pre, post };
enum class Positions { sinusoidal, learned };
using ops::Activation;

// The ids a model reads and writes besides the pieces of the text. heed's own vocabularies all
// have pad = 0, unk = 1, bos = 2, eos = 3 (text/special_ids.h) and the defaults are those;
// imported models bring theirs (OpenNMT: <blank> <unk> <s> </s>; Marian: </s> = 0, <unk> = 1, and
// </s> starts the decoder). A source bos or eos of -1 is not added to the source.
struct TokenIds {
  int32_t source_pad = 0, source_unk = 1, source_bos = -1, source_eos = 3;
  int32_t target_pad = 0, target_unk = 1, target_start = 2, target_eos = 3;
  bool operator==(const TokenIds& o) const;
  bool operator!=(const TokenIds& o) const { return !(*this == o); }
};

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
  // The variants of imported models (convert/): the defaults are heed's own models, and a key at
  // its default is not written, so that heed's files stay as they were.
  bool attention_bias = false;    // q, k and v projections have biases (out_proj always has one)
  bool output_bias = false;       // the output layer has a bias, out.bias
  bool scale_embeddings = true;   // embeddings are multiplied by √D
  bool final_norm = true;         // a pre-norm stack ends with its final_norm
  bool share_embeddings = true;   // one embed.weight for both sides; false: src_embed.weight too
  int64_t source_vocab_size = 0;  // with share_embeddings false; 0 otherwise (= vocab_size)
  // The decoder's first input is a zero vector (plus position 0), not the start token's embedding
  // (Marian).
  bool zero_start_embedding = false;
  // The ids are indices into the vocabularies stored in the file (vocab.source, vocab.target),
  // not the SentencePiece model's own ids.
  bool stored_vocabularies = false;
  TokenIds ids;

  int64_t head_dim() const { return d_model / heads; }
  int64_t source_vocab() const { return share_embeddings ? vocab_size : source_vocab_size; }
  bool has_final_norm() const { return norm == NormPlacement::pre && final_norm; }
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
